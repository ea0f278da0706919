import { createAsync, revalidate, useSearchParams } from '@solidjs/router'
import Lock from 'lucide-solid/icons/lock'
import { createSignal, Match, onCleanup, onMount, Show, Switch } from 'solid-js'
import type { Billing as BillingData } from '../../../../edge/contract/billing.ts'
import { ApiError, errorMessage } from '../../api/errors.ts'
import { formatDate } from '../../lib/format.ts'
import { translator } from '../../lib/i18n/i18n.ts'
import { isAdminRole, useTenant } from '../../shell/state/TenantContext.tsx'
import { Boundary } from '../../ui/Boundary.tsx'
import { Button } from '../../ui/Button.tsx'
import { EmptyState } from '../../ui/EmptyState.tsx'
import { FormAlert } from '../../ui/FormAlert.tsx'
import { usePageTitle } from '../../ui/Page.tsx'
import { PageSkeleton } from '../../ui/Skeleton.tsx'
import { Spinner } from '../../ui/Spinner.tsx'
import { billingPortal, fetchBilling, planCheckout } from './api.ts'
import { getBilling } from './Billing.data.ts'
import { messages } from './billing/messages.ts'
import { PlanCards, planName } from './billing/PlanCards.tsx'
import { pollUntil } from './billing/poll.ts'
import { UsageMeters } from './billing/UsageMeters.tsx'
import { hasPaidPlan } from './billing/usage.ts'
import { checkoutReturn } from './return.ts'

const t = translator(messages)

const STATUS_TONES = {
  active: 'bg-success-soft text-success',
  past_due: 'bg-danger-soft text-danger',
  cancelled: 'bg-subtle text-muted',
} as const

/**
 * /t/:slug/billing — the school's plan for its owners and admins: status and period, use against
 * the limits, the plans to buy (Stripe Checkout) and "Manage billing" (Stripe's portal);
 * `?checkout=done|cancelled` when the checkout sends them back.
 */
export default function Billing() {
  const tenant = useTenant()
  usePageTitle(() => t('docTitle', { school: tenant().name }))
  return (
    <div class="max-w-5xl">
      <h1 class="text-2xl font-bold tracking-tight">{t('title')}</h1>
      <p class="mt-1 mb-6 text-sm text-muted">{t('intro', { school: tenant().name })}</p>
      <Show
        when={isAdminRole(tenant().role)}
        fallback={
          <EmptyState icon={<Lock size={28} />} title={t('forbidden')}>
            {t('forbiddenText', { school: tenant().name })}
          </EmptyState>
        }
      >
        <Boundary keys={getBilling.keyFor(tenant().id)} fallback={<PageSkeleton rows={3} />}>
          <Loaded tenantId={tenant().id} />
        </Boundary>
      </Show>
    </div>
  )
}

type Confirmation = 'confirming' | 'confirmed' | 'slow' | 'cancelled'

/** The kind words for a refused checkout or portal; undefined for anything else. */
function refusal(error: unknown): string | undefined {
  if (!(error instanceof ApiError)) return undefined
  if (error.code === 'already_exists' || error.status === 409) return t('alreadySubscribed')
  if (error.code === 'payments_unavailable' || error.status === 503) return t('unavailable')
  return undefined
}

function Loaded(props: { tenantId: string }) {
  const tenant = useTenant()
  const [search, setSearch] = useSearchParams()
  const billing = createAsync(() => getBilling(props.tenantId))
  const back = checkoutReturn(search)
  const [confirmation, setConfirmation] = createSignal<Confirmation | undefined>(
    back === 'done' ? 'confirming' : back,
  )
  const [going, setGoing] = createSignal<string>()
  const [actionError, setActionError] = createSignal<string>()

  // Back from a paid checkout: the plan changes when Stripe's webhook arrives, seconds later.
  onMount(() => {
    if (back === 'cancelled') setSearch({ checkout: undefined }, { replace: true })
    if (back !== 'done') return
    const stop = pollUntil({
      load: () => fetchBilling(props.tenantId),
      done: hasPaidPlan,
      onDone: async () => {
        await revalidate(getBilling.keyFor(props.tenantId))
        setConfirmation('confirmed')
        setSearch({ checkout: undefined }, { replace: true })
      },
      onTimeout: () => setConfirmation('slow'),
    })
    onCleanup(stop)
  })

  async function go(which: string, open: () => Promise<{ url: string }>) {
    setGoing(which)
    setActionError()
    try {
      const { url } = await open()
      window.location.assign(url)
      return // the page goes away; the button stays busy until it does
    } catch (error) {
      setActionError(refusal(error) ?? errorMessage(error))
    }
    setGoing()
  }
  const openPortal = () => void go('portal', () => billingPortal(props.tenantId))

  return (
    <Show when={billing()}>
      {(b) => {
        const name = () => planName(b().plan, b().plans.find((p) => p.id === b().plan)?.name)
        return (
          <div class="space-y-8">
            <Switch>
              <Match when={confirmation() === 'confirming'}>
                <FormAlert tone="info" title={t('confirming')}>
                  <p class="inline-flex items-center gap-2">
                    <Spinner class="text-primary" />
                    {t('confirmingText')}
                  </p>
                </FormAlert>
              </Match>
              <Match when={confirmation() === 'confirmed'}>
                <FormAlert tone="success">
                  <p>{t('confirmed', { school: tenant().name, plan: name() })}</p>
                </FormAlert>
              </Match>
              <Match when={confirmation() === 'slow'}>
                <FormAlert tone="warn">
                  <p>{t('slow')}</p>
                </FormAlert>
              </Match>
              <Match when={confirmation() === 'cancelled'}>
                <FormAlert tone="info">
                  <p>{t('checkoutCancelled')}</p>
                </FormAlert>
              </Match>
            </Switch>
            <Show when={b().status === 'past_due'}>
              <FormAlert tone="warn">
                <p>{t('pastDue', { plan: name() })}</p>
                <Show when={b().portal}>
                  <Button class="mt-2" pending={going() === 'portal'} onClick={openPortal}>
                    {t('updateCard')}
                  </Button>
                </Show>
              </FormAlert>
            </Show>
            <Show when={actionError()}>
              {(error) => (
                <FormAlert>
                  <p>{error()}</p>
                </FormAlert>
              )}
            </Show>
            <CurrentPlan billing={b()} name={name()} going={going() === 'portal'} onPortal={openPortal} />
            <UsageMeters billing={b()} planName={name()} />
            <Show when={!b().cards}>
              <FormAlert tone="info">
                <p>{t('noCards')}</p>
              </FormAlert>
            </Show>
            <PlanCards
              billing={b()}
              going={going()}
              onChoose={(plan) => void go(plan, () => planCheckout(props.tenantId, plan))}
            />
          </div>
        )
      }}
    </Show>
  )
}

function CurrentPlan(props: { billing: BillingData; name: string; going: boolean; onPortal: () => void }) {
  const status = () => props.billing.status as keyof typeof STATUS_TONES
  return (
    <section aria-labelledby="billing-current" class="card flex flex-col gap-4 p-5 sm:flex-row sm:p-6">
      <div class="min-w-0 flex-1">
        <h2 id="billing-current" class="text-sm font-medium text-muted">
          {t('current')}
        </h2>
        <p class="mt-1 flex flex-wrap items-center gap-2 text-2xl font-bold">
          {props.name}
          <Show when={status() in STATUS_TONES}>
            <span class={`badge text-xs font-medium ${STATUS_TONES[status()]}`}>
              {t(`status.${status()}`)}
            </span>
          </Show>
        </p>
        <Switch>
          <Match when={props.billing.current_period_end}>
            {(end) => <p class="mt-2 text-sm text-muted">{t('periodEnd', { date: formatDate(end()) })}</p>}
          </Match>
          <Match when={props.billing.plan === 'free'}>
            <p class="mt-2 text-sm text-muted">{t('freeText')}</p>
          </Match>
        </Switch>
      </div>
      <Show when={props.billing.portal}>
        <div class="sm:max-w-xs sm:text-right">
          <Button variant="secondary" pending={props.going} onClick={props.onPortal}>
            {t('manage')}
          </Button>
          <p class="mt-2 text-xs text-muted">{t('manageText')}</p>
        </div>
      </Show>
    </section>
  )
}

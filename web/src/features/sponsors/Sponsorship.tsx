import { A, createAsync, useParams, useSearchParams } from '@solidjs/router'
import ArrowLeft from 'lucide-solid/icons/arrow-left'
import { createSignal, For, type JSX, Match, onMount, Show, Switch } from 'solid-js'
import type { Payment } from '../../../../edge/contract/payments.ts'
import type { SponsorshipDetail } from '../../../../edge/contract/sponsorships.ts'
import { ApiError, errorMessage } from '../../api/errors.ts'
import { formatDate } from '../../lib/format.ts'
import { translator } from '../../lib/i18n/i18n.ts'
import { useApp } from '../../shell/state/AppContext.tsx'
import { isAdminRole, useTenant } from '../../shell/state/TenantContext.tsx'
import { Boundary } from '../../ui/Boundary.tsx'
import { FormAlert } from '../../ui/FormAlert.tsx'
import { usePageTitle } from '../../ui/Page.tsx'
import { Skeleton } from '../../ui/Skeleton.tsx'
import { Spinner } from '../../ui/Spinner.tsx'
import { formatMinor } from '../payments/money.ts'
import { payReturn } from '../payments/return.ts'
import { cancelPayment, fetchPayment } from './api.ts'
import { PayPanel } from './components/PayPanel.tsx'
import { ProgressPanel } from './components/ProgressPanel.tsx'
import { StatusBadge } from './components/StatusBadge.tsx'
import { messages } from './messages.ts'
import { getSponsorship } from './Sponsorship.data.ts'

const t = translator(messages)

/**
 * /t/:slug/sponsorships/:id — one sponsorship: what it pays for, Pay (its sponsor, while it waits
 * for payment; `?payment=<id>` and `&cancelled=1` when Stripe's page sends them back), the
 * students' progress in numbers, and (admins) who is sponsored.
 */
export default function Sponsorship() {
  const params = useParams()
  const tenant = useTenant()
  const id = () => params.id ?? ''
  return (
    <div class="max-w-4xl space-y-6">
      <A href={`/t/${tenant().slug}/sponsorships`} class="link inline-flex items-center gap-1 text-sm">
        <ArrowLeft size={14} aria-hidden="true" />
        {t('detail.back')}
      </A>
      <Boundary keys={getSponsorship.keyFor(id())} fallback={<Skeleton class="h-72 w-full rounded-xl" />}>
        <Loaded id={id()} />
      </Boundary>
    </div>
  )
}

function Loaded(props: { id: string }) {
  const s = createAsync(() => getSponsorship(props.id))
  usePageTitle(() => {
    const name = s()?.organisation
    return name ? t('detail.docTitle', { organisation: name }) : undefined
  })
  return <Show when={s()}>{(x) => <Detail sponsorship={x()} />}</Show>
}

function Detail(props: { sponsorship: SponsorshipDetail }) {
  const tenant = useTenant()
  const { session } = useApp()
  const [search, setSearch] = useSearchParams()
  const s = () => props.sponsorship
  const admin = () => isAdminRole(tenant().role)
  const sponsor = () => s().sponsor_id !== null && s().sponsor_id === session.userId()
  const amount = () =>
    s().currency && s().amount_minor !== null ? formatMinor(s().amount_minor ?? 0, s().currency ?? '') : ''

  // Back from the card checkout: the payment is read (or cancelled) before Pay is shown again.
  const back = payReturn(search)
  const [returning, setReturning] = createSignal(!!back)
  const [returnError, setReturnError] = createSignal<string>()
  const [returned, setReturned] = createSignal<{ payment: Payment; cancelled: boolean }>()
  const forget = () => setSearch({ payment: undefined, cancelled: undefined }, { replace: true })
  // Pay stays on the page once shown, so its outcome ("Payment received") outlives the status change.
  const payable = s().status === 'pending' || !!back

  onMount(() => {
    if (back) void resume(back.paymentId, back.cancelled)
  })

  async function resume(paymentId: string, cancelled: boolean) {
    try {
      const found = cancelled
        ? await cancelPayment(paymentId).catch((error: unknown) => {
            if (error instanceof ApiError && (error.status === 409 || error.status === 422))
              return fetchPayment(paymentId)
            throw error
          })
        : await fetchPayment(paymentId)
      if (found.id === s().payment_id || found.course_id === s().course_id)
        setReturned({ payment: found, cancelled })
      else forget()
    } catch (error) {
      setReturnError(errorMessage(error))
    } finally {
      setReturning(false)
    }
  }

  return (
    <>
      <section class="card p-5 sm:p-6">
        <div class="flex flex-wrap items-center gap-3">
          <h1 class="text-xl font-bold tracking-tight sm:text-2xl">{s().organisation}</h1>
          <StatusBadge status={s().status} />
        </div>
        <dl class="mt-4 grid gap-x-6 gap-y-3 text-sm sm:grid-cols-3">
          <Fact label={t('detail.course')}>{s().course_title ?? t('card.courseRemoved')}</Fact>
          <Fact label={t('detail.seats')}>{String(s().seats)}</Fact>
          <Fact label={t('detail.amount')}>{amount()}</Fact>
          <Show when={admin() && s().sponsor_name}>
            <Fact label={t('detail.sponsor')}>{s().sponsor_name ?? ''}</Fact>
          </Show>
          <Fact label={t('detail.created')}>{formatDate(s().created_at)}</Fact>
          <Show when={s().payment_status}>
            {(status) => <Fact label={t('detail.status')}>{t(`paymentStatus.${status()}`)}</Fact>}
          </Show>
        </dl>
      </section>

      <Switch>
        <Match when={returning()}>
          <p role="status" class="inline-flex items-center gap-2 text-sm text-muted">
            <Spinner class="text-primary" />
            {t('pay.returning')}
          </p>
        </Match>
        <Match when={returnError()}>
          <FormAlert>
            <p>{returnError()}</p>
            <p>{t('pay.returnFailed')}</p>
          </FormAlert>
        </Match>
        <Match when={sponsor() && payable}>
          <PayPanel
            sponsorship={s()}
            amount={amount()}
            payment={returned()?.payment}
            cancelled={returned()?.cancelled}
            onRetry={() => {
              setReturned()
              if (back) forget()
            }}
          />
        </Match>
        <Match when={admin() && s().status === 'pending'}>
          <FormAlert tone="info">
            {t('pay.adminText', { name: s().sponsor_name ?? s().organisation })}
          </FormAlert>
        </Match>
      </Switch>

      <ProgressPanel sponsorshipId={s().id} />

      <Show when={s().students}>
        {(students) => (
          <section aria-labelledby="students-heading" class="card p-5 sm:p-6">
            <h2 id="students-heading" class="text-lg font-semibold">
              {t('detail.students')}
            </h2>
            <p class="mt-1 text-sm text-muted">{t('detail.studentsHint')}</p>
            <ul class="mt-4 divide-y divide-line">
              <For each={students()}>
                {(st) => (
                  <li class="flex items-center justify-between gap-3 py-2 text-sm">
                    <span>{st.name}</span>
                    <span class={st.enrolled ? 'text-success' : 'text-muted'}>
                      {st.enrolled ? t('detail.enrolled') : t('detail.notEnrolled')}
                    </span>
                  </li>
                )}
              </For>
            </ul>
            <Show when={s().status === 'active'}>
              <p class="mt-4 text-sm text-muted">
                {t('detail.refundHint')}{' '}
                <A href={`/t/${tenant().slug}/payments`} class="link">
                  {t('detail.payments')}
                </A>
              </p>
            </Show>
          </section>
        )}
      </Show>
    </>
  )
}

function Fact(props: { label: string; children: JSX.Element }) {
  return (
    <div>
      <dt class="text-muted">{props.label}</dt>
      <dd class="font-medium">{props.children}</dd>
    </div>
  )
}

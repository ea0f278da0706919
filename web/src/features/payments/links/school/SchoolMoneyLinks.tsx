import { A } from '@solidjs/router'
import Banknote from 'lucide-solid/icons/banknote'
import CreditCard from 'lucide-solid/icons/credit-card'
import Receipt from 'lucide-solid/icons/receipt'
import { createSignal, For, type JSX, onMount, Show } from 'solid-js'
import type { Billing } from '../../../../../../edge/contract/billing.ts'
import { errorMessage } from '../../../../api/errors.ts'
import { translator } from '../../../../lib/i18n/i18n.ts'
import { api } from '../../../../lib/runtime.ts'
import { useTenant } from '../../../../shell/state/TenantContext.tsx'
import { Button } from '../../../../ui/Button.tsx'
import { FormAlert } from '../../../../ui/FormAlert.tsx'
import { messages } from './messages.ts'

// The admin home's ways into the school's money: billing, payments, payouts, and a banner when the
// plan's last payment failed. Only this file and its catalogue load with the home; the pages load
// when opened.

const t = translator(messages)

const LINKS = [
  { path: 'billing', title: 'billing', text: 'billingText', icon: CreditCard },
  { path: 'payments', title: 'payments', text: 'paymentsText', icon: Receipt },
  { path: 'payouts', title: 'payouts', text: 'payoutsText', icon: Banknote },
] as const

/** "Money": Plan and billing, School payments, Payouts (owners and admins). */
export function SchoolMoneyLinks(props: { children?: JSX.Element }) {
  const tenant = useTenant()
  return (
    <section aria-labelledby="home-money">
      <h2 id="home-money" class="mb-4 text-lg font-semibold">
        {t('title')}
      </h2>
      <ul class="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <For each={LINKS}>
          {(link) => (
            <li class="card">
              <A
                href={`/t/${tenant().slug}/${link.path}`}
                class="block h-full rounded-xl p-4 hover:bg-subtle/60"
              >
                <span class="flex items-center gap-2 font-semibold">
                  <link.icon size={18} aria-hidden="true" class="text-primary" />
                  {t(link.title)}
                </span>
                <span class="mt-1 block text-sm text-muted">{t(link.text)}</span>
              </A>
            </li>
          )}
        </For>
        {props.children}
      </ul>
    </section>
  )
}

/**
 * "Your last payment failed. Update your card to keep Standard." with the way to Stripe's portal,
 * when the school's subscription is past due. Not a resource: the home never waits for (or fails
 * with) the billing answer, and shows nothing without it.
 */
export function PastDueBanner() {
  const tenant = useTenant()
  const [billing, setBilling] = createSignal<Billing>()
  const [pending, setPending] = createSignal(false)
  const [error, setError] = createSignal<string>()
  onMount(() => {
    api()
      .get('/tenants/:tenantId/billing', { params: { tenantId: tenant().id } })
      .then(setBilling, () => {})
  })

  async function updateCard() {
    setPending(true)
    setError()
    try {
      const { url } = await api().post(
        '/tenants/:tenantId/billing/portal',
        {},
        { params: { tenantId: tenant().id } },
      )
      window.location.assign(url)
      return
    } catch (e) {
      setError(errorMessage(e))
    }
    setPending(false)
  }

  return (
    <Show when={billing()?.status === 'past_due' ? billing() : undefined}>
      {(b) => (
        <FormAlert tone="warn">
          <p>{t('pastDue', { plan: b().plans.find((p) => p.id === b().plan)?.name ?? b().plan })}</p>
          <Show when={error()}>
            <p>{error()}</p>
          </Show>
          <div class="mt-2 flex flex-wrap gap-2">
            <Show when={b().portal}>
              <Button pending={pending()} onClick={() => void updateCard()}>
                {t('updateCard')}
              </Button>
            </Show>
            <A href={`/t/${tenant().slug}/billing`} class="btn-secondary no-underline!">
              {t('openBilling')}
            </A>
          </div>
        </FormAlert>
      )}
    </Show>
  )
}

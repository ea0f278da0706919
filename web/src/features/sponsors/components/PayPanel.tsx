import { revalidate } from '@solidjs/router'
import CreditCard from 'lucide-solid/icons/credit-card'
import Smartphone from 'lucide-solid/icons/smartphone'
import { createSignal, Match, onCleanup, Show, Switch } from 'solid-js'
import type { Payment } from '../../../../../edge/contract/payments.ts'
import type { SponsorshipDetail } from '../../../../../edge/contract/sponsorships.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { useTenant } from '../../../shell/state/TenantContext.tsx'
import { Button } from '../../../ui/Button.tsx'
import { FormAlert } from '../../../ui/FormAlert.tsx'
import { Spinner } from '../../../ui/Spinner.tsx'
import { PayMethods } from '../../payments/components/PayMethods.tsx'
import { followPayment } from '../../payments/follow.ts'
import {
  checkoutSponsorship,
  fetchPayment,
  getSponsorship,
  getSponsorshipProgress,
  getSponsorships,
} from '../api.ts'
import { messages } from '../messages.ts'

const t = translator(messages)

/**
 * The sponsor pays for a pending sponsorship: M-Pesa (phone → "Check your phone", followed) or a
 * card (→ Stripe's page; back here with ?payment=). `payment`: one already started (back from the
 * card page); `cancelled`: the sponsor left the card page.
 */
export function PayPanel(props: {
  sponsorship: SponsorshipDetail
  amount: string
  payment?: Payment
  cancelled?: boolean
  onRetry?: () => void
}) {
  const [payment, setPayment] = createSignal<Payment | undefined>(props.payment)
  const [cancelled, setCancelled] = createSignal(!!props.cancelled)
  const retry = () => {
    setPayment()
    setCancelled(false)
    props.onRetry?.()
  }
  return (
    <section aria-labelledby="pay-heading" class="card p-5 sm:p-6">
      <h2 id="pay-heading" class="text-lg font-semibold">
        {t('pay.title')}
      </h2>
      <p class="mt-1 text-muted">
        {t('pay.text', {
          amount: props.amount,
          seats: props.sponsorship.seats,
          course: props.sponsorship.course_title ?? '',
        })}
      </p>
      <div class="mt-5">
        <Switch>
          <Match
            when={
              cancelled() &&
              (!payment() || payment()?.status === 'pending' || payment()?.status === 'cancelled')
            }
          >
            <div class="space-y-4">
              <FormAlert tone="info">{t('pay.cancelled')}</FormAlert>
              <Button onClick={retry}>{t('pay.tryAgain')}</Button>
            </div>
          </Match>
          <Match when={payment()}>
            {(p) => <Following payment={p()} amount={props.amount} onUpdate={setPayment} onRetry={retry} />}
          </Match>
          <Match when={props.sponsorship.methods.length === 0}>
            <FormAlert tone="info">{t('pay.noMethods')}</FormAlert>
          </Match>
          <Match when={true}>
            <Methods sponsorship={props.sponsorship} onStarted={setPayment} />
          </Match>
        </Switch>
      </div>
    </section>
  )
}

function Methods(props: { sponsorship: SponsorshipDetail; onStarted: (p: Payment) => void }) {
  return (
    <PayMethods
      methods={props.sponsorship.methods}
      start={(body) => checkoutSponsorship(props.sponsorship.id, body)}
      onStarted={props.onStarted}
      level={3}
    />
  )
}

/** A started payment, followed until it is no longer pending (payments/follow.ts), then its outcome. */
function Following(props: {
  payment: Payment
  amount: string
  onUpdate: (p: Payment) => void
  onRetry: () => void
}) {
  const tenant = useTenant()
  const [paused, setPaused] = createSignal(false)
  const [askFailed, setAskFailed] = createSignal(false)
  const status = () => props.payment.status
  const byCard = () => props.payment.provider !== 'mpesa'

  // Paid: the sponsorship is active now, its students enrolled.
  const settled = (p: Payment) => {
    if (p.status === 'succeeded')
      void revalidate([getSponsorship.key, getSponsorshipProgress.key, getSponsorships.key])
  }
  if (props.payment.status === 'pending') {
    const stop = followPayment({
      load: () => fetchPayment(props.payment.id),
      onPayment: (p) => {
        setAskFailed(false)
        props.onUpdate(p)
        settled(p)
      },
      onError: () => setAskFailed(true),
      onPaused: setPaused,
    })
    onCleanup(stop)
  }

  return (
    <Switch>
      <Match when={status() === 'pending'}>
        <div class="space-y-3 text-center" role="status">
          <Show
            when={byCard()}
            fallback={<Smartphone size={40} aria-hidden="true" class="mx-auto text-primary" />}
          >
            <CreditCard size={40} aria-hidden="true" class="mx-auto text-primary" />
          </Show>
          <p class="text-lg font-semibold">{byCard() ? t('pay.cardConfirming') : t('pay.checkTitle')}</p>
          <Show when={!byCard()}>
            <p class="text-muted">{t('pay.checkText', { amount: props.amount, school: tenant().name })}</p>
          </Show>
          <p class="inline-flex items-center gap-2 text-sm text-muted">
            <Show when={!paused()} fallback={t('pay.paused')}>
              <Spinner class="text-primary" />
              {askFailed() ? t('pay.followFailed') : t('pay.waiting')}
            </Show>
          </p>
        </div>
      </Match>
      <Match when={status() === 'succeeded'}>
        <FormAlert tone="success">{t('pay.success')}</FormAlert>
      </Match>
      <Match when={true}>
        <div class="space-y-4">
          <FormAlert tone="warn">
            <Show when={props.payment.failure_reason}>
              <p>{props.payment.failure_reason}</p>
            </Show>
            <p>{t('pay.failed')}</p>
          </FormAlert>
          <Button onClick={props.onRetry}>{t('pay.tryAgain')}</Button>
        </div>
      </Match>
    </Switch>
  )
}

import { A, revalidate } from '@solidjs/router'
import CircleCheck from 'lucide-solid/icons/circle-check'
import CreditCard from 'lucide-solid/icons/credit-card'
import Smartphone from 'lucide-solid/icons/smartphone'
import { createSignal, Match, onCleanup, Show, Switch } from 'solid-js'
import type { Payment } from '../../../../../edge/contract/payments.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { useTenant } from '../../../shell/state/TenantContext.tsx'
import { Button } from '../../../ui/Button.tsx'
import { FormAlert } from '../../../ui/FormAlert.tsx'
import { Spinner } from '../../../ui/Spinner.tsx'
import { fetchPayment } from '../api.ts'
import { followPayment } from '../follow.ts'
import { messages } from '../messages.ts'
import { getCourse, getCoursePrice } from '../Pay.data.ts'

const t = translator(messages)

/**
 * After "Pay with M-Pesa" (check your phone) or back from the card checkout (confirming), then the
 * outcome. `cancelledByPayer`: they left the card checkout, so a payment still pending is as good
 * as cancelled (the provider's word follows in seconds).
 */
export function Following(props: {
  payment: Payment
  amount: string
  courseHref: string
  courseTitle: string
  cancelledByPayer?: boolean
  onUpdate: (payment: Payment) => void
  onRetry: () => void
}) {
  const tenant = useTenant()
  const [paused, setPaused] = createSignal(false)
  const [askFailed, setAskFailed] = createSignal(false)
  let heading: HTMLHeadingElement | undefined
  const id = props.payment.id
  const status = () => props.payment.status
  const byCard = () => props.payment.provider !== 'mpesa'
  // Parents pay for a linked child: the course is the child's, not theirs.
  const forChild = () => tenant().role === 'parent'
  const child = () => props.payment.beneficiary_name
  const payerCancelled = () => props.cancelledByPayer && (status() === 'pending' || status() === 'cancelled')

  if (props.payment.status === 'pending') {
    const stop = followPayment({
      load: () => fetchPayment(id),
      onPayment: (p) => {
        setAskFailed(false)
        props.onUpdate(p)
        if (p.status !== 'pending') {
          if (p.status === 'succeeded')
            void revalidate([getCourse.keyFor(p.course_id ?? ''), getCoursePrice.keyFor(p.course_id ?? '')])
          queueMicrotask(() => heading?.focus())
        }
      },
      onError: () => setAskFailed(true),
      onPaused: setPaused,
    })
    onCleanup(stop)
  }

  return (
    <div>
      <Switch>
        <Match when={payerCancelled()}>
          <div class="space-y-4">
            <h2 ref={heading} tabindex="-1" class="text-lg font-semibold outline-none">
              {t('pay.cardCancelledTitle')}
            </h2>
            <FormAlert tone="info">{t('pay.cardCancelled')}</FormAlert>
            <Button onClick={props.onRetry}>{t('pay.tryAgain')}</Button>
          </div>
        </Match>
        <Match when={status() === 'pending' && byCard()}>
          <div class="space-y-4 text-center" role="status">
            <CreditCard size={40} aria-hidden="true" class="mx-auto text-primary" />
            <h2 class="text-lg font-semibold">{t('pay.cardConfirming')}</h2>
            <p class="inline-flex items-center gap-2 text-sm text-muted">
              <Show when={!paused()} fallback={t('pay.paused')}>
                <Spinner class="text-primary" />
                {askFailed() ? t('pay.followFailed') : t('pay.cardConfirmingText')}
              </Show>
            </p>
          </div>
        </Match>
        <Match when={status() === 'pending'}>
          <div class="space-y-4 text-center" role="status">
            <Smartphone size={40} aria-hidden="true" class="mx-auto text-primary" />
            <h2 class="text-lg font-semibold">{t('pay.checkTitle')}</h2>
            <p class="text-muted">{t('pay.checkText', { price: props.amount, school: tenant().name })}</p>
            <p class="inline-flex items-center gap-2 text-sm text-muted">
              <Show when={!paused()} fallback={t('pay.paused')}>
                <Spinner class="text-primary" />
                {askFailed() ? t('pay.followFailed') : t('pay.waiting')}
              </Show>
            </p>
            <p class="text-xs text-muted">{t('pay.noPrompt')}</p>
          </div>
        </Match>
        <Match when={status() === 'succeeded'}>
          <div class="space-y-4 text-center">
            <CircleCheck size={40} aria-hidden="true" class="mx-auto text-success" />
            <h2 ref={heading} tabindex="-1" class="text-lg font-semibold outline-none">
              {forChild() ? t('pay.successTitleFor', { name: child() }) : t('pay.successTitle')}
            </h2>
            <p class="text-muted">
              {forChild()
                ? t('pay.successTextFor', { title: props.courseTitle, name: child() })
                : t('pay.successText', { title: props.courseTitle })}
            </p>
            <A href={props.courseHref} class="btn-primary">
              {t('pay.openCourse')}
            </A>
            <p class="text-xs text-muted">
              <A href={`/t/${tenant().slug}/purchases`} class="link">
                {t('pay.receipts')}
              </A>
            </p>
          </div>
        </Match>
        <Match when={status() === 'failed' || status() === 'cancelled'}>
          <div class="space-y-4">
            <h2 ref={heading} tabindex="-1" class="text-lg font-semibold outline-none">
              {status() === 'cancelled' ? t('pay.cancelledTitle') : t('pay.failedTitle')}
            </h2>
            <FormAlert tone="warn">
              <Show when={props.payment.failure_reason} fallback={t('pay.failedText')}>
                <p>{props.payment.failure_reason}</p>
                <p>{t('pay.failedText')}</p>
              </Show>
            </FormAlert>
            <Button onClick={props.onRetry}>{t('pay.tryAgain')}</Button>
          </div>
        </Match>
        <Match when={true}>
          <div class="space-y-4">
            <h2 ref={heading} tabindex="-1" class="text-lg font-semibold outline-none">
              {t('pay.refundedTitle')}
            </h2>
            <A href={`/t/${tenant().slug}/purchases`} class="btn-secondary">
              {t('pay.receipts')}
            </A>
          </div>
        </Match>
      </Switch>
    </div>
  )
}

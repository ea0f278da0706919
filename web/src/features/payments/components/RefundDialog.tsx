import { createEffect, createSignal, on } from 'solid-js'
import type { RefundAnswer, RefundBody } from '../../../../../edge/contract/billing.ts'
import type { Payment } from '../../../../../edge/contract/payments.ts'
import { ApiError } from '../../../api/errors.ts'
import { formatDate } from '../../../lib/format.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { TextAreaField, TextField } from '../../../ui/Field.tsx'
import { FormDialog } from '../../../ui/FormDialog.tsx'
import { createForm } from '../../../ui/form.ts'
import { refundPayment } from '../api.ts'
import { messages } from '../messages.ts'
import { formatMinor } from '../money.ts'
import { checkRefund, refundDefault, refundLeft } from '../refund.ts'

const t = translator(messages)

const AMOUNT_PROBLEMS = { invalid: 'refund.amountInvalid', too_much: 'refund.amountTooMuch' } as const
const REASON_PROBLEMS = { short: 'refund.reasonShort', long: 'refund.reasonLong' } as const

/**
 * "Refund": all that is left of the payment filled in (lowered for a partial refund) and a reason;
 * the refused cases (nothing left, more than left, provider not set up) said in the dialog.
 */
export function RefundDialog(props: {
  payment: Payment | undefined
  onClose: () => void
  /** The refund went through (card) or was asked for (M-Pesa); `amountMinor` is what was asked. */
  onDone: (answer: RefundAnswer, amountMinor: number) => void
}) {
  const [amount, setAmount] = createSignal('')
  const [reason, setReason] = createSignal('')
  const p = () => props.payment
  const left = () => {
    const x = p()
    return x ? formatMinor(refundLeft(x), x.currency) : ''
  }

  // Each payment opened starts from all that is left and no reason.
  createEffect(
    on(p, (x) => {
      if (!x) return
      setAmount(refundDefault(x))
      setReason('')
    }),
  )

  const form = createForm<RefundBody>({
    fields: ['amount_minor', 'reason'],
    validate: () => {
      const x = p()
      if (!x) return { ok: false, errors: {} }
      const checked = checkRefund(x, amount(), reason())
      if (checked.ok) return checked
      const errors: Record<string, string> = {}
      if (checked.errors.amount_minor)
        errors.amount_minor = t(AMOUNT_PROBLEMS[checked.errors.amount_minor], { left: left() })
      if (checked.errors.reason) errors.reason = t(REASON_PROBLEMS[checked.errors.reason])
      return { ok: false, errors }
    },
    submit: async (body) => {
      const x = p()
      if (!x) return false
      try {
        props.onDone(await refundPayment(x.id, body), body.amount_minor ?? refundLeft(x))
      } catch (error) {
        if (!(error instanceof ApiError)) throw error
        if (error.status === 409) form.setFormError(t('refund.nothingLeft'))
        else if (error.status === 422)
          form.setErrors({ amount_minor: t('refund.amountTooMuch', { left: left() }) })
        else if (error.status === 503)
          form.setFormError(t('refund.unavailable', { provider: t(`provider.${x.provider}`) }))
        else throw error
        return false
      }
    },
  })

  return (
    <FormDialog
      open={!!p()}
      onOpenChange={(open) => !open && props.onClose()}
      title={t('refund.title', { name: p()?.beneficiary_name ?? '' })}
      description={
        <>
          <p>
            {t('refund.description', {
              course: p()?.course_title ?? t('purchases.unknownCourse'),
              amount: p() ? formatMinor(p()?.amount_minor ?? 0, p()?.currency ?? '') : '',
              date: formatDate(p()?.succeeded_at ?? p()?.created_at),
              left: left(),
            })}
          </p>
          {p()?.provider === 'mpesa' && <p class="mt-1">{t('refund.mpesaNote')}</p>}
        </>
      }
      submitLabel={t('refund.submit')}
      form={form}
    >
      <TextField
        label={t('refund.amount', { currency: p()?.currency ?? '' })}
        name="amount"
        value={amount()}
        onValue={setAmount}
        error={form.errors().amount_minor}
        description={t('refund.amountHint')}
        inputmode="decimal"
        autocomplete="off"
        required
      />
      <TextAreaField
        label={t('refund.reason')}
        name="reason"
        value={reason()}
        onValue={setReason}
        error={form.errors().reason}
        description={t('refund.reasonHint')}
        maxLength={500}
        required
      />
    </FormDialog>
  )
}

import { createEffect, createSignal, on } from 'solid-js'
import type { Payout } from '../../../../../edge/contract/billing.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { TextAreaField, TextField } from '../../../ui/Field.tsx'
import { FormDialog } from '../../../ui/FormDialog.tsx'
import { createForm } from '../../../ui/form.ts'
import { markPayoutPaid, rejectPayout } from '../api.ts'
import { messages } from './messages.ts'
import { payoutAmount, payoutTo } from './PayoutTable.tsx'

const t = translator(messages)

/** The checks of RejectPayoutBody's reason (3 to 500 characters, trimmed). */
function reasonProblem(text: string): string | undefined {
  const n = text.trim().length
  return n < 3 ? t('reason.short') : n > 500 ? t('reason.long') : undefined
}

/** The checks of PayoutPaidBody's reference (3 to 100 characters, trimmed). */
function referenceProblem(text: string): string | undefined {
  const n = text.trim().length
  return n < 3 ? t('paid.short') : n > 100 ? t('paid.long') : undefined
}

/** "Reject" with a reason the instructor will read; the money stays in their wallet. */
export function RejectPayoutDialog(props: {
  payout: Payout | undefined
  onClose: () => void
  onDone: (payout: Payout) => void
}) {
  const [reason, setReason] = createSignal('')
  createEffect(
    on(
      () => props.payout,
      () => setReason(''),
    ),
  )
  const form = createForm<string>({
    fields: ['reason'],
    validate: () => {
      const problem = reasonProblem(reason())
      return problem ? { ok: false, errors: { reason: problem } } : { ok: true, data: reason().trim() }
    },
    submit: async (text) => {
      const p = props.payout
      if (!p) return false
      props.onDone(await rejectPayout(p.id, text))
    },
  })
  return (
    <FormDialog
      open={!!props.payout}
      onOpenChange={(open) => !open && props.onClose()}
      title={t('reject.title', { name: props.payout?.instructor_name ?? '' })}
      description={t('reject.description', { amount: props.payout ? payoutAmount(props.payout) : '' })}
      submitLabel={t('reject.submit')}
      form={form}
    >
      <TextAreaField
        label={t('reject.reason')}
        name="reason"
        value={reason()}
        onValue={setReason}
        error={form.errors().reason}
        maxLength={500}
        required
      />
    </FormDialog>
  )
}

/** "Mark as paid" for a bank payout the school has made: the bank's reference. */
export function MarkPaidDialog(props: {
  payout: Payout | undefined
  onClose: () => void
  onDone: (payout: Payout) => void
}) {
  const [reference, setReference] = createSignal('')
  createEffect(
    on(
      () => props.payout,
      () => setReference(''),
    ),
  )
  const form = createForm<string>({
    fields: ['reference'],
    validate: () => {
      const problem = referenceProblem(reference())
      return problem ? { ok: false, errors: { reference: problem } } : { ok: true, data: reference().trim() }
    },
    submit: async (text) => {
      const p = props.payout
      if (!p) return false
      props.onDone(await markPayoutPaid(p.id, text))
    },
  })
  return (
    <FormDialog
      open={!!props.payout}
      onOpenChange={(open) => !open && props.onClose()}
      title={t('paid.title')}
      description={
        props.payout
          ? t('paid.description', {
              amount: payoutAmount(props.payout),
              name: props.payout.instructor_name,
              destination: payoutTo(props.payout),
            })
          : undefined
      }
      submitLabel={t('paid.submit')}
      form={form}
    >
      <TextField
        label={t('paid.reference')}
        name="reference"
        value={reference()}
        onValue={setReference}
        error={form.errors().reference}
        description={t('paid.referenceHint')}
        maxLength={100}
        autocomplete="off"
        required
      />
    </FormDialog>
  )
}

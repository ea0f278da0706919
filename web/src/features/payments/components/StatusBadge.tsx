import type { PaymentStatus } from '../../../../../edge/contract/payments-values.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { messages } from '../messages.ts'

const t = translator(messages)

const TONES: Record<PaymentStatus, string> = {
  pending: 'bg-warn-soft text-warn',
  succeeded: 'bg-success-soft text-success',
  failed: 'bg-danger-soft text-danger',
  cancelled: 'bg-subtle text-muted',
  refunded: 'bg-subtle text-muted',
  partially_refunded: 'bg-subtle text-muted',
}

/** A payment's status in words ("Paid", "Waiting"…), coloured by how it ended. */
export function StatusBadge(props: { status: string }) {
  const known = () => props.status in TONES
  return (
    <span class={`badge ${known() ? TONES[props.status as PaymentStatus] : 'bg-subtle text-muted'}`}>
      {known() ? t(`status.${props.status as PaymentStatus}`) : props.status}
    </span>
  )
}

import type { SponsorshipStatus } from '../../../../../edge/contract/sponsorships-values.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { messages } from '../messages.ts'

const t = translator(messages)

const TONES: Record<SponsorshipStatus, string> = {
  pending: 'bg-warn-soft text-warn',
  active: 'bg-success-soft text-success',
  cancelled: 'bg-subtle text-muted',
}

/** A sponsorship's status in words ("Waiting for payment", "Active", "Cancelled"). */
export function StatusBadge(props: { status: SponsorshipStatus }) {
  return (
    <span class={`badge ${TONES[props.status] ?? 'bg-subtle text-muted'}`}>
      {t(`status.${props.status}`)}
    </span>
  )
}

import TriangleAlert from 'lucide-solid/icons/triangle-alert'
import type { FlagReasonValue } from '../../../../../edge/contract/ai-values.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { messages } from '../messages.ts'

const t = translator(messages)

const LABELS = {
  self_harm: () => t('flag.self_harm'),
  abuse: () => t('flag.abuse'),
  danger: () => t('flag.danger'),
} satisfies Record<FlagReasonValue, () => string>

/** "Flagged: self-harm" (or abuse, danger): a conversation a teacher should read first. */
export function FlagBadge(props: { reason: FlagReasonValue | null }) {
  return (
    <span class="badge gap-1 bg-danger-soft text-danger" data-testid="flag-badge">
      <TriangleAlert size={13} aria-hidden="true" />
      {props.reason ? LABELS[props.reason]() : t('flag.any')}
    </span>
  )
}

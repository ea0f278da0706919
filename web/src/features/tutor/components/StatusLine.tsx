import Info from 'lucide-solid/icons/info'
import { Show } from 'solid-js'
import type { TutorStatus } from '../../../../../edge/contract/ai.ts'
import { formatDateTime } from '../../../lib/format.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { messages } from '../messages.ts'

const t = translator(messages)

/** Before asking: questions left today, where answers come from, and what hint mode means. */
export function StatusLine(props: { status: TutorStatus }) {
  const left = () => Math.max(0, props.status.daily_limit - props.status.used_today)
  return (
    <div class="space-y-1 text-xs text-muted" data-testid="tutor-status">
      <p class="flex flex-wrap gap-x-3 gap-y-1">
        <span class={left() === 0 ? 'font-medium text-warn' : ''}>
          {left() === 0
            ? t('status.noneLeft', { time: formatDateTime(props.status.resets_at) })
            : t('status.left', { count: left(), limit: props.status.daily_limit })}
        </span>
        <Show when={!props.status.ai_available}>
          <span>{t('status.lessonsOnly')}</span>
        </Show>
      </p>
      <Show when={props.status.mode === 'hints'}>
        <p class="flex items-start gap-1.5">
          <Info size={14} aria-hidden="true" class="mt-px shrink-0" />
          {t('status.hints')}
        </p>
      </Show>
    </div>
  )
}

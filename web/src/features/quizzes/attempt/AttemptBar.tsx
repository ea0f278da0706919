import Timer from 'lucide-solid/icons/timer'
import { createEffect, createSignal, on, Show } from 'solid-js'
import { translator } from '../../../lib/i18n/i18n.ts'
import { useNow } from '../../../shell/state/now.ts'
import { messages } from './messages.ts'
import { formatClock, milestone, remainingMs, timerPhase } from './timer.ts'

const t = translator(messages)

const TONES = {
  running: 'border-line bg-surface/95',
  warning: 'border-warn/40 bg-warn-soft text-warn',
  over: 'border-danger/40 bg-danger-soft text-danger',
} as const

/**
 * The bar that stays under the header while the student scrolls: the time left (when the attempt
 * has a deadline, counted on the server's clock) and how many questions are answered. The minutes
 * worth knowing are said once to screen readers; `onExpire` runs once, at zero.
 */
export function AttemptBar(props: {
  deadline: string | null
  offset: number
  answered: number
  total: number
  onExpire: () => void
}) {
  const now = useNow()
  const remaining = () => (props.deadline ? remainingMs(props.deadline, now(), props.offset) : Infinity)
  const phase = () => timerPhase(remaining())
  const [said, setSaid] = createSignal('')
  createEffect(
    on(remaining, (left, before) => {
      const minutes = before === undefined ? undefined : milestone(before, left)
      if (minutes !== undefined) setSaid(t('timer.left', { count: minutes }))
    }),
  )
  let expired = false
  createEffect(() => {
    if (props.deadline && phase() === 'over' && !expired) {
      expired = true
      props.onExpire()
    }
  })
  return (
    <div
      class={`sticky top-16 z-30 -mx-4 flex items-center justify-between gap-3 border-y px-4 py-2 backdrop-blur sm:mx-0 sm:rounded-xl sm:border ${TONES[phase()]}`}
    >
      <p class="text-sm font-medium">
        {t('attempt.answered', { answered: props.answered, total: props.total })}
      </p>
      <Show when={props.deadline}>
        <p class="flex items-center gap-2 font-semibold tabular-nums">
          <Timer size={18} aria-hidden="true" />
          <span class="sr-only">{t('timer.label')}</span>
          <span class="text-lg" role="timer">
            {formatClock(remaining())}
          </span>
        </p>
      </Show>
      <p class="sr-only" aria-live="assertive">
        {said()}
      </p>
    </div>
  )
}

import { Show } from 'solid-js'
import { translator } from '../../../lib/i18n/i18n.ts'
import { messages } from '../messages.ts'
import { clocksDiffer, formatDay, formatTimeRange, isoInZone, localZone } from '../tutoring-time.ts'

const t = translator(messages)

/**
 * When a session happens on the school's clock, and on the viewer's own clock when it shows a
 * different time (a parent abroad, a tutor travelling).
 */
export function TutoringTime(props: {
  starts_at: string
  ends_at: string
  zone: string
  /** Also name the day (the session page; the schedule has day headings). */
  withDay?: boolean
  class?: string
}) {
  const mine = localZone()
  const differs = () => clocksDiffer(props.zone, mine, Date.parse(props.starts_at))
  /** The viewer's day is named when asked, or when it is not the school's day. */
  const localDay = () =>
    props.withDay || isoInZone(props.starts_at, props.zone).date !== isoInZone(props.starts_at, mine).date
  return (
    <div class={props.class}>
      <p class="font-medium tabular-nums">
        <Show when={props.withDay}>{formatDay(props.starts_at, props.zone)}, </Show>
        {formatTimeRange(props.starts_at, props.ends_at, props.zone)}
        <Show when={differs()}>
          <span class="font-normal text-muted"> · {t('time.school')}</span>
        </Show>
      </p>
      <Show when={differs()}>
        <p class="text-sm text-muted tabular-nums">
          {t('time.yours')} <Show when={localDay()}>{formatDay(props.starts_at, mine)}, </Show>
          {formatTimeRange(props.starts_at, props.ends_at, mine)}
        </p>
      </Show>
    </div>
  )
}

import { Match, Show, Switch } from 'solid-js'
import type { SessionDetail, SessionRemoval } from '../../../../../edge/contract/tutoring.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { useNow } from '../../../shell/state/now.ts'
import { Button } from '../../../ui/Button.tsx'
import { messages } from '../messages.ts'
import { cancelUntil, formatShortDateTime } from '../tutoring-time.ts'
import type { useBooking } from '../useBooking.ts'

const t = translator(messages)

/**
 * A student's seat on the session page: give it back (until the cut-off), book one, or why not
 * (too late, full). Nothing once the tutor removed them (RemovedNotice says why).
 */
export function StudentBooking(props: { session: SessionDetail; booking: ReturnType<typeof useBooking> }) {
  const now = useNow()
  const s = () => props.session
  return (
    <Switch>
      <Match when={s().my_removal}>{null}</Match>
      <Match when={s().booked_by_me && now() < cancelUntil(s())}>
        <Button
          variant="secondary"
          pending={props.booking.pending() === s().id}
          onClick={() => props.booking.cancel(s())}
        >
          {t('booking.cancel')}
        </Button>
        <span class="text-sm text-muted">
          {t('session.cancelUntil', { time: formatShortDateTime(s().cancel_until, s().time_zone) })}
        </span>
      </Match>
      <Match when={s().booked_by_me}>
        <span class="text-sm text-muted">{t('session.tooLate')}</span>
      </Match>
      <Match when={s().booked_count < s().capacity}>
        <Button pending={props.booking.pending() === s().id} onClick={() => props.booking.book(s())}>
          {t('session.book')}
        </Button>
      </Match>
      <Match when={true}>
        <span class="text-sm text-muted">{t('session.full')}</span>
      </Match>
    </Switch>
  )
}

/** "You were removed from this session by the tutor", with their reason when they gave one. */
export function RemovedNotice(props: { removal: SessionRemoval }) {
  return (
    <div
      class="mt-4 flex gap-3 rounded-lg border border-danger/40 bg-danger-soft px-4 py-3"
      role="status"
      data-testid="removed-notice"
    >
      <div class="min-w-0 space-y-1 text-sm">
        <p class="font-semibold">{t('removed.title')}</p>
        <Show when={props.removal.reason}>
          <p class="break-words">{t('removed.reason', { reason: props.removal.reason })}</p>
        </Show>
        <p class="text-muted">{t('removed.noSeat')}</p>
      </div>
    </div>
  )
}

import { A, createAsync } from '@solidjs/router'
import ChevronDown from 'lucide-solid/icons/chevron-down'
import { createSignal, Match, Show, Suspense, Switch } from 'solid-js'
import type { Session } from '../../../../../edge/contract/tutoring.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { useNow } from '../../../shell/state/now.ts'
import { useTenant } from '../../../shell/state/TenantContext.tsx'
import { Button } from '../../../ui/Button.tsx'
import { ListSkeleton } from '../../../ui/Skeleton.tsx'
import { getTutoringSession } from '../api.ts'
import { messages } from '../messages.ts'
import { cancelUntil, roomWindow } from '../tutoring-time.ts'
import type { useBooking } from '../useBooking.ts'
import { BookingsList } from './BookingsList.tsx'
import { JoinButton } from './JoinButton.tsx'
import { TutoringTime } from './TutoringTime.tsx'

const t = translator(messages)

/** Badges for a session: live, booked, full, 1:1, waiting room, cancelled. */
export function TutoringBadges(props: { session: Session }) {
  const s = () => props.session
  return (
    <span class="flex flex-wrap gap-1.5">
      <Switch>
        <Match when={s().status === 'cancelled'}>
          <span class="badge bg-danger-soft text-danger">{t('badge.cancelled')}</span>
        </Match>
        <Match when={s().status === 'live'}>
          <span class="badge bg-success-soft text-success">{t('badge.live')}</span>
        </Match>
        <Match when={s().status === 'ended'}>
          <span class="badge bg-subtle text-muted">{t('badge.ended')}</span>
        </Match>
      </Switch>
      <Show when={s().booked_by_me}>
        <span class="badge bg-brand-500/15 text-brand-700 dark:text-brand-300">{t('badge.booked')}</span>
      </Show>
      <span class="badge bg-subtle text-muted">
        {s().capacity === 1 ? t('badge.oneToOne') : t('badge.group', { count: s().capacity })}
      </span>
      <Show when={s().waiting_room}>
        <span class="badge bg-subtle text-muted">{t('badge.waitingRoom')}</span>
      </Show>
      <Show when={s().series_id}>
        <span class="badge bg-subtle text-muted">{t('badge.weekly')}</span>
      </Show>
    </span>
  )
}

/** "2 of 3 seats left", "Full". */
export function seatsText(s: Session): string {
  const left = Math.max(0, s.capacity - s.booked_count)
  return left === 0 ? t('seats.full') : t('seats.left', { count: left, capacity: s.capacity })
}

/** One session in the schedule: when, what, who, seats, and what the viewer can do. */
export function TutoringCard(props: {
  session: Session
  booking: ReturnType<typeof useBooking>
  manage: boolean
}) {
  const tenant = useTenant()
  const now = useNow()
  const s = () => props.session
  const href = () => `/t/${tenant().slug}/sessions/${s().id}`
  const student = () => tenant().role === 'student'
  const open = () => s().status !== 'cancelled' && roomWindow(s(), now()).phase !== 'over'
  const canCancel = () => now() < cancelUntil(s())
  const [showBookings, setShowBookings] = createSignal(false)
  const titleId = () => `session-${s().id}-title`
  return (
    <article aria-labelledby={titleId()} class="card p-4 sm:p-5" data-testid="session-card">
      <div class="flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
        <div class="min-w-0 space-y-1.5">
          <TutoringTime
            starts_at={s().starts_at}
            ends_at={s().ends_at}
            zone={s().time_zone}
            class="text-sm"
          />
          <h3 id={titleId()} class="text-lg leading-snug font-semibold">
            <A href={href()} class="hover:underline">
              {s().title}
            </A>
          </h3>
          <p class="text-sm text-muted">
            <A
              href={`/t/${tenant().slug}/people/${s().instructor_id}`}
              class="underline decoration-dotted underline-offset-4 hover:decoration-solid"
            >
              {s().instructor_name ?? t('card.aTutor')}
            </A>
            <Show when={s().course_title}>{(c) => <> · {c()}</>}</Show>
            {' · '}
            {seatsText(s())}
          </p>
          <TutoringBadges session={s()} />
        </div>
        <div class="flex shrink-0 flex-wrap items-center gap-2 sm:justify-end">
          <JoinButton session={s()} href={`${href()}/room`} />
          <Show when={student() && open()}>
            <Switch>
              <Match when={s().my_removal}>
                <span class="text-sm text-danger" data-testid="removed-from-session">
                  {t('card.removed')}
                </span>
              </Match>
              <Match when={s().booked_by_me && canCancel()}>
                <Button
                  variant="secondary"
                  class="min-h-9 px-3 py-1.5"
                  pending={props.booking.pending() === s().id}
                  aria-label={t('card.cancelBookingFor', { title: s().title })}
                  onClick={() => props.booking.cancel(s())}
                >
                  {t('booking.cancel')}
                </Button>
              </Match>
              <Match when={s().booked_by_me}>
                <span class="text-xs text-muted">{t('card.tooLate')}</span>
              </Match>
              <Match when={s().booked_count < s().capacity}>
                <Button
                  class="min-h-9 px-3 py-1.5"
                  pending={props.booking.pending() === s().id}
                  aria-label={t('card.bookTitle', { title: s().title })}
                  onClick={() => props.booking.book(s())}
                >
                  {t('card.book')}
                </Button>
              </Match>
            </Switch>
          </Show>
        </div>
      </div>
      <Show when={props.manage}>
        <div class="mt-3 border-t border-line pt-3">
          <button
            type="button"
            class="inline-flex items-center gap-1 text-sm font-medium text-link"
            aria-expanded={showBookings()}
            onClick={() => setShowBookings((v) => !v)}
          >
            <ChevronDown
              size={16}
              class="transition-transform"
              classList={{ 'rotate-180': showBookings() }}
            />
            {t('card.bookings', { count: s().booked_count })}
          </button>
          <Show when={showBookings()}>
            <div class="mt-2">
              <Suspense fallback={<ListSkeleton rows={2} />}>
                <SessionBookings id={s().id} title={s().title} />
              </Suspense>
            </div>
          </Show>
        </div>
      </Show>
    </article>
  )
}

function SessionBookings(props: { id: string; title: string }) {
  const detail = createAsync(() => getTutoringSession(props.id))
  return (
    <Show when={detail()}>
      {(d) => <BookingsList bookings={d().bookings} label={t('card.bookingsFor', { title: props.title })} />}
    </Show>
  )
}

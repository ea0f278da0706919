import { createAsync, revalidate, useNavigate } from '@solidjs/router'
import CalendarClock from 'lucide-solid/icons/calendar-clock'
import Plus from 'lucide-solid/icons/plus'
import { createEffect, createSignal, For, lazy, on, Show } from 'solid-js'
import type { Session } from '../../../../edge/contract/tutoring.ts'
import { SESSION_PAGE, sessionCursor } from '../../../../edge/contract/tutoring-values.ts'
import { translator } from '../../lib/i18n/i18n.ts'
import { useTenant } from '../../shell/state/TenantContext.tsx'
import { Boundary } from '../../ui/Boundary.tsx'
import { Button } from '../../ui/Button.tsx'
import { EmptyState } from '../../ui/EmptyState.tsx'
import { LaterFor } from '../../ui/Later.tsx'
import { usePageTitle } from '../../ui/Page.tsx'
import { Skeleton } from '../../ui/Skeleton.tsx'
import { toast } from '../../ui/Toaster.tsx'
import { TutoringCard } from './components/TutoringCard.tsx'
import { messages } from './messages.ts'
import { getTenant, getTutoringSessions } from './TutoringSchedule.data.ts'
import { canSchedule, isSchoolStaff } from './tutoring-roles.ts'
import { formatDay, groupByDay } from './tutoring-time.ts'
import { useBooking } from './useBooking.ts'

type View = 'upcoming' | 'past'

const DAY = 86_400_000

const t = translator(messages)

// Only teachers schedule, and only after "New session": the form (and its zod schema) loads then.
const NewTutoringForm = lazy(() =>
  import('./components/NewTutoringForm.tsx').then((m) => ({ default: m.NewTutoringForm })),
)

const VIEWS = [
  { value: 'upcoming', label: 'schedule.upcoming' },
  { value: 'past', label: 'schedule.past' },
] as const satisfies readonly { value: View; label: string }[]

/** /t/:slug/sessions — the school's tutoring schedule: book, join, and (teachers) schedule. */
export default function TutoringSchedule() {
  const tenant = useTenant()
  const navigate = useNavigate()
  usePageTitle(() => t('schedule.docTitle', { school: tenant().name }))
  const teacher = () => canSchedule(tenant().role)
  const [creating, setCreating] = createSignal(false)
  const [view, setView] = createSignal<View>('upcoming')
  // Fixed once per visit, so the list's cache key does not change with every tick of the clock.
  const opened = Date.now()
  const range = () =>
    view() === 'upcoming'
      ? {}
      : { from: new Date(opened - 90 * DAY).toISOString(), to: new Date(opened).toISOString() }
  const school = createAsync(() => getTenant(tenant().id))
  const zone = () => school()?.time_zone ?? 'Africa/Nairobi'

  async function created(sessions: Session[]) {
    setCreating(false)
    const first = sessions[0]
    toast.success(
      sessions.length > 1
        ? t('schedule.scheduledSeries', { count: sessions.length })
        : t('schedule.scheduled'),
      first?.title,
    )
    await revalidate(getTutoringSessions.key)
    if (first) navigate(`/t/${tenant().slug}/sessions/${first.id}`)
  }

  return (
    <div>
      <div class="mb-6 flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 class="text-2xl font-bold tracking-tight">{t('schedule.title')}</h1>
          <p class="mt-1 text-sm text-muted">
            {teacher()
              ? t('schedule.introTeacher')
              : tenant().role === 'student'
                ? t('schedule.introStudent')
                : t('schedule.introOther', { school: tenant().name })}
          </p>
        </div>
        <Show when={teacher() && !creating()}>
          <Button onClick={() => setCreating(true)}>
            <Plus size={16} />
            {t('schedule.new')}
          </Button>
        </Show>
      </div>
      <Show when={creating()}>
        <div class="mb-8">
          <Boundary fallback={<Skeleton class="h-96 w-full rounded-xl" />}>
            <Show when={school()}>
              {(s) => (
                <NewTutoringForm
                  timeZone={s().time_zone}
                  onCreated={created}
                  onCancel={() => setCreating(false)}
                />
              )}
            </Show>
          </Boundary>
        </div>
      </Show>
      <div
        role="group"
        aria-label={t('schedule.which')}
        class="mb-5 inline-flex rounded-lg border border-line p-0.5"
      >
        <For each={VIEWS}>
          {(o) => (
            <button
              type="button"
              aria-pressed={view() === o.value}
              class="rounded-md px-3 py-1.5 text-sm font-medium"
              classList={{
                'bg-primary text-on-primary': view() === o.value,
                'text-muted hover:text-fg': view() !== o.value,
              }}
              onClick={() => setView(o.value)}
            >
              {t(o.label)}
            </button>
          )}
        </For>
      </div>
      <Boundary keys={getTutoringSessions.key} fallback={<ListSkeleton />}>
        <Schedule tenantId={tenant().id} range={range()} past={view() === 'past'} zone={zone()} />
      </Boundary>
    </div>
  )
}

function ListSkeleton() {
  return (
    <div role="status" class="space-y-4">
      <span class="sr-only">{t('schedule.loading')}</span>
      <Skeleton class="h-5 w-48" />
      <For each={[1, 2, 3]}>{() => <Skeleton class="h-32 w-full rounded-xl" />}</For>
    </div>
  )
}

/** The sessions by day (school clock); upcoming soonest first, past newest first. */
function Schedule(props: {
  tenantId: string
  range: { from?: string; to?: string }
  past: boolean
  zone: string
}) {
  const tenant = useTenant()
  // Past sessions come newest first, so that the first page is the most recent one.
  const query = () => ({ ...props.range, order: props.past ? ('desc' as const) : undefined })
  const sessions = createAsync(() => getTutoringSessions(props.tenantId, query()))
  const pages = usePagesAfter(sessions, (after) => getTutoringSessions(props.tenantId, { ...query(), after }))
  const booking = useBooking()
  const teacher = () => canSchedule(tenant().role)
  const days = () => {
    const list = pages
      .all()
      .filter((s) => (props.past ? s.status === 'ended' || s.status === 'cancelled' : true))
    const grouped = groupByDay(list, props.zone)
    if (props.past) {
      grouped.reverse()
      for (const d of grouped) d.items.reverse()
    }
    return grouped
  }
  const manages = (s: Session) => s.my_role === 'moderator' || isSchoolStaff(tenant().role)
  return (
    <Show when={sessions()}>
      <Show
        when={days().length > 0}
        fallback={
          <EmptyState
            icon={<CalendarClock size={28} />}
            title={props.past ? t('schedule.noPast') : t('schedule.noUpcoming')}
          >
            {props.past
              ? t('schedule.pastHint')
              : teacher()
                ? t('schedule.teacherHint')
                : t('schedule.studentHint')}
          </EmptyState>
        }
      >
        <div class="space-y-8">
          {/* The first day's sessions at once, the other days in a task after (ui/Later.tsx). */}
          <LaterFor each={days()} now={1}>
            {(day) => (
              <section aria-labelledby={`day-${day.day}`}>
                <h2
                  id={`day-${day.day}`}
                  class="mb-3 text-sm font-semibold tracking-wide text-muted uppercase"
                >
                  {formatDay(day.items[0].starts_at, props.zone)}
                </h2>
                <ul class="space-y-3">
                  <For each={day.items}>
                    {(s) => (
                      <li>
                        <TutoringCard session={s} booking={booking} manage={manages(s)} />
                      </li>
                    )}
                  </For>
                </ul>
              </section>
            )}
          </LaterFor>
          <Show when={pages.more()}>
            <Button variant="secondary" pending={pages.loading()} onClick={() => void pages.next()}>
              {props.past ? t('schedule.earlier') : t('schedule.later')}
            </Button>
          </Show>
        </div>
      </Show>
    </Show>
  )
}

/**
 * The sessions after the first page (`first`, a cached loader): `next` asks for the page after the
 * last one shown (SESSION_PAGE.default a page, `after` = its last session); a new first page (other
 * view, a change to the schedule) starts over.
 */
function usePagesAfter(
  first: () => readonly Session[] | undefined,
  load: (after: string) => Promise<readonly Session[]>,
) {
  const [later, setLater] = createSignal<readonly Session[]>([])
  const [lastFull, setLastFull] = createSignal(false)
  const [loading, setLoading] = createSignal(false)
  createEffect(
    on(first, (list) => {
      setLater([])
      setLastFull((list?.length ?? 0) >= SESSION_PAGE.default)
    }),
  )
  const all = () => {
    const seen = new Set<string>()
    return [...(first() ?? []), ...later()].filter((s) => !seen.has(s.id) && seen.add(s.id))
  }
  async function next() {
    const last = all().at(-1)
    if (!last || loading()) return
    setLoading(true)
    try {
      const page = await load(sessionCursor(last))
      setLater((l) => [...l, ...page])
      setLastFull(page.length >= SESSION_PAGE.default)
    } catch {
      toast.error(t('schedule.moreFailed'))
    } finally {
      setLoading(false)
    }
  }
  return { all, more: () => lastFull() && !!first(), loading, next }
}

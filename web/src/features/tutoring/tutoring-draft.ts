import { createSignal } from 'solid-js'
import type { CreateSessionBody, UpdateSessionBody } from '../../../../edge/contract/tutoring.ts'
import { type FieldErrors, type Validated, validate } from '../../lib/forms.ts'
import { translator } from '../../lib/i18n/i18n.ts'
import { messages } from './messages.ts'
import { changedFields, type EditableSession } from './tutoring-changes.ts'
import { isoInZone, zonedToIso } from './tutoring-time.ts'

// What "New session" and "Edit session" hold while they are filled in, and their checks: the
// contract's schema (loaded when first checked, so no page carries zod on load), plus a start on
// the school's clock that exists and has not passed.

const t = translator(messages)

/** The fields of the form, as the API names them (its field errors land next to these). */
export const TUTORING_FIELDS = [
  'title',
  'description',
  'course_id',
  'starts_at',
  'duration_minutes',
  'capacity',
  'waiting_room',
  'repeat_weeks',
  'instructor_id',
] as const

/** The next full half hour on the school's clock, as the form's first suggestion. */
function nextSlot(zone: string): { date: string; time: string } {
  const ms = Math.ceil((Date.now() + 5 * 60_000) / 1_800_000) * 1_800_000
  return isoInZone(new Date(ms).toISOString(), zone)
}

const num = (v: string) => (v.trim() === '' ? Number.NaN : Number(v))

/** The start's own errors: missing (no such time on the school's clock) or already passed. */
function startErrors(startsAt: string | undefined): FieldErrors {
  if (!startsAt) return { starts_at: t('form.chooseStart') }
  if (Date.parse(startsAt) < Date.now() - 60_000) return { starts_at: t('form.startPassed') }
  return {}
}

const loadSchemas = () => import('../../../../edge/contract/tutoring.ts')

/**
 * The values of a tutoring session being scheduled in `timeZone` by `me`, or (with `initial`)
 * of the session being edited.
 */
export function createTutoringDraft(opts: {
  timeZone: string
  me: string | null
  admin: () => boolean
  initial?: EditableSession
}) {
  const init = opts.initial
  const first = init ? isoInZone(init.starts_at, opts.timeZone) : nextSlot(opts.timeZone)
  const [title, setTitle] = createSignal(init?.title ?? '')
  const [description, setDescription] = createSignal(init?.description ?? '')
  const [courseId, setCourseId] = createSignal(init?.course_id ?? '')
  const [tutorId, setTutorId] = createSignal(opts.me ?? '')
  const [date, setDate] = createSignal(first.date)
  const [time, setTime] = createSignal(first.time)
  const [duration, setDuration] = createSignal(String(init?.duration_minutes ?? 60))
  const [group, setGroup] = createSignal((init?.capacity ?? 1) > 1)
  const [seats, setSeats] = createSignal(String(init && init.capacity > 1 ? init.capacity : 3))
  const [waitingRoom, setWaitingRoom] = createSignal(init?.waiting_room ?? false)
  const [repeat, setRepeat] = createSignal(false)
  const [weeks, setWeeks] = createSignal('4')

  const capacity = () => (group() ? num(seats()) : 1)

  function body() {
    const startsAt = zonedToIso(date(), time(), opts.timeZone)
    const admin = opts.admin()
    return {
      title: title(),
      description: description().trim() ? description() : undefined,
      course_id: courseId() || null,
      starts_at: startsAt ?? '',
      duration_minutes: num(duration()),
      capacity: capacity(),
      waiting_room: waitingRoom(),
      repeat_weeks: repeat() ? num(weeks()) : undefined,
      instructor_id: admin && tutorId() && tutorId() !== opts.me ? tutorId() : undefined,
    }
  }

  function changedSince(): ReturnType<typeof changedFields> {
    if (!init) return {}
    const { starts_at, ...rest } = body()
    return changedFields(init, { ...rest, description: description(), starts_at })
  }

  return {
    title: [title, setTitle] as const,
    description: [description, setDescription] as const,
    courseId: [courseId, setCourseId] as const,
    tutorId: [tutorId, setTutorId] as const,
    date: [date, setDate] as const,
    time: [time, setTime] as const,
    duration: [duration, setDuration] as const,
    group: [group, setGroup] as const,
    seats: [seats, setSeats] as const,
    waitingRoom: [waitingRoom, setWaitingRoom] as const,
    repeat: [repeat, setRepeat] as const,
    weeks: [weeks, setWeeks] as const,
    capacity,

    /** The body of a new session, or what is wrong with it. */
    async check(): Promise<Validated<CreateSessionBody>> {
      const { CreateSessionBody } = await loadSchemas()
      const values = body()
      const checked = validate(CreateSessionBody, values)
      const found: FieldErrors = { ...(checked.ok ? {} : checked.errors), ...startErrors(values.starts_at) }
      return checked.ok && Object.keys(found).length === 0 ? checked : { ok: false, errors: found }
    },

    /** What differs from `initial` (the session being edited). */
    changes: changedSince,

    /** Only what changed since `initial` (nothing: `{}`), or what is wrong with it. */
    async checkChanges(): Promise<Validated<UpdateSessionBody>> {
      const changes = changedSince()
      if (Object.keys(changes).length === 0) return { ok: true, data: {} }
      const { UpdateSessionBody } = await loadSchemas()
      const checked = validate(UpdateSessionBody, changes)
      const found: FieldErrors = {
        ...(checked.ok ? {} : checked.errors),
        ...(changes.starts_at !== undefined ? startErrors(changes.starts_at || undefined) : {}),
      }
      return checked.ok && Object.keys(found).length === 0 ? checked : { ok: false, errors: found }
    },
  }
}

export type TutoringDraft = ReturnType<typeof createTutoringDraft>

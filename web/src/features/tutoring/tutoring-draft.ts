import { createSignal } from 'solid-js'
import { CreateSessionBody } from '../../../../edge/contract/tutoring.ts'
import { type FieldErrors, type Validated, validate } from '../../lib/forms.ts'
import { translator } from '../../lib/i18n/i18n.ts'
import { messages } from './messages.ts'
import { isoInZone, zonedToIso } from './tutoring-time.ts'

// What "New session" holds while it is filled in, and its check: the contract's schema, plus a
// start on the school's clock that exists and has not passed.

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

/** The values of a new tutoring session being scheduled in `timeZone` by `me`. */
export function createTutoringDraft(opts: { timeZone: string; me: string | null; admin: () => boolean }) {
  const first = nextSlot(opts.timeZone)
  const [title, setTitle] = createSignal('')
  const [description, setDescription] = createSignal('')
  const [courseId, setCourseId] = createSignal('')
  const [tutorId, setTutorId] = createSignal(opts.me ?? '')
  const [date, setDate] = createSignal(first.date)
  const [time, setTime] = createSignal(first.time)
  const [duration, setDuration] = createSignal('60')
  const [group, setGroup] = createSignal(false)
  const [seats, setSeats] = createSignal('3')
  const [waitingRoom, setWaitingRoom] = createSignal(false)
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

    /** The body to send, or what is wrong with it. */
    check(): Validated<CreateSessionBody> {
      const values = body()
      const checked = validate(CreateSessionBody, values)
      const found: FieldErrors = checked.ok ? {} : { ...checked.errors }
      if (!values.starts_at) found.starts_at = t('form.chooseStart')
      else if (Date.parse(values.starts_at) < Date.now() - 60_000) found.starts_at = t('form.startPassed')
      return checked.ok && Object.keys(found).length === 0 ? checked : { ok: false, errors: found }
    },
  }
}

export type TutoringDraft = ReturnType<typeof createTutoringDraft>

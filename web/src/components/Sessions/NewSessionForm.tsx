import { createAsync } from '@solidjs/router'
import Info from 'lucide-solid/icons/info'
import { createSignal, For, Show } from 'solid-js'
import {
  CreateSessionBody,
  P2P_MAX_PEERS,
  SESSION_LIMITS,
  type Session,
} from '../../../../edge/contract/tutoring.ts'
import { getCourses } from '../../api/courses.ts'
import { ApiError, errorMessage } from '../../api/errors.ts'
import { getMembers } from '../../api/queries.ts'
import { createSession } from '../../api/sessions.ts'
import { type FieldErrors, validate } from '../../lib/forms.ts'
import { isoInZone, zonedToIso } from '../../lib/room-time.ts'
import { useApp } from '../../state/AppContext.tsx'
import { isAdminRole, useTenant } from '../Tenant/TenantContext.tsx'
import { Button } from '../UI/Button.tsx'
import { focusFirstInvalid, SelectField, SwitchField, TextAreaField, TextField } from '../UI/Field.tsx'
import { FormAlert } from '../UI/FormAlert.tsx'

const FIELDS = [
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

const DURATIONS = [15, 30, 45, 60, 90, 120].map((m) => ({ value: String(m), label: `${m} minutes` }))
/** Students a browser-to-browser room holds next to the tutor (more need LiveKit). */
const MESH_STUDENTS = P2P_MAX_PEERS - 1

/** The next full half hour on the school's clock, as the form's first suggestion. */
function nextSlot(zone: string): { date: string; time: string } {
  const ms = Math.ceil((Date.now() + 5 * 60_000) / 1_800_000) * 1_800_000
  return isoInZone(new Date(ms).toISOString(), zone)
}

const num = (v: string) => (v.trim() === '' ? Number.NaN : Number(v))

/**
 * "New session": title, course, tutor (admins), date and time on the school's clock, duration,
 * one-to-one or a group, waiting room, weekly repeats. Checked with the contract first; the
 * server's field errors appear next to their fields.
 */
export function NewSessionForm(props: {
  timeZone: string
  onCreated: (sessions: Session[]) => void
  onCancel: () => void
}) {
  const tenant = useTenant()
  const { session } = useApp()
  const admin = () => isAdminRole(tenant().role)
  const courses = createAsync(() => getCourses(tenant().id).catch(() => []))
  const tutors = createAsync(async () =>
    admin()
      ? (await getMembers(tenant().id).catch(() => [])).filter((m) =>
          ['owner', 'admin', 'instructor'].includes(m.role),
        )
      : [],
  )
  const first = nextSlot(props.timeZone)
  const [title, setTitle] = createSignal('')
  const [description, setDescription] = createSignal('')
  const [courseId, setCourseId] = createSignal('')
  const [tutorId, setTutorId] = createSignal(session.userId() ?? '')
  const [date, setDate] = createSignal(first.date)
  const [time, setTime] = createSignal(first.time)
  const [duration, setDuration] = createSignal('60')
  const [group, setGroup] = createSignal(false)
  const [seats, setSeats] = createSignal('3')
  const [waitingRoom, setWaitingRoom] = createSignal(false)
  const [repeat, setRepeat] = createSignal(false)
  const [weeks, setWeeks] = createSignal('4')
  const [errors, setErrors] = createSignal<FieldErrors>({})
  const [formError, setFormError] = createSignal<string>()
  const [pending, setPending] = createSignal(false)
  let form: HTMLFormElement | undefined

  const capacity = () => (group() ? num(seats()) : 1)

  function body() {
    const startsAt = zonedToIso(date(), time(), props.timeZone)
    return {
      title: title(),
      description: description().trim() ? description() : undefined,
      course_id: courseId() || null,
      starts_at: startsAt ?? '',
      duration_minutes: num(duration()),
      capacity: capacity(),
      waiting_room: waitingRoom(),
      repeat_weeks: repeat() ? num(weeks()) : undefined,
      instructor_id: admin() && tutorId() && tutorId() !== session.userId() ? tutorId() : undefined,
    }
  }

  async function submit(e: SubmitEvent) {
    e.preventDefault()
    setFormError()
    const values = body()
    const checked = validate(CreateSessionBody, values)
    const local: FieldErrors = checked.ok ? {} : { ...checked.errors }
    if (!values.starts_at) local.starts_at = 'Choose a date and a start time.'
    else if (Date.parse(values.starts_at) < Date.now() - 60_000)
      local.starts_at = 'Choose a time that has not passed.'
    if (!checked.ok || Object.keys(local).length > 0) {
      setErrors(local)
      return focusFirstInvalid(form)
    }
    setErrors({})
    setPending(true)
    try {
      props.onCreated(await createSession(tenant().id, checked.data))
    } catch (err) {
      const fields = err instanceof ApiError ? err.fieldErrors() : {}
      if (FIELDS.some((f) => fields[f])) {
        setErrors(fields)
        focusFirstInvalid(form)
      } else setFormError(errorMessage(err))
    } finally {
      setPending(false)
    }
  }

  return (
    <form
      ref={form}
      onSubmit={submit}
      noValidate
      aria-labelledby="new-session-heading"
      class="card space-y-5 p-5 sm:p-6"
    >
      <h2 id="new-session-heading" class="text-lg font-semibold">
        New session
      </h2>
      <TextField
        label="Title"
        name="title"
        value={title()}
        onValue={setTitle}
        error={errors().title}
        maxLength={SESSION_LIMITS.title}
        placeholder="e.g. Fractions clinic (Grade 6)"
        required
      />
      <TextAreaField
        label="Description"
        name="description"
        value={description()}
        onValue={setDescription}
        error={errors().description}
        maxLength={SESSION_LIMITS.description}
        rows={2}
        description="What to bring or prepare. Optional."
      />
      <div class="grid gap-5 sm:grid-cols-2">
        <SelectField
          label="Course"
          name="course_id"
          value={courseId()}
          onValue={setCourseId}
          error={errors().course_id}
          options={[
            { value: '', label: 'No course' },
            ...(courses() ?? []).map((c) => ({ value: c.id, label: c.title })),
          ]}
        />
        <Show when={admin()}>
          <SelectField
            label="Tutor"
            name="instructor_id"
            value={tutorId()}
            onValue={setTutorId}
            error={errors().instructor_id}
            options={(tutors() ?? []).map((m) => ({ value: m.user_id, label: m.display_name }))}
          />
        </Show>
      </div>
      <div class="grid gap-5 sm:grid-cols-3">
        <TextField
          label="Date"
          name="date"
          type="date"
          value={date()}
          onValue={setDate}
          error={errors().starts_at}
          required
        />
        <TextField label="Start time" name="time" type="time" value={time()} onValue={setTime} required />
        <SelectField
          label="Duration"
          name="duration_minutes"
          value={duration()}
          onValue={setDuration}
          error={errors().duration_minutes}
          options={DURATIONS}
        />
      </div>
      <p class="-mt-3 text-sm text-muted">Date and time on the school's clock ({props.timeZone}).</p>
      <fieldset class="space-y-3">
        <legend class="mb-1.5 text-sm font-medium">Size</legend>
        <div class="flex flex-wrap gap-2">
          <For
            each={[
              { value: false, label: 'One-to-one' },
              { value: true, label: 'Small group' },
            ]}
          >
            {(o) => (
              <label
                class="inline-flex cursor-pointer items-center gap-2 rounded-lg border px-3 py-2 text-sm"
                classList={{
                  'border-primary bg-brand-500/10': group() === o.value,
                  'border-line': group() !== o.value,
                }}
              >
                <input
                  type="radio"
                  name="size"
                  class="accent-[var(--kp-primary)]"
                  checked={group() === o.value}
                  onChange={() => setGroup(o.value)}
                />
                {o.label}
              </label>
            )}
          </For>
        </div>
        <Show
          when={group()}
          fallback={
            <Show when={errors().capacity}>
              <p class="text-sm text-danger">{errors().capacity}</p>
            </Show>
          }
        >
          <TextField
            label="Seats"
            name="capacity"
            type="number"
            min={2}
            max={SESSION_LIMITS.maxCapacity}
            class="max-w-40"
            value={seats()}
            onValue={setSeats}
            error={errors().capacity}
          />
        </Show>
      </fieldset>
      <Show when={capacity() > MESH_STUDENTS}>
        <p class="flex gap-2 rounded-lg bg-subtle px-3 py-2 text-sm text-muted">
          <Info size={16} class="mt-0.5 shrink-0" aria-hidden="true" />
          Rooms with more than {MESH_STUDENTS} students need the school's video server (LiveKit). Without it,
          rooms connect browsers directly and hold at most {P2P_MAX_PEERS} people.
        </p>
      </Show>
      <SwitchField
        label="Waiting room"
        checked={waitingRoom()}
        onChange={setWaitingRoom}
        description="Students wait until you let them in."
      />
      <div class="space-y-3">
        <SwitchField
          label="Repeat weekly"
          checked={repeat()}
          onChange={setRepeat}
          description="The same day and time each week."
        />
        <Show when={repeat()}>
          <TextField
            label="Number of weeks"
            name="repeat_weeks"
            type="number"
            min={2}
            max={SESSION_LIMITS.maxRepeatWeeks}
            class="max-w-40"
            value={weeks()}
            onValue={setWeeks}
            error={errors().repeat_weeks}
            description={`Including this one, up to ${SESSION_LIMITS.maxRepeatWeeks}.`}
          />
        </Show>
      </div>
      <Show when={formError()}>
        <FormAlert>
          <p>{formError()}</p>
        </FormAlert>
      </Show>
      <div class="flex flex-col-reverse gap-3 sm:flex-row sm:justify-end">
        <Button variant="secondary" onClick={() => props.onCancel()}>
          Cancel
        </Button>
        <Button type="submit" pending={pending()}>
          Schedule session
        </Button>
      </div>
    </form>
  )
}

import { createAsync } from '@solidjs/router'
import { Show } from 'solid-js'
import { SESSION_LIMITS, type Session } from '../../../../../edge/contract/tutoring.ts'
import { getMembers } from '../../../api/queries.ts'
import { useApp } from '../../../shell/state/AppContext.tsx'
import { isAdminRole, useTenant } from '../../../shell/state/TenantContext.tsx'
import { Button } from '../../../ui/Button.tsx'
import { SelectField, SwitchField, TextAreaField, TextField } from '../../../ui/Field.tsx'
import { FormError } from '../../../ui/FormAlert.tsx'
import { createForm } from '../../../ui/form.ts'
import { getCourses } from '../../courses/api.ts'
import { createTutoringSession } from '../api.ts'
import { createTutoringDraft, TUTORING_FIELDS } from '../tutoring-draft.ts'
import { canSchedule } from '../tutoring-roles.ts'
import { SizeField } from './SizeField.tsx'

const DURATIONS = [15, 30, 45, 60, 90, 120].map((m) => ({ value: String(m), label: `${m} minutes` }))

/**
 * "New session": title, course, tutor (admins), date and time on the school's clock, duration,
 * one-to-one or a group, waiting room, weekly repeats. Checked with the contract first
 * (tutoring-draft.ts); the server's field errors appear next to their fields.
 */
export function NewTutoringForm(props: {
  timeZone: string
  onCreated: (sessions: Session[]) => void
  onCancel: () => void
}) {
  const tenant = useTenant()
  const { session } = useApp()
  const admin = () => isAdminRole(tenant().role)
  const courses = createAsync(() => getCourses(tenant().id).catch(() => []))
  const tutors = createAsync(async () =>
    admin() ? (await getMembers(tenant().id).catch(() => [])).filter((m) => canSchedule(m.role)) : [],
  )
  const draft = createTutoringDraft({ timeZone: props.timeZone, me: session.userId(), admin })
  const [title, setTitle] = draft.title
  const [description, setDescription] = draft.description
  const [courseId, setCourseId] = draft.courseId
  const [tutorId, setTutorId] = draft.tutorId
  const [date, setDate] = draft.date
  const [time, setTime] = draft.time
  const [duration, setDuration] = draft.duration
  const [waitingRoom, setWaitingRoom] = draft.waitingRoom
  const [repeat, setRepeat] = draft.repeat
  const [weeks, setWeeks] = draft.weeks

  const form = createForm({
    fields: TUTORING_FIELDS,
    validate: draft.check,
    submit: async (body) => props.onCreated(await createTutoringSession(tenant().id, body)),
  })

  return (
    <form
      ref={form.ref}
      onSubmit={form.onSubmit}
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
        error={form.errors().title}
        maxLength={SESSION_LIMITS.title}
        placeholder="e.g. Fractions clinic (Grade 6)"
        required
      />
      <TextAreaField
        label="Description"
        name="description"
        value={description()}
        onValue={setDescription}
        error={form.errors().description}
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
          error={form.errors().course_id}
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
            error={form.errors().instructor_id}
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
          error={form.errors().starts_at}
          required
        />
        <TextField label="Start time" name="time" type="time" value={time()} onValue={setTime} required />
        <SelectField
          label="Duration"
          name="duration_minutes"
          value={duration()}
          onValue={setDuration}
          error={form.errors().duration_minutes}
          options={DURATIONS}
        />
      </div>
      <p class="-mt-3 text-sm text-muted">Date and time on the school's clock ({props.timeZone}).</p>
      <SizeField draft={draft} error={form.errors().capacity} />
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
            error={form.errors().repeat_weeks}
            description={`Including this one, up to ${SESSION_LIMITS.maxRepeatWeeks}.`}
          />
        </Show>
      </div>
      <FormError form={form} />
      <div class="flex flex-col-reverse gap-3 sm:flex-row sm:justify-end">
        <Button variant="secondary" onClick={() => props.onCancel()}>
          Cancel
        </Button>
        <Button type="submit" pending={form.pending()}>
          Schedule session
        </Button>
      </div>
    </form>
  )
}

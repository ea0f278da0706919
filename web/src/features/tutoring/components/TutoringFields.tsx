import type { JSX } from 'solid-js'
import { SESSION_LIMITS } from '../../../../../edge/contract/tutoring-values.ts'
import type { FieldErrors } from '../../../lib/forms.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { SelectField, SwitchField, TextAreaField, TextField } from '../../../ui/Field.tsx'
import { messages } from '../messages.ts'
import type { TutoringDraft } from '../tutoring-draft.ts'
import { SizeField } from './SizeField.tsx'

const t = translator(messages)

const DURATIONS = [15, 30, 45, 60, 90, 120]

/** The usual lengths, and the session's own when it is another. */
const durationOptions = (current: string) =>
  [...new Set([...DURATIONS, Number(current)])]
    .filter((m) => Number.isFinite(m) && m > 0)
    .sort((a, b) => a - b)
    .map((m) => ({ value: String(m), label: t('form.minutes', { count: m }) }))

/**
 * The fields "New session" and "Edit session" share: title, description, course (and `beside` it,
 * the tutor for admins), date and time on the school's clock, duration, size, waiting room.
 */
export function TutoringFields(props: {
  draft: TutoringDraft
  errors: FieldErrors
  timeZone: string
  courses: { id: string; title: string }[]
  beside?: JSX.Element
}) {
  const [title, setTitle] = props.draft.title
  const [description, setDescription] = props.draft.description
  const [courseId, setCourseId] = props.draft.courseId
  const [date, setDate] = props.draft.date
  const [time, setTime] = props.draft.time
  const [duration, setDuration] = props.draft.duration
  const [waitingRoom, setWaitingRoom] = props.draft.waitingRoom
  return (
    <>
      <TextField
        label={t('form.title')}
        name="title"
        value={title()}
        onValue={setTitle}
        error={props.errors.title}
        maxLength={SESSION_LIMITS.title}
        placeholder={t('form.titlePlaceholder')}
        required
      />
      <TextAreaField
        label={t('form.description')}
        name="description"
        value={description()}
        onValue={setDescription}
        error={props.errors.description}
        maxLength={SESSION_LIMITS.description}
        rows={2}
        description={t('form.descriptionHint')}
      />
      <div class="grid gap-5 sm:grid-cols-2">
        <SelectField
          label={t('form.course')}
          name="course_id"
          value={courseId()}
          onValue={setCourseId}
          error={props.errors.course_id}
          options={[
            { value: '', label: t('form.noCourse') },
            ...props.courses.map((c) => ({ value: c.id, label: c.title })),
          ]}
        />
        {props.beside}
      </div>
      <div class="grid gap-5 sm:grid-cols-3">
        <TextField
          label={t('form.date')}
          name="date"
          type="date"
          value={date()}
          onValue={setDate}
          error={props.errors.starts_at}
          required
        />
        <TextField
          label={t('form.startTime')}
          name="time"
          type="time"
          value={time()}
          onValue={setTime}
          required
        />
        <SelectField
          label={t('form.duration')}
          name="duration_minutes"
          value={duration()}
          onValue={setDuration}
          error={props.errors.duration_minutes}
          options={durationOptions(duration())}
        />
      </div>
      <p class="-mt-3 text-sm text-muted">{t('form.zone', { zone: props.timeZone })}</p>
      <SizeField draft={props.draft} error={props.errors.capacity} />
      <SwitchField
        label={t('form.waitingRoom')}
        checked={waitingRoom()}
        onChange={setWaitingRoom}
        description={t('form.waitingRoomHint')}
      />
    </>
  )
}

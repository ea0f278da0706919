import ImageOff from 'lucide-solid/icons/image-off'
import { createEffect, createSignal, on, Show } from 'solid-js'
import {
  CBC_LEVELS,
  COURSE_LIMITS,
  type Course,
  CreateCourseBody,
  LEARNING_AREAS,
  UpdateCourseBody,
} from '../../../../edge/contract/courses.ts'
import { ApiError, errorMessage } from '../../api/errors.ts'
import { type Choice, choiceOptions, joinChoice, OTHER, splitChoice } from '../../lib/course-fields.ts'
import { type FieldErrors, validate } from '../../lib/forms.ts'
import { Button } from '../UI/Button.tsx'
import { focusFirstInvalid, SelectField, SwitchField, TextAreaField, TextField } from '../UI/Field.tsx'
import { FormAlert } from '../UI/FormAlert.tsx'

/** What the form sends: the create body, or only the changed fields of an existing course. */
export type CourseFormValues = CreateCourseBody

const FIELDS = ['title', 'summary', 'cover_image_url', 'level', 'learning_area', 'is_free'] as const

/** A select of known values with "Other…" revealing a text box; both labelled. */
function ChoiceField(props: {
  label: string
  otherLabel: string
  name: string
  options: readonly string[]
  value: Choice
  onValue: (v: Choice) => void
  error?: string
  placeholder: string
  maxLength: number
}) {
  let other: HTMLInputElement | undefined
  return (
    <div class="space-y-3">
      <SelectField
        label={props.label}
        name={props.name}
        value={props.value.choice}
        onValue={(choice) => {
          props.onValue({ ...props.value, choice })
          if (choice === OTHER) queueMicrotask(() => other?.focus())
        }}
        options={choiceOptions(props.options)}
        error={props.value.choice === OTHER ? undefined : props.error}
      />
      <Show when={props.value.choice === OTHER}>
        <TextField
          ref={other}
          label={props.otherLabel}
          name={`${props.name}_other`}
          value={props.value.other}
          onValue={(v) => props.onValue({ ...props.value, other: v })}
          placeholder={props.placeholder}
          maxLength={props.maxLength}
          error={props.error}
        />
      </Show>
    </div>
  )
}

/**
 * The course details form (new course, or edit). Validates with the contract's schema first and
 * shows the server's field errors next to their inputs.
 */
export function CourseForm(props: {
  initial?: Course
  submitLabel: string
  onSubmit: (values: CourseFormValues) => Promise<void>
  onCancel?: () => void
}) {
  const [title, setTitle] = createSignal(props.initial?.title ?? '')
  const [summary, setSummary] = createSignal(props.initial?.summary ?? '')
  const [cover, setCover] = createSignal(props.initial?.cover_image_url ?? '')
  const [level, setLevel] = createSignal(splitChoice(props.initial?.level, CBC_LEVELS))
  const [area, setArea] = createSignal(splitChoice(props.initial?.learning_area, LEARNING_AREAS))
  const [free, setFree] = createSignal(props.initial?.is_free ?? true)
  const [errors, setErrors] = createSignal<FieldErrors>({})
  const [formError, setFormError] = createSignal<string>()
  const [pending, setPending] = createSignal(false)
  const [previewFailed, setPreviewFailed] = createSignal(false)
  createEffect(on(cover, () => setPreviewFailed(false), { defer: true }))
  let form: HTMLFormElement | undefined

  const previewUrl = () => {
    const v = cover().trim()
    return /^https?:\/\/\S+\.\S+/i.test(v) ? v : undefined
  }

  const values = (): CourseFormValues => ({
    title: title(),
    summary: summary(),
    cover_image_url: cover().trim() ? cover().trim() : null,
    level: joinChoice(level()),
    learning_area: joinChoice(area()),
    is_free: free(),
  })

  /** For an edit: only what changed (PATCH); for a new course: everything. */
  const body = (): Partial<CourseFormValues> => {
    const all = values()
    const initial = props.initial
    if (!initial) return all
    const changed: Partial<CourseFormValues> = {}
    for (const key of FIELDS) {
      const before = key === 'cover_image_url' ? (initial.cover_image_url ?? null) : initial[key]
      const after = key === 'title' || key === 'summary' ? (all[key] ?? '').trim() : all[key]
      if (after !== before) Object.assign(changed, { [key]: all[key] })
    }
    return changed
  }

  async function submit(e: SubmitEvent) {
    e.preventDefault()
    setFormError()
    const data = body()
    if (props.initial && Object.keys(data).length === 0) return props.onCancel?.()
    const checked = props.initial ? validate(UpdateCourseBody, data) : validate(CreateCourseBody, data)
    if (!checked.ok) {
      setErrors(checked.errors)
      return focusFirstInvalid(form)
    }
    setErrors({})
    setPending(true)
    try {
      await props.onSubmit(checked.data as CourseFormValues)
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
    <form ref={form} onSubmit={submit} noValidate class="card space-y-6 p-5 sm:p-6">
      <TextField
        label="Title"
        name="title"
        value={title()}
        onValue={setTitle}
        error={errors().title}
        maxLength={COURSE_LIMITS.title}
        placeholder="e.g. Fractions for Grade 4"
        required
      />
      <TextAreaField
        label="Summary"
        name="summary"
        value={summary()}
        onValue={setSummary}
        error={errors().summary}
        maxLength={COURSE_LIMITS.summary}
        rows={4}
        description="What students will learn, in a sentence or two. Shown on the course card."
      />
      <div class="grid grid-cols-1 gap-4 sm:grid-cols-[minmax(0,1fr)_12rem] sm:items-start">
        <TextField
          label="Cover image URL"
          name="cover_image_url"
          type="url"
          inputmode="url"
          value={cover()}
          onValue={setCover}
          error={errors().cover_image_url}
          placeholder="https://…"
          description="An https:// address of a picture on this site or the school’s storage, shown at the top of the course (pictures on other sites are blocked for students’ privacy). Optional."
          autocapitalize="off"
          spellcheck={false}
        />
        <figure class="sm:mt-7">
          <div class="aspect-[16/9] overflow-hidden rounded-lg border border-line bg-subtle">
            <Show
              when={previewUrl() && !previewFailed()}
              fallback={
                <div class="flex size-full flex-col items-center justify-center gap-1 p-2 text-center text-xs text-muted">
                  <Show when={previewUrl()} fallback={<span>No cover image</span>}>
                    <ImageOff size={18} />
                    <span>This image could not be loaded</span>
                  </Show>
                </div>
              }
            >
              <img
                src={previewUrl()}
                alt="Cover preview"
                referrerpolicy="no-referrer"
                class="size-full object-cover"
                onError={() => setPreviewFailed(true)}
              />
            </Show>
          </div>
          <figcaption class="sr-only">Cover preview</figcaption>
        </figure>
      </div>
      <div class="grid grid-cols-1 gap-6 sm:grid-cols-2">
        <ChoiceField
          label="Level"
          otherLabel="Level name"
          name="level"
          options={CBC_LEVELS}
          value={level()}
          onValue={setLevel}
          error={errors().level}
          placeholder="e.g. Form 3, Year 10, Adult learners"
          maxLength={COURSE_LIMITS.level}
        />
        <ChoiceField
          label="Learning area"
          otherLabel="Learning area name"
          name="learning_area"
          options={LEARNING_AREAS}
          value={area()}
          onValue={setArea}
          error={errors().learning_area}
          placeholder="e.g. Robotics"
          maxLength={COURSE_LIMITS.learningArea}
        />
      </div>
      <SwitchField
        label="Free for self-enrolment"
        name="is_free"
        checked={free()}
        onChange={setFree}
        description="Students of the school can enrol themselves. When off, a teacher enrols them."
      />
      <Show when={formError()}>
        <FormAlert>
          <p>{formError()}</p>
        </FormAlert>
      </Show>
      <div class="flex flex-col-reverse gap-3 sm:flex-row sm:justify-end">
        <Show when={props.onCancel}>
          <Button variant="secondary" onClick={() => props.onCancel?.()}>
            Cancel
          </Button>
        </Show>
        <Button type="submit" pending={pending()}>
          {props.submitLabel}
        </Button>
      </div>
    </form>
  )
}

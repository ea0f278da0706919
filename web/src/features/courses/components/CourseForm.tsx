import ImageOff from 'lucide-solid/icons/image-off'
import { createEffect, createSignal, on, Show } from 'solid-js'
import { type Course, CreateCourseBody, UpdateCourseBody } from '../../../../../edge/contract/courses.ts'
import { CBC_LEVELS, COURSE_LIMITS, LEARNING_AREAS } from '../../../../../edge/contract/courses-values.ts'
import { type Validated, validate } from '../../../lib/forms.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { Button } from '../../../ui/Button.tsx'
import { SwitchField, TextAreaField, TextField } from '../../../ui/Field.tsx'
import { FormError } from '../../../ui/FormAlert.tsx'
import { createForm } from '../../../ui/form.ts'
import { joinChoice, splitChoice } from '../course-fields.ts'
import { messages } from '../messages.ts'
import { ChoiceField } from './ChoiceField.tsx'

const t = translator(messages)

/** An address is written the same in every language. */
const URL_PLACEHOLDER = 'https://…'

/** What the form sends: the create body, or only the changed fields of an existing course. */
export type CourseFormValues = CreateCourseBody

const FIELDS = [
  'title',
  'summary',
  'cover_image_url',
  'level',
  'learning_area',
  'is_free',
  'lesson_questions',
] as const

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
  const [questions, setQuestions] = createSignal(props.initial?.lesson_questions ?? false)
  const [previewFailed, setPreviewFailed] = createSignal(false)
  createEffect(on(cover, () => setPreviewFailed(false), { defer: true }))

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
    lesson_questions: questions(),
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

  const form = createForm({
    fields: FIELDS,
    // An edit without changes has nothing to check or send: it just goes back.
    validate: (): Validated<Partial<CourseFormValues> | null> => {
      const data = body()
      if (props.initial && Object.keys(data).length === 0) return { ok: true, data: null }
      return props.initial ? validate(UpdateCourseBody, data) : validate(CreateCourseBody, data)
    },
    submit: (data) => (data ? props.onSubmit(data as CourseFormValues) : props.onCancel?.()),
  })

  return (
    <form ref={form.ref} onSubmit={form.onSubmit} noValidate class="card space-y-6 p-5 sm:p-6">
      <TextField
        label={t('form.title')}
        name="title"
        value={title()}
        onValue={setTitle}
        error={form.errors().title}
        maxLength={COURSE_LIMITS.title}
        placeholder={t('form.titlePlaceholder')}
        required
      />
      <TextAreaField
        label={t('form.summary')}
        name="summary"
        value={summary()}
        onValue={setSummary}
        error={form.errors().summary}
        maxLength={COURSE_LIMITS.summary}
        rows={4}
        description={t('form.summaryHint')}
      />
      <div class="grid grid-cols-1 gap-4 sm:grid-cols-[minmax(0,1fr)_12rem] sm:items-start">
        <TextField
          label={t('form.cover')}
          name="cover_image_url"
          type="url"
          inputmode="url"
          value={cover()}
          onValue={setCover}
          error={form.errors().cover_image_url}
          placeholder={URL_PLACEHOLDER}
          description={t('form.coverHint')}
          autocapitalize="off"
          spellcheck={false}
        />
        <figure class="sm:mt-7">
          <div class="aspect-[16/9] overflow-hidden rounded-lg border border-line bg-subtle">
            <Show
              when={previewUrl() && !previewFailed()}
              fallback={
                <div class="flex size-full flex-col items-center justify-center gap-1 p-2 text-center text-xs text-muted">
                  <Show when={previewUrl()} fallback={<span>{t('form.noCover')}</span>}>
                    <ImageOff size={18} />
                    <span>{t('form.coverFailed')}</span>
                  </Show>
                </div>
              }
            >
              <img
                src={previewUrl()}
                alt={t('form.coverPreview')}
                referrerpolicy="no-referrer"
                class="size-full object-cover"
                onError={() => setPreviewFailed(true)}
              />
            </Show>
          </div>
          <figcaption class="sr-only">{t('form.coverPreview')}</figcaption>
        </figure>
      </div>
      <div class="grid grid-cols-1 gap-6 sm:grid-cols-2">
        <ChoiceField
          label={t('form.level')}
          otherLabel={t('form.levelOther')}
          name="level"
          options={CBC_LEVELS}
          value={level()}
          onValue={setLevel}
          error={form.errors().level}
          placeholder={t('form.levelPlaceholder')}
          maxLength={COURSE_LIMITS.level}
        />
        <ChoiceField
          label={t('form.area')}
          otherLabel={t('form.areaOther')}
          name="learning_area"
          options={LEARNING_AREAS}
          value={area()}
          onValue={setArea}
          error={form.errors().learning_area}
          placeholder={t('form.areaPlaceholder')}
          maxLength={COURSE_LIMITS.learningArea}
        />
      </div>
      <SwitchField
        label={t('form.free')}
        name="is_free"
        checked={free()}
        onChange={setFree}
        description={t('form.freeHint')}
      />
      <SwitchField
        label={t('form.questions')}
        name="lesson_questions"
        checked={questions()}
        onChange={setQuestions}
        description={t('form.questionsHint')}
      />
      <FormError form={form} />
      <div class="flex flex-col-reverse gap-3 sm:flex-row sm:justify-end">
        <Show when={props.onCancel}>
          <Button variant="secondary" onClick={() => props.onCancel?.()}>
            {t('cancel')}
          </Button>
        </Show>
        <Button type="submit" pending={form.pending()}>
          {props.submitLabel}
        </Button>
      </div>
    </form>
  )
}

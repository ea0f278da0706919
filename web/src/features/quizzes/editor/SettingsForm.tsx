import { revalidate } from '@solidjs/router'
import { createSignal } from 'solid-js'
import { createStore } from 'solid-js/store'
import type { Quiz } from '../../../../../edge/contract/assessments.ts'
import {
  QUIZ_LIMITS,
  RELEASE_MODES,
  type ReleaseMode,
} from '../../../../../edge/contract/assessments-values.ts'
import { COURSE_LIMITS } from '../../../../../edge/contract/courses-values.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { Button } from '../../../ui/Button.tsx'
import { SelectField, SwitchField, TextAreaField, TextField } from '../../../ui/Field.tsx'
import { FormAlert, FormError } from '../../../ui/FormAlert.tsx'
import { createForm } from '../../../ui/form.ts'
import { toast } from '../../../ui/Toaster.tsx'
import { messages as placeMessages } from '../../courses/outline/assessment-messages.ts'
import { PlaceFields } from '../../courses/outline/PlaceFields.tsx'
import { getQuiz, getQuizEditor, getQuizzes, updateQuiz } from '../api.ts'
import { messages } from './messages.ts'
import { checkSettings, type SettingsDraft, settingsDraft } from './settings-form.ts'

const t = translator(messages)
const pt = translator(placeMessages)

const FIELDS = [
  'title',
  'instructions',
  'time_limit_minutes',
  'max_attempts',
  'opens_at',
  'closes_at',
  'release',
  'module_id',
  'position',
] as const

/** The quiz's settings, saved together (PATCH with what changed); times typed on the school's clock. */
export function SettingsForm(props: { quiz: Quiz; zone: string }) {
  const [draft, setDraft] = createStore<SettingsDraft>(settingsDraft(props.quiz, props.zone))
  const [note, setNote] = createSignal<string>()
  const field =
    <K extends keyof SettingsDraft>(key: K) =>
    (value: SettingsDraft[K]) => {
      setNote()
      setDraft(key, value as never)
    }

  const form = createForm({
    fields: FIELDS,
    validate: () =>
      checkSettings(draft, props.quiz, props.zone, {
        title: t('check.title'),
        tooLong: (max) => t('check.tooLong', { max }),
        timeLimit: (max) => t('check.timeLimit', { max }),
        attempts: (max) => t('check.attempts', { max }),
        date: t('check.date'),
        closesBeforeOpens: t('check.closesBeforeOpens'),
        position: pt('place.positionError'),
      }),
    submit: async (body) => {
      if (!body) return setNote(t('settings.nothing'))
      const quiz = await updateQuiz(props.quiz.id, body)
      // The inputs show what the server now holds (a trimmed title, a time on the minute).
      setDraft(settingsDraft(quiz, props.zone))
      toast.success(t('settings.saved'), quiz.title)
      await revalidate([
        getQuizEditor.keyFor(quiz.id),
        getQuiz.keyFor(quiz.id),
        getQuizzes.keyFor(quiz.course_id),
      ])
    },
  })

  return (
    <section aria-labelledby="settings-heading" class="card p-5 sm:p-6">
      <h2 id="settings-heading" class="text-lg font-semibold">
        {t('settings.title')}
      </h2>
      <form ref={form.ref} onSubmit={form.onSubmit} noValidate class="mt-4 space-y-5">
        <TextField
          label={t('settings.name')}
          name="title"
          value={draft.title}
          onValue={field('title')}
          error={form.errors().title}
          maxLength={COURSE_LIMITS.title}
          required
        />
        <TextAreaField
          label={t('settings.instructions')}
          name="instructions"
          value={draft.instructions}
          onValue={field('instructions')}
          error={form.errors().instructions}
          description={t('settings.instructionsHint')}
          maxLength={QUIZ_LIMITS.instructions}
        />
        <div class="grid gap-5 sm:grid-cols-2">
          <TextField
            label={t('settings.timeLimit')}
            name="time_limit_minutes"
            inputmode="numeric"
            value={draft.timeLimit}
            onValue={field('timeLimit')}
            error={form.errors().time_limit_minutes}
            description={t('settings.timeLimitHint')}
          />
          <TextField
            label={t('settings.attempts')}
            name="max_attempts"
            inputmode="numeric"
            value={draft.maxAttempts}
            onValue={field('maxAttempts')}
            error={form.errors().max_attempts}
            description={t('settings.attemptsHint')}
          />
          <TextField
            label={t('settings.opens')}
            name="opens_at"
            type="datetime-local"
            value={draft.opensAt}
            onValue={field('opensAt')}
            error={form.errors().opens_at}
            description={t('settings.opensHint')}
          />
          <TextField
            label={t('settings.closes')}
            name="closes_at"
            type="datetime-local"
            value={draft.closesAt}
            onValue={field('closesAt')}
            error={form.errors().closes_at}
            description={t('settings.closesHint')}
          />
        </div>
        <p class="-mt-2 text-sm text-muted">{t('settings.zone', { zone: props.zone })}</p>
        <SelectField
          label={t('settings.release')}
          name="release"
          value={draft.release}
          onValue={field('release')}
          error={form.errors().release}
          options={RELEASE_MODES.map((mode: ReleaseMode) => ({
            value: mode,
            label: t(`settings.release.${mode}`),
          }))}
        />
        <SwitchField
          label={t('settings.shuffle')}
          name="shuffle"
          checked={draft.shuffle}
          onChange={field('shuffle')}
          description={t('settings.shuffleHint')}
        />
        <PlaceFields
          courseId={props.quiz.course_id}
          moduleId={draft.moduleId}
          position={draft.position}
          onModule={field('moduleId')}
          onPosition={field('position')}
          errors={{ module_id: form.errors().module_id, position: form.errors().position }}
        />
        <SwitchField
          label={t('settings.published')}
          name="published"
          checked={draft.published}
          onChange={field('published')}
          description={t('settings.publishedHint')}
        />
        <FormError form={form} />
        {note() && (
          <FormAlert tone="info">
            <p>{note()}</p>
          </FormAlert>
        )}
        <div class="flex justify-end">
          <Button type="submit" pending={form.pending()} class="w-full sm:w-auto">
            {t('settings.save')}
          </Button>
        </div>
      </form>
    </section>
  )
}

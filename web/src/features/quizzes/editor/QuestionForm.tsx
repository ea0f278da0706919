import { createUniqueId, Match, Switch } from 'solid-js'
import { createStore } from 'solid-js/store'
import type { EditorQuestion } from '../../../../../edge/contract/assessments.ts'
import {
  QUESTION_KINDS,
  QUIZ_LIMITS,
  type QuestionKind,
} from '../../../../../edge/contract/assessments-values.ts'
import { ApiError } from '../../../api/errors.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { Button } from '../../../ui/Button.tsx'
import { SelectField, TextAreaField, TextField } from '../../../ui/Field.tsx'
import { FormError } from '../../../ui/FormAlert.tsx'
import { createForm } from '../../../ui/form.ts'
import { toast } from '../../../ui/Toaster.tsx'
import { addQuestion, updateQuestion } from '../api.ts'
import { AcceptedFields, OptionFields, TruthField } from './KeyFields.tsx'
import { messages } from './messages.ts'
import {
  checkQuestion,
  draftOf,
  newDraft,
  QUESTION_FIELDS,
  type QuestionDraft,
  questionErrors,
  withKind,
} from './question-form.ts'

const t = translator(messages)

/**
 * A question's form (new, or editing question `number`): its kind, the prompt, the answer key of
 * that kind, points and feedback. Checked as the API would; the API's field errors show at their
 * inputs (an option's at that option).
 */
export function QuestionForm(props: {
  quizId: string
  question?: EditorQuestion
  number: number
  onSaved: () => void
  onCancel: () => void
}) {
  const headingId = createUniqueId()
  const [draft, setDraft] = createStore<QuestionDraft>(props.question ? draftOf(props.question) : newDraft())
  const update = (next: Partial<QuestionDraft>) => setDraft((d) => ({ ...d, ...next }))

  const form = createForm({
    fields: QUESTION_FIELDS,
    fieldErrors: (error) => (error instanceof ApiError ? questionErrors(error.fieldErrors()) : undefined),
    validate: () =>
      checkQuestion(draft, {
        prompt: t('check.prompt'),
        tooLong: (max) => t('check.tooLong', { max }),
        points: t('check.points'),
        pointsMax: (max) => t('check.pointsMax', { max }),
        pointsDecimals: t('check.pointsDecimals'),
        twoOptions: t('check.twoOptions'),
        tooManyOptions: (max) => t('check.tooManyOptions', { max }),
        option: t('check.option'),
        pickCorrect: t('check.pickCorrect'),
        pickSome: t('check.pickSome'),
        pickTruth: t('check.pickTruth'),
        accepted: t('check.accepted'),
        tooManyAccepted: (max) => t('check.tooManyAccepted', { max }),
        number: t('check.number'),
        tolerance: t('check.tolerance'),
      }),
    submit: async (body) => {
      if (props.question) await updateQuestion(props.question.id, body)
      else await addQuestion(props.quizId, body)
      toast.success(props.question ? t('form.saved') : t('form.added'))
      props.onSaved()
    },
  })
  const errors = () => form.errors()

  return (
    <section aria-labelledby={headingId} class="rounded-xl border border-primary/40 bg-surface p-4 sm:p-5">
      <h3 id={headingId} class="font-semibold">
        {props.question ? t('form.editTitle', { n: props.number }) : t('form.newTitle')}
      </h3>
      <form ref={form.ref} onSubmit={form.onSubmit} noValidate class="mt-4 space-y-5">
        <SelectField
          label={t('form.kind')}
          name="kind"
          value={draft.kind}
          onValue={(kind: QuestionKind) => setDraft((d) => withKind(d, kind))}
          options={QUESTION_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
        />
        <TextAreaField
          label={t('form.prompt')}
          name="prompt"
          value={draft.prompt}
          onValue={(prompt) => update({ prompt })}
          error={errors().prompt}
          maxLength={QUIZ_LIMITS.prompt}
          required
        />
        <Switch>
          <Match when={draft.kind === 'single' || draft.kind === 'multiple'}>
            <OptionFields draft={draft} errors={errors()} onChange={update} />
          </Match>
          <Match when={draft.kind === 'true_false'}>
            <TruthField
              value={draft.truth}
              error={errors().correct}
              onChange={(truth) => update({ truth })}
            />
          </Match>
          <Match when={draft.kind === 'short'}>
            <AcceptedFields
              accepted={draft.accepted}
              error={errors().accepted}
              onChange={(accepted) => update({ accepted })}
            />
          </Match>
          <Match when={draft.kind === 'numeric'}>
            <div class="grid gap-5 sm:grid-cols-2">
              <TextField
                label={t('form.number')}
                name="correct"
                inputmode="decimal"
                value={draft.number}
                onValue={(number) => update({ number })}
                error={errors().correct}
                required
              />
              <TextField
                label={t('form.tolerance')}
                name="tolerance"
                inputmode="decimal"
                value={draft.tolerance}
                onValue={(tolerance) => update({ tolerance })}
                error={errors().tolerance}
                description={t('form.toleranceHint')}
              />
            </div>
          </Match>
        </Switch>
        <div class="grid gap-5 sm:grid-cols-[10rem_1fr]">
          <TextField
            label={t('form.points')}
            name="points"
            inputmode="decimal"
            value={draft.points}
            onValue={(points) => update({ points })}
            error={errors().points}
            required
          />
          <TextAreaField
            label={t('form.feedback')}
            name="feedback"
            value={draft.feedback}
            onValue={(feedback) => update({ feedback })}
            error={errors().feedback}
            description={t('form.feedbackHint')}
            maxLength={QUIZ_LIMITS.feedback}
            class="[&_textarea]:min-h-16"
          />
        </div>
        <FormError form={form} />
        <div class="flex flex-col-reverse gap-3 sm:flex-row sm:justify-end">
          <Button variant="secondary" onClick={props.onCancel}>
            {t('form.cancel')}
          </Button>
          <Button type="submit" pending={form.pending()}>
            {t('form.save')}
          </Button>
        </div>
      </form>
    </section>
  )
}

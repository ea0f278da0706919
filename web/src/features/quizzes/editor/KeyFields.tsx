import Plus from 'lucide-solid/icons/plus'
import X from 'lucide-solid/icons/x'
import { createUniqueId, For, Index, Show } from 'solid-js'
import { QUIZ_LIMITS } from '../../../../../edge/contract/assessments-values.ts'
import type { FieldErrors } from '../../../lib/forms.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { Button } from '../../../ui/Button.tsx'
import { messages } from './messages.ts'
import { markCorrect, type QuestionDraft, removeOption } from './question-form.ts'

// The answer key's inputs of each kind of question: options with the correct one(s) marked, true
// or false, the accepted short answers.

const t = translator(messages)

const ROW_BUTTON = 'btn-ghost size-10 shrink-0 px-0 text-muted'

function GroupError(props: { id: string; messages: (string | undefined)[] }) {
  return (
    <For each={props.messages.filter(Boolean)}>
      {(message, i) => (
        <p id={i() === 0 ? props.id : undefined} class="mt-1.5 text-sm text-danger">
          {message}
        </p>
      )}
    </For>
  )
}

/** Options (2 to 10), each with its "correct" mark: a radio for single choice, a checkbox for several. */
export function OptionFields(props: {
  draft: QuestionDraft
  errors: FieldErrors
  onChange: (next: Partial<QuestionDraft>) => void
}) {
  const id = createUniqueId()
  const single = () => props.draft.kind === 'single'
  const setText = (i: number, text: string) =>
    props.onChange({ options: props.draft.options.map((o, j) => (j === i ? { ...o, text } : o)) })
  const groupError = () => props.errors.options ?? props.errors.correct
  return (
    <fieldset aria-describedby={groupError() ? `${id}-err` : `${id}-hint`}>
      <legend class="text-sm font-medium">{t('form.options')}</legend>
      <p id={`${id}-hint`} class="mt-0.5 text-sm text-muted">
        {single() ? t('form.optionsSingle') : t('form.optionsMultiple')}
      </p>
      <ol class="mt-3 space-y-2">
        <Index each={props.draft.options}>
          {(option, i) => {
            const error = () => props.errors[`options.${i}.text`]
            const correct = () => props.draft.correct.includes(i)
            return (
              <li>
                <div class="flex items-center gap-2">
                  <label class="flex min-h-10 shrink-0 cursor-pointer items-center gap-1.5 rounded-lg px-1 text-sm">
                    <input
                      type={single() ? 'radio' : 'checkbox'}
                      name={`${id}-correct`}
                      class="size-5 accent-primary"
                      checked={correct()}
                      aria-invalid={props.errors.correct && i === 0 ? 'true' : undefined}
                      onChange={(e) =>
                        props.onChange({ correct: markCorrect(props.draft, i, e.currentTarget.checked) })
                      }
                    />
                    <span class="sr-only">{t('form.correctLabel', { n: i + 1 })}</span>
                    <span aria-hidden="true" class="hidden sm:inline">
                      {t('form.correct')}
                    </span>
                  </label>
                  <input
                    class="input"
                    name={`options.${i}.text`}
                    aria-label={t('form.option', { n: i + 1 })}
                    placeholder={t('form.option', { n: i + 1 })}
                    value={option().text}
                    maxLength={QUIZ_LIMITS.option}
                    aria-invalid={error() ? 'true' : undefined}
                    aria-describedby={error() ? `${id}-opt-${i}` : undefined}
                    onInput={(e) => setText(i, e.currentTarget.value)}
                  />
                  <Button
                    variant="ghost"
                    class={ROW_BUTTON}
                    aria-label={t('form.removeOption', { n: i + 1 })}
                    disabled={props.draft.options.length <= 2}
                    onClick={() => props.onChange(removeOption(props.draft, i))}
                  >
                    <X size={18} aria-hidden="true" />
                  </Button>
                </div>
                <Show when={error()}>
                  <p id={`${id}-opt-${i}`} class="mt-1 text-sm text-danger sm:ml-24">
                    {error()}
                  </p>
                </Show>
              </li>
            )
          }}
        </Index>
      </ol>
      <GroupError id={`${id}-err`} messages={[props.errors.options, props.errors.correct]} />
      <Button
        variant="secondary"
        class="mt-3"
        disabled={props.draft.options.length >= QUIZ_LIMITS.options}
        onClick={() => props.onChange({ options: [...props.draft.options, { text: '' }] })}
      >
        <Plus size={16} aria-hidden="true" />
        {t('form.addOption')}
      </Button>
    </fieldset>
  )
}

/** Whether the statement is true or false. */
export function TruthField(props: {
  value: boolean | null
  error?: string
  onChange: (value: boolean) => void
}) {
  const id = createUniqueId()
  return (
    <fieldset aria-describedby={props.error ? `${id}-err` : undefined}>
      <legend class="text-sm font-medium">{t('form.truth')}</legend>
      <div class="mt-2 grid grid-cols-2 gap-2 sm:max-w-sm">
        <For each={[true, false]}>
          {(value, i) => (
            <label class="flex min-h-11 cursor-pointer items-center gap-3 rounded-lg border border-line px-3 has-[:checked]:border-primary has-[:checked]:bg-primary/5">
              <input
                type="radio"
                name={`${id}-truth`}
                class="size-5 accent-primary"
                checked={props.value === value}
                aria-invalid={props.error && i() === 0 ? 'true' : undefined}
                onChange={() => props.onChange(value)}
              />
              {value ? t('form.true') : t('form.false')}
            </label>
          )}
        </For>
      </div>
      <GroupError id={`${id}-err`} messages={[props.error]} />
    </fieldset>
  )
}

/** The short answers accepted as correct (1 to 20). */
export function AcceptedFields(props: {
  accepted: string[]
  error?: string
  onChange: (accepted: string[]) => void
}) {
  const id = createUniqueId()
  return (
    <fieldset aria-describedby={props.error ? `${id}-err` : `${id}-hint`}>
      <legend class="text-sm font-medium">{t('form.accepted')}</legend>
      <p id={`${id}-hint`} class="mt-0.5 text-sm text-muted">
        {t('form.acceptedHint')}
      </p>
      <ol class="mt-3 space-y-2">
        <Index each={props.accepted}>
          {(answer, i) => (
            <li class="flex items-center gap-2">
              <input
                class="input"
                name={`accepted.${i}`}
                aria-label={t('form.acceptedItem', { n: i + 1 })}
                value={answer()}
                maxLength={QUIZ_LIMITS.answerText}
                aria-invalid={props.error && i === 0 ? 'true' : undefined}
                onInput={(e) =>
                  props.onChange(props.accepted.map((a, j) => (j === i ? e.currentTarget.value : a)))
                }
              />
              <Button
                variant="ghost"
                class={ROW_BUTTON}
                aria-label={t('form.removeAccepted', { n: i + 1 })}
                disabled={props.accepted.length <= 1}
                onClick={() => props.onChange(props.accepted.filter((_, j) => j !== i))}
              >
                <X size={18} aria-hidden="true" />
              </Button>
            </li>
          )}
        </Index>
      </ol>
      <GroupError id={`${id}-err`} messages={[props.error]} />
      <Button
        variant="secondary"
        class="mt-3"
        disabled={props.accepted.length >= QUIZ_LIMITS.acceptedAnswers}
        onClick={() => props.onChange([...props.accepted, ''])}
      >
        <Plus size={16} aria-hidden="true" />
        {t('form.addAccepted')}
      </Button>
    </fieldset>
  )
}

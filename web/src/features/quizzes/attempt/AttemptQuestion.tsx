import CircleAlert from 'lucide-solid/icons/circle-alert'
import CircleCheck from 'lucide-solid/icons/circle-check'
import { createUniqueId, For, Match, Show, Switch } from 'solid-js'
import type { StudentQuestion } from '../../../../../edge/contract/assessments.ts'
import { QUIZ_LIMITS } from '../../../../../edge/contract/assessments-values.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { Spinner } from '../../../ui/Spinner.tsx'
import { type Draft, parseDecimal, toggleChoice } from './answers.ts'
import type { SaveStatus } from './createAttempt.ts'
import { messages } from './messages.ts'

const t = translator(messages)

/** A choice as a whole-width row: easy to hit with a thumb on a phone. */
const CHOICE =
  'flex min-h-11 cursor-pointer items-center gap-3 rounded-lg border border-line px-3 py-2 has-[:checked]:border-primary has-[:checked]:bg-primary/5 has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-focus'

/**
 * One question as a fieldset (its legend is the number, points and prompt): radio buttons for
 * single choice and true/false, checkboxes for multiple, a text input for short answers and a
 * decimal keypad for numbers; under it, whether its answer is saved.
 */
export function AttemptQuestion(props: {
  question: StudentQuestion
  number: number
  draft: Draft
  save: SaveStatus | undefined
  unreadable: boolean
  onAnswer: (draft: Draft, typing?: boolean) => void
}) {
  const id = createUniqueId()
  const q = () => props.question
  const statusId = `${id}-status`
  const name = `q-${props.question.id}`
  const choose = (choices: string[]) => props.onAnswer({ ...props.draft, choices })
  const typed = () => parseDecimal(props.draft.text)
  return (
    <fieldset class="card min-w-0 p-4 sm:p-5" aria-describedby={statusId}>
      <legend class="float-left w-full">
        <span class="block text-sm text-muted">
          {t('attempt.question', { n: props.number })} · {t('attempt.points', { count: q().points })}
        </span>
        <span class="mt-1 block font-medium break-words whitespace-pre-line">{q().prompt}</span>
      </legend>
      <div class="clear-both space-y-2 pt-4">
        <Switch>
          <Match when={q().kind === 'single' || q().kind === 'multiple'}>
            <Show when={q().kind === 'multiple'}>
              <p class="text-sm text-muted">{t('attempt.chooseAll')}</p>
            </Show>
            <For each={q().options}>
              {(o) => (
                <label class={CHOICE}>
                  <Show
                    when={q().kind === 'multiple'}
                    fallback={
                      <input
                        type="radio"
                        name={name}
                        value={o.id}
                        class="size-5 shrink-0 accent-primary"
                        checked={props.draft.choices[0] === o.id}
                        onChange={() => choose([o.id])}
                      />
                    }
                  >
                    <input
                      type="checkbox"
                      name={name}
                      value={o.id}
                      class="size-5 shrink-0 accent-primary"
                      checked={props.draft.choices.includes(o.id)}
                      onChange={(e) =>
                        choose(toggleChoice(props.draft.choices, o.id, e.currentTarget.checked))
                      }
                    />
                  </Show>
                  <span class="min-w-0 break-words">{o.text}</span>
                </label>
              )}
            </For>
          </Match>
          <Match when={q().kind === 'true_false'}>
            <div class="grid grid-cols-2 gap-2">
              <For each={[true, false]}>
                {(value) => (
                  <label class={CHOICE}>
                    <input
                      type="radio"
                      name={name}
                      value={String(value)}
                      class="size-5 shrink-0 accent-primary"
                      checked={props.draft.bool === value}
                      onChange={() => props.onAnswer({ ...props.draft, bool: value })}
                    />
                    <span>{value ? t('attempt.true') : t('attempt.false')}</span>
                  </label>
                )}
              </For>
            </div>
          </Match>
          <Match when={q().kind === 'short' || q().kind === 'numeric'}>
            <label for={`${id}-input`} class="block text-sm font-medium">
              {t('attempt.yourAnswer')}
            </label>
            <input
              id={`${id}-input`}
              name={name}
              type="text"
              class="input"
              autocomplete="off"
              spellcheck={q().kind === 'short'}
              inputmode={q().kind === 'numeric' ? 'decimal' : 'text'}
              enterkeyhint="next"
              maxLength={QUIZ_LIMITS.answerText}
              value={props.draft.text}
              aria-invalid={props.unreadable ? 'true' : undefined}
              aria-describedby={q().kind === 'numeric' ? `${id}-hint` : undefined}
              onInput={(e) => props.onAnswer({ ...props.draft, text: e.currentTarget.value }, true)}
            />
            <Show when={q().kind === 'numeric'}>
              <p id={`${id}-hint`} class={`text-sm ${props.unreadable ? 'text-danger' : 'text-muted'}`}>
                <Switch fallback={t('attempt.numberHint')}>
                  <Match when={props.unreadable}>{t('attempt.notNumber')}</Match>
                  <Match when={typeof typed() === 'number' && String(typed()) !== props.draft.text.trim()}>
                    {t('attempt.readAs', { value: String(typed()) })}
                  </Match>
                </Switch>
              </p>
            </Show>
          </Match>
        </Switch>
      </div>
      <SaveLine id={statusId} save={props.save} />
    </fieldset>
  )
}

/** "Saving…", "Saved", "Not saved — retrying" or why it was refused; nothing before the first answer. */
function SaveLine(props: { id: string; save: SaveStatus | undefined }) {
  const state = () => props.save?.state
  return (
    <p id={props.id} class="mt-3 flex min-h-5 items-center gap-1.5 text-xs">
      <Switch>
        <Match when={state() === 'pending' || state() === 'saving'}>
          <Spinner class="size-3.5 text-muted" />
          <span class="text-muted">{t('save.saving')}</span>
        </Match>
        <Match when={state() === 'saved'}>
          <CircleCheck size={14} class="text-success" aria-hidden="true" />
          <span class="text-success">{t('save.saved')}</span>
        </Match>
        <Match when={state() === 'retrying'}>
          <CircleAlert size={14} class="text-warn" aria-hidden="true" />
          <span class="text-warn">{t('save.retrying')}</span>
        </Match>
        <Match when={state() === 'refused'}>
          <CircleAlert size={14} class="text-danger" aria-hidden="true" />
          <span class="text-danger">{t('save.refused', { reason: props.save?.error ?? '' })}</span>
        </Match>
      </Switch>
    </p>
  )
}

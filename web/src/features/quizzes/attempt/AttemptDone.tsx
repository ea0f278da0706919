import { A } from '@solidjs/router'
import CircleCheck from 'lucide-solid/icons/circle-check'
import CircleX from 'lucide-solid/icons/circle-x'
import { For, onMount, Show } from 'solid-js'
import type { Attempt, QuestionResult } from '../../../../../edge/contract/assessments.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { FormAlert } from '../../../ui/FormAlert.tsx'
import { formatScore } from '../quiz-status.ts'
import { responseText } from './answers.ts'
import { messages } from './messages.ts'

const t = translator(messages)

/** The right answer as the server words it; true/false comes as `true` / `false`, said in the reader's language. */
const rightAnswer = (kind: string, answer: string) =>
  kind !== 'true_false' ? answer : answer === 'true' ? t('attempt.true') : t('attempt.false')

/**
 * A submitted attempt: the score and, per question, right or wrong, the student's answer, the
 * right one and the teacher's feedback when results are released; else that the teacher will
 * release them. `focus` moves focus to the heading (just submitted).
 */
export function AttemptDone(props: {
  attempt?: Attempt
  quizHref?: string
  notice?: string
  focus?: boolean
}) {
  let heading: HTMLHeadingElement | undefined
  onMount(() => {
    // After the confirm dialog has handed focus back, so this is where a keyboard or reader goes on.
    if (props.focus) setTimeout(() => heading?.focus(), 0)
  })
  const a = () => props.attempt
  return (
    <div class="space-y-6">
      <section class="card space-y-4 p-5 sm:p-6">
        <h2 ref={heading} tabindex="-1" class="text-xl font-bold tracking-tight focus:outline-none">
          {a()?.result
            ? t('done.score', {
                score: formatScore(a()?.result?.score ?? 0),
                max: formatScore(a()?.result?.max_score ?? 0),
              })
            : t('done.title')}
        </h2>
        <Show when={props.notice}>
          <FormAlert tone="info">
            <p>{props.notice}</p>
          </FormAlert>
        </Show>
        <Show when={a()?.auto_submitted}>
          <p class="text-muted">{t('done.auto')}</p>
        </Show>
        <Show when={!a()?.result}>
          <p>{t('done.waiting')}</p>
        </Show>
        <Show when={props.quizHref}>
          {(href) => (
            <A href={href()} class="btn-secondary">
              {t('done.backToQuiz')}
            </A>
          )}
        </Show>
      </section>
      <Show when={a()?.result ? a() : undefined}>
        {(attempt) => (
          <ol class="space-y-4" aria-label={t('done.resultsLabel')}>
            <For each={attempt().questions}>
              {(question, i) => {
                const result = () => attempt().result?.questions.find((r) => r.question_id === question.id)
                const given = () =>
                  responseText(
                    question,
                    attempt().answers.find((x) => x.question_id === question.id)?.response,
                    { yes: t('attempt.true'), no: t('attempt.false') },
                  )
                return (
                  <li class="card p-4 sm:p-5">
                    <Show when={result()}>{(r) => <Verdict result={r()} />}</Show>
                    <p class="mt-2 text-sm text-muted">{t('attempt.question', { n: i() + 1 })}</p>
                    <p class="mt-1 font-medium break-words whitespace-pre-line">{question.prompt}</p>
                    <dl class="mt-3 space-y-2 text-sm">
                      <div>
                        <dt class="text-muted">{t('done.yourAnswer')}</dt>
                        <dd class="break-words">{given() || t('done.noAnswer')}</dd>
                      </div>
                      <Show when={result()?.answer}>
                        <div>
                          <dt class="text-muted">{t('done.rightAnswer')}</dt>
                          <dd class="font-medium break-words">
                            {rightAnswer(question.kind, result()?.answer ?? '')}
                          </dd>
                        </div>
                      </Show>
                      <Show when={result()?.feedback}>
                        <div>
                          <dt class="text-muted">{t('done.feedback')}</dt>
                          <dd class="break-words whitespace-pre-line">{result()?.feedback}</dd>
                        </div>
                      </Show>
                    </dl>
                  </li>
                )
              }}
            </For>
          </ol>
        )}
      </Show>
    </div>
  )
}

function Verdict(props: { result: QuestionResult }) {
  return (
    <p class="flex flex-wrap items-center justify-between gap-2">
      <Show
        when={props.result.correct}
        fallback={
          <span class="badge gap-1 bg-danger-soft text-danger">
            <CircleX size={14} aria-hidden="true" />
            {t('done.wrong')}
          </span>
        }
      >
        <span class="badge gap-1 bg-success-soft text-success">
          <CircleCheck size={14} aria-hidden="true" />
          {t('done.correct')}
        </span>
      </Show>
      <span class="text-sm text-muted tabular-nums">
        {t('done.points', {
          points: formatScore(props.result.points),
          max: formatScore(props.result.max_points),
        })}
      </span>
    </p>
  )
}

import { type JSX, Show } from 'solid-js'
import type { Quiz } from '../../../../../edge/contract/assessments.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { formatSchoolTime as formatWhen } from '../../../lib/school-time.ts'
import { messages } from '../messages.ts'
import { formatScore } from '../quiz-status.ts'

const t = translator(messages)

/** What a quiz asks of a student: questions, points, time limit, attempts, when it opens and closes. */
export function QuizFacts(props: { quiz: Quiz; zone: string | undefined }) {
  const q = () => props.quiz
  const attempts = () => {
    const used = q().mine?.attempts_used
    const max = q().max_attempts
    if (used === undefined) return max === null ? t('facts.unlimited') : t('facts.attempts', { count: max })
    if (max === null) return `${t('facts.unlimited')} · ${t('quiz.attemptsUsedUnlimited', { count: used })}`
    return t('quiz.attemptsUsed', { used, max })
  }
  return (
    <dl class="grid grid-cols-2 gap-x-6 gap-y-3 text-sm sm:grid-cols-3">
      <Fact label={t('quiz.questions')}>{String(q().question_count)}</Fact>
      <Fact label={t('quiz.points')}>{formatScore(q().max_score)}</Fact>
      <Fact label={t('quiz.timeLimit')}>
        {q().time_limit_minutes === null
          ? t('facts.noTimeLimit')
          : t('facts.minutes', { count: q().time_limit_minutes ?? 0 })}
      </Fact>
      <Fact label={t('quiz.attempts')}>{attempts()}</Fact>
      <Fact label={t('quiz.opens')}>
        <Show when={q().opens_at} fallback={t('quiz.anyTime')}>
          {(at) => <time datetime={at()}>{formatWhen(at(), props.zone)}</time>}
        </Show>
      </Fact>
      <Fact label={t('quiz.closes')}>
        <Show when={q().closes_at} fallback={t('quiz.noClose')}>
          {(at) => <time datetime={at()}>{formatWhen(at(), props.zone)}</time>}
        </Show>
      </Fact>
    </dl>
  )
}

function Fact(props: { label: string; children: JSX.Element }) {
  return (
    <div>
      <dt class="text-muted">{props.label}</dt>
      <dd class="font-medium">{props.children}</dd>
    </div>
  )
}

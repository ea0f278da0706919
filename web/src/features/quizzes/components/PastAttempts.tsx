import { A, createAsync } from '@solidjs/router'
import { For, Show } from 'solid-js'
import type { Quiz } from '../../../../../edge/contract/assessments.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { formatSchoolTime as formatWhen } from '../../../lib/school-time.ts'
import { useTenant } from '../../../shell/state/TenantContext.tsx'
import { getQuizResults } from '../api.ts'
import { messages } from '../messages.ts'
import { formatScore } from '../quiz-status.ts'

const t = translator(messages)

/**
 * A student's submitted attempts with their scores, once results are released (the results
 * answer holds only their own attempts). Nothing when it cannot be read: the best score is shown.
 */
export function PastAttempts(props: { quiz: Quiz; zone: string | undefined }) {
  const tenant = useTenant()
  const results = createAsync(() => getQuizResults(props.quiz.id).catch(() => undefined))
  const submitted = () => (results()?.attempts ?? []).filter((a) => a.status === 'submitted')
  return (
    <Show when={submitted().length > 0}>
      <section aria-labelledby="past-attempts" class="card p-5 sm:p-6">
        <h2 id="past-attempts" class="text-lg font-semibold">
          {t('quiz.yourAttempts')}
        </h2>
        <ul class="mt-3 divide-y divide-line">
          <For each={submitted()}>
            {(a) => (
              <li class="flex flex-wrap items-center justify-between gap-x-4 gap-y-1 py-3 text-sm">
                <span>
                  <span class="font-medium">{t('quiz.attemptN', { number: a.number })}</span>
                  <span class="text-muted"> · {formatWhen(a.submitted_at, props.zone)}</span>
                </span>
                <span class="flex items-center gap-4">
                  <span class="font-semibold tabular-nums">
                    {a.score !== null && a.max_score !== null
                      ? t('quiz.score', { score: formatScore(a.score), max: formatScore(a.max_score) })
                      : t('quiz.notScored')}
                  </span>
                  <A
                    href={`/t/${tenant().slug}/attempts/${a.id}`}
                    class="link"
                    aria-label={t('quiz.seeLabel', { number: a.number })}
                  >
                    {t('quiz.see')}
                  </A>
                </span>
              </li>
            )}
          </For>
        </ul>
      </section>
    </Show>
  )
}

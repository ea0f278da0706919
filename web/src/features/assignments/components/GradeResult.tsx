import CircleCheck from 'lucide-solid/icons/circle-check'
import CircleDashed from 'lucide-solid/icons/circle-dashed'
import { For, Show } from 'solid-js'
import type { Grade, Rubric } from '../../../../../edge/contract/assignments.ts'
import { formatDateTime } from '../../../lib/format.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { formatPoints, gradeText } from '../grade-text.ts'
import { messages } from '../messages.ts'

const t = translator(messages)

/**
 * A released grade as its student reads it: the grade (points after any late penalty, or the BTEC
 * grade), each criterion's outcome with its feedback, the overall feedback and who graded it.
 */
export function GradeResult(props: {
  grade: Grade
  rubric: Rubric | null
  late: boolean
  penaltyPercent: number
}) {
  const g = () => props.grade
  const mark = (id: string) => g().criteria.find((c) => c.criterion_id === id)
  const penalised = () =>
    props.late && props.penaltyPercent > 0 && g().raw_points !== null && g().raw_points !== g().points
  return (
    <div class="space-y-4">
      <div>
        <p class="text-sm text-muted">{t('result.grade')}</p>
        <p class="text-3xl font-bold tracking-tight">{gradeText(g(), (name) => t(`btec.${name}`)) ?? '—'}</p>
        <Show when={penalised()}>
          <p class="mt-1 text-sm text-muted">
            {t('result.beforePenalty', {
              raw: formatPoints(g().raw_points ?? 0),
              percent: props.penaltyPercent,
            })}
          </p>
        </Show>
      </div>
      <Show when={props.rubric}>
        {(r) => (
          <ul class="space-y-2">
            <For each={r().criteria}>
              {(c) => {
                const m = () => mark(c.id)
                const level = () => c.levels?.find((l) => l.id === m()?.level_id)
                return (
                  <li class="rounded-lg border border-line p-3 text-sm">
                    <div class="flex flex-wrap items-start justify-between gap-2">
                      <p class="min-w-0 font-medium break-words">
                        {r().kind === 'btec' ? `${c.code} · ${c.description ?? ''}` : c.title}
                      </p>
                      <Show
                        when={r().kind === 'btec'}
                        fallback={
                          <span class="badge shrink-0 bg-subtle text-fg">
                            {level()
                              ? t('rubric.level', {
                                  title: level()?.title ?? '',
                                  points: formatPoints(level()?.points ?? 0),
                                })
                              : '—'}
                          </span>
                        }
                      >
                        <Show
                          when={m()?.achieved}
                          fallback={
                            <span class="badge shrink-0 bg-subtle text-muted">
                              <CircleDashed size={14} aria-hidden="true" />
                              {t('result.notYet')}
                            </span>
                          }
                        >
                          <span class="badge shrink-0 bg-success-soft text-success">
                            <CircleCheck size={14} aria-hidden="true" />
                            {t('result.achieved')}
                          </span>
                        </Show>
                      </Show>
                    </div>
                    <Show when={m()?.feedback}>
                      <p class="mt-2 break-words whitespace-pre-wrap text-muted">{m()?.feedback}</p>
                    </Show>
                  </li>
                )
              }}
            </For>
          </ul>
        )}
      </Show>
      <Show when={g().feedback.trim()}>
        <div>
          <p class="text-sm font-medium">{t('result.feedback')}</p>
          <p class="mt-1 text-sm break-words whitespace-pre-wrap">{g().feedback}</p>
        </div>
      </Show>
      <p class="text-xs text-muted">
        {g().graded_by_name
          ? t('result.gradedBy', { name: g().graded_by_name ?? '', time: formatDateTime(g().graded_at) })
          : t('result.gradedAt', { time: formatDateTime(g().graded_at) })}
      </p>
    </div>
  )
}

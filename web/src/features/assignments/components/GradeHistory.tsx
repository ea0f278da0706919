import { For, Show } from 'solid-js'
import type { BtecGrade } from '../../../../../edge/contract/assessments-values.ts'
import type { GradeChange } from '../../../../../edge/contract/assignments.ts'
import { formatDateTime } from '../../../lib/format.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { formatPoints } from '../grade-text.ts'
import { messages } from '../messages.ts'

const t = translator(messages)

const shown = (g: { points: number | null; btec_grade: string | null } | null) =>
  !g
    ? '—'
    : g.btec_grade
      ? t(`btec.${g.btec_grade as BtecGrade}`)
      : g.points === null
        ? '—'
        : formatPoints(g.points)

/** Every change to a grade, newest first: when, who, and the grade before and after. */
export function GradeHistory(props: { history: GradeChange[]; headingLevel?: 'h2' | 'h3' }) {
  const newestFirst = () =>
    [...props.history].sort((a, b) => Date.parse(b.changed_at) - Date.parse(a.changed_at))
  return (
    <section aria-label={t('history.title')}>
      <Show
        when={props.headingLevel === 'h3'}
        fallback={<h2 class="text-base font-semibold">{t('history.title')}</h2>}
      >
        <h3 class="text-base font-semibold">{t('history.title')}</h3>
      </Show>
      <Show
        when={props.history.length > 0}
        fallback={<p class="mt-2 text-sm text-muted">{t('history.empty')}</p>}
      >
        <ol class="mt-2 space-y-2 text-sm">
          <For each={newestFirst()}>
            {(h) => (
              <li class="flex flex-col gap-0.5 border-l-2 border-line pl-3 sm:flex-row sm:items-baseline sm:gap-2">
                <time datetime={h.changed_at} class="shrink-0 text-muted">
                  {formatDateTime(h.changed_at)}
                </time>
                <span>
                  {h.before && shown(h.before) === shown(h.after)
                    ? t('history.updated', {
                        name: h.changed_by_name ?? t('history.someone'),
                        after: shown(h.after),
                      })
                    : h.before
                      ? t('history.changed', {
                          name: h.changed_by_name ?? t('history.someone'),
                          before: shown(h.before),
                          after: shown(h.after),
                        })
                      : t('history.first', {
                          name: h.changed_by_name ?? t('history.someone'),
                          after: shown(h.after),
                        })}
                </span>
              </li>
            )}
          </For>
        </ol>
      </Show>
    </section>
  )
}

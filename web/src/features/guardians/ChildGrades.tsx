import { For, Show } from 'solid-js'
import type { ChildGrade } from '../../../../edge/contract/guardians.ts'
import { formatDate, formatNumber } from '../../lib/format.ts'
import { translator } from '../../lib/i18n/i18n.ts'
import { parentMessages } from './parent-messages.ts'

const t = translator(parentMessages)

/** "7 / 10", a BTEC grade, or both when the assignment has both. */
export function resultText(g: Pick<ChildGrade, 'points' | 'max_points' | 'btec_grade'>): string {
  const points =
    g.points !== null && g.max_points !== null
      ? `${formatNumber(g.points)} / ${formatNumber(g.max_points)}`
      : ''
  return [g.btec_grade ?? '', points].filter(Boolean).join(' · ') || '—'
}

/** The child's released results, newest first (unreleased ones never reach the page). */
export function ChildGrades(props: { grades: readonly ChildGrade[] }) {
  return (
    <div class="space-y-3">
      <Show when={props.grades.length > 0} fallback={<p class="text-sm text-muted">{t('child.noGrades')}</p>}>
        <div class="overflow-x-auto">
          <table class="w-full text-left text-sm">
            <thead class="text-xs text-muted uppercase">
              <tr>
                <th scope="col" class="py-2 pr-3 font-medium">
                  {t('child.colWork')}
                </th>
                <th scope="col" class="py-2 pr-3 font-medium">
                  {t('child.colCourse')}
                </th>
                <th scope="col" class="py-2 pr-3 font-medium">
                  {t('child.colResult')}
                </th>
                <th scope="col" class="py-2 font-medium">
                  {t('child.colReleased')}
                </th>
              </tr>
            </thead>
            <tbody class="divide-y divide-line">
              <For each={props.grades}>
                {(g) => (
                  <tr>
                    <td class="py-2 pr-3">
                      <span class="font-medium">{g.title}</span>
                      <span class="block text-xs text-muted">{t(`child.kind.${g.kind}`)}</span>
                    </td>
                    <td class="py-2 pr-3">{g.course_title}</td>
                    <td class="py-2 pr-3 tabular-nums">{resultText(g)}</td>
                    <td class="py-2 text-muted">{formatDate(g.released_at)}</td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </div>
      </Show>
      <p class="text-xs text-muted">{t('child.gradesNote')}</p>
    </div>
  )
}

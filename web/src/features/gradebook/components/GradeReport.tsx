import { For, Show } from 'solid-js'
import type { Gradebook, GradebookItem, GradebookRow } from '../../../../../edge/contract/gradebook.ts'
import { intlLocale } from '../../../lib/i18n/i18n.ts'
import {
  categoryPercent,
  cellsById,
  cellView,
  orderedItems,
  percentText,
  totalOf,
  weightShares,
} from '../grades.ts'
import { btecName, pointsText, t } from '../words.ts'

/**
 * One student's grades as a readable page: the course total and tutoring attendance, each
 * category's average and share, then every quiz and assignment with its result, by category.
 */
export function GradeReport(props: { gradebook: Gradebook; row: GradebookRow }) {
  const locale = () => intlLocale()
  const total = () => totalOf(props.row)
  const shares = () => weightShares(props.gradebook.categories)
  const cells = () => cellsById(props.row)
  const groups = () => {
    const items = orderedItems(props.gradebook)
    const groups = props.gradebook.categories.map((c) => ({
      id: c.id as string | null,
      name: c.name,
      items: items.filter((i) => i.category_id === c.id),
    }))
    const known = new Set(props.gradebook.categories.map((c) => c.id))
    const other = items.filter((i) => !i.category_id || !known.has(i.category_id))
    if (other.length > 0) groups.push({ id: null, name: t('mine.other'), items: other })
    return groups.filter((g) => g.items.length > 0)
  }
  const uncounted = () => props.gradebook.categories.length > 0

  return (
    <div class="space-y-6">
      <div class="grid gap-4 sm:grid-cols-2">
        <section class="card p-5" aria-labelledby="grades-total">
          <h2 id="grades-total" class="text-sm font-medium text-muted">
            {t('mine.total')}
          </h2>
          <p class="mt-1 text-3xl font-bold tracking-tight tabular-nums">
            {total() === null ? t('mine.totalNone') : percentText(total() ?? 0, locale())}
          </p>
          <Show
            when={props.row.total_override}
            fallback={
              <p class="mt-1 text-sm text-muted">
                {props.gradebook.categories.length > 0
                  ? t('mine.totalHintWeighted')
                  : t('mine.totalHintPlain')}
              </p>
            }
          >
            {(o) => <p class="mt-1 text-sm">{t('mine.totalChanged', { reason: o().reason })}</p>}
          </Show>
        </section>
        <section class="card p-5" aria-labelledby="grades-attendance">
          <h2 id="grades-attendance" class="text-sm font-medium text-muted">
            {t('mine.attendance')}
          </h2>
          <p class="mt-1 text-lg font-semibold">
            {props.row.attendance.booked > 0
              ? t('mine.attendanceText', {
                  attended: props.row.attendance.attended,
                  booked: props.row.attendance.booked,
                })
              : t('mine.attendanceNone')}
          </p>
          <p class="mt-1 text-sm text-muted">{t('mine.attendanceHint')}</p>
        </section>
      </div>

      <Show when={props.gradebook.categories.length > 0}>
        <section class="card p-5" aria-labelledby="grades-categories">
          <h2 id="grades-categories" class="font-semibold">
            {t('mine.categories')}
          </h2>
          <ul class="mt-3 divide-y divide-line">
            <For each={props.gradebook.categories}>
              {(c, i) => {
                const percent = () => categoryPercent(props.row, c.id)
                return (
                  <li class="flex items-start justify-between gap-4 py-2">
                    <div class="min-w-0">
                      <p class="font-medium">{c.name}</p>
                      <p class="text-sm text-muted">
                        {t('mine.categoryShare', { share: percentText(shares()[i()] ?? 0, locale()) })}
                        <Show when={c.drop_lowest > 0}>
                          {' · '}
                          {t('mine.dropped', { count: c.drop_lowest })}
                        </Show>
                      </p>
                    </div>
                    <p class="shrink-0 font-semibold tabular-nums">
                      {percent() === null ? '—' : percentText(percent() ?? 0, locale())}
                    </p>
                  </li>
                )
              }}
            </For>
          </ul>
        </section>
      </Show>

      <section class="card p-5" aria-labelledby="grades-work">
        <h2 id="grades-work" class="font-semibold">
          {t('mine.work')}
        </h2>
        <For each={groups()}>
          {(group) => (
            <div class="mt-4">
              <h3 class="text-sm font-medium text-muted">
                {group.name}
                <Show when={group.id === null && uncounted()}>
                  {' · '}
                  {t('mine.uncounted')}
                </Show>
              </h3>
              <ul class="mt-1 divide-y divide-line">
                <For each={group.items}>{(item) => <ItemResult item={item} cells={cells()} />}</For>
              </ul>
            </div>
          )}
        </For>
      </section>
    </div>
  )
}

function ItemResult(props: { item: GradebookItem; cells: ReturnType<typeof cellsById> }) {
  const cell = () => props.cells.get(props.item.id)
  const view = () => cellView(cell(), props.item)
  const result = () => {
    const v = view()
    if (v.kind === 'percent') return percentText(v.percent, intlLocale())
    if (v.kind === 'btec') return btecName(v.grade)
    if (v.kind === 'missing') return t('mine.missing')
    return props.item.released ? t('mine.pending') : t('mine.notReleased')
  }
  const points = () => {
    const c = cell()
    return c?.points != null && c.max_points != null && !c.override
      ? t('cell.points', { points: pointsText(c.points), max: pointsText(c.max_points) })
      : undefined
  }
  return (
    <li class="flex items-start justify-between gap-4 py-2">
      <div class="min-w-0">
        <p class="font-medium">{props.item.title}</p>
        <p class="text-sm text-muted">
          {props.item.kind === 'quiz' ? t('table.quiz') : t('table.assignment')}
          <Show when={points()}>
            {(p) => (
              <>
                {' · '}
                {p()}
              </>
            )}
          </Show>
        </p>
        <Show when={cell()?.override}>
          {(o) => <p class="mt-1 text-sm">{t('mine.changed', { reason: o().reason })}</p>}
        </Show>
      </div>
      <p
        class={`shrink-0 text-right tabular-nums ${view().kind === 'percent' || view().kind === 'btec' ? 'font-semibold' : 'text-sm text-muted'}`}
      >
        {result()}
      </p>
    </li>
  )
}

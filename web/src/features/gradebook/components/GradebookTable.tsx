import { createMemo, For, type JSX, Show } from 'solid-js'
import type {
  Gradebook,
  GradebookCell,
  GradebookItem,
  GradebookRow,
} from '../../../../../edge/contract/gradebook.ts'
import { intlLocale } from '../../../lib/i18n/i18n.ts'
import {
  attendanceText,
  btecShort,
  type CellTarget,
  type Column,
  categoryPercent,
  cellsById,
  cellView,
  columnsOf,
  percentText,
  stableRows,
  totalOf,
} from '../grades.ts'
import { btecName, pointsText, t } from '../words.ts'

// The teacher's table: students × items, then each category's average, the total and tutoring
// attendance. Built for 200 students × 40 items: a row is drawn once from plain values (no signal
// or effect per cell), one click handler serves every cell, and after a save only the rows whose
// content changed are drawn again. A change of columns (or of language) draws the table anew.

/** What the header depends on; the table is redrawn only when its `key` changes. */
interface Layout {
  key: string
  columns: Column[]
  canOverride: boolean
  locale: string
}

const HEAD = 'sticky top-0 z-20 border-b border-line bg-subtle px-3 py-2 text-left align-bottom font-medium'
const CELL = 'border-b border-line px-3 py-1.5 text-right whitespace-nowrap tabular-nums'
const BUTTON =
  'w-full rounded px-1.5 py-0.5 text-right tabular-nums hover:bg-subtle focus-visible:outline-2 focus-visible:outline-focus'

/** The gradebook as a table; a result (or a total) chosen by a grader goes to `onCell`. */
export function GradebookTable(props: { gradebook: Gradebook; onCell: (target: CellTarget) => void }) {
  const layout = createMemo<Layout | undefined>(
    () => {
      const gb = props.gradebook
      const locale = intlLocale()
      const columns = columnsOf(gb)
      const key = JSON.stringify([
        locale,
        gb.can_override,
        columns.map((c) =>
          c.kind === 'item'
            ? [c.item.id, c.item.title, c.item.kind, c.item.btec, c.item.released, c.category?.name]
            : [c.category.id, c.category.name, c.share],
        ),
      ])
      return { key, columns, canOverride: gb.can_override, locale }
    },
    undefined,
    { equals: (a, b) => a?.key === b?.key },
  )
  const rows = createMemo<GradebookRow[]>((previous) => stableRows(previous, props.gradebook.rows), [])

  const onClick = (e: MouseEvent) => {
    const button = (e.target as Element).closest<HTMLButtonElement>('button[data-item]')
    const userId = button?.dataset.user
    const item = button?.dataset.item
    if (userId && item) props.onCell({ userId, item })
  }

  return (
    <section
      aria-label={t('table.label', { course: props.gradebook.course_title })}
      tabindex="0"
      class="relative max-h-[75vh] overflow-auto rounded-xl border border-line bg-surface focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-focus"
    >
      <Show when={layout()} keyed>
        {(l) => (
          <table class="min-w-full border-separate border-spacing-0 text-sm">
            <caption class="sr-only">
              {t('table.caption', { students: rows().length, items: props.gradebook.items.length })}
            </caption>
            <thead>
              <tr>
                <th scope="col" class={`${HEAD} left-0 z-30 min-w-[8rem] border-r sm:min-w-[11rem]`}>
                  {t('table.student')}
                </th>
                {l.columns.map((c) =>
                  c.kind === 'item' ? itemHeader(c.item, c.category?.name) : categoryHeader(c, l),
                )}
                <th scope="col" class={`${HEAD} text-right`}>
                  {t('table.total')}
                </th>
                <th scope="col" class={`${HEAD} text-right`} title={t('table.attendanceHint')}>
                  {t('table.attendance')}
                </th>
              </tr>
            </thead>
            {/* biome-ignore lint/a11y/useKeyWithClickEvents: the clicks come from the buttons inside (Enter and Space click them too); one handler serves every cell */}
            <tbody onClick={onClick}>
              <For each={rows()}>{(row) => rowOf(row, l)}</For>
            </tbody>
          </table>
        )}
      </Show>
    </section>
  )
}

function itemHeader(item: GradebookItem, category: string | undefined): JSX.Element {
  const title = item.title
  const facts = [item.kind === 'quiz' ? t('table.quiz') : t('table.assignment'), category]
  if (!item.released) facts.push(t('table.notReleased'))
  const sub = facts.filter(Boolean).join(' · ')
  return (
    <th scope="col" class={`${HEAD} max-w-[10rem] min-w-[7rem]`} title={`${title} — ${sub}`}>
      <span class="line-clamp-2 block">{title}</span>
      <span class="block truncate text-xs font-normal text-muted">{sub}</span>
    </th>
  )
}

function categoryHeader(c: Extract<Column, { kind: 'category' }>, l: Layout): JSX.Element {
  const name = c.category.name
  const sub = `${t('table.average')} · ${t('table.share', { share: percentText(c.share, l.locale) })}`
  return (
    <th scope="col" class={`${HEAD} max-w-[12rem] min-w-[10rem] text-right`} title={`${name} — ${sub}`}>
      <span class="line-clamp-2 block">{name}</span>
      <span class="block truncate text-xs font-normal text-muted">{sub}</span>
    </th>
  )
}

/** One student's row from plain values: nothing in it is reactive. */
function rowOf(row: GradebookRow, l: Layout): JSX.Element {
  const cells = cellsById(row)
  const name = row.student_name
  const tds = l.columns.map((c) =>
    c.kind === 'item'
      ? itemCell(row.user_id, cells.get(c.item.id), c.item, l)
      : plainCell(categoryPercent(row, c.category.id), l),
  )
  const total = totalCell(row, l)
  const attendance = attendanceText(row.attendance)
  const attendanceTitle = attendance ? t('table.attendanceHint') : t('cell.noSessions')
  const attendanceShown = attendance ?? '—'
  return (
    <tr>
      <th
        scope="row"
        class="sticky left-0 z-10 max-w-[9rem] truncate sm:max-w-[14rem] border-r border-b border-line bg-surface px-3 py-1.5 text-left font-medium"
        title={name}
      >
        {name}
      </th>
      {tds}
      {total}
      <td class={`${CELL} text-muted`} title={attendanceTitle}>
        {attendanceShown}
      </td>
    </tr>
  )
}

/** A result's text, its tone and its title (the override's reason, the points, or what a status means). */
function describe(cell: GradebookCell | undefined, item: GradebookItem, locale: string) {
  const view = cellView(cell, item)
  const override = cell?.override
  let text = '—'
  let tone = ''
  let title = t('cell.pending')
  if (view.kind === 'percent') {
    text = percentText(view.percent, locale)
    title =
      cell?.points != null && cell.max_points != null
        ? t('cell.points', { points: pointsText(cell.points), max: pointsText(cell.max_points) })
        : text
  } else if (view.kind === 'btec') {
    text = btecShort(view.grade)
    title = btecName(view.grade)
  } else if (view.kind === 'missing') {
    text = t('cell.missing')
    tone = 'text-muted italic'
    title = t('cell.missingHint')
  } else tone = 'text-muted'
  if (override) title = t('cell.overrideTitle', { reason: override.reason })
  return { text, tone, title, overridden: Boolean(override) }
}

/** A result with the override marker (and its words for screen readers) when overridden. */
function content(text: string, overridden: boolean): JSX.Element {
  if (!overridden) return text
  const words = t('cell.overridden')
  return (
    <>
      {text}
      <span aria-hidden="true" class="ml-0.5 font-bold text-primary">
        *
      </span>
      <span class="sr-only"> ({words})</span>
    </>
  )
}

function itemCell(userId: string, cell: GradebookCell | undefined, item: GradebookItem, l: Layout) {
  // Plain constants only below: the compiler then sets each value once, with no effect per cell.
  const { text, tone, title, overridden } = describe(cell, item, l.locale)
  const shown = content(text, overridden)
  // BTEC results have no percentage to override.
  if (!l.canOverride || item.btec)
    return (
      <td class={`${CELL} ${tone}`} title={title}>
        {shown}
      </td>
    )
  const itemId = item.id
  return (
    <td class={`${CELL} px-1.5`}>
      <button type="button" class={`${BUTTON} ${tone}`} data-user={userId} data-item={itemId} title={title}>
        {shown}
      </button>
    </td>
  )
}

function plainCell(percent: number | null, l: Layout): JSX.Element {
  const text = percent === null ? '—' : percentText(percent, l.locale)
  return <td class={`${CELL} ${percent === null ? 'text-muted' : ''}`}>{text}</td>
}

function totalCell(row: GradebookRow, l: Layout): JSX.Element {
  const total = totalOf(row)
  const text = total === null ? '—' : percentText(total, l.locale)
  const override = row.total_override
  const title = override ? t('cell.overrideTitle', { reason: override.reason }) : t('table.total')
  const shown = content(text, Boolean(override))
  if (!l.canOverride)
    return (
      <td class={`${CELL} font-semibold`} title={title}>
        {shown}
      </td>
    )
  const userId = row.user_id
  return (
    <td class={`${CELL} px-1.5 font-semibold`}>
      <button type="button" class={BUTTON} data-user={userId} data-item="total" title={title}>
        {shown}
      </button>
    </td>
  )
}

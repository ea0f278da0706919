import { For, type JSX, Show } from 'solid-js'
import { formatDate, formatNumber } from '../../../lib/format.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { Button } from '../../../ui/Button.tsx'
import { EmptyState } from '../../../ui/EmptyState.tsx'
import { TableScroll } from '../../payments/components/TableScroll.tsx'
import { messages } from '../messages.ts'
import { ROWS_PER_PAGE } from '../report-url.ts'

// The pieces every report's result is made of: the result or its empty state, a figure of its totals,
// and its rows as a table with a caption, a page at a time.

const t = translator(messages)

/** A column of a report's table: its heading, its cell, and whether it holds numbers (right-aligned). */
export interface Column<Row> {
  head: string
  cell: (r: Row) => JSX.Element
  numeric?: boolean
}

/** The days of a report's page. */
type Days = { from_day: string; to_day: string }

/** The arguments of a table's caption: the grouping as a phrase ("by student") and the period's days. */
export const captionArgs = (group: string, r: Days) => ({
  group: group.toLowerCase(),
  from: formatDate(r.from_day),
  to: formatDate(r.to_day),
})

/** A report's totals and table when its period has rows, else an empty state that names the period. */
export function ReportResult(props: {
  report: Days & { total_rows: number }
  icon: JSX.Element
  emptyTitle: string
  emptyText: string
  children: JSX.Element
}) {
  const period = () =>
    t('summary.period', { from: formatDate(props.report.from_day), to: formatDate(props.report.to_day) })
  return (
    <Show
      when={props.report.total_rows > 0}
      fallback={
        <EmptyState icon={props.icon} title={props.emptyTitle}>
          {period()} · {props.emptyText}
        </EmptyState>
      }
    >
      {props.children}
    </Show>
  )
}

/** One of the report's totals, large. */
export function Stat(props: { label: string; value: string }) {
  return (
    <div class="card px-4 py-3 sm:px-5 sm:py-4">
      <dt class="text-sm text-muted">{props.label}</dt>
      <dd class="mt-1 text-2xl font-semibold tabular-nums sm:text-3xl">{props.value}</dd>
    </div>
  )
}

/** A whole percent, or a dash for none. */
export const percentText = (value: number | null) => (value === null ? '—' : `${Math.round(value)}%`)

/** The rows of one page under their caption (the table's name), and the way to the other pages. */
export function ReportTable<Row>(props: {
  id: string
  caption: string
  columns: Column<Row>[]
  rows: Row[]
  /** 1-based. */
  page: number
  totalRows: number
  onPage: (page: number) => void
}) {
  const first = () => (props.page - 1) * ROWS_PER_PAGE + 1
  const last = () => first() + props.rows.length - 1
  return (
    <>
      <h2 id={props.id} class="text-sm font-semibold">
        {props.caption}
      </h2>
      <TableScroll label={props.caption}>
        <table class="w-full text-sm" aria-labelledby={props.id}>
          <thead>
            <tr class="border-b border-line text-left text-muted">
              <For each={props.columns}>
                {(c) => (
                  <th scope="col" class={`px-4 py-2 font-medium ${c.numeric ? 'text-right' : ''}`}>
                    {c.head}
                  </th>
                )}
              </For>
            </tr>
          </thead>
          <tbody class="divide-y divide-line">
            <For each={props.rows}>
              {(row) => (
                <tr>
                  <For each={props.columns}>
                    {(c) => (
                      <td class={`px-4 py-2 ${c.numeric ? 'text-right tabular-nums' : ''}`}>{c.cell(row)}</td>
                    )}
                  </For>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </TableScroll>
      <nav class="flex flex-wrap items-center justify-between gap-3 text-sm" aria-label={t('table.pages')}>
        <span class="text-muted">
          {t('table.rows', { first: first(), last: last(), total: formatNumber(props.totalRows) })}
        </span>
        <div class="flex gap-2">
          <Button variant="secondary" disabled={props.page <= 1} onClick={() => props.onPage(props.page - 1)}>
            {t('table.previous')}
          </Button>
          <Button
            variant="secondary"
            disabled={last() >= props.totalRows}
            onClick={() => props.onPage(props.page + 1)}
          >
            {t('table.next')}
          </Button>
        </div>
      </nav>
    </>
  )
}

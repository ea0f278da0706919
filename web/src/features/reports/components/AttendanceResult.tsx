import ClipboardList from 'lucide-solid/icons/clipboard-list'
import { For, type JSX, Show } from 'solid-js'
import {
  type AttendanceGroup,
  type AttendanceReport,
  type AttendanceRow,
  attendanceRate,
} from '../../../../../edge/contract/reports.ts'
import { formatDate, formatNumber } from '../../../lib/format.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { formatSchoolTime } from '../../../lib/school-time.ts'
import { Button } from '../../../ui/Button.tsx'
import { EmptyState } from '../../../ui/EmptyState.tsx'
import { TableScroll } from '../../payments/components/TableScroll.tsx'
import { useSchoolZone } from '../../tenancy/school-zone.ts'
import { messages } from '../messages.ts'
import { type AttendanceView, ROWS_PER_PAGE } from '../report-url.ts'

const t = translator(messages)

const percent = (r: { booked: number; present: number }) => {
  const rate = attendanceRate(r)
  return rate === null ? '—' : `${rate}%`
}

/** A column of the table: its heading, its cell, and whether it holds numbers (right-aligned). */
interface Column {
  head: string
  cell: (r: AttendanceRow) => JSX.Element
  numeric?: boolean
}

function columns(group: AttendanceGroup, zone: string | undefined): Column[] {
  const name = (v: string | null) => v ?? t('table.unknown')
  const when = (r: AttendanceRow) => (
    <time datetime={r.starts_at ?? undefined}>{formatSchoolTime(r.starts_at, zone)}</time>
  )
  const figures: Column[] = [
    { head: t('table.booked'), cell: (r) => formatNumber(r.booked), numeric: true },
    { head: t('table.present'), cell: (r) => formatNumber(r.present), numeric: true },
    { head: t('table.rate'), cell: percent, numeric: true },
    { head: t('table.minutes'), cell: (r) => formatNumber(r.minutes), numeric: true },
  ]
  switch (group) {
    case 'session':
      return [
        { head: t('table.session'), cell: (r) => name(r.label) },
        { head: t('table.tutor'), cell: (r) => name(r.detail) },
        { head: t('table.starts'), cell: when },
        ...figures,
      ]
    case 'student':
      return [
        { head: t('table.student'), cell: (r) => name(r.label) },
        { head: t('table.class'), cell: (r) => r.detail ?? t('table.noClass') },
        ...figures,
      ]
    case 'class':
      return [
        { head: t('table.class'), cell: (r) => r.label ?? t('table.noClass') },
        { head: t('table.students'), cell: (r) => formatNumber(r.students), numeric: true },
        ...figures,
      ]
    case 'seat':
      return [
        { head: t('table.student'), cell: (r) => name(r.label) },
        { head: t('table.session'), cell: (r) => name(r.detail) },
        { head: t('table.starts'), cell: when },
        { head: t('table.present'), cell: (r) => (r.present > 0 ? t('table.yes') : t('table.no')) },
        { head: t('table.minutes'), cell: (r) => formatNumber(r.minutes), numeric: true },
      ]
  }
}

function Stat(props: { label: string; value: string }) {
  return (
    <div class="card px-4 py-3 sm:px-5 sm:py-4">
      <dt class="text-sm text-muted">{props.label}</dt>
      <dd class="mt-1 text-2xl font-semibold tabular-nums sm:text-3xl">{props.value}</dd>
    </div>
  )
}

/** The report's totals, then its rows as a table, a page at a time. */
export function AttendanceResult(props: {
  report: AttendanceReport
  view: AttendanceView
  onPage: (page: number) => void
}) {
  const zone = useSchoolZone()
  const r = () => props.report
  const cols = () => columns(r().group, zone())
  const first = () => (props.view.page - 1) * ROWS_PER_PAGE + 1
  const last = () => first() + r().rows.length - 1
  const period = () => t('summary.period', { from: formatDate(r().from_day), to: formatDate(r().to_day) })
  const caption = () =>
    t('table.caption', {
      group: t(`filters.group.${r().group}`).toLowerCase(),
      from: formatDate(r().from_day),
      to: formatDate(r().to_day),
    })
  return (
    <Show
      when={r().total_rows > 0}
      fallback={
        <EmptyState icon={<ClipboardList size={28} />} title={t('empty.title')}>
          {period()} · {t('empty.text')}
        </EmptyState>
      }
    >
      <dl class="grid grid-cols-2 gap-3 lg:grid-cols-4">
        <Stat label={t('summary.booked')} value={formatNumber(r().totals.booked)} />
        <Stat label={t('summary.present')} value={formatNumber(r().totals.present)} />
        <Stat label={t('summary.rate')} value={percent(r().totals)} />
        <Stat label={t('summary.minutes')} value={formatNumber(r().totals.minutes)} />
      </dl>
      <h2 id="attendance-table" class="text-sm font-semibold">
        {caption()}
      </h2>
      <TableScroll label={caption()}>
        <table class="w-full text-sm" aria-labelledby="attendance-table">
          <thead>
            <tr class="border-b border-line text-left text-muted">
              <For each={cols()}>
                {(c) => (
                  <th scope="col" class={`px-4 py-2 font-medium ${c.numeric ? 'text-right' : ''}`}>
                    {c.head}
                  </th>
                )}
              </For>
            </tr>
          </thead>
          <tbody class="divide-y divide-line">
            <For each={r().rows}>
              {(row) => (
                <tr>
                  <For each={cols()}>
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
          {t('table.rows', { first: first(), last: last(), total: formatNumber(r().total_rows) })}
        </span>
        <div class="flex gap-2">
          <Button
            variant="secondary"
            disabled={props.view.page <= 1}
            onClick={() => props.onPage(props.view.page - 1)}
          >
            {t('table.previous')}
          </Button>
          <Button
            variant="secondary"
            disabled={last() >= r().total_rows}
            onClick={() => props.onPage(props.view.page + 1)}
          >
            {t('table.next')}
          </Button>
        </div>
      </nav>
    </Show>
  )
}

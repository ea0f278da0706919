import { A } from '@solidjs/router'
import LifeBuoy from 'lucide-solid/icons/life-buoy'
import {
  type SupportGroup,
  type SupportReport,
  type SupportRow,
  satisfiedRate,
  slaMetRate,
} from '../../../../../edge/contract/reports.ts'
import { formatNumber } from '../../../lib/format.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { formatSchoolTime } from '../../../lib/school-time.ts'
import { useTenant } from '../../../shell/state/TenantContext.tsx'
import { categoryLabel } from '../../support/support-context.ts'
import { useSchoolZone } from '../../tenancy/school-zone.ts'
import { messages } from '../messages.ts'
import { type Column, captionArgs, percentText, ReportResult, ReportTable, Stat } from './ReportTable.tsx'

const t = translator(messages)

/** A median or an average to one decimal, or a dash when there was none. */
const decimal = (value: number | null) => (value === null ? '—' : formatNumber(Math.round(value * 10) / 10))
/** A median with its unit ("12 min", "3.5 h"), or a dash. */
const median = (key: 'support.minutes' | 'support.hours', value: number | null) =>
  value === null ? '—' : t(key, { value: decimal(value) })

/** The row's own columns: the agent, the category, or the ticket (its agent, category and when it was opened). */
function leading(group: SupportGroup, slug: string, zone: string | undefined): Column<SupportRow>[] {
  const tickets = {
    head: t('support.table.tickets'),
    cell: (r: SupportRow) => formatNumber(r.tickets),
    numeric: true,
  }
  const category = (r: SupportRow) => (r.category ? categoryLabel(r.category) : '—')
  switch (group) {
    case 'agent':
      return [
        {
          head: t('support.table.agent'),
          cell: (r) => (r.key === null ? t('support.unassigned') : (r.label ?? t('table.unknown'))),
        },
        tickets,
      ]
    case 'category':
      return [{ head: t('support.table.category'), cell: category }, tickets]
    case 'ticket':
      return [
        {
          head: t('support.table.ticket'),
          cell: (r) => (
            <>
              <A href={`/t/${slug}/support/${r.key}`} class="link tabular-nums">
                #{r.number}
              </A>{' '}
              {r.label}
            </>
          ),
        },
        { head: t('support.table.agent'), cell: (r) => r.detail ?? t('support.unassigned') },
        { head: t('support.table.category'), cell: category },
        {
          head: t('support.table.opened'),
          cell: (r) => <time datetime={r.opened_at ?? undefined}>{formatSchoolTime(r.opened_at, zone)}</time>,
        },
      ]
  }
}

/** Response times and SLA clocks of the tickets opened, then the ratings given. */
const figures = (): Column<SupportRow>[] => [
  { head: t('support.table.firstResponse'), cell: (r) => decimal(r.first_response_minutes), numeric: true },
  { head: t('support.table.resolution'), cell: (r) => decimal(r.resolution_hours), numeric: true },
  { head: t('support.table.met'), cell: (r) => formatNumber(r.met), numeric: true },
  { head: t('support.table.breached'), cell: (r) => formatNumber(r.breached), numeric: true },
  { head: t('support.table.metRate'), cell: (r) => percentText(slaMetRate(r)), numeric: true },
  { head: t('support.table.ratings'), cell: (r) => formatNumber(r.ratings), numeric: true },
  { head: t('support.table.average'), cell: (r) => decimal(r.average_score), numeric: true },
  { head: t('support.table.satisfied'), cell: (r) => percentText(satisfiedRate(r)), numeric: true },
]

/**
 * The support desk report's totals (tickets opened, median first answer and resolution, SLA met on
 * time, satisfied; ratings and their average under them), then its rows by agent, category or ticket
 * as a table a page at a time.
 */
export function SupportResult(props: {
  report: SupportReport
  page: number
  onPage: (page: number) => void
}) {
  const tenant = useTenant()
  const zone = useSchoolZone()
  const r = () => props.report
  const totals = () => r().totals
  const caption = () => t('support.caption', captionArgs(t(`support.group.${r().group}`), r()))
  return (
    <ReportResult
      report={r()}
      icon={<LifeBuoy size={28} />}
      emptyTitle={t('support.empty.title')}
      emptyText={t('support.empty.text')}
    >
      <div>
        <dl class="grid grid-cols-2 gap-3 lg:grid-cols-5">
          <Stat label={t('support.summary.tickets')} value={formatNumber(totals().tickets)} />
          <Stat
            label={t('support.summary.firstResponse')}
            value={median('support.minutes', totals().first_response_minutes)}
          />
          <Stat
            label={t('support.summary.resolution')}
            value={median('support.hours', totals().resolution_hours)}
          />
          <Stat label={t('support.summary.met')} value={percentText(slaMetRate(totals()))} />
          <Stat label={t('support.summary.satisfied')} value={percentText(satisfiedRate(totals()))} />
        </dl>
        <p class="mt-2 px-1 text-xs text-muted">
          {t('support.summary.detail', {
            count: totals().ratings,
            average: decimal(totals().average_score),
          })}
        </p>
      </div>
      <ReportTable
        id="support-table"
        caption={caption()}
        columns={[...leading(r().group, tenant().slug, zone()), ...figures()]}
        rows={r().rows}
        page={props.page}
        totalRows={r().total_rows}
        onPage={props.onPage}
      />
    </ReportResult>
  )
}

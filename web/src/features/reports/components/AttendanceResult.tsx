import ClipboardList from 'lucide-solid/icons/clipboard-list'
import {
  type AttendanceGroup,
  type AttendanceReport,
  type AttendanceRow,
  attendanceRate,
} from '../../../../../edge/contract/reports.ts'
import { formatNumber } from '../../../lib/format.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { formatSchoolTime } from '../../../lib/school-time.ts'
import { useSchoolZone } from '../../tenancy/school-zone.ts'
import { messages } from '../messages.ts'
import { type Column, captionArgs, percentText, ReportResult, ReportTable, Stat } from './ReportTable.tsx'

const t = translator(messages)

const percent = (r: { booked: number; present: number }) => percentText(attendanceRate(r))

function columns(group: AttendanceGroup, zone: string | undefined): Column<AttendanceRow>[] {
  const name = (v: string | null) => v ?? t('table.unknown')
  const when = (r: AttendanceRow) => (
    <time datetime={r.starts_at ?? undefined}>{formatSchoolTime(r.starts_at, zone)}</time>
  )
  const figures: Column<AttendanceRow>[] = [
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

/** The report's totals, then its rows as a table, a page at a time. */
export function AttendanceResult(props: {
  report: AttendanceReport
  /** 1-based. */
  page: number
  onPage: (page: number) => void
}) {
  const zone = useSchoolZone()
  const r = () => props.report
  const caption = () => t('table.caption', captionArgs(t(`filters.group.${r().group}`), r()))
  return (
    <ReportResult
      report={r()}
      icon={<ClipboardList size={28} />}
      emptyTitle={t('empty.title')}
      emptyText={t('empty.text')}
    >
      <dl class="grid grid-cols-2 gap-3 lg:grid-cols-4">
        <Stat label={t('summary.booked')} value={formatNumber(r().totals.booked)} />
        <Stat label={t('summary.present')} value={formatNumber(r().totals.present)} />
        <Stat label={t('summary.rate')} value={percent(r().totals)} />
        <Stat label={t('summary.minutes')} value={formatNumber(r().totals.minutes)} />
      </dl>
      <ReportTable
        id="attendance-table"
        caption={caption()}
        columns={columns(r().group, zone())}
        rows={r().rows}
        page={props.page}
        totalRows={r().total_rows}
        onPage={props.onPage}
      />
    </ReportResult>
  )
}

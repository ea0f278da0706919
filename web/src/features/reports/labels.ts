import {
  ATTENDANCE_GROUPS,
  type AttendanceGroup,
  PROGRESS_GROUPS,
  type ProgressGroup,
  type ReportExport,
  type ReportKind,
} from '../../../../edge/contract/reports.ts'
import { formatDate } from '../../lib/format.ts'
import { translator } from '../../lib/i18n/i18n.ts'
import { messages } from './messages.ts'

// The words that name a report's grouping and an export of it, in the page's language.

const t = translator(messages)

type Grouping =
  | { report: 'attendance'; group: AttendanceGroup }
  | { report: 'progress'; group: ProgressGroup }

/** The name of a report's grouping: "Student and session", "Course". */
export const groupLabel = (v: Grouping): string =>
  v.report === 'progress' ? t(`progress.group.${v.group}`) : t(`filters.group.${v.group}`)

/** A report's groupings as the choices of a select, its default first. */
export const groupOptions = (report: ReportKind): { value: string; label: string }[] =>
  report === 'progress'
    ? PROGRESS_GROUPS.map((group) => ({ value: group, label: groupLabel({ report, group }) }))
    : ATTENDANCE_GROUPS.map((group) => ({ value: group, label: groupLabel({ report, group }) }))

const groupingOf = (e: ReportExport): Grouping =>
  e.report === 'progress'
    ? { report: e.report, group: e.filters.group }
    : { report: e.report, group: e.filters.group }

/** An export as its list shows it: "Attendance by student, 1 Nov 2026 – 30 Nov 2026". */
export function exportTitle(e: ReportExport): string {
  const params = {
    group: groupLabel(groupingOf(e)).toLowerCase(),
    from: formatDate(e.filters.from ?? null),
    to: formatDate(e.filters.to ?? null),
  }
  return e.report === 'progress' ? t('export.describeProgress', params) : t('export.describe', params)
}

/** The name of an export's file, without its extension. */
export function exportFileName(e: ReportExport): string {
  const params = { group: e.filters.group, from: e.filters.from ?? '', to: e.filters.to ?? '' }
  return e.report === 'progress' ? t('export.fileNameProgress', params) : t('export.fileName', params)
}

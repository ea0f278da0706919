import {
  ATTENDANCE_GROUPS,
  type AttendanceGroup,
  PAYMENTS_GROUPS,
  type PaymentsGroup,
  PROGRESS_GROUPS,
  type ProgressGroup,
  type ReportExport,
  type ReportKind,
  type ReportScope,
  SUPPORT_GROUPS,
  type SupportGroup,
  TUTOR_GROUPS,
  type TutorGroup,
} from '../../../../edge/contract/reports.ts'
import { formatDate } from '../../lib/format.ts'
import { translator } from '../../lib/i18n/i18n.ts'
import { messages } from './messages.ts'

// The words that name a report's grouping, what it covers and an export of it, in the page's language.

const t = translator(messages)

type Grouping =
  | { report: 'attendance'; group: AttendanceGroup }
  | { report: 'progress'; group: ProgressGroup }
  | { report: 'payments'; group: PaymentsGroup }
  | { report: 'support'; group: SupportGroup }
  | { report: 'tutor'; group: TutorGroup }

/** The name of a report's grouping: "Student and session", "Course". */
export function groupLabel(v: Grouping): string {
  switch (v.report) {
    case 'progress':
      return t(`progress.group.${v.group}`)
    case 'payments':
      return t(`payments.group.${v.group}`)
    case 'support':
      return t(`support.group.${v.group}`)
    case 'tutor':
      return t(`tutor.group.${v.group}`)
    case 'attendance':
      return t(`filters.group.${v.group}`)
  }
}

/** A report's groupings as the choices of a select, its default first. */
export function groupOptions(report: ReportKind): { value: string; label: string }[] {
  switch (report) {
    case 'progress':
      return PROGRESS_GROUPS.map((group) => ({ value: group, label: groupLabel({ report, group }) }))
    case 'payments':
      return PAYMENTS_GROUPS.map((group) => ({ value: group, label: groupLabel({ report, group }) }))
    case 'support':
      return SUPPORT_GROUPS.map((group) => ({ value: group, label: groupLabel({ report, group }) }))
    case 'tutor':
      return TUTOR_GROUPS.map((group) => ({ value: group, label: groupLabel({ report, group }) }))
    case 'attendance':
      return ATTENDANCE_GROUPS.map((group) => ({ value: group, label: groupLabel({ report, group }) }))
  }
}

/** What the report on screen covers for the person reading it: "You see the whole school." */
export function scopeLine(report: ReportKind, scope: ReportScope): string {
  switch (report) {
    case 'progress':
      return t(`progress.scope.${scope}`)
    case 'payments':
      return t('payments.scope')
    case 'support':
      return t('support.scope')
    case 'tutor':
      // Owners and admins see the school, an instructor their courses; no one else reads it.
      return t(scope === 'teacher' ? 'tutor.scope.teacher' : 'tutor.scope.school')
    case 'attendance':
      return t(`reports.scope.${scope}`)
  }
}

const groupingOf = (e: ReportExport): Grouping => {
  switch (e.report) {
    case 'progress':
      return { report: e.report, group: e.filters.group }
    case 'payments':
      return { report: e.report, group: e.filters.group }
    case 'support':
      return { report: e.report, group: e.filters.group }
    case 'tutor':
      return { report: e.report, group: e.filters.group }
    case 'attendance':
      return { report: e.report, group: e.filters.group }
  }
}

const DESCRIBE = {
  attendance: 'export.describe',
  progress: 'export.describeProgress',
  payments: 'export.describePayments',
  support: 'export.describeSupport',
  tutor: 'export.describeTutor',
} as const
const FILE_NAME = {
  attendance: 'export.fileName',
  progress: 'export.fileNameProgress',
  payments: 'export.fileNamePayments',
  support: 'export.fileNameSupport',
  tutor: 'export.fileNameTutor',
} as const

/** An export as its list shows it: "Attendance by student, 1 Nov 2026 – 30 Nov 2026". */
export function exportTitle(e: ReportExport): string {
  const params = {
    group: groupLabel(groupingOf(e)).toLowerCase(),
    from: formatDate(e.filters.from ?? null),
    to: formatDate(e.filters.to ?? null),
  }
  return t(DESCRIBE[e.report], params)
}

/** The name of an export's file, without its extension. */
export function exportFileName(e: ReportExport): string {
  const params = { group: e.filters.group, from: e.filters.from ?? '', to: e.filters.to ?? '' }
  return t(FILE_NAME[e.report], params)
}

import {
  ATTENDANCE_GROUPS,
  type AttendanceGroup,
  PAYMENTS_GROUPS,
  type PaymentsGroup,
  PROGRESS_GROUPS,
  type ProgressGroup,
  REPORT_KINDS,
  type ReportKind,
  SUPPORT_GROUPS,
  type SupportGroup,
  TUTOR_GROUPS,
  type TutorGroup,
} from '../../../../edge/contract/reports.ts'
import { ADMIN_ROLES, inRoleGroup, SUPPORT_ROLES, TEACHING_ROLES } from '../../../../edge/contract/roles.ts'
import type { TenantRole } from '../../../../edge/contract/tenancy.ts'

// The report on screen and its filters as the page's URL keeps them
// (?report=&from=&to=&group=&course=&class=&page=; only some reports have a course or a class), so a
// report can be bookmarked, shared with a colleague and reloaded as it was. Attendance is the report
// by default.

export const ROWS_PER_PAGE = 50

interface CommonView {
  from?: string
  to?: string
  /** Undefined for a report without that filter (FILTERS). */
  course?: string
  class?: string
  /** 1-based. */
  page: number
}

export interface AttendanceView extends CommonView {
  report: 'attendance'
  group: AttendanceGroup
}

export interface ProgressView extends CommonView {
  report: 'progress'
  group: ProgressGroup
}

/** The payments report (owners and admins): no class. */
export interface PaymentsView extends CommonView {
  report: 'payments'
  group: PaymentsGroup
}

/** The support desk report (owners, admins and staff): no course, no class. */
export interface SupportView extends CommonView {
  report: 'support'
  group: SupportGroup
}

/** The AI tutor's use (owners, admins and instructors): no class. */
export interface TutorView extends CommonView {
  report: 'tutor'
  group: TutorGroup
}

export type ReportView = AttendanceView | ProgressView | PaymentsView | SupportView | TutorView

/** Each report's groupings, the first one its default. */
export const GROUPS = {
  attendance: ATTENDANCE_GROUPS,
  progress: PROGRESS_GROUPS,
  payments: PAYMENTS_GROUPS,
  support: SUPPORT_GROUPS,
  tutor: TUTOR_GROUPS,
} as const

/** Whether each report is filtered by course and by class (as its filters in the contract are). */
export const FILTERS: Record<ReportKind, { course: boolean; class: boolean }> = {
  attendance: { course: true, class: true },
  progress: { course: true, class: true },
  payments: { course: true, class: false },
  support: { course: false, class: false },
  tutor: { course: true, class: false },
}

/** Who may read a report beyond anyone with a report scope; the API answers 403 to anyone else. */
const READERS: Partial<Record<ReportKind, readonly TenantRole[]>> = {
  payments: ADMIN_ROLES,
  support: SUPPORT_ROLES,
  tutor: TEACHING_ROLES,
}

/** The reports a role may open, in the picker's order. */
export const reportsFor = (role: TenantRole | null): ReportKind[] =>
  REPORT_KINDS.filter((report) => {
    const readers = READERS[report]
    return !readers || inRoleGroup(readers, role)
  })

type Search = Partial<Record<string, string | string[]>>

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)
const day = (v: string | undefined) => (v && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : undefined)
const uuid = (v: string | undefined) =>
  v && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v) ? v : undefined
const groupOf = <G extends string>(groups: readonly G[], v: string | undefined): G =>
  groups.includes(v as G) ? (v as G) : (groups[0] as G)

/** The common part of a view, without the course or class the report has no filter for. */
function kept(report: ReportKind, v: CommonView): CommonView {
  const { course, class: klass } = FILTERS[report]
  return { ...v, course: course ? v.course : undefined, class: klass ? v.class : undefined }
}

/** The view a URL's search asks for; what is not valid there is left at its default. */
export function viewOf(search: Search): ReportView {
  const page = Number(one(search.page))
  const report = REPORT_KINDS.find((kind) => kind === one(search.report)) ?? 'attendance'
  const common = kept(report, {
    from: day(one(search.from)),
    to: day(one(search.to)),
    course: uuid(one(search.course)),
    class: uuid(one(search.class)),
    page: Number.isInteger(page) && page > 1 ? page : 1,
  })
  const group = one(search.group)
  switch (report) {
    case 'progress':
      return { report, group: groupOf(PROGRESS_GROUPS, group), ...common }
    case 'payments':
      return { report, group: groupOf(PAYMENTS_GROUPS, group), ...common }
    case 'support':
      return { report, group: groupOf(SUPPORT_GROUPS, group), ...common }
    case 'tutor':
      return { report, group: groupOf(TUTOR_GROUPS, group), ...common }
    case 'attendance':
      return { report, group: groupOf(ATTENDANCE_GROUPS, group), ...common }
  }
}

/** The search of a view (defaults left out), for setSearchParams: absent keys are removed. */
export function searchOf(v: ReportView): Record<string, string | undefined> {
  return {
    report: v.report === 'attendance' ? undefined : v.report,
    from: v.from,
    to: v.to,
    group: v.group === GROUPS[v.report][0] ? undefined : v.group,
    course: v.course,
    class: v.class,
    page: v.page > 1 ? String(v.page) : undefined,
  }
}

/**
 * Another report over the same period, course and class (those of them it has), at its default
 * grouping's first page.
 */
export function switchTo(v: ReportView, report: ReportKind): ReportView {
  const common = kept(report, { from: v.from, to: v.to, course: v.course, class: v.class, page: 1 })
  switch (report) {
    case 'progress':
      return { report, group: PROGRESS_GROUPS[0], ...common }
    case 'payments':
      return { report, group: PAYMENTS_GROUPS[0], ...common }
    case 'support':
      return { report, group: SUPPORT_GROUPS[0], ...common }
    case 'tutor':
      return { report, group: TUTOR_GROUPS[0], ...common }
    case 'attendance':
      return { report, group: ATTENDANCE_GROUPS[0], ...common }
  }
}

/** The filters an export keeps (all rows: no page). */
export function filtersOf<V extends ReportView>(v: V) {
  return {
    ...(v.from ? { from: v.from } : {}),
    ...(v.to ? { to: v.to } : {}),
    group: v.group as V['group'],
    ...(v.course ? { course: v.course } : {}),
    ...(v.class ? { class: v.class } : {}),
  }
}

/** The API's query for a view's page. */
export function queryOf<V extends ReportView>(v: V) {
  return { ...filtersOf(v), limit: ROWS_PER_PAGE, offset: (v.page - 1) * ROWS_PER_PAGE }
}

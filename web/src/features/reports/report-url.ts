import { ATTENDANCE_GROUPS, type AttendanceGroup } from '../../../../edge/contract/reports.ts'

// The attendance report's filters as the page's URL keeps them (?from=&to=&group=&course=&class=&page=),
// so a report can be bookmarked, shared with a colleague and reloaded as it was.

export const ROWS_PER_PAGE = 50

export interface AttendanceView {
  from?: string
  to?: string
  group: AttendanceGroup
  course?: string
  class?: string
  /** 1-based. */
  page: number
}

type Search = Partial<Record<string, string | string[]>>

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)
const day = (v: string | undefined) => (v && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : undefined)
const uuid = (v: string | undefined) =>
  v && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v) ? v : undefined

/** The view a URL's search asks for; what is not valid there is left at its default. */
export function viewOf(search: Search): AttendanceView {
  const group = one(search.group)
  const page = Number(one(search.page))
  return {
    from: day(one(search.from)),
    to: day(one(search.to)),
    group: ATTENDANCE_GROUPS.includes(group as AttendanceGroup) ? (group as AttendanceGroup) : 'session',
    course: uuid(one(search.course)),
    class: uuid(one(search.class)),
    page: Number.isInteger(page) && page > 1 ? page : 1,
  }
}

/** The search of a view (defaults left out), for setSearchParams: absent keys are removed. */
export function searchOf(v: AttendanceView): Record<string, string | undefined> {
  return {
    from: v.from,
    to: v.to,
    group: v.group === 'session' ? undefined : v.group,
    course: v.course,
    class: v.class,
    page: v.page > 1 ? String(v.page) : undefined,
  }
}

/** The API's query for a view's page. */
export function queryOf(v: AttendanceView) {
  return {
    ...(v.from ? { from: v.from } : {}),
    ...(v.to ? { to: v.to } : {}),
    group: v.group,
    ...(v.course ? { course: v.course } : {}),
    ...(v.class ? { class: v.class } : {}),
    limit: ROWS_PER_PAGE,
    offset: (v.page - 1) * ROWS_PER_PAGE,
  }
}

/** The filters an export keeps (all rows: no page). */
export function filtersOf(v: AttendanceView) {
  const { limit: _limit, offset: _offset, ...filters } = queryOf(v)
  return filters
}

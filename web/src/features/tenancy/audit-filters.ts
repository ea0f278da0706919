// The audit page's filters as the URL keeps them (`?action=&actor=&target=&from=&to=&before=`), so a
// filtered view can be bookmarked, shared with another admin and exported as it is shown.

export type AuditParams = {
  action?: string
  actor?: string
  target?: string
  from?: string
  to?: string
  before?: string
}

/** What the page asks the API for; values the API would refuse read as none. */
export interface AuditFilters {
  action?: string
  actor?: string
  target_type?: string
  from?: string
  to?: string
  before?: number
}

const ACTION = /^[a-z_]+(\.[a-z_]+)*$/
const TARGET = /^[a-z_]+$/
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const DAY = /^\d{4}-\d{2}-\d{2}$/

const keep = (value: string | undefined, pattern: RegExp, max = 100) => {
  const v = value?.trim()
  return v && v.length <= max && pattern.test(v) ? v : undefined
}

/** Reads the URL's filters; anything malformed is dropped rather than sent to fail. */
export function readAuditFilters(params: AuditParams): AuditFilters {
  const before = Number.parseInt(params.before ?? '', 10)
  return {
    action: keep(params.action, ACTION),
    actor: keep(params.actor, UUID)?.toLowerCase(),
    target_type: keep(params.target, TARGET, 50),
    from: keep(params.from, DAY),
    to: keep(params.to, DAY),
    before: before > 0 ? before : undefined,
  }
}

/** True when any filter (not the page) is set. */
export const isFiltered = (f: AuditFilters) => Boolean(f.action || f.actor || f.target_type || f.from || f.to)

/** The API query of the filters (the page's or, without `before`, the export's). */
export function auditQuery(f: AuditFilters): AuditFilters {
  return {
    action: f.action,
    actor: f.actor,
    target_type: f.target_type,
    from: f.from,
    to: f.to,
    before: f.before,
  }
}

/** The families of actions the filter offers (an action's first word); any other can be typed in the URL. */
export const ACTION_FAMILIES = [
  'member',
  'invitation',
  'tenant',
  'class',
  'plan',
  'course',
  'ticket',
  'auth',
  'account',
] as const

/** Kinds of target the filter offers. */
export const TARGET_TYPES = ['user', 'tenant', 'invitation', 'course', 'ticket', 'class', 'payment'] as const

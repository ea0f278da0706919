import {
  type Holiday,
  type SlaPolicy,
  type SupportCalendar,
  TICKET_PRIORITIES,
  type TicketPriority,
} from '../../contract/support.ts'
import type { Tx } from '../../lib/db.ts'
import { notFound } from '../../lib/errors.ts'

// Reads of a school's SLA settings: targets per priority, support hours, holidays.

/**
 * The built-in SLA targets in business minutes, for priorities a school has not set. The same
 * figures as the migration's private.default_sla (which the API role may not call); a test
 * compares the two.
 */
export const DEFAULT_SLA: Record<TicketPriority, Omit<SlaPolicy, 'priority' | 'is_default'>> = {
  urgent: {
    first_response_minutes: 30,
    next_response_minutes: 60,
    resolution_minutes: 240,
    warn_percent: 80,
  },
  high: { first_response_minutes: 60, next_response_minutes: 120, resolution_minutes: 480, warn_percent: 80 },
  normal: {
    first_response_minutes: 240,
    next_response_minutes: 480,
    resolution_minutes: 1440,
    warn_percent: 80,
  },
  low: {
    first_response_minutes: 480,
    next_response_minutes: 960,
    resolution_minutes: 2880,
    warn_percent: 80,
  },
}

type PolicyRow = Omit<SlaPolicy, 'is_default'>

/** The school's own SLA targets, unsent (for withUserRead); policiesIn fills in the built-in ones. */
export const policyRowsQuery = (tx: Tx, tenantId: string) => tx<PolicyRow[]>`
  select priority, first_response_minutes, next_response_minutes, resolution_minutes, warn_percent
  from public.sla_policies where tenant_id = ${tenantId}`

/** Every priority's targets (or `only` one's) from policyRowsQuery's rows: the school's row, else the built-in ones. */
export function policiesIn(rows: readonly PolicyRow[], only?: TicketPriority): SlaPolicy[] {
  const set = new Map(rows.map((r) => [r.priority, r]))
  const priorities = only ? [only] : [...TICKET_PRIORITIES].reverse()
  return priorities.map((priority) => {
    const own = set.get(priority)
    return own
      ? { ...own, priority, is_default: false }
      : { ...DEFAULT_SLA[priority], priority, is_default: true }
  })
}

/** Every priority's targets (policiesIn). */
export async function readPolicies(tx: Tx, tenantId: string, only?: TicketPriority): Promise<SlaPolicy[]> {
  return policiesIn(await policyRowsQuery(tx, tenantId), only)
}

/** The school's calendar, or Monday–Friday 08:00–17:00 (private.support_calendar), in its time zone; unsent. */
export const calendarQuery = (tx: Tx, tenantId: string) => tx<SupportCalendar[]>`
  select s.time_zone, coalesce(c.work_days, '{1,2,3,4,5}') as work_days,
    to_char(coalesce(c.day_start, '08:00'), 'HH24:MI') as day_start,
    to_char(coalesce(c.day_end, '17:00'), 'HH24:MI') as day_end,
    c.tenant_id is null as is_default
  from public.tenants s left join public.support_calendars c on c.tenant_id = s.id
  where s.id = ${tenantId}`

/** The calendar of calendarQuery's rows; 404 when the caller cannot see the school. */
export function calendarIn([row]: readonly SupportCalendar[]): SupportCalendar {
  if (!row) throw notFound('school_not_found', 'No such school, or you are not a member of it.')
  return row
}

/** The school's calendar (calendarIn). */
export async function readCalendar(tx: Tx, tenantId: string): Promise<SupportCalendar> {
  return calendarIn(await calendarQuery(tx, tenantId))
}

/** The school's holidays, by day; unsent. */
export function readHolidays(tx: Tx, tenantId: string) {
  return tx<Holiday[]>`
    select day::text as day, name from public.support_holidays where tenant_id = ${tenantId} order by day`
}

import { createRoute } from '@hono/zod-openapi'
import {
  type Holiday,
  type SlaPolicy,
  type SupportCalendar,
  TICKET_PRIORITIES,
  type TicketPriority,
} from '../../contract/support.ts'
import { type Tx, withUser } from '../../lib/db.ts'
import { notFound } from '../../lib/errors.ts'
import { onUnique, requireAdmin } from '../access.ts'
import { type ApiDeps, bearer, errorResponses, jsonBody, jsonResponse, newRouter } from '../router.ts'
import { requireSupportStaff } from '../support-queries.ts'
import {
  CreateHolidaySchema,
  DEFAULT_SLA,
  HolidayParams,
  HolidaySchema,
  PriorityParams,
  PutCalendarSchema,
  PutSlaPolicySchema,
  SlaPolicySchema,
  SlaSettingsSchema,
  SupportCalendarSchema,
  SupportTenantParams,
} from '../support-schemas.ts'

const tags = ['support']

const get = createRoute({
  method: 'get',
  path: '/tenants/{tenantId}/sla',
  tags,
  summary:
    'SLA targets of every priority (built-in ones filled in), support hours and holidays (support staff)',
  security: bearer,
  request: { params: SupportTenantParams },
  responses: { 200: jsonResponse(SlaSettingsSchema, 'The settings.'), ...errorResponses(400, 401, 403, 404) },
})

const putPolicy = createRoute({
  method: 'put',
  path: '/tenants/{tenantId}/sla/policies/{priority}',
  tags,
  summary: "Set one priority's SLA targets in business minutes (owners and admins)",
  description: 'Applies to clocks started from now on; running clocks keep their moments.',
  security: bearer,
  request: { params: PriorityParams, body: jsonBody(PutSlaPolicySchema) },
  responses: { 200: jsonResponse(SlaPolicySchema, 'The policy.'), ...errorResponses(400, 401, 403, 404) },
})

const putCalendar = createRoute({
  method: 'put',
  path: '/tenants/{tenantId}/sla/calendar',
  tags,
  summary: "Set the support desk's working days and hours (owners and admins)",
  description: "Hours are in the school's time zone, which the school settings change.",
  security: bearer,
  request: { params: SupportTenantParams, body: jsonBody(PutCalendarSchema) },
  responses: {
    200: jsonResponse(SupportCalendarSchema, 'The calendar.'),
    ...errorResponses(400, 401, 403, 404),
  },
})

const addHoliday = createRoute({
  method: 'post',
  path: '/tenants/{tenantId}/sla/holidays',
  tags,
  summary: 'Add a day the support desk is closed (owners and admins)',
  security: bearer,
  request: { params: SupportTenantParams, body: jsonBody(CreateHolidaySchema) },
  responses: {
    201: jsonResponse(HolidaySchema, 'The holiday.'),
    ...errorResponses(400, 401, 403, 404, 409),
  },
})

const removeHoliday = createRoute({
  method: 'delete',
  path: '/tenants/{tenantId}/sla/holidays/{day}',
  tags,
  summary: 'Remove a holiday (owners and admins)',
  security: bearer,
  request: { params: HolidayParams },
  responses: { 204: { description: 'Removed.' }, ...errorResponses(400, 401, 403, 404) },
})

const holidayTaken = onUnique({
  support_holidays_pkey: { message: 'That day is a holiday already.', field: 'day' },
})

/** Every priority's targets: the school's row, else the built-in ones. */
async function readPolicies(tx: Tx, tenantId: string, only?: TicketPriority): Promise<SlaPolicy[]> {
  const rows = await tx<Omit<SlaPolicy, 'is_default'>[]>`
    select priority, first_response_minutes, next_response_minutes, resolution_minutes, warn_percent
    from public.sla_policies where tenant_id = ${tenantId}`
  const set = new Map(rows.map((r) => [r.priority, r]))
  const priorities = only ? [only] : [...TICKET_PRIORITIES].reverse()
  return priorities.map((priority) => {
    const own = set.get(priority)
    return own
      ? { ...own, priority, is_default: false }
      : { ...DEFAULT_SLA[priority], priority, is_default: true }
  })
}

/** The school's calendar, or Monday–Friday 08:00–17:00 (private.support_calendar), in its time zone. */
async function readCalendar(tx: Tx, tenantId: string): Promise<SupportCalendar> {
  const [row] = await tx<SupportCalendar[]>`
    select s.time_zone, coalesce(c.work_days, '{1,2,3,4,5}') as work_days,
      to_char(coalesce(c.day_start, '08:00'), 'HH24:MI') as day_start,
      to_char(coalesce(c.day_end, '17:00'), 'HH24:MI') as day_end,
      c.tenant_id is null as is_default
    from public.tenants s left join public.support_calendars c on c.tenant_id = s.id
    where s.id = ${tenantId}`
  if (!row) throw notFound('No such school, or you are not a member of it.')
  return row
}

function readHolidays(tx: Tx, tenantId: string) {
  return tx<Holiday[]>`
    select day::text as day, name from public.support_holidays where tenant_id = ${tenantId} order by day`
}

/** GET /tenants/:tenantId/sla and the admins' changes to policies, calendar and holidays. */
export function slaRoutes({ sql, auth }: ApiDeps) {
  return newRouter()
    .openapi({ ...get, middleware: auth }, async (c) => {
      const { tenantId } = c.req.valid('param')
      const settings = await withUser(sql, c.var.claims, async (tx) => {
        await requireSupportStaff(tx, tenantId)
        const [policies, calendar, holidays] = await Promise.all([
          readPolicies(tx, tenantId),
          readCalendar(tx, tenantId),
          readHolidays(tx, tenantId),
        ])
        return { policies, calendar, holidays: [...holidays] }
      })
      return c.json(settings, 200)
    })
    .openapi({ ...putPolicy, middleware: auth }, async (c) => {
      const { tenantId, priority } = c.req.valid('param')
      const body = c.req.valid('json')
      const policy = await withUser(sql, c.var.claims, async (tx) => {
        await requireAdmin(tx, tenantId)
        await tx`
          insert into public.sla_policies as s (tenant_id, priority, first_response_minutes, next_response_minutes,
            resolution_minutes, warn_percent)
          values (${tenantId}, ${priority}, ${body.first_response_minutes}, ${body.next_response_minutes},
            ${body.resolution_minutes}, ${body.warn_percent ?? 80})
          on conflict (tenant_id, priority) do update set
            first_response_minutes = excluded.first_response_minutes,
            next_response_minutes = excluded.next_response_minutes,
            resolution_minutes = excluded.resolution_minutes,
            warn_percent = coalesce(${body.warn_percent ?? null}::int, s.warn_percent)`
        const [row] = await readPolicies(tx, tenantId, priority)
        return row as SlaPolicy
      })
      return c.json(policy, 200)
    })
    .openapi({ ...putCalendar, middleware: auth }, async (c) => {
      const { tenantId } = c.req.valid('param')
      const body = c.req.valid('json')
      const calendar = await withUser(sql, c.var.claims, async (tx) => {
        await requireAdmin(tx, tenantId)
        const days = [...body.work_days].sort((a, b) => a - b)
        await tx`
          insert into public.support_calendars (tenant_id, work_days, day_start, day_end)
          values (${tenantId}, ${days}::int[], ${body.day_start}::time, ${body.day_end}::time)
          on conflict (tenant_id) do update set
            work_days = excluded.work_days, day_start = excluded.day_start, day_end = excluded.day_end`
        return readCalendar(tx, tenantId)
      })
      return c.json(calendar, 200)
    })
    .openapi({ ...addHoliday, middleware: auth }, async (c) => {
      const { tenantId } = c.req.valid('param')
      const { day, name } = c.req.valid('json')
      const holiday = await withUser(sql, c.var.claims, async (tx) => {
        await requireAdmin(tx, tenantId)
        const [row] = await tx<Holiday[]>`
          insert into public.support_holidays (tenant_id, day, name) values (${tenantId}, ${day}::date, ${name})
          returning day::text as day, name`
        return row as Holiday
      }).catch(holidayTaken)
      return c.json(holiday, 201)
    })
    .openapi({ ...removeHoliday, middleware: auth }, async (c) => {
      const { tenantId, day } = c.req.valid('param')
      await withUser(sql, c.var.claims, async (tx) => {
        await requireAdmin(tx, tenantId)
        const removed = await tx`
          delete from public.support_holidays where tenant_id = ${tenantId} and day = ${day}::date returning day`
        if (removed.length === 0) throw notFound('That day is not a holiday.')
      })
      return c.body(null, 204)
    })
}

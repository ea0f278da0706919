import * as R from '../../contract/routes/support.ts'
import type { Holiday, SlaPolicy } from '../../contract/support.ts'
import { withUser, withUserRead } from '../../lib/db.ts'
import { notFound } from '../../lib/errors.ts'
import { apiRoute } from '../core/openapi.ts'
import { onUnique } from '../core/pg-errors.ts'
import { type ApiDeps, newRouter } from '../core/router.ts'
import { requireAdmin, tenantRoleQuery } from '../tenancy/access.ts'
import { supportStaffIn } from './access.ts'
import './schemas.ts'
import {
  calendarIn,
  calendarQuery,
  policiesIn,
  policyRowsQuery,
  readCalendar,
  readHolidays,
  readPolicies,
} from './sla-settings.ts'

const tags = ['support']

const get = apiRoute(R.getSlaSettings, {
  tags,
  summary:
    'SLA targets of every priority (built-in ones filled in), support hours and holidays (support staff)',
  responses: { 200: 'The settings.' },
  errors: [400, 401, 403, 404],
})

const putPolicy = apiRoute(R.putSlaPolicy, {
  tags,
  summary: "Set one priority's SLA targets in business minutes (owners and admins)",
  description: 'Applies to clocks started from now on; running clocks keep their moments.',
  responses: { 200: 'The policy.' },
  errors: [400, 401, 403, 404],
})

const putCalendar = apiRoute(R.putSupportCalendar, {
  tags,
  summary: "Set the support desk's working days and hours (owners and admins)",
  description: "Hours are in the school's time zone, which the school settings change.",
  responses: { 200: 'The calendar.' },
  errors: [400, 401, 403, 404],
})

const addHoliday = apiRoute(R.addHoliday, {
  tags,
  summary: 'Add a day the support desk is closed (owners and admins)',
  responses: { 201: 'The holiday.' },
  errors: [400, 401, 403, 404, 409],
})

const removeHoliday = apiRoute(R.removeHoliday, {
  tags,
  summary: 'Remove a holiday (owners and admins)',
  responses: { 204: 'Removed.' },
  errors: [400, 401, 403, 404],
})

const holidayTaken = onUnique({
  support_holidays_pkey: { code: 'holiday_taken', message: 'That day is a holiday already.', field: 'day' },
})

/** GET /tenants/:tenantId/sla and the admins' changes to policies, calendar and holidays. */
export function slaRoutes({ sql, auth }: ApiDeps) {
  return newRouter()
    .openapi({ ...get, middleware: auth }, async (c) => {
      const { tenantId } = c.req.valid('param')
      const [role, policies, calendar, holidays] = await withUserRead(sql, c.var.claims, (tx) => [
        tenantRoleQuery(tx, tenantId),
        policyRowsQuery(tx, tenantId),
        calendarQuery(tx, tenantId),
        readHolidays(tx, tenantId),
      ])
      supportStaffIn(role)
      return c.json(
        { policies: policiesIn(policies), calendar: calendarIn(calendar), holidays: [...holidays] },
        200,
      )
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
        if (removed.length === 0) throw notFound('holiday_not_found', 'That day is not a holiday.')
      })
      return c.body(null, 204)
    })
}

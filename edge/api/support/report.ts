import * as R from '../../contract/routes/support.ts'
import type { CsatReport } from '../../contract/support.ts'
import { type Tx, withUser } from '../../lib/db.ts'
import { ApiError } from '../../lib/errors.ts'
import { apiRoute } from '../core/openapi.ts'
import { type ApiDeps, newRouter } from '../core/router.ts'
import { requireSupportStaff } from './access.ts'
import './schemas.ts'

const report = apiRoute(R.getSupportReport, {
  tags: ['support'],
  summary:
    'Satisfaction (CSAT) and SLA overall, per agent and per category, with the 20 latest ratings (support staff)',
  description:
    "`from` and `to` are days in the school's time zone, both included; by default the last 30 days. " +
    'The answer gives the period as moments: `to` is the start of the day after. CSAT counts the ratings ' +
    'given in the period; SLA the tickets opened in it (merged ones in the ticket they joined), by their ' +
    'current agent: median minutes to the first answer, median hours to resolution, and SLA clocks met ' +
    'on time and breached (`met_percent` of those decided).',
  responses: { 200: 'The report.' },
  errors: [400, 401, 403, 404],
})

/** count, mean score and share of 4–5 scores of the ratings in `x` (an aggregate). */
const figures = (tx: Tx) => tx`jsonb_build_object('count', count(*),
  'average', round(avg(x.score), 2),
  'satisfied_percent', round(100.0 * count(*) filter (where x.score >= 4) / nullif(count(*), 0), 1))`

/**
 * SLA figures of the rows in `c` (tickets opened in the period, each with its SLA clocks; `one` marks
 * a ticket's first row): tickets, median minutes to the first answer and hours to resolution, clocks
 * met on time and breached, and the share met of those decided.
 */
const slaFigures = (tx: Tx) => tx`jsonb_build_object('tickets', count(*) filter (where c.one),
  'first_response_minutes', round((percentile_cont(0.5) within group (order by
    extract(epoch from c.first_response_at - c.created_at) / 60) filter (where c.one))::numeric, 1),
  'resolution_hours', round((percentile_cont(0.5) within group (order by
    extract(epoch from c.resolved_at - c.created_at) / 3600) filter (where c.one))::numeric, 1),
  'met', count(*) filter (where c.on_time),
  'breached', count(*) filter (where c.breached_at is not null),
  'met_percent', round(100.0 * count(*) filter (where c.on_time)
    / nullif(count(*) filter (where c.on_time or c.breached_at is not null), 0), 1))`

const nameOf = (tx: Tx, column: string) =>
  tx`(select p.display_name from public.profiles p where p.id = ${tx(column)})`

async function readReport(tx: Tx, tenantId: string, from: string | null, to: string | null) {
  const [row] = await tx<{ report: CsatReport }[]>`
    with period as (
      select (d.from_day::timestamp at time zone s.time_zone) as from_at,
             ((d.to_day + 1)::timestamp at time zone s.time_zone) as to_at
      from public.tenants s
      cross join lateral (select coalesce(${to}::date, (private.clock() at time zone s.time_zone)::date) as to_day) e
      cross join lateral (select coalesce(${from}::date, e.to_day - 30) as from_day, e.to_day) d
      where s.id = ${tenantId}
    ), x as (
      select g.* from public.ticket_ratings g, period
      where g.tenant_id = ${tenantId} and g.created_at >= period.from_at and g.created_at < period.to_at
    ), tk as (
      -- Tickets opened in the period (merged ones count in the ticket they joined).
      select t.* from public.tickets t, period
      where t.tenant_id = ${tenantId} and t.created_at >= period.from_at and t.created_at < period.to_at
        and t.merged_into is null
    ), clocks as (
      -- Each ticket once with its clocks (one = the row that carries the ticket's own times).
      select tk.assignee_id, tk.category, tk.created_at, tk.first_response_at, tk.resolved_at, s.breached_at,
        s.met_at is not null and s.met_at <= s.due_at and s.breached_at is null as on_time,
        row_number() over (partition by tk.id order by s.target, s.cycle) = 1 as one
      from tk left join public.ticket_sla_targets s on s.ticket_id = tk.id
    )
    select jsonb_build_object(
      'from', period.from_at, 'to', period.to_at,
      'overall', (select ${figures(tx)} from x),
      'by_agent', coalesce((
        select jsonb_agg(a.f || jsonb_build_object('agent_id', a.agent_id,
          'name', coalesce(${nameOf(tx, 'a.agent_id')}, 'Unassigned')) order by (a.f->>'count')::int desc, a.agent_id)
        from (select x.agent_id, ${figures(tx)} as f from x group by x.agent_id) a), '[]'),
      'by_category', coalesce((
        select jsonb_agg(a.f || jsonb_build_object('category', a.category) order by a.category)
        from (select x.category, ${figures(tx)} as f from x group by x.category) a), '[]'),
      'sla', jsonb_build_object(
        'overall', (select ${slaFigures(tx)} from clocks c),
        'by_agent', coalesce((
          select jsonb_agg(a.f || jsonb_build_object('agent_id', a.assignee_id,
            'name', coalesce(${nameOf(tx, 'a.assignee_id')}, 'Unassigned')) order by (a.f->>'tickets')::int desc, a.assignee_id)
          from (select c.assignee_id, ${slaFigures(tx)} as f from clocks c group by c.assignee_id) a), '[]'),
        'by_category', coalesce((
          select jsonb_agg(a.f || jsonb_build_object('category', a.category) order by a.category)
          from (select c.category, ${slaFigures(tx)} as f from clocks c group by c.category) a), '[]')),
      'recent', coalesce((
        select jsonb_agg(r.j order by r.created_at desc, r.ticket_id) from (
          select x.created_at, x.ticket_id, jsonb_build_object('ticket_id', x.ticket_id, 'score', x.score,
            'comment', x.comment, 'agent_id', x.agent_id, 'category', x.category, 'created_at', x.created_at,
            'ticket_number', t.number, 'requester_name', ${nameOf(tx, 'x.requester_id')}) as j
          from x join public.tickets t on t.id = x.ticket_id
          order by x.created_at desc, x.ticket_id limit 20) r), '[]')
    ) as report
    from period`
  return row?.report as CsatReport
}

/** GET /tenants/:tenantId/support/report. */
export function supportReportRoutes({ sql, auth }: ApiDeps) {
  return newRouter().openapi({ ...report, middleware: auth }, async (c) => {
    const { tenantId } = c.req.valid('param')
    const { from, to } = c.req.valid('query')
    if (from && to && from > to) {
      const message = 'The period starts after it ends.'
      throw new ApiError(400, 'validation_failed', `from: ${message}`, {
        issues: [{ path: 'from', message, code: 'period_reversed' }],
      })
    }
    const result = await withUser(sql, c.var.claims, async (tx) => {
      await requireSupportStaff(tx, tenantId)
      return readReport(tx, tenantId, from ?? null, to ?? null)
    })
    return c.json(result, 200)
  })
}

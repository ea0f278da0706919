import type { SupportRow } from '../../contract/reports.ts'
import * as R from '../../contract/routes/support.ts'
import type { CsatReport, TicketCategory } from '../../contract/support.ts'
import { type Tx, withUser } from '../../lib/db.ts'
import { ApiError } from '../../lib/errors.ts'
import { reportPeriod, supportRows } from '../../lib/reports.ts'
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

/** `part` of `whole` in percent to one decimal; null when there is no whole. */
const percent = (part: number, whole: number) => (whole > 0 ? Math.round((1000 * part) / whole) / 10 : null)

const csat = (r: SupportRow) => ({
  count: r.ratings,
  average: r.average_score,
  satisfied_percent: percent(r.satisfied, r.ratings),
})
const sla = (r: SupportRow) => ({
  tickets: r.tickets,
  first_response_minutes: r.first_response_minutes,
  resolution_hours: r.resolution_hours,
  met: r.met,
  breached: r.breached,
  met_percent: percent(r.met, r.met + r.breached),
})
/** The figures of a period without tickets or ratings. */
const NONE = {
  tickets: 0,
  first_response_minutes: null,
  resolution_hours: null,
  met: 0,
  breached: 0,
  ratings: 0,
  average_score: null,
  satisfied: 0,
} as SupportRow

/** Rows first by `count` (most first), then by agent id. */
const busiest = <R extends { agent_id: string | null }>(rows: R[], count: (r: R) => number) =>
  rows.sort((a, b) => count(b) - count(a) || String(a.agent_id).localeCompare(String(b.agent_id)))

/**
 * The support page's report: CSAT and SLA overall, per agent and per category, from public.support_report
 * (the reports page's support desk report: the same figures), and the period's 20 latest ratings.
 */
async function readReport(tx: Tx, tenantId: string, f: { from?: string; to?: string }): Promise<CsatReport> {
  const period = await reportPeriod(tx, tenantId, f)
  const days = { from: period.from_day, to: period.to_day }
  const [byAgent, byCategory, [total]] = await Promise.all(
    (['agent', 'category', 'total'] as const).map((group) => supportRows(tx, tenantId, { ...days, group })),
  )
  const agents = (byAgent ?? []).map((r) => ({ r, agent_id: r.key, name: r.label ?? 'Unassigned' }))
  const categories = (byCategory ?? []).map((r) => ({ r, category: r.category as TicketCategory }))
  const recent = await tx<CsatReport['recent']>`
    select x.ticket_id, x.score, x.comment, x.agent_id, x.category, to_json(x.created_at) #>> '{}' as created_at,
      t.number as ticket_number, (select p.display_name from public.profiles p where p.id = x.requester_id) as requester_name
    from public.ticket_ratings x join public.tickets t on t.id = x.ticket_id
    where x.tenant_id = ${tenantId} and x.created_at >= ${period.from} and x.created_at < ${period.to}
    order by x.created_at desc, x.ticket_id limit 20`
  return {
    from: period.from,
    to: period.to,
    overall: csat(total ?? NONE),
    by_agent: busiest(
      agents
        .filter((a) => a.r.ratings > 0)
        .map((a) => ({ ...csat(a.r), agent_id: a.agent_id, name: a.name })),
      (a) => a.count,
    ),
    by_category: categories
      .filter((c) => c.r.ratings > 0)
      .map((c) => ({ ...csat(c.r), category: c.category })),
    sla: {
      overall: sla(total ?? NONE),
      by_agent: busiest(
        agents
          .filter((a) => a.r.tickets > 0)
          .map((a) => ({ ...sla(a.r), agent_id: a.agent_id, name: a.name })),
        (a) => a.tickets,
      ),
      by_category: categories
        .filter((c) => c.r.tickets > 0)
        .map((c) => ({ ...sla(c.r), category: c.category })),
    },
    recent: [...recent],
  }
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
    // withUser, not withUserRead: the rows are read for the period's days, which reportPeriod reads first.
    const result = await withUser(sql, c.var.claims, async (tx) => {
      await requireSupportStaff(tx, tenantId)
      return readReport(tx, tenantId, { from, to })
    })
    return c.json(result, 200)
  })
}

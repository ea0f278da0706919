import type { UsageRow } from '../../contract/ai.ts'
import * as R from '../../contract/routes/ai.ts'
import { withUser } from '../../lib/db.ts'
import { fieldError } from '../../lib/errors.ts'
import { apiRoute } from '../core/openapi.ts'
import { type ApiDeps, newRouter } from '../core/router.ts'
import { requireAdmin } from '../tenancy/access.ts'
import './schemas.ts'

/** Days of usage one request may ask for. */
const MAX_DAYS = 366

const usage = apiRoute(R.getAiUsage, {
  tags: ['ai'],
  summary: "The school's AI usage per provider per day (owners and admins)",
  description:
    'Requests, tokens, failures and fallbacks per provider and school day, from `from` to `to` ' +
    "(inclusive; by default the last 30 days up to today in the school's time zone). The provider " +
    '`lessons` counts answers from the published lessons, `safety` the fixed safety replies. ' +
    `At most ${MAX_DAYS} days at once.`,
  responses: { 200: 'The usage, oldest day first.' },
  errors: [400, 401, 403, 404],
})

/** GET /tenants/:tenantId/ai/usage. */
export function usageRoutes({ sql, auth }: ApiDeps) {
  return newRouter().openapi({ ...usage, middleware: auth }, async (c) => {
    const { tenantId } = c.req.valid('param')
    const query = c.req.valid('query')
    // withUser, not withUserRead: the days to read come from the school's time zone and are checked (400) first.
    const answer = await withUser(sql, c.var.claims, async (tx) => {
      await requireAdmin(tx, tenantId)
      const [range] = await tx<{ from: string; to: string; days: number }[]>`
        with r as (
          select coalesce(${query.to ?? null}::date, (now() at time zone t.time_zone)::date) as "to"
          from public.tenants t where t.id = ${tenantId}
        ), f as (select coalesce(${query.from ?? null}::date, r."to" - 29) as "from", r."to" from r)
        select to_char(f."from", 'YYYY-MM-DD') as "from", to_char(f."to", 'YYYY-MM-DD') as "to",
          (f."to" - f."from" + 1)::int as days
        from f`
      const { from, to, days } = range as { from: string; to: string; days: number }
      if (days < 1) {
        throw fieldError(400, 'validation_failed', [
          { path: 'from', message: 'The period starts after it ends.', code: 'period_reversed' },
        ])
      }
      if (days > MAX_DAYS) {
        throw fieldError(400, 'validation_failed', [
          {
            path: 'from',
            message: `Ask for at most ${MAX_DAYS} days at once.`,
            code: 'range_too_long',
            params: { max_days: MAX_DAYS },
          },
        ])
      }
      // RLS shows the rows to the school's owners and admins.
      const rows = await tx<UsageRow[]>`
        select to_char(u.day, 'YYYY-MM-DD') as day, u.provider, u.requests::int as requests,
          u.tokens_in::float8 as tokens_in, u.tokens_out::float8 as tokens_out,
          u.failures::int as failures, u.fallbacks::int as fallbacks
        from public.ai_usage_daily u
        where u.tenant_id = ${tenantId} and u.day between ${from}::date and ${to}::date
        order by u.day, u.provider`
      return { from, to, rows }
    })
    return c.json(answer, 200)
  })
}

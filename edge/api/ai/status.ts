import type { TutorMode } from '../../contract/ai.ts'
import * as R from '../../contract/routes/ai.ts'
import { type Sql, withUserRead } from '../../lib/db.ts'
import { notFound } from '../../lib/errors.ts'
import type { Claims } from '../../lib/jwt.ts'
import { apiRoute } from '../core/openapi.ts'
import { type ApiDeps, newRouter } from '../core/router.ts'
import { courseRightsOf, courseRightsQuery } from '../courses/access.ts'
import { tenantRoleIn, tenantRoleQuery } from '../tenancy/access.ts'
import { type AiSetup, hasEnabledProvider, modeIn, modeQuery, readBudget } from './queries.ts'
import './schemas.ts'

const status = apiRoute(R.getTutorStatus, {
  tags: ['ai'],
  summary:
    "What the tutor page shows before a question: the course's mode, AI or lessons only, today's count",
  description:
    '`ai_available` is true when the school has an enabled provider (or the platform has its own ' +
    "Gemini key) and this month's tokens are under the school's budget; otherwise answers come " +
    "from the published lessons. `used_today` counts your questions since the school's midnight.",
  responses: { 200: 'The tutor status for you.' },
  errors: [400, 401, 404],
})

/**
 * The tutor's mode for the caller in a course of the school ('hints' without a course): 404 outside
 * the school, or for a course they cannot see or of another school. RLS shows the setting to those
 * who see the course outline; the default otherwise.
 */
async function tutorMode(sql: Sql, claims: Claims, tenantId: string, courseId?: string): Promise<TutorMode> {
  if (!courseId) {
    const [role] = await withUserRead(sql, claims, (tx) => [tenantRoleQuery(tx, tenantId)])
    tenantRoleIn(role)
    return 'hints'
  }
  const [role, rights, setting] = await withUserRead(sql, claims, (tx) => [
    tenantRoleQuery(tx, tenantId),
    courseRightsQuery(tx, courseId),
    modeQuery(tx, courseId),
  ])
  tenantRoleIn(role)
  if (courseRightsOf(rights).tenant_id !== tenantId) {
    throw notFound('course_not_found', 'No such course in this school.')
  }
  return modeIn(setting)
}

/** GET /tenants/:tenantId/ai/status. */
export function statusRoutes({ sql, auth }: ApiDeps, ai: AiSetup) {
  return newRouter().openapi({ ...status, middleware: auth }, async (c) => {
    const { tenantId } = c.req.valid('param')
    const { course_id: courseId } = c.req.valid('query')
    const me = c.var.claims.sub
    const mode = await tutorMode(sql, c.var.claims, tenantId, courseId)
    // The caller is a member (checked above): the school's settings and their count, privileged.
    const [budget, own, quota, [effective]] = await Promise.all([
      readBudget(sql, tenantId),
      hasEnabledProvider(sql, tenantId),
      sql<{ used: number; resets_at: Date }[]>`
        select coalesce(q.used, 0)::int as used, coalesce(q.resets_at, d.resets_at) as resets_at
        from private.ai_school_day(${tenantId}) d
        left join private.ai_quota_today(${tenantId}, ${me}) q on true`,
      // The school's budget capped by its plan: what the tutor itself uses.
      sql<{ tokens: number }[]>`select private.ai_monthly_budget(${tenantId})::float8 as tokens`,
    ])
    const monthly = effective?.tokens ?? budget.monthly_token_budget
    const today = quota[0]
    return c.json(
      {
        mode,
        ai_available: (own || ai.platformDefault) && monthly > 0 && budget.tokens_this_month < monthly,
        daily_limit: budget.student_daily_limit,
        used_today: today?.used ?? 0,
        resets_at: (today?.resets_at ?? new Date()).toISOString(),
      },
      200,
    )
  })
}

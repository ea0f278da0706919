import type { AiSettings } from '../../contract/ai.ts'
import { AI_DEFAULTS } from '../../contract/ai-values.ts'
import * as R from '../../contract/routes/ai.ts'
import type { Sql, Tx } from '../../lib/db.ts'
import { apiRoute } from '../core/openapi.ts'
import { type ApiDeps, newRouter } from '../core/router.ts'
import { checkAdmin } from './access.ts'
import { type AiSetup, audit, readBudget, readProviders } from './queries.ts'
import './schemas.ts'

const tags = ['ai']

const get = apiRoute(R.getAiSettings, {
  tags,
  summary:
    "The school's AI settings: budget, daily limit, this month's tokens, providers (owners and admins)",
  description:
    'Until an admin saves them, the budget is ' +
    `${AI_DEFAULTS.monthly_token_budget} tokens a month and the limit ${AI_DEFAULTS.student_daily_limit} ` +
    'questions per student a day. `platform_default` says the platform has its own Gemini key, used ' +
    'when the school has no provider.',
  responses: { 200: 'The settings.' },
  errors: [400, 401, 403, 404],
})

const update = apiRoute(R.updateAiSettings, {
  tags,
  summary: "Change the school's monthly token budget or the students' daily limit (owners and admins)",
  description: 'A budget of 0 turns the providers off: answers then come from the published lessons.',
  responses: { 200: 'The settings.' },
  errors: [400, 401, 403, 404],
})

async function readSettings(tx: Sql | Tx, ai: AiSetup, tenantId: string): Promise<AiSettings> {
  const [budget, providers] = await Promise.all([readBudget(tx, tenantId), readProviders(tx, tenantId)])
  return { ...budget, providers, platform_default: ai.platformDefault }
}

/** GET/PATCH /tenants/:tenantId/ai/settings. */
export function settingsRoutes({ sql, auth }: ApiDeps, ai: AiSetup) {
  return newRouter()
    .openapi({ ...get, middleware: auth }, async (c) => {
      const { tenantId } = c.req.valid('param')
      await checkAdmin(sql, c.var.claims, tenantId)
      return c.json(await readSettings(sql, ai, tenantId), 200)
    })
    .openapi({ ...update, middleware: auth }, async (c) => {
      const { tenantId } = c.req.valid('param')
      const body = c.req.valid('json')
      await checkAdmin(sql, c.var.claims, tenantId)
      const budget = body.monthly_token_budget ?? null
      const limit = body.student_daily_limit ?? null
      await sql.begin(async (tx) => {
        await tx`
          insert into private.ai_settings (tenant_id, monthly_token_budget, student_daily_limit)
          values (${tenantId}, coalesce(${budget}::bigint, ${AI_DEFAULTS.monthly_token_budget}),
                  coalesce(${limit}::int, ${AI_DEFAULTS.student_daily_limit}))
          on conflict (tenant_id) do update set
            monthly_token_budget = coalesce(${budget}::bigint, private.ai_settings.monthly_token_budget),
            student_daily_limit = coalesce(${limit}::int, private.ai_settings.student_daily_limit),
            updated_at = now()`
        await audit(
          tx,
          {
            tenantId,
            actor: c.var.claims.sub,
            action: 'ai_settings.updated',
            targetType: 'tenant',
            targetId: tenantId,
          },
          body,
        )
      })
      return c.json(await readSettings(sql, ai, tenantId), 200)
    })
}

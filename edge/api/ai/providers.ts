import type { CreateProviderBody, Provider, UpdateProviderBody } from '../../contract/ai.ts'
import { AI_LIMITS } from '../../contract/ai-values.ts'
import * as R from '../../contract/routes/ai.ts'
import type { Sql, Tx } from '../../lib/db.ts'
import { conflict, fieldError } from '../../lib/errors.ts'
import { lastFour } from '../../lib/secret-box.ts'
import { apiRoute } from '../core/openapi.ts'
import { type ApiDeps, newRouter } from '../core/router.ts'
import { checkAdmin, noProvider, providerTenant } from './access.ts'
import { type AiSetup, audit, readProvider, readProviders } from './queries.ts'
import './schemas.ts'

// A school's AI providers, kept in private.ai_providers on the privileged connection once
// requireAdmin under RLS said the caller is an owner or admin. Keys are sealed with the secret box
// (AES-GCM) before they are stored; only their last 4 characters are ever returned.

const tags = ['ai']

const create = apiRoute(R.createProvider, {
  tags,
  summary: "Add an AI provider at the end of the school's order (owners and admins)",
  description:
    'Gemini (`kind: gemini`) or any OpenAI-compatible endpoint (`kind: openai`, which needs ' +
    '`base_url`). The key is stored encrypted and never returned: the answer shows its last 4 ' +
    `characters. At most ${AI_LIMITS.providers} per school.`,
  responses: { 201: 'The new provider.' },
  errors: [400, 401, 403, 404, 409],
})

const update = apiRoute(R.updateProvider, {
  tags,
  summary: 'Change an AI provider; a new key replaces the stored one (owners and admins)',
  description: 'A new key or address also closes its circuit breaker: it is tried again at once.',
  responses: { 200: 'The provider.' },
  errors: [400, 401, 403, 404],
})

const remove = apiRoute(R.deleteProvider, {
  tags,
  summary: 'Remove an AI provider and its key (owners and admins)',
  responses: { 204: 'Removed; the others keep their order.' },
  errors: [400, 401, 403, 404],
})

const order = apiRoute(R.orderProviders, {
  tags,
  summary: "Set the order in which the tutor tries the school's providers (owners and admins)",
  description: "`ids` must name each of the school's providers exactly once.",
  responses: { 200: 'The providers in their new order.' },
  errors: [400, 401, 403, 404],
})

/** 400 on `base_url` for an OpenAI-compatible provider without one. */
const baseUrlRequired = () =>
  fieldError(400, 'validation_failed', [
    {
      path: 'base_url',
      message: 'An OpenAI-compatible provider needs the address of its endpoint.',
      code: 'ai_provider_invalid',
    },
  ])

/** Serialises changes to one school's providers (the count and the positions). */
const lockProviders = (tx: Tx, tenantId: string) =>
  tx`select pg_advisory_xact_lock(hashtextextended(${`ai-providers:${tenantId}`}, 0))`

/** Positions 0, 1, 2… in the order of `ids` (or of the current positions), through a free range. */
async function renumber(tx: Tx, tenantId: string, ids: string[] | null) {
  await tx`
    update private.ai_providers p set position = 1000 + r.n
    from (
      select x.id, (row_number() over (
        order by array_position(${ids ?? []}::uuid[], x.id), x.position, x.created_at, x.id) - 1)::int as n
      from private.ai_providers x where x.tenant_id = ${tenantId}
    ) r
    where p.id = r.id`
  await tx`update private.ai_providers set position = position - 1000 where tenant_id = ${tenantId}`
}

/** The fields of a provider an audit entry records (never the key). */
const audited = (b: Partial<Omit<CreateProviderBody, 'base_url'>> & { base_url?: string | null }) => ({
  ...(b.kind !== undefined && { kind: b.kind }),
  ...(b.label !== undefined && { label: b.label }),
  ...(b.base_url !== undefined && { base_url: b.base_url }),
  ...(b.models !== undefined && { models: b.models }),
  ...(b.enabled !== undefined && { enabled: b.enabled }),
  ...(b.api_key !== undefined && { key_last4: lastFour(b.api_key) }),
})

async function createProvider(
  sql: Sql,
  ai: AiSetup,
  actor: string,
  tenantId: string,
  body: CreateProviderBody,
): Promise<Provider> {
  const sealed = await (await ai.secretBox()).seal(body.api_key)
  return sql.begin(async (tx) => {
    await lockProviders(tx, tenantId)
    const [row] = await tx<{ n: number }[]>`
      select count(*)::int as n from private.ai_providers where tenant_id = ${tenantId}`
    const count = row?.n ?? 0
    if (count >= AI_LIMITS.providers) {
      throw conflict('ai_providers_limit', `A school can have at most ${AI_LIMITS.providers} AI providers.`, {
        max: AI_LIMITS.providers,
      })
    }
    const [made] = await tx<{ id: string }[]>`
      insert into private.ai_providers
        (tenant_id, position, kind, label, base_url, models, api_key_sealed, key_last4, enabled)
      values (${tenantId}, ${count}, ${body.kind}, ${body.label}, ${body.base_url ?? null},
              ${tx.json(body.models)}, ${sealed}, ${lastFour(body.api_key)}, ${body.enabled})
      returning id`
    const id = made?.id as string
    await audit(
      tx,
      { tenantId, actor, action: 'ai_provider.created', targetType: 'ai_provider', targetId: id },
      audited(body),
    )
    return (await readProvider(tx, id)) as Provider
  })
}

async function updateProvider(
  sql: Sql,
  ai: AiSetup,
  actor: string,
  tenantId: string,
  id: string,
  body: UpdateProviderBody,
): Promise<Provider> {
  const sealed = body.api_key ? await (await ai.secretBox()).seal(body.api_key) : null
  return sql.begin(async (tx) => {
    const [current] = await tx<{ kind: string; base_url: string | null }[]>`
      select kind, base_url from private.ai_providers where id = ${id} for update`
    if (!current) throw noProvider()
    const baseUrl = body.base_url === undefined ? current.base_url : body.base_url
    if (current.kind === 'openai' && !baseUrl) throw baseUrlRequired()
    await tx`
      update private.ai_providers set
        label = coalesce(${body.label ?? null}, label),
        base_url = ${baseUrl},
        models = coalesce(${body.models ? tx.json(body.models) : null}::jsonb, models),
        api_key_sealed = coalesce(${sealed}::bytea, api_key_sealed),
        key_last4 = coalesce(${body.api_key ? lastFour(body.api_key) : null}, key_last4),
        enabled = coalesce(${body.enabled ?? null}::boolean, enabled),
        updated_at = now()
      where id = ${id}`
    // A new key or address deserves a fresh try: close the breaker.
    if (sealed || baseUrl !== current.base_url) {
      await tx`delete from private.ai_breakers where provider_id = ${id}`
    }
    await audit(
      tx,
      { tenantId, actor, action: 'ai_provider.updated', targetType: 'ai_provider', targetId: id },
      audited(body),
    )
    return (await readProvider(tx, id)) as Provider
  })
}

/** POST /tenants/:tenantId/ai/providers, PATCH/DELETE /ai/providers/:id, PUT /tenants/:tenantId/ai/providers/order. */
export function providerRoutes({ sql, auth }: ApiDeps, ai: AiSetup) {
  return newRouter()
    .openapi({ ...create, middleware: auth }, async (c) => {
      const { tenantId } = c.req.valid('param')
      const body = c.req.valid('json')
      if (body.kind === 'openai' && !body.base_url) throw baseUrlRequired()
      await checkAdmin(sql, c.var.claims, tenantId)
      const provider = await createProvider(sql, ai, c.var.claims.sub, tenantId, body)
      return c.json(provider, 201)
    })
    .openapi({ ...update, middleware: auth }, async (c) => {
      const { id } = c.req.valid('param')
      const body = c.req.valid('json')
      const tenantId = await providerTenant(sql, c.var.claims, id)
      const provider = await updateProvider(sql, ai, c.var.claims.sub, tenantId, id, body)
      return c.json(provider, 200)
    })
    .openapi({ ...remove, middleware: auth }, async (c) => {
      const { id } = c.req.valid('param')
      const tenantId = await providerTenant(sql, c.var.claims, id)
      await sql.begin(async (tx) => {
        await lockProviders(tx, tenantId)
        const gone = await tx`delete from private.ai_providers where id = ${id} returning id`
        if (gone.length === 0) throw noProvider()
        await renumber(tx, tenantId, null)
        await audit(tx, {
          tenantId,
          actor: c.var.claims.sub,
          action: 'ai_provider.deleted',
          targetType: 'ai_provider',
          targetId: id,
        })
      })
      return c.body(null, 204)
    })
    .openapi({ ...order, middleware: auth }, async (c) => {
      const { tenantId } = c.req.valid('param')
      const { ids } = c.req.valid('json')
      await checkAdmin(sql, c.var.claims, tenantId)
      const providers = await sql.begin(async (tx) => {
        await lockProviders(tx, tenantId)
        const rows = await tx<
          { id: string }[]
        >`select id from private.ai_providers where tenant_id = ${tenantId}`
        const known = new Set(rows.map((r) => r.id))
        if (
          new Set(ids).size !== ids.length ||
          ids.length !== known.size ||
          !ids.every((i) => known.has(i))
        ) {
          throw fieldError(400, 'validation_failed', [
            {
              path: 'ids',
              message: "List each of the school's AI providers exactly once.",
              code: 'ai_provider_order_invalid',
            },
          ])
        }
        await renumber(tx, tenantId, ids)
        await audit(
          tx,
          {
            tenantId,
            actor: c.var.claims.sub,
            action: 'ai_provider.ordered',
            targetType: 'tenant',
            targetId: tenantId,
          },
          { ids },
        )
        return readProviders(tx, tenantId)
      })
      return c.json(providers, 200)
    })
}

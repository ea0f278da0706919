import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AI_DEFAULTS, AI_LIMITS } from '../../contract/ai-values.ts'
import { createSecretBox } from '../../lib/secret-box.ts'
import { setupApi } from '../core/testing.ts'
import { type AiSchool, aiSchool, geminiBody } from './testing.ts'

const SECRET = 'a-test-secret-of-at-least-32-characters!'
const api = await setupApi({ AI_KEYS_SECRET: SECRET })
const { sql, call } = api
afterAll(() => api.close())

let s: AiSchool
beforeAll(async () => {
  s = await aiSchool(sql, call)
})

const settingsPath = () => `/tenants/${s.tenant.id}/ai/settings`
const providersPath = (tenantId = s.tenant.id) => `/tenants/${tenantId}/ai/providers`
const create = (body: object, who = s.admin, tenantId = s.tenant.id) =>
  call('POST', providersPath(tenantId), { token: who.token, body })
const issuePaths = (res: { body: { error: { details: { issues: { path: string }[] } } } }) =>
  res.body.error.details.issues.map((i) => i.path).sort()

/** The stored row of a provider, as the superuser. */
async function stored(id: string) {
  const [row] =
    await sql`select api_key_sealed, key_last4, position from private.ai_providers where id = ${id}`
  return row as { api_key_sealed: Uint8Array; key_last4: string; position: number }
}

describe('GET/PATCH /api/tenants/:tenantId/ai/settings', () => {
  it('gives the defaults until an admin saves the budget and the limit', async () => {
    const res = await call('GET', settingsPath(), { token: s.owner.token })
    expect(res.status).toBe(200)
    expect(res.body).toEqual({
      monthly_token_budget: AI_DEFAULTS.monthly_token_budget,
      student_daily_limit: AI_DEFAULTS.student_daily_limit,
      tokens_this_month: 0,
      providers: [],
      platform_default: false,
    })
    const saved = await call('PATCH', settingsPath(), {
      token: s.admin.token,
      body: { monthly_token_budget: 5_000_000_000 },
    })
    expect(saved.status).toBe(200)
    expect(saved.body).toMatchObject({ monthly_token_budget: 5_000_000_000, student_daily_limit: 50 })
    const limit = await call('PATCH', settingsPath(), {
      token: s.admin.token,
      body: { student_daily_limit: 10 },
    })
    expect(limit.body).toMatchObject({ monthly_token_budget: 5_000_000_000, student_daily_limit: 10 })
    await sql`select private.ai_record_usage(${s.tenant.id}, 'Gemini', 3, 1200, 3400, 0, 0)`
    expect((await call('GET', settingsPath(), { token: s.admin.token })).body.tokens_this_month).toBe(4600)
    const [entry] = await sql`
      select actor_id, details from public.audit_log
      where tenant_id = ${s.tenant.id} and action = 'ai_settings.updated' order by id limit 1`
    expect(entry).toEqual({ actor_id: s.admin.id, details: { monthly_token_budget: 5_000_000_000 } })
  })

  it('400 with field paths; 403 for other members; 404 for other schools', async () => {
    const bad = await call('PATCH', settingsPath(), {
      token: s.admin.token,
      body: { monthly_token_budget: -1, student_daily_limit: 1.5, plan: 'gold' },
    })
    expect(bad.status).toBe(400)
    expect(issuePaths(bad)).toEqual(['monthly_token_budget', 'plan', 'student_daily_limit'])
    const empty = await call('PATCH', settingsPath(), { token: s.admin.token, body: {} })
    expect(empty.status).toBe(400)
    for (const who of [s.teacher, s.staff, s.student]) {
      const res = await call('GET', settingsPath(), { token: who.token })
      expect(res.status).toBe(403)
      expect(res.body.error.code).toBe('admins_only')
      expect(
        (await call('PATCH', settingsPath(), { token: who.token, body: { student_daily_limit: 1 } })).status,
      ).toBe(403)
    }
    expect((await call('GET', settingsPath(), { token: s.stranger.token })).status).toBe(404)
    expect((await call('GET', settingsPath())).status).toBe(401)
  })
})

describe('AI providers', () => {
  it('stores the key sealed and never returns it, only its last 4 characters', async () => {
    const key = 'AIzaSyA-very-secret-key-WXYZ'
    const res = await create(geminiBody(key))
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({
      kind: 'gemini',
      label: 'Gemini',
      base_url: null,
      models: { general: 'gemini-2.5-flash', reasoning: 'gemini-2.5-pro' },
      key_last4: 'WXYZ',
      enabled: true,
      skipped_until: null,
    })
    expect(res.text).not.toContain(key)
    const row = await stored(res.body.id)
    expect(Buffer.from(row.api_key_sealed).includes(Buffer.from(key))).toBe(false)
    expect(Buffer.from(row.api_key_sealed).toString('latin1')).not.toContain('secret-key')
    expect(await (await createSecretBox(SECRET)).open(new Uint8Array(row.api_key_sealed))).toBe(key)
    const listed = await call('GET', settingsPath(), { token: s.admin.token })
    expect(listed.text).not.toContain(key)
    const audits = await sql`select details from public.audit_log where target_id = ${res.body.id}`
    expect(JSON.stringify(audits)).not.toContain(key)
    expect(audits[0]?.details).toMatchObject({ kind: 'gemini', key_last4: 'WXYZ' })
  })

  it('needs a base URL for OpenAI-compatible endpoints; 400 with field paths', async () => {
    const missing = await create({ ...geminiBody(), kind: 'openai', label: 'Groq' })
    expect(missing.status).toBe(400)
    expect(missing.body.error.details.issues).toEqual([
      { path: 'base_url', message: expect.any(String), code: 'ai_provider_invalid' },
    ])
    const bad = await create({
      kind: 'claude',
      label: '',
      base_url: 'ftp://x',
      models: { general: '', fast: 'x' },
      api_key: 'short',
    })
    expect(bad.status).toBe(400)
    expect(issuePaths(bad)).toEqual(['api_key', 'base_url', 'kind', 'label', 'models.fast', 'models.general'])
    const ok = await create({
      ...geminiBody('gsk_groq-key-0000-1234'),
      kind: 'openai',
      label: 'Groq',
      base_url: 'https://api.groq.com/openai/v1',
      models: { general: 'llama-3.3-70b-versatile' },
    })
    expect(ok.status).toBe(201)
    expect(ok.body).toMatchObject({
      kind: 'openai',
      base_url: 'https://api.groq.com/openai/v1',
      key_last4: '1234',
    })
    const cleared = await call('PATCH', `/ai/providers/${ok.body.id}`, {
      token: s.admin.token,
      body: { base_url: null },
    })
    expect(cleared.status).toBe(400)
    expect(issuePaths(cleared)).toEqual(['base_url'])
  })

  it('updates fields, replaces the key, and shows an open breaker as skipped_until', async () => {
    const made = await create(geminiBody('first-key-1111', { label: 'Spare' }))
    const id = made.body.id
    const before = await stored(id)
    await sql`insert into private.ai_breakers (provider_id, failures, open_until) values (${id}, 5, now() + interval '1 minute')`
    const open = await call('GET', settingsPath(), { token: s.admin.token })
    const shown = open.body.providers.find((p: { id: string }) => p.id === id)
    expect(Date.parse(shown.skipped_until)).toBeGreaterThan(Date.now())
    const renamed = await call('PATCH', `/ai/providers/${id}`, {
      token: s.owner.token,
      body: { label: 'Backup', enabled: false, models: { general: 'gemini-2.5-flash-lite' } },
    })
    expect(renamed.status).toBe(200)
    expect(renamed.body).toMatchObject({
      label: 'Backup',
      enabled: false,
      models: { general: 'gemini-2.5-flash-lite' },
      key_last4: '1111',
    })
    expect(renamed.body.skipped_until).not.toBeNull() // same key: still skipped
    expect(Buffer.from((await stored(id)).api_key_sealed).equals(Buffer.from(before.api_key_sealed))).toBe(
      true,
    )
    const rekeyed = await call('PATCH', `/ai/providers/${id}`, {
      token: s.admin.token,
      body: { api_key: 'second-key-2222' },
    })
    expect(rekeyed.status).toBe(200)
    expect(rekeyed.body).toMatchObject({ key_last4: '2222', skipped_until: null, label: 'Backup' })
    expect(rekeyed.text).not.toContain('second-key')
    const after = await stored(id)
    expect(await (await createSecretBox(SECRET)).open(new Uint8Array(after.api_key_sealed))).toBe(
      'second-key-2222',
    )
    const empty = await call('PATCH', `/ai/providers/${id}`, { token: s.admin.token, body: {} })
    expect(empty.status).toBe(400)
  })

  it('orders, deletes (the rest close ranks) and refuses a wrong list', async () => {
    const start = (await call('GET', settingsPath(), { token: s.admin.token })).body.providers as {
      id: string
      position: number
    }[]
    expect(start.map((p) => p.position)).toEqual(start.map((_, i) => i))
    const reversed = start.map((p) => p.id).reverse()
    const ordered = await call('PUT', `${providersPath()}/order`, {
      token: s.admin.token,
      body: { ids: reversed },
    })
    expect(ordered.status).toBe(200)
    expect(ordered.body.map((p: { id: string }) => p.id)).toEqual(reversed)
    expect(ordered.body.map((p: { position: number }) => p.position)).toEqual(reversed.map((_, i) => i))
    for (const ids of [
      reversed.slice(1),
      [...reversed, reversed[0]],
      [...reversed.slice(1), crypto.randomUUID()],
    ]) {
      const wrong = await call('PUT', `${providersPath()}/order`, { token: s.admin.token, body: { ids } })
      expect(wrong.status).toBe(400)
      expect(wrong.body.error.details.issues[0]).toMatchObject({
        path: 'ids',
        code: 'ai_provider_order_invalid',
      })
    }
    const gone = await call('DELETE', `/ai/providers/${reversed[0]}`, { token: s.admin.token })
    expect(gone.status).toBe(204)
    expect(gone.text).toBe('')
    const left = (await call('GET', settingsPath(), { token: s.admin.token })).body.providers
    expect(left.map((p: { id: string }) => p.id)).toEqual(reversed.slice(1))
    expect(left.map((p: { position: number }) => p.position)).toEqual(reversed.slice(1).map((_, i) => i))
    expect((await call('DELETE', `/ai/providers/${reversed[0]}`, { token: s.admin.token })).status).toBe(404)
  })

  it(`allows at most ${AI_LIMITS.providers} per school`, async () => {
    const have = (await call('GET', settingsPath(), { token: s.admin.token })).body.providers.length
    for (let i = have; i < AI_LIMITS.providers; i++) expect((await create(geminiBody())).status).toBe(201)
    const over = await create(geminiBody())
    expect(over.status).toBe(409)
    expect(over.body.error).toMatchObject({
      code: 'ai_providers_limit',
      details: { max: AI_LIMITS.providers },
    })
  })

  it('403 for members who are not admins, 404 for other schools', async () => {
    const [provider] = await sql`select id from private.ai_providers where tenant_id = ${s.tenant.id} limit 1`
    const id = provider?.id as string
    for (const who of [s.teacher, s.student, s.staff]) {
      expect((await create(geminiBody(), who)).status).toBe(403)
      const patch = await call('PATCH', `/ai/providers/${id}`, { token: who.token, body: { label: 'Mine' } })
      expect(patch.status).toBe(403)
      expect(patch.body.error.code).toBe('admins_only')
      expect((await call('DELETE', `/ai/providers/${id}`, { token: who.token })).status).toBe(403)
      const order = await call('PUT', `${providersPath()}/order`, { token: who.token, body: { ids: [id] } })
      expect(order.status).toBe(403)
    }
    const stranger = await call('PATCH', `/ai/providers/${id}`, {
      token: s.stranger.token,
      body: { label: 'Mine' },
    })
    expect(stranger.status).toBe(404)
    expect(stranger.body.error.code).toBe('ai_provider_not_found')
    expect((await call('DELETE', `/ai/providers/${id}`, { token: s.stranger.token })).status).toBe(404)
    expect((await create(geminiBody(), s.stranger)).status).toBe(404)
    // The stranger's own school is theirs to configure, and sees none of these.
    const own = await create(geminiBody(), s.stranger, s.other.id)
    expect(own.status).toBe(201)
    const theirs = await call('GET', `/tenants/${s.other.id}/ai/settings`, { token: s.stranger.token })
    expect(theirs.body.providers.map((p: { id: string }) => p.id)).toEqual([own.body.id])
    const [label] = await sql`select label from private.ai_providers where id = ${id}`
    expect(label?.label).not.toBe('Mine')
  })
})

describe('GET /api/tenants/:tenantId/ai/usage', () => {
  it("gives the school's rows per day and provider, the last 30 days by default", async () => {
    await sql`
      insert into public.ai_usage_daily (tenant_id, day, provider, requests, tokens_in, tokens_out, failures, fallbacks)
      values (${s.other.id}, current_date, 'Gemini', 9, 9, 9, 9, 9),
             (${s.tenant.id}, current_date - 40, 'Gemini', 1, 10, 20, 0, 0),
             (${s.tenant.id}, current_date - 3, 'lessons', 4, 0, 0, 0, 2)`
    const res = await call('GET', `/tenants/${s.tenant.id}/ai/usage`, { token: s.admin.token })
    expect(res.status).toBe(200)
    const days = (Date.parse(res.body.to) - Date.parse(res.body.from)) / 86_400_000
    expect(days).toBe(29)
    expect(res.body.rows.map((r: { provider: string }) => r.provider)).toEqual(['lessons', 'Gemini'])
    expect(res.body.rows[0]).toMatchObject({
      requests: 4,
      tokens_in: 0,
      tokens_out: 0,
      failures: 0,
      fallbacks: 2,
    })
    expect(res.body.rows[1]).toMatchObject({ requests: 3, tokens_in: 1200, tokens_out: 3400 })
    const [old] = await sql`select to_char(current_date - 40, 'YYYY-MM-DD') as day`
    const range = await call('GET', `/tenants/${s.tenant.id}/ai/usage?from=${old?.day}&to=${old?.day}`, {
      token: s.owner.token,
    })
    expect(range.body).toEqual({
      from: old?.day,
      to: old?.day,
      rows: [
        {
          day: old?.day,
          provider: 'Gemini',
          requests: 1,
          tokens_in: 10,
          tokens_out: 20,
          failures: 0,
          fallbacks: 0,
        },
      ],
    })
  })

  it('400 for bad or reversed dates, 403 for other members, 404 for other schools', async () => {
    const path = `/tenants/${s.tenant.id}/ai/usage`
    const bad = await call('GET', `${path}?from=2026-13-01&to=soon`, { token: s.admin.token })
    expect(bad.status).toBe(400)
    expect(issuePaths(bad)).toEqual(['from', 'to'])
    const reversed = await call('GET', `${path}?from=2026-12-05&to=2026-12-01`, { token: s.admin.token })
    expect(reversed.status).toBe(400)
    expect(reversed.body.error.details.issues[0]).toMatchObject({ path: 'from', code: 'period_reversed' })
    const long = await call('GET', `${path}?from=2024-01-01&to=2026-01-01`, { token: s.admin.token })
    expect(long.body.error.details.issues[0]).toMatchObject({
      code: 'range_too_long',
      params: { max_days: 366 },
    })
    for (const who of [s.teacher, s.student]) {
      expect((await call('GET', path, { token: who.token })).status).toBe(403)
    }
    expect((await call('GET', path, { token: s.stranger.token })).status).toBe(404)
  })
})

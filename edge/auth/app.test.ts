import { afterAll, describe, expect, it } from 'vitest'
import { testDb, unique } from '../../test/support/fixtures.ts'
import { createAuthApp } from './app.ts'
import { authTestApp } from './testing.ts'

const sql = testDb(1)
const t = await authTestApp()
afterAll(async () => {
  await t.close()
  await sql.end()
})

const userCount = async (email: string) =>
  (await sql`select count(*)::int as n from auth.users where lower(email) = lower(${email})`)[0].n

describe('local auth: gateway rules and error shape', () => {
  it('refuses a request without an apikey with 401, and one with a forged key', async () => {
    const missing = await t.call('GET', '/settings', { apiKey: null })
    expect(missing.status).toBe(401)
    expect(await missing.json()).toEqual({ code: 'no_api_key', message: 'No API key found in request' })

    const forged = await t.call('GET', '/settings', { apiKey: `${t.keys.anonKey.slice(0, -4)}AAAA` })
    expect(forged.status).toBe(401)
    expect((await forged.json()).code).toBe('invalid_api_key')
  })

  it('accepts the anon key and the service_role key', async () => {
    expect((await t.call('GET', '/health')).status).toBe(200)
    expect((await t.call('GET', '/health', { apiKey: t.keys.serviceRoleKey })).status).toBe(200)
  })

  it('publishes the public signing key without an apikey, and never the private part', async () => {
    const res = await t.call('GET', '/.well-known/jwks.json', { apiKey: null })
    expect(res.status).toBe(200)
    const { keys } = await res.json()
    expect(keys).toHaveLength(1)
    expect(keys[0]).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', kid: t.keys.key.kid })
    expect(keys[0].d).toBeUndefined()
  })

  it('describes its settings: email on, phone on (texts to the local mailbox), autoconfirm by default', async () => {
    const body = await (await t.call('GET', '/settings')).json()
    expect(body.external.email).toBe(true)
    expect(body.external.phone).toBe(true)
    expect(body.mailer_autoconfirm).toBe(true)
  })

  it('answers malformed JSON with 400 bad_json and creates nothing', async () => {
    const email = `${unique('bad')}@test.kipindi.test`
    const res = await t.call('POST', '/signup', { raw: `{"email":"${email}","password":` })
    expect(res.status).toBe(400)
    expect((await res.json()).code).toBe('bad_json')
    expect(await userCount(email)).toBe(0)
  })

  it('answers wrong types with 400 validation_failed naming the field, and creates nothing', async () => {
    const email = `${unique('types')}@test.kipindi.test`
    const res = await t.call('POST', '/signup', { body: { email, password: 12345678 } })
    expect(res.status).toBe(400)
    const body = await res.json()
    expect(body.code).toBe('validation_failed')
    expect(body.message).toMatch(/^password: /)
    expect(await userCount(email)).toBe(0)
  })

  it('refuses bodies over 64 KiB with 413', async () => {
    const res = await t.call('POST', '/signup', {
      body: { email: 'big@test.kipindi.test', password: 'x', data: { blob: 'a'.repeat(70 * 1024) } },
    })
    expect(res.status).toBe(413)
    expect((await res.json()).code).toBe('payload_too_large')
  })

  it("uses GoTrue's legacy error shape for clients without the API version header", async () => {
    const res = await t.call('POST', '/token?grant_type=password', {
      headers: { 'x-supabase-api-version': '' },
      body: { email: `${unique('nobody')}@test.kipindi.test`, password: 'whatever-1' },
    })
    expect(res.status).toBe(400)
    expect(await res.json()).toEqual({
      code: 400,
      error_code: 'invalid_credentials',
      msg: 'Invalid login credentials',
    })
  })

  it('answers unknown paths with 404 in the same shape', async () => {
    const res = await t.call('GET', '/nope')
    expect(res.status).toBe(404)
    expect((await res.json()).code).toBe('not_found')
  })

  it('sends CORS headers to allowed origins only, and exposes the API version header', async () => {
    const allowed = await t.call('GET', '/settings', { headers: { origin: 'http://127.0.0.1:54321' } })
    expect(allowed.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:54321')
    expect(allowed.headers.get('access-control-expose-headers')).toMatch(/X-Supabase-Api-Version/i)
    const other = await t.call('GET', '/settings', { headers: { origin: 'https://evil.example' } })
    expect(other.headers.get('access-control-allow-origin')).toBeNull()
  })

  it('keeps the mailbox closed unless LOCAL_MAILBOX=true', async () => {
    const closed = await authTestApp({ LOCAL_MAILBOX: 'false' })
    try {
      const res = await closed.call('GET', '/mailbox')
      expect(res.status).toBe(404)
    } finally {
      await closed.close()
    }
    expect((await t.call('GET', '/mailbox')).status).toBe(200)
  })

  it('refuses to start without a private signing key', async () => {
    expect(() =>
      createAuthApp({ ...t.env, AUTH_SIGNING_JWK: JSON.stringify({ kty: 'EC', crv: 'P-256' }) }),
    ).toThrow(/AUTH_SIGNING_JWK/)
  })
})

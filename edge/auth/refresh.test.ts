import { afterAll, describe, expect, it } from 'vitest'
import { testDb } from '../../test/support/fixtures.ts'
import { authTestApp, decodeJwt } from './testing.ts'

const sql = testDb(1)
const t = await authTestApp()
afterAll(async () => {
  await t.close()
  await sql.end()
})

const refresh = (token: string, headers?: Record<string, string>) =>
  t.call('POST', '/token?grant_type=refresh_token', { body: { refresh_token: token }, headers })

/** Makes a rotated token look as if it was rotated `seconds` ago. */
const ageToken = (token: string, seconds: number) =>
  sql`update auth.refresh_tokens set updated_at = now() - make_interval(secs => ${seconds}) where token = ${token}`

describe('POST /token?grant_type=refresh_token', () => {
  it('rotates: the old token is revoked and the new one is its child in the same session', async () => {
    const { body: first } = await t.signUp()
    const res = await refresh(first.refresh_token)
    expect(res.status).toBe(200)
    const second = await res.json()
    expect(second.refresh_token).not.toBe(first.refresh_token)
    expect(second.user.id).toBe(first.user.id)
    const sessionId = decodeJwt(first.access_token).payload.session_id
    expect(decodeJwt(second.access_token).payload.session_id).toBe(sessionId)
    expect(decodeJwt(second.access_token).payload.amr[0].method).toBe('password')

    const rows =
      await sql`select token, revoked, parent from auth.refresh_tokens where session_id = ${sessionId} order by id`
    expect(rows).toEqual([
      { token: first.refresh_token, revoked: true, parent: null },
      { token: second.refresh_token, revoked: false, parent: first.refresh_token },
    ])
  })

  it('within the reuse interval answers a replayed token with the active one (no new branch)', async () => {
    const { body: first } = await t.signUp()
    const second = await (await refresh(first.refresh_token)).json()
    const replay = await refresh(first.refresh_token)
    expect(replay.status).toBe(200)
    expect((await replay.json()).refresh_token).toBe(second.refresh_token)
    const sessionId = decodeJwt(first.access_token).payload.session_id
    const [{ n }] =
      await sql`select count(*)::int as n from auth.refresh_tokens where session_id = ${sessionId}`
    expect(n).toBe(2)
  })

  it('after the reuse interval treats a replay as theft: the session ends for every token in it', async () => {
    const { body: first } = await t.signUp()
    const second = await (await refresh(first.refresh_token)).json()
    await ageToken(first.refresh_token, 11)

    const replay = await refresh(first.refresh_token)
    expect(replay.status).toBe(400)
    expect(await replay.json()).toEqual({
      code: 'refresh_token_already_used',
      message: 'Invalid Refresh Token: Already Used',
    })

    const sessionId = decodeJwt(first.access_token).payload.session_id
    expect(await sql`select 1 from auth.sessions where id = ${sessionId}`).toHaveLength(0)
    const [audit] =
      await sql`select action from public.audit_log where target_id = ${first.user.id} order by id desc limit 1`
    expect(audit.action).toBe('auth.refresh_token_reused')

    // the thief's and the owner's newest token are both dead, and so is the access token
    const child = await refresh(second.refresh_token)
    expect(child.status).toBe(400)
    expect((await child.json()).code).toBe('refresh_token_not_found')
    const me = await t.call('GET', '/user', { token: second.access_token })
    expect(me.status).toBe(403)
    expect((await me.json()).code).toBe('session_not_found')
  })

  it('serialises concurrent refreshes of one token: both succeed with the same new token', async () => {
    const { body: first } = await t.signUp()
    const [a, b] = await Promise.all([refresh(first.refresh_token), refresh(first.refresh_token)])
    expect([a.status, b.status]).toEqual([200, 200])
    expect((await a.json()).refresh_token).toBe((await b.json()).refresh_token)
  })

  it('answers an unknown token with 400 refresh_token_not_found', async () => {
    const res = await refresh('no-such-token-000000000000')
    expect(res.status).toBe(400)
    expect((await res.json()).code).toBe('refresh_token_not_found')
  })

  it('limits refreshes per IP', async () => {
    const limited = await authTestApp({ AUTH_RATE_LIMIT_REFRESH_PER_IP: '1' })
    try {
      const headers = { 'x-forwarded-for': '192.0.2.44' }
      const { body } = await limited.signUp()
      const ok = await limited.call('POST', '/token?grant_type=refresh_token', {
        headers,
        body: { refresh_token: body.refresh_token },
      })
      expect(ok.status).toBe(200)
      const next = (await ok.json()).refresh_token
      const res = await limited.call('POST', '/token?grant_type=refresh_token', {
        headers,
        body: { refresh_token: next },
      })
      expect(res.status).toBe(429)
      expect(res.headers.get('retry-after')).toBeTruthy()
    } finally {
      await limited.close()
    }
  })
})

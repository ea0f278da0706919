import { afterAll, describe, expect, it } from 'vitest'
import { ISSUER, testDb, unique } from '../../test/support/fixtures.ts'
import { createVerifier } from '../lib/jwt.ts'
import { authTestApp, decodeJwt } from './testing.ts'

const sql = testDb(1)
const t = await authTestApp()
afterAll(async () => {
  await t.close()
  await sql.end()
})

const signIn = (email: string, password: string, headers?: Record<string, string>) =>
  t.call('POST', '/token?grant_type=password', { body: { email, password }, headers })

describe('POST /token?grant_type=password', () => {
  it('signs in and returns a session whose access token has exactly the Supabase claims', async () => {
    const { email, password, body: signup } = await t.signUp()
    const res = await signIn(email.toUpperCase(), password)
    expect(res.status).toBe(200)
    const session = await res.json()
    expect(session).toMatchObject({
      token_type: 'bearer',
      expires_in: 3600,
      user: { id: signup.user.id, email },
    })
    const now = Math.floor(Date.now() / 1000)
    expect(Math.abs(session.expires_at - (now + 3600))).toBeLessThanOrEqual(5)

    const { header, payload } = decodeJwt(session.access_token)
    expect(header).toEqual({ alg: 'ES256', kid: t.keys.key.kid, typ: 'JWT' })
    expect(Object.keys(payload).sort()).toEqual(
      [
        'iss',
        'aud',
        'role',
        'sub',
        'email',
        'phone',
        'app_metadata',
        'user_metadata',
        'session_id',
        'aal',
        'amr',
        'is_anonymous',
        'iat',
        'exp',
      ].sort(),
    )
    expect(payload).toMatchObject({
      iss: ISSUER,
      aud: 'authenticated',
      role: 'authenticated',
      sub: signup.user.id,
      email,
      phone: '',
      app_metadata: { provider: 'email', providers: ['email'] },
      aal: 'aal1',
      is_anonymous: false,
      exp: session.expires_at,
    })
    expect(payload.exp - payload.iat).toBe(3600)
    expect(payload.amr).toEqual([{ method: 'password', timestamp: expect.any(Number) }])

    // the shared verifier (the API's and realtime's) accepts it, and its session row exists
    const verifier = createVerifier({ issuer: ISSUER, jwks: t.keys.jwks })
    const claims = await verifier.verifyAccessToken(session.access_token)
    const [row] = await sql`select user_id, aal from auth.sessions where id = ${claims.session_id}`
    expect(row).toEqual({ user_id: signup.user.id, aal: 'aal1' })
  })

  it('puts app_metadata.platform_role in the token of a superadmin', async () => {
    const res = await signIn('superadmin@kipindi.test', 'kipindi-demo-1')
    expect(res.status).toBe(200)
    const { payload } = decodeJwt((await res.json()).access_token)
    expect(payload.app_metadata.platform_role).toBe('superadmin')
  })

  it('accepts the bcrypt hashes pgcrypto made for the seeded demo users and records the sign-in', async () => {
    const before = new Date(Date.now() - 1000)
    const res = await signIn('student2@demo.kipindi.test', 'kipindi-demo-1')
    expect(res.status).toBe(200)
    const [row] = await sql`select last_sign_in_at from auth.users where email = 'student2@demo.kipindi.test'`
    expect(row.last_sign_in_at.getTime()).toBeGreaterThan(before.getTime())
  })

  it('answers a wrong password and an unknown address identically: 400 invalid_credentials', async () => {
    const { email } = await t.signUp()
    const wrong = await signIn(email, 'not-the-password-1')
    const unknown = await signIn(`${unique('ghost')}@test.kipindi.test`, 'not-the-password-1')
    expect(wrong.status).toBe(400)
    expect(unknown.status).toBe(400)
    const expected = { code: 'invalid_credentials', message: 'Invalid login credentials' }
    expect(await wrong.json()).toEqual(expected)
    expect(await unknown.json()).toEqual(expected)
  })

  it('refuses a banned user after checking the password', async () => {
    const { email, password, body } = await t.signUp()
    await sql`update auth.users set banned_until = now() + interval '1 hour' where id = ${body.user.id}`
    const res = await signIn(email, password)
    expect(res.status).toBe(400)
    expect((await res.json()).code).toBe('user_banned')
  })

  it('rejects an unknown grant type with 400', async () => {
    const res = await t.call('POST', '/token?grant_type=magic', { body: {} })
    expect(res.status).toBe(400)
    expect((await res.json()).code).toBe('validation_failed')
  })

  it('limits password attempts per address with 429 and Retry-After, from any IP', async () => {
    const limited = await authTestApp({ AUTH_RATE_LIMIT_PER_EMAIL: '3' })
    try {
      const { email, password } = await limited.signUp()
      for (let i = 0; i < 3; i++) {
        const res = await limited.call('POST', '/token?grant_type=password', {
          headers: { 'x-forwarded-for': `198.51.100.${i}` },
          body: { email, password: 'guess-number-1' },
        })
        expect(res.status).toBe(400)
      }
      const res = await limited.call('POST', '/token?grant_type=password', {
        headers: { 'x-forwarded-for': '198.51.100.99' },
        body: { email, password },
      })
      expect(res.status).toBe(429)
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0)
      expect(Number(res.headers.get('retry-after'))).toBeLessThanOrEqual(300)
    } finally {
      await limited.close()
    }
  })
})

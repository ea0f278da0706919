import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ISSUER, testDb, unique } from '../../test/support/fixtures.ts'
import { createVerifier } from '../lib/jwt.ts'
import { AuthEnv } from './env.ts'
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
})

describe('sign-in limits: a school behind one NAT address signs in, password guessing is stopped', () => {
  // The limits as deployed (authTestApp raises them all for the other tests).
  const deployed = {
    AUTH_RATE_LIMIT_SIGNIN_PER_IP: String(AuthEnv.shape.AUTH_RATE_LIMIT_SIGNIN_PER_IP.parse(undefined)),
    AUTH_RATE_LIMIT_PER_EMAIL: String(AuthEnv.shape.AUTH_RATE_LIMIT_PER_EMAIL.parse(undefined)),
    AUTH_RATE_LIMIT_FAILURES_PER_IP_EMAIL: String(
      AuthEnv.shape.AUTH_RATE_LIMIT_FAILURES_PER_IP_EMAIL.parse(undefined),
    ),
    AUTH_RATE_LIMIT_WINDOW_SECONDS: String(AuthEnv.shape.AUTH_RATE_LIMIT_WINDOW_SECONDS.parse(undefined)),
  }
  const SCHOOL_IP = '41.90.64.10' // one public address for the whole school
  const PASSWORD = 'chalk-and-talk-60'
  let app: Awaited<ReturnType<typeof authTestApp>>
  beforeAll(async () => {
    app = await authTestApp(deployed)
  })
  afterAll(() => app.close())

  /** Confirmed accounts with PASSWORD (pgcrypto bcrypt at cost 4, to keep the test quick). */
  async function students(n: number): Promise<string[]> {
    const emails = Array.from({ length: n }, () => `${unique('pupil')}@test.kipindi.test`)
    await sql`
      insert into auth.users (instance_id, id, aud, role, email, encrypted_password, email_confirmed_at,
                              raw_app_meta_data, raw_user_meta_data, created_at, updated_at)
      select '00000000-0000-0000-0000-000000000000', gen_random_uuid(), 'authenticated', 'authenticated', e,
             extensions.crypt(${PASSWORD}, extensions.gen_salt('bf', 4)), now(),
             '{"provider":"email","providers":["email"]}', '{}', now(), now()
      from unnest(${emails}::text[]) as e`
    return emails
  }
  const attempt = (ip: string, email: string, password: string) =>
    app.call('POST', '/token?grant_type=password', {
      headers: { 'x-forwarded-for': ip },
      body: { email, password },
    })

  it('has the documented defaults: 1000 per IP, 10 failures per account, 5 per (IP, account), 5 minutes', () => {
    expect(deployed).toEqual({
      AUTH_RATE_LIMIT_SIGNIN_PER_IP: '1000',
      AUTH_RATE_LIMIT_PER_EMAIL: '10',
      AUTH_RATE_LIMIT_FAILURES_PER_IP_EMAIL: '5',
      AUTH_RATE_LIMIT_WINDOW_SECONDS: '300',
    })
  })

  it('lets a class of 60 sign in from one address at the start of a lesson, typos included', async () => {
    const pupils = await students(60)
    // a few mistype first
    for (const email of pupils.slice(0, 8))
      expect((await attempt(SCHOOL_IP, email, 'chalk-and-tlak-60')).status).toBe(400)
    const results = await Promise.all(pupils.map((email) => attempt(SCHOOL_IP, email, PASSWORD)))
    expect(results.map((r) => r.status)).toEqual(pupils.map(() => 200))
    // a correct password never counts against the account: signing in again and again is fine
    for (let i = 0; i < 12; i++) expect((await attempt(SCHOOL_IP, pupils[0], PASSWORD)).status).toBe(200)
  })

  it('stops the 11th wrong password against one account even from different addresses; others sign in meanwhile', async () => {
    const [teacher, pupil] = await students(2)
    for (let i = 0; i < 10; i++) {
      expect((await attempt(`198.51.100.${i + 1}`, teacher, `guess-number-${i}`)).status).toBe(400)
    }
    const eleventh = await attempt('198.51.100.77', teacher, 'guess-number-77')
    expect(eleventh.status).toBe(429)
    expect(await eleventh.json()).toEqual({
      code: 'over_request_rate_limit',
      message: 'Request rate limit reached. Try again later.',
    })
    const retryAfter = Number(eleventh.headers.get('retry-after'))
    expect(retryAfter).toBeGreaterThan(0)
    expect(retryAfter).toBeLessThanOrEqual(300)
    // locked for the window: the right password does not get through either (no oracle for guesses)
    expect((await attempt('198.51.100.78', teacher, PASSWORD)).status).toBe(429)
    // a student on the guesser's own address signs in
    expect((await attempt('198.51.100.1', pupil, PASSWORD)).status).toBe(200)
    expect((await attempt(SCHOOL_IP, pupil, PASSWORD)).status).toBe(200)
  })

  it('stops one address after 5 wrong passwords for an account, without locking the owner out elsewhere', async () => {
    const [account, classmate] = await students(2)
    for (let i = 0; i < 5; i++)
      expect((await attempt(SCHOOL_IP, account, `wrong-${i}-pass`)).status).toBe(400)
    expect((await attempt(SCHOOL_IP, account, 'wrong-5-pass')).status).toBe(429)
    expect((await attempt(SCHOOL_IP, account, PASSWORD)).status).toBe(429)
    expect((await attempt('203.0.113.50', account, PASSWORD)).status).toBe(200)
    expect((await attempt(SCHOOL_IP, classmate, PASSWORD)).status).toBe(200)
  })

  it('counts every attempt against a configurable per-IP ceiling', async () => {
    const low = await authTestApp({ ...deployed, AUTH_RATE_LIMIT_SIGNIN_PER_IP: '3' })
    try {
      const [a, b] = await students(2)
      const at = (ip: string, email: string) =>
        low.call('POST', '/token?grant_type=password', {
          headers: { 'x-forwarded-for': ip },
          body: { email, password: PASSWORD },
        })
      for (let i = 0; i < 3; i++) expect((await at('192.0.2.9', i % 2 ? a : b)).status).toBe(200)
      const over = await at('192.0.2.9', a)
      expect(over.status).toBe(429)
      expect(over.headers.get('retry-after')).toBeTruthy()
      expect((await at('192.0.2.10', a)).status).toBe(200)
    } finally {
      await low.close()
    }
  })
})

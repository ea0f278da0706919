import { afterAll, describe, expect, it } from 'vitest'
import { testDb, unique } from '../../test/support/fixtures.ts'
import { authTestApp, fragmentOf } from './testing.ts'

const sql = testDb(1)
const t = await authTestApp()
const confirming = await authTestApp({ AUTH_CONFIRM_EMAIL: 'true' })
afterAll(async () => {
  await Promise.all([t.close(), confirming.close()])
  await sql.end()
})

const newEmail = () => `${unique('signup')}@test.kipindi.test`

describe('POST /signup', () => {
  it('creates a confirmed user with an email identity and returns a session (autoconfirm)', async () => {
    const email = newEmail()
    const res = await t.call('POST', '/signup', {
      body: { email, password: 'lesson-plan-42', data: { display_name: 'Asha' } },
    })
    expect(res.status).toBe(200)
    const body = await res.json()
    expect(body).toMatchObject({ token_type: 'bearer', expires_in: 3600 })
    expect(body.access_token).toBeTruthy()
    expect(body.refresh_token).toBeTruthy()
    expect(body.user).toMatchObject({
      email,
      aud: 'authenticated',
      role: 'authenticated',
      user_metadata: { display_name: 'Asha' },
    })
    expect(body.user.email_confirmed_at).toBeTruthy()
    expect(body.user.identities).toHaveLength(1)
    expect(body.user.identities[0]).toMatchObject({
      provider: 'email',
      user_id: body.user.id,
      identity_data: { email },
    })

    const [row] =
      await sql`select encrypted_password, last_sign_in_at from auth.users where id = ${body.user.id}`
    expect(row.encrypted_password).toMatch(/^\$2[ab]\$10\$/)
    expect(row.last_sign_in_at).not.toBeNull()
    const [profile] = await sql`select display_name from public.profiles where id = ${body.user.id}`
    expect(profile.display_name).toBe('Asha')
  })

  it('ignores fields GoTrue does not know (what supabase-js sends along)', async () => {
    const email = newEmail()
    const res = await t.call('POST', '/signup', {
      body: {
        email,
        password: 'lesson-plan-42',
        gotrue_meta_security: {},
        code_challenge: null,
        app_metadata: { platform_role: 'superadmin' },
      },
    })
    expect(res.status).toBe(200)
    const [row] = await sql`select raw_app_meta_data from auth.users where lower(email) = ${email}`
    expect(row.raw_app_meta_data).toEqual({ provider: 'email', providers: ['email'] })
  })

  it("refuses a weak password with 422 weak_password and GoTrue's reasons, creating nothing", async () => {
    const email = newEmail()
    const res = await t.call('POST', '/signup', { body: { email, password: 'short' } })
    expect(res.status).toBe(422)
    const body = await res.json()
    expect(body.code).toBe('weak_password')
    expect(body.weak_password.reasons.sort()).toEqual(['characters', 'length'])
    expect(body.message).toMatch(/at least 8 characters/)
    expect((await sql`select 1 from auth.users where lower(email) = ${email}`).length).toBe(0)
  })

  it('does not reveal a registered address: a decoy user, no session, nothing changed', async () => {
    const first = await t.signUp()
    const res = await t.call('POST', '/signup', { body: { email: first.email, password: 'other-pass-99' } })
    expect(res.status).toBe(200)
    const body = await res.json()
    expect(body.access_token).toBeUndefined()
    expect(body.email).toBe(first.email)
    expect(body.identities).toEqual([])
    expect(body.id).not.toBe(first.body.user.id)
    const rows = await sql`select id from auth.users where lower(email) = ${first.email}`
    expect(rows.map((r) => r.id)).toEqual([first.body.user.id])
    // the original password still works
    const signIn = await t.call('POST', '/token?grant_type=password', {
      body: { email: first.email, password: first.password },
    })
    expect(signIn.status).toBe(200)
  })

  it('answers a registered address the same way, in shape, when confirmations are on', async () => {
    const email = newEmail()
    const fresh = await (
      await confirming.call('POST', '/signup', { body: { email, password: 'lesson-plan-42' } })
    ).json()
    const again = await (
      await confirming.call('POST', '/signup', { body: { email, password: 'lesson-plan-42' } })
    ).json()
    expect(Object.keys(again).sort()).toEqual(
      Object.keys(fresh)
        .filter((k) => fresh[k] !== undefined)
        .sort(),
    )
    expect(fresh.identities).toHaveLength(1)
    expect(again.identities).toEqual([])
  })

  it('with AUTH_CONFIRM_EMAIL=true sends a confirmation link; the link confirms and signs in', async () => {
    const email = newEmail()
    const res = await confirming.call('POST', '/signup?redirect_to=http://127.0.0.1:54321/welcome', {
      body: { email, password: 'lesson-plan-42' },
    })
    expect(res.status).toBe(200)
    const user = await res.json()
    expect(user.access_token).toBeUndefined()
    expect(user.email_confirmed_at).toBeUndefined()
    expect(user.confirmation_sent_at).toBeTruthy()

    const early = await confirming.call('POST', '/token?grant_type=password', {
      body: { email, password: 'lesson-plan-42' },
    })
    expect(early.status).toBe(400)
    expect((await early.json()).code).toBe('email_not_confirmed')

    const [mail] = (await (await confirming.call('GET', `/mailbox?to=${email}`)).json()).emails
    expect(mail.kind).toBe('signup')
    const link = new URL(mail.action_url)
    expect(`${link.origin}${link.pathname}`).toBe('http://127.0.0.1:54321/auth/v1/verify')
    expect(link.searchParams.get('type')).toBe('signup')
    expect(link.searchParams.get('redirect_to')).toBe('http://127.0.0.1:54321/welcome')
    expect(mail.body_text).toContain(mail.action_url)

    const verified = await confirming.app.request(`${link.pathname}${link.search}`)
    expect(verified.status).toBe(303)
    const location = verified.headers.get('location') ?? ''
    expect(location.startsWith('http://127.0.0.1:54321/welcome#')).toBe(true)
    const fragment = fragmentOf(location)
    expect(fragment).toMatchObject({ token_type: 'bearer', expires_in: '3600', type: 'signup' })
    expect(fragment.access_token && fragment.refresh_token && fragment.expires_at).toBeTruthy()

    const [row] = await sql`select email_confirmed_at from auth.users where lower(email) = ${email}`
    expect(row.email_confirmed_at).not.toBeNull()
    const later = await confirming.call('POST', '/token?grant_type=password', {
      body: { email, password: 'lesson-plan-42' },
    })
    expect(later.status).toBe(200)
  })

  it('limits sign-ups per IP and per address with 429 and Retry-After', async () => {
    const limited = await authTestApp({
      AUTH_RATE_LIMIT_SIGNUP_PER_IP: '2',
      AUTH_RATE_LIMIT_PER_EMAIL: '1000',
    })
    try {
      const ip = { 'x-forwarded-for': '203.0.113.7' }
      for (let i = 0; i < 2; i++) {
        const ok = await limited.call('POST', '/signup', {
          headers: ip,
          body: { email: newEmail(), password: 'lesson-plan-42' },
        })
        expect(ok.status).toBe(200)
      }
      const email = newEmail()
      const res = await limited.call('POST', '/signup', {
        headers: ip,
        body: { email, password: 'lesson-plan-42' },
      })
      expect(res.status).toBe(429)
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0)
      expect((await res.json()).code).toBe('over_request_rate_limit')
      expect((await sql`select 1 from auth.users where lower(email) = ${email}`).length).toBe(0)
      // another address from another IP is still served
      const other = await limited.call('POST', '/signup', {
        headers: { 'x-forwarded-for': '203.0.113.8' },
        body: { email: newEmail(), password: 'lesson-plan-42' },
      })
      expect(other.status).toBe(200)
    } finally {
      await limited.close()
    }
  })
})

import { afterAll, describe, expect, it } from 'vitest'
import { testDb, unique } from '../../test/support/fixtures.ts'
import { AuthEnv } from './env.ts'
import { authTestApp, fragmentOf } from './testing.ts'

const sql = testDb(1)
const t = await authTestApp()
afterAll(async () => {
  await t.close()
  await sql.end()
})

const mailTo = async (email: string) => (await (await t.call('GET', `/mailbox?to=${email}`)).json()).emails
const open = (actionUrl: string) => {
  const u = new URL(actionUrl)
  return t.app.request(`${u.pathname}${u.search}`)
}

describe('POST /recover and the recovery link', () => {
  it('answers 200 {} for an unknown address and sends nothing', async () => {
    const email = `${unique('ghost')}@test.kipindi.test`
    const res = await t.call('POST', '/recover', { body: { email } })
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({})
    expect(await mailTo(email)).toEqual([])
  })

  it('answers 200 {} for a registered address and emails a link to <SITE_URL>/reset-password', async () => {
    const { email, body } = await t.signUp()
    const res = await t.call('POST', '/recover', { body: { email: email.toUpperCase() } })
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({})

    const [mail] = await mailTo(email)
    expect(mail).toMatchObject({ kind: 'recovery', to_email: email })
    const link = new URL(mail.action_url)
    expect(`${link.origin}${link.pathname}`).toBe('http://127.0.0.1:54321/auth/v1/verify')
    expect(link.searchParams.get('type')).toBe('recovery')
    expect(link.searchParams.get('redirect_to')).toBe('http://127.0.0.1:54321/reset-password')
    // only a hash of the token is stored
    const [ott] =
      await sql`select token_hash from auth.one_time_tokens where user_id = ${body.user.id} and token_type = 'recovery_token'`
    expect(ott.token_hash).not.toBe(link.searchParams.get('token'))
    expect(ott.token_hash).toMatch(/^[0-9a-f]{64}$/)
  })

  it('the link signs the user in (type=recovery in the fragment) and works only once', async () => {
    const { email } = await t.signUp()
    await t.call('POST', '/recover', { body: { email } })
    const [mail] = await mailTo(email)

    const first = await open(mail.action_url)
    expect(first.status).toBe(303)
    const location = first.headers.get('location') ?? ''
    expect(location.startsWith('http://127.0.0.1:54321/reset-password#')).toBe(true)
    const session = fragmentOf(location)
    expect(session).toMatchObject({ type: 'recovery', token_type: 'bearer', expires_in: '3600' })
    const me = await t.call('GET', '/user', { token: session.access_token })
    expect((await me.json()).email).toBe(email)
    const changed = await t.call('PUT', '/user', {
      token: session.access_token,
      body: { password: 'fresh-start-2024' },
    })
    expect(changed.status).toBe(200)
    const signIn = await t.call('POST', '/token?grant_type=password', {
      body: { email, password: 'fresh-start-2024' },
    })
    expect(signIn.status).toBe(200)

    const again = await open(mail.action_url)
    expect(again.status).toBe(303)
    expect(fragmentOf(again.headers.get('location'))).toEqual({
      error: 'access_denied',
      error_code: 'otp_expired',
      error_description: 'Email link is invalid or has expired',
    })
  })

  it('refuses an expired link', async () => {
    const { email, body } = await t.signUp()
    await t.call('POST', '/recover', { body: { email } })
    const [mail] = await mailTo(email)
    await sql`update auth.one_time_tokens set created_at = created_at - interval '2 hours' where user_id = ${body.user.id}`
    const res = await open(mail.action_url)
    expect(fragmentOf(res.headers.get('location')).error_code).toBe('otp_expired')
  })

  it('never redirects to a site off the allow-list (falls back to the site)', async () => {
    const { email } = await t.signUp()
    await t.call('POST', '/recover?redirect_to=https://evil.example/steal', { body: { email } })
    const [mail] = await mailTo(email)
    expect(new URL(mail.action_url).searchParams.get('redirect_to')).toBe(
      'http://127.0.0.1:54321/reset-password',
    )

    const u = new URL(mail.action_url)
    u.searchParams.set('redirect_to', 'https://evil.example/steal')
    const res = await t.app.request(`${u.pathname}${u.search}`)
    expect(res.headers.get('location')?.startsWith('http://127.0.0.1:54321/#')).toBe(true)
  })

  it('POST /verify accepts the emailed code with the address, once', async () => {
    const { email } = await t.signUp()
    await t.call('POST', '/recover', { body: { email } })
    const [mail] = await mailTo(email)
    const code = /code: (\d{6})/.exec(mail.body_text)?.[1]
    expect(code).toBeTruthy()

    const wrong = await t.call('POST', '/verify', {
      body: { type: 'recovery', email, token: code === '000000' ? '111111' : '000000' },
    })
    expect(wrong.status).toBe(403)
    expect((await wrong.json()).code).toBe('otp_expired')
    const ok = await t.call('POST', '/verify', { body: { type: 'recovery', email, token: code } })
    expect(ok.status).toBe(200)
    const session = await ok.json()
    expect(session.user.email).toBe(email)
    expect(session.access_token).toBeTruthy()
    const twice = await t.call('POST', '/verify', { body: { type: 'recovery', email, token: code } })
    expect(twice.status).toBe(403)
  })

  it('limits recovery requests per address, also for unknown addresses (429 either way)', async () => {
    const limited = await authTestApp({ AUTH_RATE_LIMIT_PER_EMAIL: '2' })
    try {
      const email = `${unique('flood')}@test.kipindi.test`
      for (let i = 0; i < 2; i++)
        expect((await limited.call('POST', '/recover', { body: { email } })).status).toBe(200)
      const res = await limited.call('POST', '/recover', { body: { email } })
      expect(res.status).toBe(429)
      expect((await res.json()).code).toBe('over_email_send_rate_limit')
      expect(res.headers.get('retry-after')).toBeTruthy()
    } finally {
      await limited.close()
    }
  })

  it('serves a whole class asking for resets from one school address; one address stays limited', async () => {
    const deployed = await authTestApp({
      AUTH_RATE_LIMIT_SIGNUP_PER_IP: String(AuthEnv.shape.AUTH_RATE_LIMIT_SIGNUP_PER_IP.parse(undefined)),
      AUTH_RATE_LIMIT_PER_EMAIL: String(AuthEnv.shape.AUTH_RATE_LIMIT_PER_EMAIL.parse(undefined)),
    })
    try {
      const school = { 'x-forwarded-for': '41.90.64.11' }
      for (let i = 0; i < 60; i++) {
        const email = `${unique('class')}@test.kipindi.test`
        const res = await deployed.call('POST', '/recover', { headers: school, body: { email } })
        expect(res.status).toBe(200)
      }
      const email = `${unique('forgetful')}@test.kipindi.test`
      for (let i = 0; i < 10; i++)
        expect((await deployed.call('POST', '/recover', { headers: school, body: { email } })).status).toBe(
          200,
        )
      const res = await deployed.call('POST', '/recover', { headers: school, body: { email } })
      expect(res.status).toBe(429)
      expect((await res.json()).code).toBe('over_email_send_rate_limit')
    } finally {
      await deployed.close()
    }
  })
})

import { afterAll, describe, expect, it } from 'vitest'
import { testDb, unique } from '../../test/support/fixtures.ts'
import { withUser } from '../lib/db.ts'
import { TokenError } from '../lib/jwt.ts'
import { authTestApp, decodeJwt, fragmentOf } from './testing.ts'

const sql = testDb(2)
const t = await authTestApp()
afterAll(async () => {
  await t.close()
  await sql.end()
})

const signIn = async (email: string, password: string) =>
  (await t.call('POST', '/token?grant_type=password', { body: { email, password } })).json()

describe('GET/PUT /user', () => {
  it('returns the signed-in user; refuses a missing or forged token', async () => {
    const { body } = await t.signUp()
    const me = await t.call('GET', '/user', { token: body.access_token })
    expect(me.status).toBe(200)
    expect((await me.json()).id).toBe(body.user.id)

    const none = await t.call('GET', '/user')
    expect(none.status).toBe(401)
    expect((await none.json()).code).toBe('no_authorization')
    const forged = await t.call('GET', '/user', { token: `${body.access_token.slice(0, -6)}AAAAAA` })
    expect(forged.status).toBe(403)
    expect((await forged.json()).code).toBe('bad_jwt')
    const apiKeyAsUser = await t.call('GET', '/user', { token: t.keys.anonKey })
    expect(apiKeyAsUser.status).toBe(403)
  })

  it('merges data into user_metadata and ignores app_metadata (a user can never set it)', async () => {
    const { body } = await t.signUp()
    await sql`update auth.users set raw_user_meta_data = '{"display_name":"Old","keep":1}' where id = ${body.user.id}`
    const res = await t.call('PUT', '/user', {
      token: body.access_token,
      body: {
        data: { display_name: 'New', keep: null, grade: 7 },
        app_metadata: { platform_role: 'superadmin' },
      },
    })
    expect(res.status).toBe(200)
    const user = await res.json()
    expect(user.user_metadata).toEqual({ display_name: 'New', grade: 7 })
    expect(user.app_metadata).toEqual({ provider: 'email', providers: ['email'] })
    const [row] = await sql`select raw_app_meta_data from auth.users where id = ${body.user.id}`
    expect(row.raw_app_meta_data.platform_role).toBeUndefined()
    // The profile co-members see follows the new display name.
    const [profile] = await sql`select display_name from public.profiles where id = ${body.user.id}`
    expect(profile.display_name).toBe('New')
  })

  it('changes the password under the policy, ends the other sessions and keeps this one', async () => {
    const { email, password, body } = await t.signUp()
    const other = await signIn(email, password)

    const weak = await t.call('PUT', '/user', { token: body.access_token, body: { password: 'abc' } })
    expect(weak.status).toBe(422)
    expect((await weak.json()).code).toBe('weak_password')
    const same = await t.call('PUT', '/user', { token: body.access_token, body: { password } })
    expect(same.status).toBe(422)
    expect((await same.json()).code).toBe('same_password')

    const ok = await t.call('PUT', '/user', {
      token: body.access_token,
      body: { password: 'brand-new-pass-7' },
    })
    expect(ok.status).toBe(200)
    expect((await t.call('GET', '/user', { token: body.access_token })).status).toBe(200)
    expect((await t.call('GET', '/user', { token: other.access_token })).status).toBe(403)
    expect((await t.call('POST', '/token?grant_type=password', { body: { email, password } })).status).toBe(
      400,
    )
    expect((await signIn(email, 'brand-new-pass-7')).access_token).toBeTruthy()
  })

  it('refuses an email change to an address another account has', async () => {
    const { body } = await t.signUp()
    const taken = await t.signUp()
    const clash = await t.call('PUT', '/user', {
      token: body.access_token,
      body: { email: taken.email.toUpperCase() },
    })
    expect(clash.status).toBe(422)
    expect((await clash.json()).code).toBe('email_exists')
    const mails =
      await sql`select 1 from private.outbox_emails where kind = 'email_change' and lower(to_email) = ${taken.email}`
    expect(mails).toHaveLength(0)
  })
})

describe('secure email change (PUT /user {email}, GET/POST /verify type=email_change)', () => {
  /** The newest email_change email to `to` in the outbox, and its link as a request path. */
  const changeMail = async (to: string) => {
    const [mail] = await sql`select * from private.outbox_emails where kind = 'email_change'
                             and lower(to_email) = lower(${to}) order by created_at desc limit 1`
    const link = new URL(mail.action_url)
    return { mail, path: `${link.pathname}${link.search}`, token: link.searchParams.get('token') ?? '' }
  }
  const row = async (id: string) =>
    (
      await sql`select email, email_change, email_change_confirm_status as status, email_confirmed_at
                from auth.users where id = ${id}`
    )[0]

  for (const confirm of ['false', 'true']) {
    it(`with AUTH_CONFIRM_EMAIL=${confirm}, changes nothing until the links sent to both addresses are opened`, async () => {
      const app = confirm === 'true' ? await authTestApp({ AUTH_CONFIRM_EMAIL: 'true' }) : t
      try {
        const { body } = await t.signUp()
        const old = body.user.email
        const next = `${unique('moved')}@test.kipindi.test`
        const res = await app.call(
          'PUT',
          `/user?redirect_to=${encodeURIComponent('http://127.0.0.1:54321/account')}`,
          {
            token: body.access_token,
            body: { email: next },
          },
        )
        expect(res.status).toBe(200)
        const user = await res.json()
        expect(user.email).toBe(old)
        expect(user.new_email).toBe(next)
        expect(user.email_change_sent_at).toBeTruthy()
        expect(await row(body.user.id)).toMatchObject({ email: old, email_change: next, status: 0 })

        const toNew = await changeMail(next)
        const toOld = await changeMail(old)
        expect(toNew.mail.body_text).toContain(old)
        expect(toOld.mail.body_text).toContain(next)
        expect(toNew.token).not.toBe(toOld.token)

        // the new inbox first: accepted, no session, nothing switched yet
        const first = await app.app.request(toNew.path)
        expect(first.status).toBe(303)
        const firstAt = fragmentOf(first.headers.get('location'))
        expect(firstAt.message).toBe(
          'Confirmation link accepted. Please proceed to confirm link sent to the other email',
        )
        expect(firstAt.access_token).toBeUndefined()
        expect(await row(body.user.id)).toMatchObject({ email: old, email_change: next, status: 1 })
        const again = fragmentOf((await app.app.request(toNew.path)).headers.get('location'))
        expect(again.error_code).toBe('otp_expired')

        // then the old inbox: the address switches, stays confirmed, and the link signs in
        const second = await app.app.request(toOld.path)
        const session = fragmentOf(second.headers.get('location'))
        expect(second.headers.get('location')?.startsWith('http://127.0.0.1:54321/account#')).toBe(true)
        expect(session.type).toBe('email_change')
        expect(decodeJwt(session.access_token).payload.email).toBe(next)
        const after = await row(body.user.id)
        expect(after).toMatchObject({ email: next, email_change: '', status: 0 })
        expect(after.email_confirmed_at).not.toBeNull()
        const [profile] = await sql`select email from public.profiles where id = ${body.user.id}`
        expect(profile.email).toBe(next)
        // tokens issued from now on carry the new address; the old one no longer signs in
        const signIn = await app.call('POST', '/token?grant_type=password', {
          body: { email: next, password: 'lesson-plan-42' },
        })
        expect(decodeJwt((await signIn.json()).access_token).payload.email).toBe(next)
        const oldSignIn = await app.call('POST', '/token?grant_type=password', {
          body: { email: old, password: 'lesson-plan-42' },
        })
        expect(oldSignIn.status).toBe(400)
      } finally {
        if (app !== t) await app.close()
      }
    })
  }

  it("POST /verify (verifyOtp with token_hash) answers GoTrue's message for the first link, a session for the second", async () => {
    const { body } = await t.signUp()
    const next = `${unique('otp')}@test.kipindi.test`
    await t.call('PUT', '/user', { token: body.access_token, body: { email: next } })
    const toOld = await changeMail(body.user.email)
    const toNew = await changeMail(next)
    const first = await t.call('POST', '/verify', { body: { type: 'email_change', token_hash: toOld.token } })
    expect(first.status).toBe(200)
    expect(await first.json()).toEqual({
      msg: 'Confirmation link accepted. Please proceed to confirm link sent to the other email',
      code: '200',
    })
    expect((await row(body.user.id)).email).toBe(body.user.email)
    const second = await t.call('POST', '/verify', {
      body: { type: 'email_change', token_hash: toNew.token },
    })
    expect(second.status).toBe(200)
    expect((await second.json()).user.email).toBe(next)
  })

  it('refuses the change when another account took the address meanwhile; waits a minute between requests', async () => {
    const { body } = await t.signUp()
    const next = `${unique('race')}@test.kipindi.test`
    await t.call('PUT', '/user', { token: body.access_token, body: { email: next } })
    const soon = await t.call('PUT', '/user', { token: body.access_token, body: { email: next } })
    expect(soon.status).toBe(429)
    expect((await soon.json()).code).toBe('over_email_send_rate_limit')
    expect(Number(soon.headers.get('retry-after'))).toBeGreaterThan(0)

    const toNew = await changeMail(next)
    const toOld = await changeMail(body.user.email)
    expect((await t.app.request(toNew.path)).status).toBe(303)
    await t.signUp(undefined, next) // someone signs up with the address first
    const late = fragmentOf((await t.app.request(toOld.path)).headers.get('location'))
    expect(late.error_code).toBe('email_exists')
    expect((await row(body.user.id)).email).toBe(body.user.email)
  })

  it('does not accept a link after AUTH_OTP_EXP', async () => {
    const { body } = await t.signUp()
    const next = `${unique('late')}@test.kipindi.test`
    await t.call('PUT', '/user', { token: body.access_token, body: { email: next } })
    await sql`update auth.users set email_change_sent_at = now() - interval '2 hours' where id = ${body.user.id}`
    const toNew = await changeMail(next)
    const res = fragmentOf((await t.app.request(toNew.path)).headers.get('location'))
    expect(res.error_code).toBe('otp_expired')
    expect(await row(body.user.id)).toMatchObject({ email: body.user.email, status: 0 })
  })
})

describe('POST /logout', () => {
  it('ends the session so that the API (withUser) refuses the still-unexpired access token', async () => {
    const { body } = await t.signUp()
    const claims = decodeJwt(body.access_token).payload
    await expect(
      withUser(sql, claims, async (tx) => (await tx`select auth.uid() as id`)[0].id),
    ).resolves.toBe(body.user.id)

    const res = await t.call('POST', '/logout', { token: body.access_token })
    expect(res.status).toBe(204)
    await expect(withUser(sql, claims, async (tx) => tx`select 1`)).rejects.toBeInstanceOf(TokenError)
    expect(
      (
        await t.call('POST', '/token?grant_type=refresh_token', {
          body: { refresh_token: body.refresh_token },
        })
      ).status,
    ).toBe(400)
  })

  it('scope=others keeps this session and ends the rest; scope=local ends only this one', async () => {
    const { email, password, body: a } = await t.signUp()
    const b = await signIn(email, password)
    const c = await signIn(email, password)

    expect((await t.call('POST', '/logout?scope=others', { token: a.access_token })).status).toBe(204)
    expect((await t.call('GET', '/user', { token: a.access_token })).status).toBe(200)
    expect((await t.call('GET', '/user', { token: b.access_token })).status).toBe(403)
    expect((await t.call('GET', '/user', { token: c.access_token })).status).toBe(403)

    const d = await signIn(email, password)
    expect((await t.call('POST', '/logout?scope=local', { token: a.access_token })).status).toBe(204)
    expect((await t.call('GET', '/user', { token: a.access_token })).status).toBe(403)
    expect((await t.call('GET', '/user', { token: d.access_token })).status).toBe(200)
  })

  it('scope=global (the default) ends every session of the user', async () => {
    const { email, password, body: a } = await t.signUp()
    const b = await signIn(email, password)
    expect((await t.call('POST', '/logout', { token: a.access_token })).status).toBe(204)
    const [{ n }] = await sql`select count(*)::int as n from auth.sessions where user_id = ${a.user.id}`
    expect(n).toBe(0)
    expect((await t.call('GET', '/user', { token: b.access_token })).status).toBe(403)
  })
})

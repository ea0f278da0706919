import { afterAll, describe, expect, it } from 'vitest'
import { testDb, unique } from '../../test/support/fixtures.ts'
import { withUser } from '../lib/db.ts'
import { TokenError } from '../lib/jwt.ts'
import { authTestApp, decodeJwt } from './testing.ts'

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

  it('changes the email at once when confirmations are off; refuses an address in use', async () => {
    const { body } = await t.signUp()
    const taken = await t.signUp()
    const clash = await t.call('PUT', '/user', { token: body.access_token, body: { email: taken.email } })
    expect(clash.status).toBe(422)
    expect((await clash.json()).code).toBe('email_exists')

    const next = `${unique('moved')}@test.kipindi.test`
    const res = await t.call('PUT', '/user', { token: body.access_token, body: { email: next } })
    expect(res.status).toBe(200)
    expect((await res.json()).email).toBe(next)
    const [profile] = await sql`select email from public.profiles where id = ${body.user.id}`
    expect(profile.email).toBe(next)
  })

  it('with confirmations on, changes the email only when the link sent to the new address is opened', async () => {
    const confirming = await authTestApp({ AUTH_CONFIRM_EMAIL: 'true' })
    try {
      const { body } = await t.signUp()
      const next = `${unique('pending')}@test.kipindi.test`
      const res = await confirming.call('PUT', '/user', { token: body.access_token, body: { email: next } })
      expect(res.status).toBe(200)
      const user = await res.json()
      expect(user.email).toBe(body.user.email)
      expect(user.new_email).toBe(next)
      const [mail] = (await (await confirming.call('GET', `/mailbox?to=${next}`)).json()).emails
      expect(mail.kind).toBe('email_change')
      const link = new URL(mail.action_url)
      const opened = await confirming.app.request(`${link.pathname}${link.search}`)
      expect(opened.status).toBe(303)
      expect(opened.headers.get('location')).toContain('type=email_change')
      const [row] = await sql`select email, email_change from auth.users where id = ${body.user.id}`
      expect(row).toEqual({ email: next, email_change: '' })
    } finally {
      await confirming.close()
    }
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

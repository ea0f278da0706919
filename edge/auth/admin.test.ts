import { afterAll, describe, expect, it } from 'vitest'
import { testDb, unique } from '../../test/support/fixtures.ts'
import { authTestApp, decodeJwt, fragmentOf } from './testing.ts'

const sql = testDb(1)
const t = await authTestApp()
afterAll(async () => {
  await t.close()
  await sql.end()
})

const admin = (method: string, path: string, body?: unknown) =>
  t.call(method, path, { apiKey: t.keys.serviceRoleKey, token: t.keys.serviceRoleKey, body })
const newEmail = () => `${unique('admin')}@test.kipindi.test`

describe('Admin API', () => {
  it('refuses the anon key and user tokens with 403 not_admin, and a missing token with 401', async () => {
    const { body } = await t.signUp()
    for (const token of [t.keys.anonKey, body.access_token]) {
      const res = await t.call('GET', '/admin/users', { token })
      expect(res.status).toBe(403)
      expect((await res.json()).code).toBe('not_admin')
    }
    expect((await t.call('GET', '/admin/users')).status).toBe(401)
  })

  it('creates a user with metadata; its password works once the email is confirmed', async () => {
    const email = newEmail()
    const res = await admin('POST', '/admin/users', {
      email,
      password: 'staff-room-88',
      email_confirm: true,
      user_metadata: { display_name: 'Neema' },
      app_metadata: { platform_role: 'superadmin' },
    })
    expect(res.status).toBe(200)
    const user = await res.json()
    expect(user).toMatchObject({ email, user_metadata: { display_name: 'Neema' } })
    expect(user.app_metadata).toEqual({
      platform_role: 'superadmin',
      provider: 'email',
      providers: ['email'],
    })
    expect(user.identities).toHaveLength(1)

    const signIn = await t.call('POST', '/token?grant_type=password', {
      body: { email, password: 'staff-room-88' },
    })
    expect(decodeJwt((await signIn.json()).access_token).payload.app_metadata.platform_role).toBe(
      'superadmin',
    )

    const dup = await admin('POST', '/admin/users', { email, password: 'staff-room-88' })
    expect(dup.status).toBe(422)
    expect((await dup.json()).code).toBe('email_exists')
    const [audit] =
      await sql`select action from public.audit_log where target_id = ${user.id} order by id limit 1`
    expect(audit.action).toBe('auth.admin.user_created')
  })

  it('lists users a page at a time with GoTrue pagination headers', async () => {
    const res = await admin('GET', '/admin/users?page=1&per_page=2')
    expect(res.status).toBe(200)
    const body = await res.json()
    expect(body.aud).toBe('authenticated')
    expect(body.users).toHaveLength(2)
    const total = Number(res.headers.get('x-total-count'))
    expect(total).toBeGreaterThanOrEqual(9)
    expect(res.headers.get('link')).toContain('page=2&per_page=2>; rel="next"')
    expect(res.headers.get('link')).toContain(`page=${Math.ceil(total / 2)}&per_page=2>; rel="last"`)
  })

  it('reads, updates (app_metadata merge, ban) and deletes a user', async () => {
    const { body } = await t.signUp()
    const id = body.user.id
    expect((await (await admin('GET', `/admin/users/${id}`)).json()).email).toBe(body.user.email)
    expect((await admin('GET', `/admin/users/${crypto.randomUUID()}`)).status).toBe(404)
    expect((await admin('GET', '/admin/users/not-a-uuid')).status).toBe(400)

    const put = await admin('PUT', `/admin/users/${id}`, { app_metadata: { platform_role: 'superadmin' } })
    expect(put.status).toBe(200)
    expect((await put.json()).app_metadata).toEqual({
      provider: 'email',
      providers: ['email'],
      platform_role: 'superadmin',
    })
    const unset = await admin('PUT', `/admin/users/${id}`, { app_metadata: { platform_role: null } })
    expect((await unset.json()).app_metadata).toEqual({ provider: 'email', providers: ['email'] })

    const ban = await admin('PUT', `/admin/users/${id}`, { ban_duration: '24h' })
    expect((await ban.json()).banned_until).toBeTruthy()
    expect((await t.call('GET', '/user', { token: body.access_token })).status).toBe(403) // sessions ended

    const del = await admin('DELETE', `/admin/users/${id}`, {})
    expect(del.status).toBe(200)
    expect(await sql`select 1 from auth.users where id = ${id}`).toHaveLength(0)
    expect((await admin('DELETE', `/admin/users/${id}`, {})).status).toBe(404)
  })

  it('generate_link(invite) creates the user and returns a working link without sending email', async () => {
    const email = newEmail()
    const res = await admin('POST', '/admin/generate_link', {
      type: 'invite',
      email,
      data: { display_name: 'Juma' },
    })
    expect(res.status).toBe(200)
    const body = await res.json()
    expect(body).toMatchObject({ email, verification_type: 'invite', redirect_to: 'http://127.0.0.1:54321/' })
    expect(body.invited_at).toBeTruthy()
    expect(body.email_otp).toMatch(/^\d{6}$/)
    expect(body.action_link).toContain(`token=${body.hashed_token}`)
    expect((await (await t.call('GET', `/mailbox?to=${email}`)).json()).emails).toEqual([])

    const u = new URL(body.action_link)
    const opened = await t.app.request(`${u.pathname}${u.search}`)
    const session = fragmentOf(opened.headers.get('location'))
    expect(session.type).toBe('invite')
    expect(decodeJwt(session.access_token).payload.amr[0].method).toBe('invite')
    const [row] = await sql`select email_confirmed_at from auth.users where id = ${body.id}`
    expect(row.email_confirmed_at).not.toBeNull()
  })

  it('generate_link(recovery) needs an existing user and its hashed_token works with POST /verify', async () => {
    expect(
      (await admin('POST', '/admin/generate_link', { type: 'recovery', email: newEmail() })).status,
    ).toBe(404)
    const { email } = await t.signUp()
    const link = await (await admin('POST', '/admin/generate_link', { type: 'recovery', email })).json()
    const res = await t.call('POST', '/verify', { body: { type: 'recovery', token_hash: link.hashed_token } })
    expect(res.status).toBe(200)
    expect((await res.json()).user.email).toBe(email)
  })

  it('POST /invite creates the user and emails the invitation', async () => {
    const email = newEmail()
    const res = await admin('POST', '/invite', { email })
    expect(res.status).toBe(200)
    const [mail] = (await (await t.call('GET', `/mailbox?to=${email}`)).json()).emails
    expect(mail.kind).toBe('invite')
    expect(new URL(mail.action_url).searchParams.get('type')).toBe('invite')
  })
})

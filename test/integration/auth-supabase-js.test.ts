// Local auth driven by @supabase/supabase-js itself: the client code the web app uses against hosted
// Supabase Auth must work unchanged against edge/auth.
import { createClient, type SupabaseClient } from '@supabase/supabase-js'
import { afterAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { authTestApp, decodeJwt, fragmentOf } from '../../edge/auth/testing.ts'
import { withUser } from '../../edge/lib/db.ts'
import type { Claims } from '../../edge/lib/jwt.ts'
import { createTenant, createUser, SUPABASE_URL, testDb, unique } from '../support/fixtures.ts'

const sql = testDb(1)
const t = await authTestApp()
afterAll(async () => {
  await t.close()
  await sql.end()
})

/** A supabase-js client whose every request goes to the local auth app. */
function client(key = t.keys.anonKey): SupabaseClient {
  return createClient(SUPABASE_URL, key, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
    global: { fetch: async (input, init) => t.app.fetch(new Request(input, init)) },
    realtime: { transport: WebSocket as never }, // Node 20 has no WebSocket; realtime is not used here
  })
}
const admin = client(t.keys.serviceRoleKey).auth.admin
const newEmail = () => `${unique('js')}@test.kipindi.test`

/** Signs a fresh user up through supabase-js; returns the client holding the session. */
async function signedUp(password = 'chalk-board-31') {
  const email = newEmail()
  const c = client()
  const { data, error } = await c.auth.signUp({
    email,
    password,
    options: { data: { display_name: 'Wanjiku' } },
  })
  expect(error).toBeNull()
  return { c, email, password, session: data.session!, user: data.user! }
}

describe('local auth through @supabase/supabase-js', () => {
  it('signs up (autoconfirm: with a session) and reads the user back', async () => {
    const { c, email, session, user } = await signedUp()
    expect(session.access_token).toBeTruthy()
    expect(user.email).toBe(email)
    expect(user.user_metadata.display_name).toBe('Wanjiku')
    const { data, error } = await c.auth.getUser()
    expect(error).toBeNull()
    expect(data.user?.id).toBe(user.id)
  })

  it('reports a weak password and wrong credentials as supabase-js errors with GoTrue codes', async () => {
    const weak = await client().auth.signUp({ email: newEmail(), password: 'short' })
    expect(weak.error?.name).toBe('AuthWeakPasswordError')
    expect(weak.error?.code).toBe('weak_password')
    expect((weak.error as { reasons?: string[] }).reasons).toContain('length')

    const { email } = await signedUp()
    const wrong = await client().auth.signInWithPassword({ email, password: 'not-it-at-all-1' })
    expect(wrong.error?.name).toBe('AuthApiError')
    expect(wrong.error?.status).toBe(400)
    expect(wrong.error?.code).toBe('invalid_credentials')
    expect(wrong.error?.message).toBe('Invalid login credentials')
  })

  it('signs a seeded demo user in (a bcrypt hash made by pgcrypto)', async () => {
    const { data, error } = await client().auth.signInWithPassword({
      email: 'instructor1@demo.kipindi.test',
      password: 'kipindi-demo-1',
    })
    expect(error).toBeNull()
    expect(data.user?.id).toBe('00000000-0000-4000-a000-000000000004')
  })

  it('updates user data and the password; the new password signs in, the old does not', async () => {
    const { c, email, password } = await signedUp()
    const meta = await c.auth.updateUser({ data: { display_name: 'Wanjiku N.', grade: 9 } })
    expect(meta.error).toBeNull()
    expect(meta.data.user?.user_metadata).toMatchObject({ display_name: 'Wanjiku N.', grade: 9 })

    const pw = await c.auth.updateUser({ password: 'new-chalk-board-32' })
    expect(pw.error).toBeNull()
    expect((await client().auth.signInWithPassword({ email, password })).error?.code).toBe(
      'invalid_credentials',
    )
    expect(
      (await client().auth.signInWithPassword({ email, password: 'new-chalk-board-32' })).error,
    ).toBeNull()
  })

  it('rotates refresh tokens, tolerates a quick replay and revokes the session on a late one', async () => {
    const { c, session: first } = await signedUp()
    const rotated = await c.auth.refreshSession()
    expect(rotated.error).toBeNull()
    const second = rotated.data.session!
    expect(second.refresh_token).not.toBe(first.refresh_token)

    // a replay within 10 s (e.g. another tab) gets the active token back
    const quick = await client().auth.refreshSession({ refresh_token: first.refresh_token })
    expect(quick.error).toBeNull()
    expect(quick.data.session?.refresh_token).toBe(second.refresh_token)

    await sql`update auth.refresh_tokens set updated_at = now() - interval '11 seconds' where token = ${first.refresh_token}`
    const late = await client().auth.refreshSession({ refresh_token: first.refresh_token })
    expect(late.error?.code).toBe('refresh_token_already_used')
    const after = await client().auth.getUser(second.access_token)
    expect(after.error?.name).toBe('AuthSessionMissingError')
    expect((await client().auth.refreshSession({ refresh_token: second.refresh_token })).error?.code).toBe(
      'refresh_token_not_found',
    )
  })

  it('signs out others (keeping this device) and then everywhere', async () => {
    const { c, email, password } = await signedUp()
    const other = client()
    const otherSession = (await other.auth.signInWithPassword({ email, password })).data.session!

    expect((await c.auth.signOut({ scope: 'others' })).error).toBeNull()
    expect((await c.auth.getUser()).error).toBeNull()
    expect((await client().auth.getUser(otherSession.access_token)).error?.name).toBe(
      'AuthSessionMissingError',
    )

    const mine = (await c.auth.getSession()).data.session!
    expect((await c.auth.signOut()).error).toBeNull()
    expect((await c.auth.getSession()).data.session).toBeNull()
    expect((await client().auth.getUser(mine.access_token)).error?.name).toBe('AuthSessionMissingError')
  })

  it('resets a forgotten password by following the emailed link, then signs in with the new one', async () => {
    const { email } = await signedUp()
    const visitor = client()
    const sent = await visitor.auth.resetPasswordForEmail(email, {
      redirectTo: `${SUPABASE_URL}/reset-password`,
    })
    expect(sent.error).toBeNull()
    const unknown = await visitor.auth.resetPasswordForEmail(newEmail())
    expect(unknown.error).toBeNull() // no enumeration

    const mailbox = await t.app.request(`/auth/v1/mailbox?to=${encodeURIComponent(email)}`, {
      headers: { apikey: t.keys.anonKey },
    })
    const [mail] = (await mailbox.json()).emails
    expect(mail.kind).toBe('recovery')
    const link = new URL(mail.action_url)
    const landing = await t.app.request(`${link.pathname}${link.search}`) // the browser opening the link
    expect(landing.status).toBe(303)
    const location = landing.headers.get('location') ?? ''
    expect(location.startsWith(`${SUPABASE_URL}/reset-password#`)).toBe(true)
    const fragment = fragmentOf(location)
    expect(fragment.type).toBe('recovery')

    // what the reset page does with the session from the URL
    const { error } = await visitor.auth.setSession({
      access_token: fragment.access_token,
      refresh_token: fragment.refresh_token,
    })
    expect(error).toBeNull()
    expect((await visitor.auth.updateUser({ password: 'remembered-now-5' })).error).toBeNull()
    expect((await client().auth.signInWithPassword({ email, password: 'remembered-now-5' })).error).toBeNull()
  })

  it('verifies an emailed code with verifyOtp', async () => {
    const { email } = await signedUp()
    await client().auth.resetPasswordForEmail(email)
    const [row] =
      await sql`select body_text from private.outbox_emails where to_email = ${email} order by created_at desc limit 1`
    const code = /code: (\d{6})/.exec(row.body_text)?.[1] ?? ''
    const c = client()
    const { data, error } = await c.auth.verifyOtp({ email, token: code, type: 'recovery' })
    expect(error).toBeNull()
    expect(data.session?.user.email).toBe(email)
    expect(decodeJwt(data.session!.access_token).payload.amr[0].method).toBe('recovery')
  })

  it('runs the Admin API with the service_role key: createUser, listUsers, generateLink, updateUserById, deleteUser', async () => {
    const email = newEmail()
    const created = await admin.createUser({
      email,
      password: 'admin-made-77',
      email_confirm: true,
      user_metadata: { display_name: 'Baraka' },
    })
    expect(created.error).toBeNull()
    const id = created.data.user!.id

    const listed = await admin.listUsers({ page: 1, perPage: 2 })
    expect(listed.error).toBeNull()
    expect(listed.data.users).toHaveLength(2)
    expect((listed.data as { total?: number }).total).toBeGreaterThan(2)
    expect((listed.data as { nextPage?: number | null }).nextPage).toBe(2)

    const promoted = await admin.updateUserById(id, { app_metadata: { platform_role: 'superadmin' } })
    expect(promoted.data.user?.app_metadata.platform_role).toBe('superadmin')
    const signedIn = await client().auth.signInWithPassword({ email, password: 'admin-made-77' })
    expect(decodeJwt(signedIn.data.session!.access_token).payload.app_metadata.platform_role).toBe(
      'superadmin',
    )

    const link = await admin.generateLink({ type: 'magiclink', email })
    expect(link.error).toBeNull()
    expect(link.data.user?.id).toBe(id)
    expect(link.data.properties?.verification_type).toBe('magiclink')
    const c = client()
    const verified = await c.auth.verifyOtp({
      type: 'magiclink',
      token_hash: link.data.properties!.hashed_token,
    })
    expect(verified.error).toBeNull()
    expect(verified.data.user?.id).toBe(id)

    expect((await admin.deleteUser(id)).error).toBeNull()
    expect((await admin.getUserById(id)).error?.status).toBe(404)
  })

  it('changes the email only once the links sent to the old and the new address are both opened', async () => {
    const { c, email } = await signedUp()
    const next = newEmail()
    const asked = await c.auth.updateUser({ email: next }, { emailRedirectTo: `${SUPABASE_URL}/account` })
    expect(asked.error).toBeNull()
    expect(asked.data.user?.email).toBe(email)
    expect(asked.data.user?.new_email).toBe(next)
    expect((await c.auth.getUser()).data.user?.email).toBe(email)

    const mails = await sql`select to_email, action_url from private.outbox_emails
                            where kind = 'email_change' and to_email in ${sql([email, next])}`
    expect(mails.map((m) => m.to_email).sort()).toEqual([email, next].sort())
    const tokenTo = (to: string) =>
      new URL(mails.find((m) => m.to_email === to)?.action_url).searchParams.get('token') ?? ''

    const first = await client().auth.verifyOtp({ type: 'email_change', token_hash: tokenTo(next) })
    expect(first.error).toBeNull()
    expect(first.data).toEqual({ user: null, session: null })
    expect((await c.auth.getUser()).data.user).toMatchObject({ email, new_email: next })

    const second = await client().auth.verifyOtp({ type: 'email_change', token_hash: tokenTo(email) })
    expect(second.error).toBeNull()
    expect(second.data.user?.email).toBe(next)
    expect(decodeJwt(second.data.session!.access_token).payload.email).toBe(next)
    // the device that asked gets the new address with its next token
    const refreshed = await c.auth.refreshSession()
    expect(decodeJwt(refreshed.data.session!.access_token).payload.email).toBe(next)
    expect((await c.auth.getUser()).data.user?.new_email).toBeUndefined()
  })

  it('an invitation goes to whoever proved the inbox: asking for the invited address is not enough', async () => {
    const owner = await createUser(sql)
    const school = await createTenant(sql, owner)
    const invited = newEmail()
    const token = unique('invite-')
    await sql`insert into public.invitations (tenant_id, email, role, token_hash, invited_by)
              values (${school.id}, ${invited}, 'admin',
                      encode(sha256(convert_to(${token}::text, 'UTF8')), 'hex'), ${owner.id})`
    const accept = (claims: Claims) =>
      withUser(sql, claims, (tx) => tx`select * from public.accept_invitation(${token})`).then((r) => [...r])

    // Someone who got hold of the link switches their account to the invited address...
    const attacker = await signedUp()
    expect((await attacker.c.auth.updateUser({ email: invited })).error).toBeNull()
    const refreshed = (await attacker.c.auth.refreshSession()).data.session!
    const claims = decodeJwt(refreshed.access_token).payload as Claims
    await expect(accept(claims)).rejects.toThrow(
      `This invitation was sent to ${invited}, but you are signed in as ${attacker.email}.`,
    )
    // ...and a token that claims the address does not help: the account's own row is what counts.
    await expect(accept({ ...claims, email: invited })).rejects.toThrow(
      `This invitation was sent to ${invited}`,
    )
    const [{ n }] = await sql`select count(*)::int as n from public.memberships where tenant_id = ${school.id}
                              and user_id = ${attacker.user.id}`
    expect(n).toBe(0)

    // The invited person signs up with the address (confirmed: AUTH_CONFIRM_EMAIL=false) and joins.
    const invitee = client()
    const signed = await invitee.auth.signUp({ email: invited, password: 'chalk-board-31' })
    expect(signed.error).toBeNull()
    const joined = await accept(decodeJwt(signed.data.session!.access_token).payload as Claims)
    expect(joined).toEqual([
      { tenant_id: school.id, tenant_name: school.name, tenant_slug: school.slug, role: 'admin' },
    ])
  })

  it('refuses the Admin API with the anon key', async () => {
    const { error } = await client().auth.admin.listUsers()
    expect(error?.status).toBe(403)
    expect(error?.code).toBe('not_admin')
  })
})

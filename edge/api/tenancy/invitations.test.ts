import { afterAll, describe, expect, it } from 'vitest'
import { createTenant, createUser, testKeys, unique } from '../../../test/support/fixtures.ts'
import { signJwt } from '../../lib/jwt.ts'
import { setupApi } from '../core/testing.ts'
import { sha256Hex } from './tokens.ts'

const api = await setupApi()
const { sql, call } = api
afterAll(() => api.close())

const newEmail = () => `${unique('invitee')}@test.kipindi.test`
const tokenOf = (url: string) => url.split('/invite/')[1]

async function school() {
  const owner = await createUser(sql, { name: 'Amina Owner' })
  const admin = await createUser(sql, { name: 'Brian Admin' })
  const student = await createUser(sql)
  const t = await createTenant(sql, owner, [
    [admin, 'admin'],
    [student, 'student'],
  ])
  return { owner, admin, student, t }
}

describe('invitation flow', () => {
  it('invites, mails the link, previews, accepts once, and shows the role in /me', async () => {
    const { admin, t } = await school()
    const email = newEmail()
    const created = await call('POST', `/tenants/${t.id}/invitations`, {
      token: admin.token,
      body: { email: email.toUpperCase(), role: 'instructor' },
    })
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({
      tenant_id: t.id,
      email,
      role: 'instructor',
      invited_by: admin.id,
      status: 'pending',
    })
    expect(created.body.accepted_at).toBeNull()
    const token = tokenOf(created.body.invite_url)
    expect(created.body.invite_url).toBe(`http://127.0.0.1:54321/invite/${token}`)
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/)

    // Only the hash is stored; the email with the link is in the outbox.
    const [stored] = await sql`select token_hash from public.invitations where id = ${created.body.id}`
    expect(stored.token_hash).toBe(await sha256Hex(token))
    expect(
      JSON.stringify(await sql`select * from public.invitations where id = ${created.body.id}`),
    ).not.toContain(token)
    const mails = await sql`select * from private.outbox_emails where to_email = ${email}`
    expect(mails).toHaveLength(1)
    expect(mails[0]).toMatchObject({ kind: 'invite', action_url: created.body.invite_url })
    // No account has this address yet, so the email is in both languages, Kiswahili first.
    expect(mails[0].subject).toBe(
      `Umealikwa kujiunga na ${t.name} kwenye Kipindi / You're invited to ${t.name} on Kipindi`,
    )
    expect(mails[0].body_text).toContain(
      `Brian Admin invited you to join ${t.name} on Kipindi as an instructor.`,
    )
    expect(mails[0].body_text).toContain(created.body.invite_url)
    expect(mails[0].body_text).toMatch(
      /expires on \w{3} \d{1,2} \w{3} \d{4}, \d{2}:\d{2} Nairobi time \(UTC\+3\)/,
    )

    // The invite page can show what the link is for before sign-in.
    const preview = await call('GET', `/invitations/preview?token=${token}`)
    expect(preview.status).toBe(200)
    expect(preview.body).toMatchObject({
      tenant_name: t.name,
      tenant_slug: t.slug,
      email,
      role: 'instructor',
      inviter_name: 'Brian Admin',
      status: 'pending',
    })

    const invitee = await createUser(sql, { email })
    const accepted = await call('POST', '/invitations/accept', { token: invitee.token, body: { token } })
    expect(accepted.status).toBe(200)
    expect(accepted.body).toEqual({
      tenant_id: t.id,
      tenant_name: t.name,
      tenant_slug: t.slug,
      role: 'instructor',
    })
    const me = await call('GET', '/me', { token: invitee.token })
    expect(me.body.memberships).toEqual([accepted.body])

    const again = await call('POST', '/invitations/accept', { token: invitee.token, body: { token } })
    expect(again.status).toBe(410)
    expect(again.body.error.message).toMatch(/already been used/)
    expect((await call('GET', `/invitations/preview?token=${token}`)).body.status).toBe('accepted')
    const list = await call('GET', `/tenants/${t.id}/invitations`, { token: admin.token })
    expect(list.body.find((i: { id: string }) => i.id === created.body.id).status).toBe('accepted')
  })

  it('refuses an expired invitation with 410 and lets the admin send a new one', async () => {
    const { owner, t } = await school()
    const email = newEmail()
    const created = await call('POST', `/tenants/${t.id}/invitations`, {
      token: owner.token,
      body: { email, role: 'student' },
    })
    await sql`update public.invitations set expires_at = now() - interval '1 minute' where id = ${created.body.id}`
    const invitee = await createUser(sql, { email })
    const res = await call('POST', '/invitations/accept', {
      token: invitee.token,
      body: { token: tokenOf(created.body.invite_url) },
    })
    expect(res.status).toBe(410)
    expect(res.body.error.message).toMatch(/expired/)
    const [{ n }] = await sql`select count(*)::int as n from public.memberships where user_id = ${invitee.id}`
    expect(n).toBe(0)
    const list = await call('GET', `/tenants/${t.id}/invitations`, { token: owner.token })
    expect(list.body.find((i: { id: string }) => i.id === created.body.id).status).toBe('expired')

    const fresh = await call('POST', `/tenants/${t.id}/invitations`, {
      token: owner.token,
      body: { email, role: 'student' },
    })
    expect(fresh.status).toBe(201)
    const ok = await call('POST', '/invitations/accept', {
      token: invitee.token,
      body: { token: tokenOf(fresh.body.invite_url) },
    })
    expect(ok.status).toBe(200)
  })

  it('refuses someone signed in with another email (403) and an unknown token (404)', async () => {
    const { admin, t } = await school()
    const created = await call('POST', `/tenants/${t.id}/invitations`, {
      token: admin.token,
      body: { email: newEmail(), role: 'staff' },
    })
    const someoneElse = await createUser(sql)
    const wrong = await call('POST', '/invitations/accept', {
      token: someoneElse.token,
      body: { token: tokenOf(created.body.invite_url) },
    })
    expect(wrong.status).toBe(403)
    expect(wrong.body.error.message).toMatch(/was sent to/)
    const unknown = await call('POST', '/invitations/accept', {
      token: someoneElse.token,
      body: { token: 'x'.repeat(43) },
    })
    expect(unknown.status).toBe(404)
    expect(unknown.body.error.message).toBe('This invitation link is not valid.')
    expect((await call('GET', `/invitations/preview?token=${'x'.repeat(43)}`)).status).toBe(404)
    const anonymous = await call('POST', '/invitations/accept', {
      body: { token: tokenOf(created.body.invite_url) },
    })
    expect(anonymous.status).toBe(401)
  })
})

describe('accepting needs the invited address confirmed on the account, not just in the token', () => {
  async function invitation(role = 'admin') {
    const { admin, t } = await school()
    const email = newEmail()
    const created = await call('POST', `/tenants/${t.id}/invitations`, {
      token: admin.token,
      body: { email, role },
    })
    return { t, email, token: tokenOf(created.body.invite_url) }
  }
  const membershipsOf = async (userId: string) =>
    (await sql`select count(*)::int as n from public.memberships where user_id = ${userId}`)[0].n

  it('refuses a token whose email claim is the invited address when the account has another', async () => {
    const { email, token } = await invitation()
    const attacker = await createUser(sql)
    const { signing } = await testKeys()
    const claimsInvited = await signJwt({ ...attacker.claims, email }, signing)
    const res = await call('POST', '/invitations/accept', { token: claimsInvited, body: { token } })
    expect(res.status).toBe(403)
    expect(res.body.error.message).toBe(
      `This invitation was sent to ${email}, but you are signed in as ${attacker.email}.`,
    )
    expect(await membershipsOf(attacker.id)).toBe(0)
  })

  it('refuses the invited address until it is confirmed, then accepts', async () => {
    const { t, email, token } = await invitation('instructor')
    const invitee = await createUser(sql, { email })
    await sql`update auth.users set email_confirmed_at = null where id = ${invitee.id}`
    const res = await call('POST', '/invitations/accept', { token: invitee.token, body: { token } })
    expect(res.status).toBe(403)
    expect(res.body.error.message).toBe(
      `Confirm your email address ${email} with the link we sent you before accepting this invitation.`,
    )
    expect(await membershipsOf(invitee.id)).toBe(0)

    await sql`update auth.users set email_confirmed_at = now() where id = ${invitee.id}`
    const ok = await call('POST', '/invitations/accept', { token: invitee.token, body: { token } })
    expect(ok.status).toBe(200)
    expect(ok.body).toMatchObject({ tenant_id: t.id, role: 'instructor' })
  })
})

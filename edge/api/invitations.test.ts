import { afterAll, describe, expect, it } from 'vitest'
import { createTenant, createUser, testKeys, unique } from '../../test/support/fixtures.ts'
import { signJwt } from '../lib/jwt.ts'
import { setupApi } from './testing.ts'
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
    expect(mails[0].subject).toBe(`You're invited to ${t.name} on Kipindi`)
    expect(mails[0].body_text).toContain(
      `Brian Admin invited you to join ${t.name} on Kipindi as an instructor.`,
    )
    expect(mails[0].body_text).toContain(created.body.invite_url)
    expect(mails[0].body_text).toMatch(/expires on \d{1,2} \w{3} \d{4}/)

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

describe('POST /api/tenants/:id/invitations', () => {
  const count = async (t: { id: string; name: string }) => {
    const [{ inv }] = await sql`select count(*)::int as inv from public.invitations where tenant_id = ${t.id}`
    const [{ mail }] = await sql`
      select count(*)::int as mail from private.outbox_emails where subject = ${`You're invited to ${t.name} on Kipindi`}`
    return { inv, mail }
  }

  it('is for owners and admins only: 403 for a student, 404 for a stranger', async () => {
    const { student, t } = await school()
    const before = await count(t)
    expect(before).toEqual({ inv: 0, mail: 0 })
    const asStudent = await call('POST', `/tenants/${t.id}/invitations`, {
      token: student.token,
      body: { email: newEmail(), role: 'student' },
    })
    expect(asStudent.status).toBe(403)
    const stranger = await createUser(sql)
    const asStranger = await call('POST', `/tenants/${t.id}/invitations`, {
      token: stranger.token,
      body: { email: newEmail(), role: 'student' },
    })
    expect(asStranger.status).toBe(404)
    expect(await count(t)).toEqual(before)
  })

  it('refuses to invite a member (409) or someone already invited (409), sending no email', async () => {
    const { owner, student, t } = await school()
    const member = await call('POST', `/tenants/${t.id}/invitations`, {
      token: owner.token,
      body: { email: student.email, role: 'admin' },
    })
    expect(member.status).toBe(409)
    expect(member.body.error.message).toMatch(/already a member/)
    const email = newEmail()
    expect(
      (
        await call('POST', `/tenants/${t.id}/invitations`, {
          token: owner.token,
          body: { email, role: 'student' },
        })
      ).status,
    ).toBe(201)
    const twice = await call('POST', `/tenants/${t.id}/invitations`, {
      token: owner.token,
      body: { email, role: 'parent' },
    })
    expect(twice.status).toBe(409)
    expect(twice.body.error.message).toMatch(/already invited.*Revoke/)
    const [{ n }] = await sql`select count(*)::int as n from private.outbox_emails where to_email = ${email}`
    expect(n).toBe(1)
    const [{ m }] =
      await sql`select count(*)::int as m from private.outbox_emails where to_email = ${student.email}`
    expect(m).toBe(0)
  })

  it('lets only owners invite owners', async () => {
    const { owner, admin, t } = await school()
    const byAdmin = await call('POST', `/tenants/${t.id}/invitations`, {
      token: admin.token,
      body: { email: newEmail(), role: 'owner' },
    })
    expect(byAdmin.status).toBe(403)
    expect(byAdmin.body.error.message).toBe('Only an owner can invite another owner.')
    const byOwner = await call('POST', `/tenants/${t.id}/invitations`, {
      token: owner.token,
      body: { email: newEmail(), role: 'owner' },
    })
    expect(byOwner.status).toBe(201)
  })
})

describe('GET and DELETE /api/tenants/:id/invitations', () => {
  it('lists invitations newest first for admins only', async () => {
    const { admin, student, t } = await school()
    const first = await call('POST', `/tenants/${t.id}/invitations`, {
      token: admin.token,
      body: { email: newEmail(), role: 'student' },
    })
    const second = await call('POST', `/tenants/${t.id}/invitations`, {
      token: admin.token,
      body: { email: newEmail(), role: 'parent' },
    })
    const list = await call('GET', `/tenants/${t.id}/invitations`, { token: admin.token })
    expect(list.status).toBe(200)
    expect(list.body.map((i: { id: string }) => i.id)).toEqual([second.body.id, first.body.id])
    expect(list.body[0]).not.toHaveProperty('token_hash')
    expect((await call('GET', `/tenants/${t.id}/invitations`, { token: student.token })).status).toBe(403)
  })

  it('revokes a pending invitation so its link stops working', async () => {
    const { admin, student, t } = await school()
    const email = newEmail()
    const created = await call('POST', `/tenants/${t.id}/invitations`, {
      token: admin.token,
      body: { email, role: 'student' },
    })
    const path = `/tenants/${t.id}/invitations/${created.body.id}`
    expect((await call('DELETE', path, { token: student.token })).status).toBe(403)
    const res = await call('DELETE', path, { token: admin.token })
    expect(res.status).toBe(204)
    expect((await call('DELETE', path, { token: admin.token })).status).toBe(404)
    const invitee = await createUser(sql, { email })
    const accept = await call('POST', '/invitations/accept', {
      token: invitee.token,
      body: { token: tokenOf(created.body.invite_url) },
    })
    expect(accept.status).toBe(404)
    const [audit] =
      await sql`select 1 from public.audit_log where action = 'invitation.revoked' and target_id = ${created.body.id}`
    expect(audit).toBeDefined()
  })

  it('does not revoke an accepted invitation (409)', async () => {
    const { admin, t } = await school()
    const email = newEmail()
    const created = await call('POST', `/tenants/${t.id}/invitations`, {
      token: admin.token,
      body: { email, role: 'student' },
    })
    const invitee = await createUser(sql, { email })
    await call('POST', '/invitations/accept', {
      token: invitee.token,
      body: { token: tokenOf(created.body.invite_url) },
    })
    const res = await call('DELETE', `/tenants/${t.id}/invitations/${created.body.id}`, {
      token: admin.token,
    })
    expect(res.status).toBe(409)
    const [{ n }] = await sql`select count(*)::int as n from public.invitations where id = ${created.body.id}`
    expect(n).toBe(1)
  })
})

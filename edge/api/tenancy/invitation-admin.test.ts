import { afterAll, describe, expect, it } from 'vitest'
import { createTenant, createUser, unique } from '../../../test/support/fixtures.ts'
import { setupApi } from '../core/testing.ts'

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

describe('POST /api/tenants/:id/invitations', () => {
  const count = async (t: { id: string; name: string }) => {
    const [{ inv }] = await sql`select count(*)::int as inv from public.invitations where tenant_id = ${t.id}`
    const [{ mail }] = await sql`
      select count(*)::int as mail from private.outbox_emails
      where position(${`You're invited to ${t.name} on Kipindi`} in subject) > 0`
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

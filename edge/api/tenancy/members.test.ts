import { afterAll, describe, expect, it } from 'vitest'
import { createTenant, createUser, type TestUser, unique } from '../../../test/support/fixtures.ts'
import { setupApi } from '../core/testing.ts'
import { openTicket, type SupportSchool, supportSchool } from '../support/testing.ts'
import { MemberListSchema, MemberPageSchema } from './schemas.ts'

const api = await setupApi()
const { sql, call } = api
afterAll(() => api.close())

const roleOf = async (tenantId: string, userId: string) => {
  const [row] =
    await sql`select role from public.memberships where tenant_id = ${tenantId} and user_id = ${userId}`
  return row?.role as string | undefined
}

async function school() {
  const owner = await createUser(sql, { name: 'Olive Owner' })
  const admin = await createUser(sql, { name: 'Adam Admin' })
  const student = await createUser(sql, { name: 'Sara Student' })
  const t = await createTenant(sql, owner, [
    [admin, 'admin'],
    [student, 'student'],
  ])
  return { owner, admin, student, t }
}

describe('GET /api/tenants/:id/members', () => {
  it('lets members see each other, owners first, and hides the list from others', async () => {
    const { owner, admin, student, t } = await school()
    const res = await call('GET', `/tenants/${t.id}/members`, { token: student.token })
    expect(res.status).toBe(200)
    expect(res.body.map((m: { user_id: string; role: string }) => [m.user_id, m.role])).toEqual([
      [owner.id, 'owner'],
      [admin.id, 'admin'],
      [student.id, 'student'],
    ])
    // A student sees names, not other members' emails (see "who sees members' emails" below).
    expect(res.body[0]).toMatchObject({ email: null, display_name: 'Olive Owner' })
    expect(Date.parse(res.body[0].joined_at)).not.toBeNaN()
    const stranger = await createUser(sql)
    expect((await call('GET', `/tenants/${t.id}/members`, { token: stranger.token })).status).toBe(404)
  })
})

describe('GET /api/tenants/:id/members/search', () => {
  /** A school with many students (Pupil 01…12) besides its owner, admin and a parent. */
  async function bigSchool() {
    const owner = await createUser(sql, { name: 'Olive Owner' })
    const admin = await createUser(sql, { name: 'Adam Admin' })
    const parent = await createUser(sql, { name: 'Peter Parent' })
    const tag = unique('pupil')
    const pupils = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        createUser(sql, {
          name: `Pupil ${String(i + 1).padStart(2, '0')}`,
          email: `${tag}-${i + 1}@test.kipindi.test`,
        }),
      ),
    )
    const t = await createTenant(sql, owner, [
      [admin, 'admin'],
      [parent, 'parent'],
      ...pupils.map((p) => [p, 'student'] as [TestUser, 'student']),
    ])
    return { owner, admin, parent, pupils, tag, t }
  }
  const search = async (tenantId: string, who: TestUser, query: string) => {
    const res = await call('GET', `/tenants/${tenantId}/members/search?${query}`, { token: who.token })
    if (res.status === 200) MemberPageSchema.parse(res.body)
    return res
  }
  const names = (body: { members: { display_name: string }[] }) => body.members.map((m) => m.display_name)

  it('pages through the members, owners first, with the total on every page', async () => {
    const s = await bigSchool()
    const first = await search(s.t.id, s.parent, 'limit=5')
    expect(first.status).toBe(200)
    expect(first.body.total).toBe(15)
    expect(names(first.body)).toEqual(['Olive Owner', 'Adam Admin', 'Pupil 01', 'Pupil 02', 'Pupil 03'])
    const last = await search(s.t.id, s.parent, 'limit=5&offset=10')
    expect(names(last.body)).toEqual(['Pupil 09', 'Pupil 10', 'Pupil 11', 'Pupil 12', 'Peter Parent'])
    const beyond = await search(s.t.id, s.parent, 'limit=5&offset=40')
    expect(beyond.body).toEqual({ members: [], total: 15 })
    // Without paging parameters: the first 20.
    expect((await search(s.t.id, s.parent, '')).body.members).toHaveLength(15)
  })

  it('finds by name in any case, and filters by role', async () => {
    const s = await bigSchool()
    const pupils = await search(s.t.id, s.parent, 'q=pUPIL%201&limit=50')
    expect(names(pupils.body)).toEqual(['Pupil 10', 'Pupil 11', 'Pupil 12'])
    expect(pupils.body.total).toBe(3)
    const admins = await search(s.t.id, s.parent, 'role=admin')
    expect(admins.body).toMatchObject({ total: 1, members: [{ user_id: s.admin.id, role: 'admin' }] })
    const both = await search(s.t.id, s.parent, 'q=pupil&role=student&limit=2&offset=2')
    expect(both.body.total).toBe(12)
    expect(names(both.body)).toEqual(['Pupil 03', 'Pupil 04'])
    // `%` and `_` are letters to look for, not wildcards.
    expect((await search(s.t.id, s.parent, 'q=%25')).body.total).toBe(0)
    expect((await search(s.t.id, s.parent, 'q=Pupil_0')).body.total).toBe(0)
  })

  it('finds by email only where the caller may see emails: a search never reveals an address', async () => {
    const s = await bigSchool()
    const third = s.pupils[2]
    const asAdmin = await search(s.t.id, s.admin, `q=${third.email.toUpperCase()}`)
    expect(asAdmin.body).toMatchObject({ total: 1, members: [{ user_id: third.id, email: third.email }] })
    expect((await search(s.t.id, s.admin, `q=${s.tag}`)).body.total).toBe(12)
    // A parent sees names only, so an email finds nobody (but their own).
    const asParent = await search(s.t.id, s.parent, `q=${third.email}`)
    expect(asParent.body).toEqual({ members: [], total: 0 })
    expect((await search(s.t.id, s.parent, `q=${s.tag}`)).body.total).toBe(0)
    expect((await search(s.t.id, s.parent, `q=${s.parent.email}`)).body.total).toBe(1)
    const text = (await search(s.t.id, s.parent, 'limit=100')).text
    expect(text.replaceAll(s.parent.email, '')).not.toContain('@')
  })

  it('shows people outside the school nothing (404) and names bad parameters (400)', async () => {
    const s = await bigSchool()
    const stranger = await createUser(sql)
    expect((await search(s.t.id, stranger, 'q=pupil')).status).toBe(404)
    expect((await call('GET', `/tenants/${s.t.id}/members/search`)).status).toBe(401)
    for (const [query, field] of [
      ['limit=0', 'limit'],
      ['limit=101', 'limit'],
      ['limit=ten', 'limit'],
      ['offset=-1', 'offset'],
      ['offset=1.5', 'offset'],
      ['role=teacher', 'role'],
      [`q=${'x'.repeat(101)}`, 'q'],
    ]) {
      const res = await search(s.t.id, s.owner, query)
      expect(res.status, query).toBe(400)
      expect(res.body.error.code).toBe('validation_failed')
      expect(res.body.error.details.issues.map((i: { path: string }) => i.path)).toContain(field)
    }
  })
})

describe('GET /api/tenants/:id/members/counts', () => {
  it('counts every member of the school per role, for any member, and agrees with the list', async () => {
    const s = await supportSchool(sql)
    const expected = {
      total: 8,
      by_role: { owner: 1, admin: 1, instructor: 1, staff: 2, student: 2, parent: 1, partner: 0 },
    }
    for (const who of [s.owner, s.student, s.parent]) {
      const res = await call('GET', `/tenants/${s.tenant.id}/members/counts`, { token: who.token })
      expect(res.status).toBe(200)
      expect(res.body).toEqual(expected)
    }
    const list = await call('GET', `/tenants/${s.tenant.id}/members`, { token: s.student.token })
    expect(list.body).toHaveLength(expected.total)
  })

  it('answers 0 for roles nobody has, and follows removals', async () => {
    const { owner, admin, student, t } = await school()
    const countsFor = async () =>
      (await call('GET', `/tenants/${t.id}/members/counts`, { token: owner.token })).body
    expect(await countsFor()).toEqual({
      total: 3,
      by_role: { owner: 1, admin: 1, instructor: 0, staff: 0, student: 1, parent: 0, partner: 0 },
    })
    await call('DELETE', `/tenants/${t.id}/members/${student.id}`, { token: admin.token })
    expect(await countsFor()).toMatchObject({ total: 2, by_role: { student: 0 } })
  })

  it('shows a platform super-admin the counts, as it shows them the list', async () => {
    const { t } = await school()
    const superadmin = await createUser(sql, { platformRole: 'superadmin' })
    const counts = await call('GET', `/tenants/${t.id}/members/counts`, { token: superadmin.token })
    const list = await call('GET', `/tenants/${t.id}/members`, { token: superadmin.token })
    expect(counts.status).toBe(200)
    expect(list.status).toBe(200)
    expect(counts.body.total).toBe(list.body.length)
  })

  it('shows the member of another school nothing, and names a bad id', async () => {
    const s = await supportSchool(sql)
    const res = await call('GET', `/tenants/${s.tenant.id}/members/counts`, { token: s.stranger.token })
    expect(res.status).toBe(404)
    expect(res.text).not.toContain('total')
    const anon = await call('GET', `/tenants/${s.tenant.id}/members/counts`)
    expect(anon.status).toBe(401)
    const bad = await call('GET', '/tenants/not-a-uuid/members/counts', { token: s.owner.token })
    expect(bad.status).toBe(400)
  })
})

describe("GET /api/tenants/:id/members: who sees members' emails", () => {
  /** The list as `who` gets it: each member's email (null when hidden), and the raw answer. */
  async function emailsSeenBy(tenantId: string, who: TestUser) {
    const res = await call('GET', `/tenants/${tenantId}/members`, { token: who.token })
    expect(res.status).toBe(200)
    MemberListSchema.parse(res.body)
    for (const m of res.body) expect(m.display_name).not.toBe('')
    const emails = Object.fromEntries(
      res.body.map((m: { user_id: string; email: string | null }) => [m.user_id, m.email]),
    )
    return { emails, text: res.text }
  }

  const schoolMembers = (s: SupportSchool) => [
    s.owner,
    s.admin,
    s.staff,
    s.staff2,
    s.instructor,
    s.student,
    s.classmate,
    s.parent,
  ]
  /** Every member's email hidden except the viewer's own and those in `alsoSees`. */
  const onlyOwn = (s: SupportSchool, who: TestUser, alsoSees: TestUser[] = []) =>
    Object.fromEntries(
      schoolMembers(s).map((u) => [u.id, u === who || alsoSees.includes(u) ? u.email : null]),
    )

  it('shows students and parents names only: no one else’s email reaches them', async () => {
    const s = await supportSchool(sql)
    for (const who of [s.student, s.parent]) {
      const { emails, text } = await emailsSeenBy(s.tenant.id, who)
      expect(emails).toEqual(onlyOwn(s, who))
      expect(text.replaceAll(who.email, '')).not.toContain('@')
    }
  })

  it('shows an instructor names only, their students’ emails included', async () => {
    const s = await supportSchool(sql)
    const { emails, text } = await emailsSeenBy(s.tenant.id, s.instructor)
    expect(emails).toEqual(onlyOwn(s, s.instructor))
    expect(text).not.toContain(s.student.email)
  })

  it('shows owners and admins every member’s email', async () => {
    const s = await supportSchool(sql)
    const all = Object.fromEntries(schoolMembers(s).map((u) => [u.id, u.email]))
    expect((await emailsSeenBy(s.tenant.id, s.owner)).emails).toEqual(all)
    expect((await emailsSeenBy(s.tenant.id, s.admin)).emails).toEqual(all)
  })

  it('shows staff the emails of people who opened a ticket, not members’ in general', async () => {
    const s = await supportSchool(sql)
    expect((await emailsSeenBy(s.tenant.id, s.staff)).emails).toEqual(onlyOwn(s, s.staff))
    await openTicket(call, s.classmate, s.tenant.id)
    expect((await emailsSeenBy(s.tenant.id, s.staff)).emails).toEqual(onlyOwn(s, s.staff, [s.classmate]))
    // Opening a ticket shows nobody else's email to the requester.
    expect((await emailsSeenBy(s.tenant.id, s.classmate)).emails).toEqual(onlyOwn(s, s.classmate))
  })

  it('shows the member of another school nothing', async () => {
    const s = await supportSchool(sql)
    const res = await call('GET', `/tenants/${s.tenant.id}/members`, { token: s.stranger.token })
    expect(res.status).toBe(404)
    expect(res.text).not.toContain('@')
  })
})

describe('PATCH /api/tenants/:id/members/:userId', () => {
  it("lets an admin change a member's role", async () => {
    const { admin, student, t } = await school()
    const res = await call('PATCH', `/tenants/${t.id}/members/${student.id}`, {
      token: admin.token,
      body: { role: 'instructor' },
    })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ user_id: student.id, role: 'instructor', email: student.email })
    expect(await roleOf(t.id, student.id)).toBe('instructor')
    const [audit] = await sql`
      select details from public.audit_log where tenant_id = ${t.id} and action = 'member.role_changed'`
    expect(audit.details).toEqual({ from: 'student', to: 'instructor' })
  })

  it('refuses a student (403) and a stranger (404)', async () => {
    const { admin, student, t } = await school()
    const asStudent = await call('PATCH', `/tenants/${t.id}/members/${admin.id}`, {
      token: student.token,
      body: { role: 'student' },
    })
    expect(asStudent.status).toBe(403)
    const stranger = await createUser(sql)
    const asStranger = await call('PATCH', `/tenants/${t.id}/members/${admin.id}`, {
      token: stranger.token,
      body: { role: 'student' },
    })
    expect(asStranger.status).toBe(404)
    expect(await roleOf(t.id, admin.id)).toBe('admin')
  })

  it('does not let an admin make someone an owner (403), but an owner can', async () => {
    const { owner, admin, student, t } = await school()
    const byAdmin = await call('PATCH', `/tenants/${t.id}/members/${student.id}`, {
      token: admin.token,
      body: { role: 'owner' },
    })
    expect(byAdmin.status).toBe(403)
    expect(byAdmin.body.error.message).toBe('Only an owner can make someone an owner.')
    expect(await roleOf(t.id, student.id)).toBe('student')
    const byOwner = await call('PATCH', `/tenants/${t.id}/members/${admin.id}`, {
      token: owner.token,
      body: { role: 'owner' },
    })
    expect(byOwner.status).toBe(200)
    expect(await roleOf(t.id, admin.id)).toBe('owner')
  })

  it('does not let an admin demote an owner (403)', async () => {
    const { owner, admin, t } = await school()
    const res = await call('PATCH', `/tenants/${t.id}/members/${owner.id}`, {
      token: admin.token,
      body: { role: 'student' },
    })
    expect(res.status).toBe(403)
    expect(await roleOf(t.id, owner.id)).toBe('owner')
  })

  it('keeps the last owner: demoting them is a 409', async () => {
    const { owner, t } = await school()
    const res = await call('PATCH', `/tenants/${t.id}/members/${owner.id}`, {
      token: owner.token,
      body: { role: 'admin' },
    })
    expect(res.status).toBe(409)
    expect(res.body.error.code).toBe('last_owner')
    expect(res.body.error.message).toMatch(/at least one owner/)
    expect(await roleOf(t.id, owner.id)).toBe('owner')
  })

  it('answers 404 for someone who is not a member', async () => {
    const { owner, t } = await school()
    const outsider = await createUser(sql)
    const res = await call('PATCH', `/tenants/${t.id}/members/${outsider.id}`, {
      token: owner.token,
      body: { role: 'student' },
    })
    expect(res.status).toBe(404)
    expect(await roleOf(t.id, outsider.id)).toBeUndefined()
  })
})

describe('DELETE /api/tenants/:id/members/:userId', () => {
  it('lets an admin remove a member', async () => {
    const { admin, student, t } = await school()
    const res = await call('DELETE', `/tenants/${t.id}/members/${student.id}`, { token: admin.token })
    expect(res.status).toBe(204)
    expect(res.text).toBe('')
    expect(await roleOf(t.id, student.id)).toBeUndefined()
  })

  it('lets a member leave, but not remove others', async () => {
    const { admin, student, t } = await school()
    const removeOther = await call('DELETE', `/tenants/${t.id}/members/${admin.id}`, { token: student.token })
    expect(removeOther.status).toBe(403)
    expect(await roleOf(t.id, admin.id)).toBe('admin')
    const leave = await call('DELETE', `/tenants/${t.id}/members/${student.id}`, { token: student.token })
    expect(leave.status).toBe(204)
    expect(await roleOf(t.id, student.id)).toBeUndefined()
  })

  it('keeps the last owner: removing them or their leaving is a 409', async () => {
    const { owner, t } = await school()
    const leave = await call('DELETE', `/tenants/${t.id}/members/${owner.id}`, { token: owner.token })
    expect(leave.status).toBe(409)
    expect(leave.body.error.code).toBe('last_owner')
    expect(await roleOf(t.id, owner.id)).toBe('owner')
  })

  it('does not let an admin remove an owner (403) and answers 404 for non-members', async () => {
    const { owner, admin, t } = await school()
    expect(
      (await call('DELETE', `/tenants/${t.id}/members/${owner.id}`, { token: admin.token })).status,
    ).toBe(403)
    expect(await roleOf(t.id, owner.id)).toBe('owner')
    const outsider = await createUser(sql)
    expect(
      (await call('DELETE', `/tenants/${t.id}/members/${outsider.id}`, { token: admin.token })).status,
    ).toBe(404)
    expect(
      (await call('DELETE', `/tenants/${t.id}/members/${admin.id}`, { token: outsider.token })).status,
    ).toBe(404)
  })
})

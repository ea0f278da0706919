import { afterAll, describe, expect, it } from 'vitest'
import { createTenant, createUser, type TestUser, testKeys, unique } from '../../../test/support/fixtures.ts'
import { signJwt } from '../../lib/jwt.ts'
import { setupApi } from '../core/testing.ts'
import { openTicket } from '../support/testing.ts'
import { findEverywhere, setPassword } from './testing.ts'

const api = await setupApi()
const { sql, call } = api
afterAll(() => api.close())

const PASSWORD = 'right-horse-42'

/** A person with a distinctive email, name and phone, and a password. */
async function distinctivePerson() {
  const mark = unique('zq')
  const name = `Zawadi ${mark} Wanjiku`
  const email = `${mark}.erase@test.kipindi.test`
  const phone = `2547${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`
  const user = await createUser(sql, { email, name })
  await sql`update auth.users set phone = ${phone} where id = ${user.id}`
  await setPassword(sql, user, PASSWORD)
  return { user, name, email, phone }
}

/** Every ledger account of the school with its balance and the sum of its entries. */
const ledgerTotals = (tenant: string) => sql`
  select a.id, a.kind, a.owner_id, a.balance_minor::text as balance,
    coalesce((select sum(e.amount_minor) from public.ledger_entries e where e.account_id = a.id), 0)::text as entries
  from public.ledger_accounts a where a.tenant_id = ${tenant} order by a.id`

async function buyCourse(tenant: string, course: string, buyer: TestUser) {
  const [p] = await sql`
    insert into public.payments (tenant_id, payer_id, beneficiary_id, purpose, course_id, provider, currency, amount_minor)
    values (${tenant}, ${buyer.id}, ${buyer.id}, 'course', ${course}, 'test', 'KES', 100000) returning id`
  await sql`select private.record_payment_success('test', ${unique('evt')}, ${p.id}, ${`ref-${p.id}`}, 100000, 'KES')`
  return p.id as string
}

describe('POST /api/me/delete', () => {
  it('erases the email, name and phone from every column of every table; ledger totals stay', async () => {
    const owner = await createUser(sql, { name: 'Owner Erase' })
    const instructor = await createUser(sql, { name: 'Teacher Erase' })
    const parent = await createUser(sql, { name: 'Parent Erase' })
    const z = await distinctivePerson()
    const t = await createTenant(sql, owner, [
      [instructor, 'instructor'],
      [z.user, 'student'],
      [parent, 'parent'],
    ])
    const other = await createTenant(sql, owner)
    await sql`insert into public.guardian_links (tenant_id, parent_id, student_id) values (${t.id}, ${parent.id}, ${z.user.id})`
    const [course] = await sql`insert into public.courses (tenant_id, title, created_by)
      values (${t.id}, 'Biology', ${instructor.id}) returning id`
    const paymentId = await buyCourse(t.id, course.id, z.user)
    // A ticket she opened, and a staff reply naming her on it; a ticket of someone else she answered.
    const ticket = await openTicket(call, z.user, t.id, {
      subject: `Help for ${z.name}`,
      body: `My phone is ${z.phone}, email ${z.email}`,
    })
    await sql`insert into public.ticket_messages (ticket_id, author_id, body)
      values (${ticket.id}, ${owner.id}, ${`Hello ${z.name}, we will call you.`})`
    const parentTicket = await openTicket(call, parent, t.id, { subject: 'Fees', body: 'When are fees due?' })
    await sql`insert into public.ticket_messages (ticket_id, author_id, body)
      values (${parentTicket.id}, ${z.user.id}, ${`I am ${z.name}, his daughter.`})`
    // The tutor, a notification to someone else naming her, an invitation to her email elsewhere.
    const [conv] = await sql`insert into public.ai_conversations (tenant_id, student_id, course_id, title)
      values (${t.id}, ${z.user.id}, ${course.id}, ${`Photosynthesis (${z.name})`}) returning id`
    await sql`insert into public.ai_messages (conversation_id, role, content)
      values (${conv.id}, 'user', ${`I am ${z.name} and my email is ${z.email}`})`
    await sql`insert into public.notifications (user_id, tenant_id, kind, title, body)
      values (${instructor.id}, ${t.id}, 'ticket_message', ${`${z.name} booked your session`}, ${`Call ${z.phone}`})`
    await sql`insert into public.invitations (tenant_id, email, role, token_hash, invited_by)
      values (${other.id}, ${z.email}, 'student', ${unique('hash')}, ${owner.id})`
    await sql`insert into public.audit_log (tenant_id, actor_id, action, target_type, target_id, details, ip)
      values (${t.id}, ${owner.id}, 'member.note', 'user', ${z.user.id},
              ${sql.json({ who: z.name, contact: { email: z.email, phones: [z.phone] }, kept: 'yes' })}, '198.51.100.7')`
    const auditBefore = await sql`select id, actor_id, action, target_type, target_id, created_at
      from public.audit_log where tenant_id = ${t.id} order by id`
    const ledgerBefore = await ledgerTotals(t.id)
    expect(ledgerBefore.length).toBeGreaterThan(1)
    for (const needle of [z.email, z.name, z.phone]) {
      expect((await findEverywhere(sql, needle)).length, needle).toBeGreaterThan(0)
    }

    const res = await call('POST', '/me/delete', { token: z.user.token, body: { password: PASSWORD } })
    expect(res.status, res.text).toBe(204)

    for (const needle of [z.email, z.name, z.phone]) {
      expect(await findEverywhere(sql, needle), needle).toEqual([])
    }
    expect(await ledgerTotals(t.id)).toEqual(ledgerBefore)
    const [payment] =
      await sql`select payer_id, amount_minor::int as amount from public.payments where id = ${paymentId}`
    expect(payment).toEqual({ payer_id: z.user.id, amount: 100000 })
    // History keeps who did what to whom and when; the erasure itself is recorded.
    const auditAfter = await sql`select id, actor_id, action, target_type, target_id, created_at
      from public.audit_log where id = any (${auditBefore.map((a) => a.id)}) order by id`
    expect(auditAfter).toEqual(auditBefore)
    const [note] =
      await sql`select details, ip from public.audit_log where tenant_id = ${t.id} and action = 'member.note'`
    expect(note).toEqual({
      details: { who: '[erased]', contact: { email: '[erased]', phones: ['[erased]'] }, kept: 'yes' },
      ip: null,
    })
    const [erased] = await sql`select count(*)::int as n from public.audit_log
      where action = 'account.deleted' and target_id = ${z.user.id} and actor_id = ${z.user.id}`
    expect(erased.n).toBe(1)
    // Others' threads keep her reply's place; her own ticket and memberships are gone.
    const [reply] = await sql`select author_id, body from public.ticket_messages
      where ticket_id = ${parentTicket.id} and author_id = ${z.user.id}`
    expect(reply.body).toMatch(/removed/)
    expect(await sql`select 1 from public.tickets where id = ${ticket.id}`).toHaveLength(0)
    expect(await sql`select 1 from public.memberships where user_id = ${z.user.id}`).toHaveLength(0)
    expect(await sql`select 1 from public.guardian_links where student_id = ${z.user.id}`).toHaveLength(0)
    const [profile] = await sql`select display_name, email from public.profiles where id = ${z.user.id}`
    expect(profile).toEqual({ display_name: 'Deleted user', email: '' })
    // Signed out everywhere: the token no longer works.
    expect((await call('GET', '/me', { token: z.user.token })).status).toBe(401)
  })

  it('refuses the only owner of a school (409 sole_owner) and a wrong password, changing nothing', async () => {
    const z = await distinctivePerson()
    const t = await createTenant(sql, z.user)
    const refused = await call('POST', '/me/delete', { token: z.user.token, body: { password: PASSWORD } })
    expect(refused.status).toBe(409)
    expect(refused.body.error.code).toBe('sole_owner')
    expect(refused.body.error.message).toContain(t.name)

    const student = await distinctivePerson()
    await sql`insert into public.memberships (tenant_id, user_id, role) values (${t.id}, ${student.user.id}, 'student')`
    const wrong = await call('POST', '/me/delete', {
      token: student.user.token,
      body: { password: 'nope-nope-1' },
    })
    expect(wrong.status).toBe(422)
    expect(wrong.body.error.code).toBe('wrong_password')
    const bad = await call('POST', '/me/delete', { token: student.user.token, body: {} })
    expect(bad.status).toBe(400)
    for (const who of [z, student]) {
      const [u] = await sql`select email, deleted_at from auth.users where id = ${who.user.id}`
      expect(u).toEqual({ email: who.email, deleted_at: null })
    }
    expect(await sql`select 1 from public.memberships where tenant_id = ${t.id}`).toHaveLength(2)
    expect((await call('GET', '/me', { token: student.user.token })).status).toBe(200)
  })

  it('refuses support acting for the person (an impersonation token), even with the right password', async () => {
    const z = await distinctivePerson()
    const { signing } = await testKeys()
    const acting = {
      ...z.user.claims,
      act: { sub: crypto.randomUUID() },
      impersonation_id: crypto.randomUUID(),
    }
    const res = await call('POST', '/me/delete', {
      token: await signJwt(acting, signing),
      body: { password: PASSWORD },
    })
    expect(res.status).toBe(403)
    expect(res.body.error.code).toBe('impersonation_forbidden')
    const [u] = await sql`select email, deleted_at from auth.users where id = ${z.user.id}`
    expect(u).toEqual({ email: z.email, deleted_at: null })
  })

  it('lets one of two owners go, the school keeping the other', async () => {
    const first = await distinctivePerson()
    const second = await createUser(sql)
    const t = await createTenant(sql, first.user)
    await sql`insert into public.memberships (tenant_id, user_id, role) values (${t.id}, ${second.id}, 'owner')`
    const res = await call('POST', '/me/delete', { token: first.user.token, body: { password: PASSWORD } })
    expect(res.status, res.text).toBe(204)
    const owners =
      await sql`select user_id from public.memberships where tenant_id = ${t.id} and role = 'owner'`
    expect(owners.map((o) => o.user_id)).toEqual([second.id])
  })
})

describe('POST /api/tenants/:id/ownership', () => {
  async function school() {
    const owner = await distinctivePerson()
    const admin = await createUser(sql)
    const student = await createUser(sql)
    const t = await createTenant(sql, owner.user, [
      [admin, 'admin'],
      [student, 'student'],
    ])
    await setPassword(sql, admin, PASSWORD)
    const roles = async () =>
      Object.fromEntries(
        (await sql`select user_id, role from public.memberships where tenant_id = ${t.id}`).map((m) => [
          m.user_id,
          m.role,
        ]),
      )
    return { owner: owner.user, admin, student, t, roles }
  }

  it('makes an admin the owner and the owner an admin in one step, audited', async () => {
    const s = await school()
    const res = await call('POST', `/tenants/${s.t.id}/ownership`, {
      token: s.owner.token,
      body: { user_id: s.admin.id, password: PASSWORD },
    })
    expect(res.status, res.text).toBe(200)
    expect(res.body).toEqual({ tenant_id: s.t.id, owner_id: s.admin.id, previous_owner_id: s.owner.id })
    expect(await s.roles()).toEqual({
      [s.owner.id]: 'admin',
      [s.admin.id]: 'owner',
      [s.student.id]: 'student',
    })
    const [entry] = await sql`select actor_id, target_id, details from public.audit_log
      where tenant_id = ${s.t.id} and action = 'tenant.ownership_transferred'`
    expect(entry).toEqual({
      actor_id: s.owner.id,
      target_id: s.admin.id,
      details: { from: s.owner.id, to: s.admin.id },
    })
  })

  it('needs the right password, an admin to receive it and an owner to give it; refusals change nothing', async () => {
    const s = await school()
    const before = await s.roles()
    const attempts: [TestUser, object, number, string][] = [
      [s.owner, { user_id: s.admin.id, password: 'wrong-horse-1' }, 422, 'wrong_password'],
      [s.owner, { user_id: s.student.id, password: PASSWORD }, 409, 'transfer_to_admin'],
      [s.owner, { user_id: s.owner.id, password: PASSWORD }, 409, 'transfer_to_admin'],
      [s.owner, { user_id: crypto.randomUUID(), password: PASSWORD }, 404, 'not_a_member'],
      [s.admin, { user_id: s.admin.id, password: PASSWORD }, 403, 'owners_only'],
      [s.owner, { user_id: 'not-a-uuid', password: PASSWORD }, 400, 'validation_failed'],
    ]
    for (const [who, body, status, code] of attempts) {
      const res = await call('POST', `/tenants/${s.t.id}/ownership`, { token: who.token, body })
      expect(res.status, JSON.stringify(body)).toBe(status)
      expect(res.body.error.code).toBe(code)
    }
    // The owner of another school cannot take this one.
    const stranger = await distinctivePerson()
    await createTenant(sql, stranger.user)
    const res = await call('POST', `/tenants/${s.t.id}/ownership`, {
      token: stranger.user.token,
      body: { user_id: s.admin.id, password: PASSWORD },
    })
    expect(res.status).toBe(403)
    expect(await s.roles()).toEqual(before)
  })
})

describe('a school deletion', () => {
  async function school() {
    const owner = await createUser(sql)
    const coOwner = await createUser(sql)
    const admin = await createUser(sql)
    const student = await createUser(sql)
    const t = await createTenant(sql, owner, [
      [coOwner, 'owner'],
      [admin, 'admin'],
      [student, 'student'],
    ])
    return { owner, coOwner, admin, student, t }
  }

  it('is planned 30 days ahead by an owner, shown to admins, cancelled by another owner', async () => {
    const s = await school()
    const asked = await call('POST', `/tenants/${s.t.id}/deletion`, { token: s.owner.token })
    expect(asked.status, asked.text).toBe(201)
    const days = (Date.parse(asked.body.due_at) - Date.now()) / 86_400_000
    expect(days).toBeGreaterThan(29.9)
    expect(days).toBeLessThan(30.1)
    expect(
      (await call('POST', `/tenants/${s.t.id}/deletion`, { token: s.owner.token })).body.error.code,
    ).toBe('deletion_already_requested')
    const seen = await call('GET', `/tenants/${s.t.id}/deletion`, { token: s.admin.token })
    expect(seen.body.due_at).toBe(asked.body.due_at)
    expect((await call('GET', `/tenants/${s.t.id}/deletion`, { token: s.student.token })).status).toBe(403)
    const superadmin = await createUser(sql, { platformRole: 'superadmin' })
    const pending = await call('GET', '/admin/school-deletions', { token: superadmin.token })
    expect(pending.body.schools.map((p: { id: string }) => p.id)).toContain(s.t.id)
    expect((await call('GET', '/admin/school-deletions', { token: s.owner.token })).status).toBe(403)
    for (const who of [s.admin, s.student]) {
      expect((await call('DELETE', `/tenants/${s.t.id}/deletion`, { token: who.token })).status).toBe(403)
    }
    const cancelled = await call('DELETE', `/tenants/${s.t.id}/deletion`, { token: s.coOwner.token })
    expect(cancelled.status).toBe(200)
    expect(cancelled.body.due_at).toBeNull()
    expect(
      (await call('DELETE', `/tenants/${s.t.id}/deletion`, { token: s.coOwner.token })).body.error.code,
    ).toBe('no_deletion_pending')
    const actions = await sql`select action from public.audit_log where tenant_id = ${s.t.id}
      and action like 'tenant.deletion%' order by id`
    expect(actions.map((a) => a.action)).toEqual(['tenant.deletion_requested', 'tenant.deletion_cancelled'])
  })

  it('cannot be asked or cancelled by an admin, a student or another school, nor set directly', async () => {
    const s = await school()
    const stranger = await createUser(sql)
    await createTenant(sql, stranger)
    for (const who of [s.admin, s.student, stranger]) {
      const res = await call('POST', `/tenants/${s.t.id}/deletion`, { token: who.token })
      expect(res.status).toBe(403)
    }
    await expect(
      sql.begin(async (tx) => {
        await tx`select set_config('role', 'authenticated', true),
          set_config('request.jwt.claims', ${JSON.stringify(s.owner.claims)}, true)`
        await tx`update public.tenants set deletion_due_at = now(), deletion_requested_at = now() where id = ${s.t.id}`
      }),
    ).rejects.toThrow(/deletion is asked/)
    const [t] = await sql`select deletion_due_at from public.tenants where id = ${s.t.id}`
    expect(t.deletion_due_at).toBeNull()
  })

  it('runs when due: a school without money records goes entirely, one with them stays as a tombstone', async () => {
    const plain = await school()
    const paid = await school()
    const [course] = await sql`insert into public.courses (tenant_id, title, created_by)
      values (${paid.t.id}, 'Chemistry', ${paid.owner.id}) returning id`
    await buyCourse(paid.t.id, course.id, paid.student)
    const ledgerBefore = await ledgerTotals(paid.t.id)
    for (const s of [plain, paid]) {
      expect((await call('POST', `/tenants/${s.t.id}/deletion`, { token: s.owner.token })).status).toBe(201)
    }
    const [early] = await sql`select private.delete_due_schools(now() + interval '29 days') as n`
    expect(early.n).toBe(0)
    const [due] = await sql`select private.delete_due_schools(now() + interval '31 days') as n`
    expect(due.n).toBeGreaterThanOrEqual(2)
    expect(await sql`select 1 from public.tenants where id = ${plain.t.id}`).toHaveLength(0)
    const [tomb] = await sql`select name, status, deletion_due_at from public.tenants where id = ${paid.t.id}`
    expect(tomb).toEqual({ name: 'Deleted school', status: 'deleted', deletion_due_at: null })
    expect(await sql`select 1 from public.memberships where tenant_id = ${paid.t.id}`).toHaveLength(0)
    expect(await sql`select 1 from public.courses where tenant_id = ${paid.t.id}`).toHaveLength(0)
    expect(await ledgerTotals(paid.t.id)).toEqual(ledgerBefore)
    expect((await call('GET', `/tenants/${paid.t.id}/deletion`, { token: paid.owner.token })).status).toBe(
      403,
    )
  })
})

describe('GET /api/tenants/:id/export', () => {
  it("streams the school's tables for its owner, none of another school's rows, no secrets", async () => {
    const owner = await createUser(sql, { name: 'Export Owner' })
    const admin = await createUser(sql)
    const student = await createUser(sql, { name: 'Export Student' })
    const t = await createTenant(sql, owner, [
      [admin, 'admin'],
      [student, 'student'],
    ])
    const otherOwner = await createUser(sql)
    const other = await createTenant(sql, otherOwner)
    await sql`insert into public.courses (tenant_id, title, created_by) values (${t.id}, 'Ours', ${owner.id})`
    await sql`insert into public.courses (tenant_id, title, created_by) values (${other.id}, 'Theirs', ${otherOwner.id})`
    const ticket = await openTicket(call, student, t.id, {
      subject: 'Export me',
      body: 'A message to export',
    })
    await sql`insert into public.invitations (tenant_id, email, role, token_hash, invited_by)
      values (${t.id}, ${`${unique('inv')}@test.kipindi.test`}, 'student', 'secret-hash-value', ${owner.id})`

    const res = await call('GET', `/tenants/${t.id}/export`, { token: owner.token })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-disposition')).toMatch(
      new RegExp(`attachment; filename="${t.slug}-export-`),
    )
    const doc = JSON.parse(res.text)
    expect(doc).toMatchObject({ format: 'kipindi-school-export/1', school: { id: t.id, slug: t.slug } })
    expect(doc.tables.courses.map((c: { title: string }) => c.title)).toEqual(['Ours'])
    expect(doc.tables.tickets.map((k: { id: string }) => k.id)).toEqual([ticket.id])
    expect(doc.tables.ticket_messages.map((m: { body: string }) => m.body)).toContain('A message to export')
    const names = doc.tables.profiles.map((p: { display_name: string }) => p.display_name)
    expect(names).toHaveLength(3)
    expect(names).toEqual(expect.arrayContaining(['Export Owner', 'Export Student']))
    expect(res.text).not.toContain('secret-hash-value')
    expect(res.text).not.toContain('Theirs')
    expect(doc.tables.invitations[0]).not.toHaveProperty('token_hash')
    const [entry] =
      await sql`select actor_id from public.audit_log where tenant_id = ${t.id} and action = 'tenant.exported'`
    expect(entry.actor_id).toBe(owner.id)

    for (const who of [admin, student, otherOwner]) {
      expect((await call('GET', `/tenants/${t.id}/export`, { token: who.token })).status).toBe(403)
    }
  })
})

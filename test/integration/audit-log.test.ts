import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { withClientIp, withUser } from '../../edge/lib/db.ts'
import { createUser, testDb } from '../support/fixtures.ts'
import { createWorld, outcome, type World, walkCast } from '../support/rls.ts'

// The audit log beyond RLS: nobody changes history, not even the privileged connection; entries
// carry the caller's address; the admin read function and the account's own security events.

const sql = testDb(10)
let w: World
beforeAll(async () => {
  w = await createWorld(sql)
  // Security events of the student's and adminB's accounts (no school).
  await sql`insert into public.audit_log (tenant_id, action, target_type, target_id)
            values (null, 'auth.password_reset_requested', 'user', ${w.users.student.id}),
                   (null, 'auth.sign_in_failures', 'user', ${w.users.adminB.id})`
})
afterAll(() => sql.end())

const IMMUTABLE = /audit log is append-only/

describe('audit log: immutable for every role', () => {
  it('refuses update, delete and truncate on the privileged (table owner) connection', async () => {
    const [{ n }] = await sql`select count(*)::int as n from public.audit_log where tenant_id = ${w.a.id}`
    await expect(
      sql`update public.audit_log set action = 'nothing' where tenant_id = ${w.a.id}`,
    ).rejects.toThrow(IMMUTABLE)
    await expect(
      sql`update public.audit_log set tenant_id = null where tenant_id = ${w.a.id}`,
    ).rejects.toThrow(IMMUTABLE)
    await expect(sql`delete from public.audit_log where tenant_id = ${w.a.id}`).rejects.toThrow(IMMUTABLE)
    await expect(sql`truncate public.audit_log`).rejects.toThrow(IMMUTABLE)
    await expect(sql`truncate public.tenants cascade`).rejects.toThrow(IMMUTABLE)
    const [after] = await sql`select count(*)::int as n from public.audit_log where tenant_id = ${w.a.id}`
    expect(after.n).toBe(n)
  })

  it('names itself to the API (42501 with hint audit_log_immutable)', async () => {
    const error =
      await sql`delete from public.audit_log where id = (select min(id) from public.audit_log)`.catch(
        (e) => e,
      )
    expect(error).toMatchObject({ code: '42501', hint: 'audit_log_immutable' })
  })

  it('still lets a deleted school’s entries lose their school, and nothing else', async () => {
    const owner = await createUser(sql)
    const [t] =
      await sql`insert into public.tenants (name, slug, created_by) values ('Gone', ${`gone-${owner.id.slice(0, 8)}`}, ${owner.id}) returning id`
    const before =
      await sql`select id, action, details from public.audit_log where tenant_id = ${t.id} order by id`
    expect(before.length).toBeGreaterThan(0)
    await sql`delete from public.tenants where id = ${t.id}`
    const after =
      await sql`select id, action, details, tenant_id from public.audit_log where id in ${sql(before.map((r) => r.id))} order by id`
    expect(after).toEqual(before.map((r) => ({ ...r, tenant_id: null })))
  })
})

describe('audit log: the caller’s address', () => {
  it('records the request.ip withUser sets, and null for what is not an address', async () => {
    const admin = w.users.admin
    const actions = async (ip: string) => {
      const claims = withClientIp(admin.claims, ip)
      return withUser(sql, claims, async (tx) => {
        await tx`update public.tenants set name = ${`School ${ip.length}`} where id = ${w.a.id}`
        const [e] = await sql`select 1`
        return e
      })
    }
    await actions('2001:db8::5')
    const [v6] =
      await sql`select host(ip) as ip from public.audit_log where tenant_id = ${w.a.id} and action = 'tenant.updated' order by id desc limit 1`
    expect(v6.ip).toBe('2001:db8::5')
    await actions('not-an-address')
    const [bad] =
      await sql`select ip from public.audit_log where tenant_id = ${w.a.id} and action = 'tenant.updated' order by id desc limit 1`
    expect(bad.ip).toBeNull()
    // Without a request (jobs, migrations): no address.
    await sql`insert into public.audit_log (tenant_id, action, target_type) values (${w.b.id}, 'job.ran', 'tenant')`
    const [job] =
      await sql`select ip from public.audit_log where tenant_id = ${w.b.id} order by id desc limit 1`
    expect(job.ip).toBeNull()
  })
})

// biome-ignore format: the expected outcomes read as a table, one row per command
walkCast('public.audit_entries (a school’s log for its admins)', () => w, [
  {
    op: 'select',
    name: "school A's membership entries",
    run: (tx, w) => tx`select 1 from public.audit_entries(${w.a.id}, 'member')`,
    expect: {
      anon: 'permission denied for function audit_entries',
      outsider: 'Only owners and admins of this school can read its audit log.',
      student: 'Only owners and admins of this school can read its audit log.',
      instructor: 'Only owners and admins of this school can read its audit log.',
      staff: 'Only owners and admins of this school can read its audit log.',
      admin: 6, owner: 6,
      adminB: 'Only owners and admins of this school can read its audit log.',
      superadmin: 6,
    },
  },
])

describe('audit log: an account’s own security events', () => {
  it('are readable by that account alone (and superadmins), never by its school’s admins', async () => {
    const events = (id: string) => (tx: Parameters<Parameters<typeof outcome>[2]>[0]) =>
      tx`select 1 from public.audit_log where tenant_id is null and target_id = ${id}`
    expect(await outcome(sql, w.users.student, events(w.users.student.id))).toBe(1)
    expect(await outcome(sql, w.users.peer, events(w.users.student.id))).toBe(0)
    expect(await outcome(sql, w.users.admin, events(w.users.student.id))).toBe(0)
    expect(await outcome(sql, w.users.owner, events(w.users.student.id))).toBe(0)
    expect(await outcome(sql, w.users.student, events(w.users.adminB.id))).toBe(0)
    expect(await outcome(sql, w.users.superadmin, events(w.users.student.id))).toBe(1)
  })
})

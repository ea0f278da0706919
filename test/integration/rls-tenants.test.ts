import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { withUser } from '../../edge/lib/db.ts'
import { createTenant, createUser, testDb } from '../support/fixtures.ts'
import { createWorld, denied, outcome, slug, violates, type World, walkCast } from '../support/rls.ts'

const sql = testDb(10)
let w: World
beforeAll(async () => {
  w = await createWorld(sql)
})
afterAll(() => sql.end())

const DENIED = denied('tenants')

// biome-ignore format: the expected outcomes read as a table, one row per command
walkCast('tenants', () => w, [
  {
    op: 'select',
    run: (tx, w) => tx`select id from public.tenants where id in ${tx([w.a.id, w.b.id])}`,
    expect: { anon: DENIED, outsider: 0, student: 1, instructor: 1, staff: 1, admin: 1, owner: 1, adminB: 1, superadmin: 2 },
  },
  {
    op: 'insert',
    name: 'create a school and read it back',
    run: (tx) => tx`insert into public.tenants (name, slug) values ('New school', ${slug()}) returning id`,
    expect: { anon: DENIED, outsider: 1, student: 1, instructor: 1, staff: 1, admin: 1, owner: 1, adminB: 1, superadmin: 1 },
  },
  {
    op: 'insert',
    name: 'create a school in someone else\u2019s name',
    run: (tx, w) => tx`insert into public.tenants (name, slug, created_by) values ('Forged', ${slug()}, ${w.users.peer.id})`,
    expect: {
      anon: DENIED,
      outsider: violates('tenants'),
      student: violates('tenants'),
      instructor: violates('tenants'),
      staff: violates('tenants'),
      admin: violates('tenants'),
      owner: violates('tenants'),
      adminB: violates('tenants'),
      superadmin: violates('tenants'),
    },
  },
  {
    op: 'update',
    run: (tx, w) => tx`update public.tenants set name = 'Renamed school' where id = ${w.a.id}`,
    expect: { anon: DENIED, outsider: 0, student: 0, instructor: 0, staff: 0, admin: 1, owner: 1, adminB: 0, superadmin: 0 },
  },
  {
    op: 'update',
    name: 'change the creator',
    run: (tx, w) => tx`update public.tenants set created_by = ${w.users.admin.id} where id = ${w.a.id}`,
    expect: {
      anon: DENIED,
      outsider: 0,
      student: 0,
      instructor: 0,
      staff: 0,
      admin: 'The creator of a school cannot be changed.',
      owner: 'The creator of a school cannot be changed.',
      adminB: 0,
      superadmin: 0,
    },
  },
  {
    op: 'delete',
    run: (tx, w) => tx`delete from public.tenants where id = ${w.a.id}`,
    expect: { anon: DENIED, outsider: 0, student: 0, instructor: 0, staff: 0, admin: 0, owner: 1, adminB: 0, superadmin: 0 },
  },
])

describe('tenants: rules', () => {
  it('makes the creator the owner, inside the same transaction that creates the school', async () => {
    const me = await createUser(sql)
    const s = slug()
    const [created, role] = await withUser(sql, me.claims, async (tx) => {
      const [t] =
        await tx`insert into public.tenants (name, slug) values ('Mine', ${s}) returning id, created_by`
      const [m] =
        await tx`select role from public.memberships where tenant_id = ${t.id} and user_id = ${me.id}`
      return [t, m.role]
    })
    expect(created.created_by).toBe(me.id)
    expect(role).toBe('owner')
    const [audit] =
      await sql`select actor_id, action from public.audit_log where tenant_id = ${created.id} and action = 'tenant.created'`
    expect(audit).toEqual({ actor_id: me.id, action: 'tenant.created' })
  })

  it('stops showing a school to its creator once they have handed it over and left', async () => {
    const creator = await createUser(sql)
    const heir = await createUser(sql)
    const t = await createTenant(sql, creator, [[heir, 'owner']])
    const visible = () => outcome(sql, creator, (tx) => tx`select 1 from public.tenants where id = ${t.id}`)
    expect(await visible()).toBe(1)
    await withUser(
      sql,
      creator.claims,
      (tx) => tx`delete from public.memberships where tenant_id = ${t.id} and user_id = ${creator.id}`,
    )
    expect(await visible()).toBe(0)
  })

  it('lets the owner delete a school: members and invitations go, the audit trail stays', async () => {
    const owner = await createUser(sql)
    const member = await createUser(sql)
    const t = await createTenant(sql, owner, [[member, 'student']])
    await sql`insert into public.invitations (tenant_id, email, role, token_hash) values (${t.id}, 'gone@test.kipindi.test', 'student', ${slug()})`
    const before = await sql`select id from public.audit_log where tenant_id = ${t.id}`
    const deleted = await withUser(
      sql,
      owner.claims,
      (tx) => tx`delete from public.tenants where id = ${t.id}`,
    )
    expect(deleted.count).toBe(1)
    expect(await sql`select 1 from public.memberships where tenant_id = ${t.id}`).toHaveLength(0)
    expect(await sql`select 1 from public.invitations where tenant_id = ${t.id}`).toHaveLength(0)
    const kept = await sql`select tenant_id from public.audit_log where id in ${sql(before.map((r) => r.id))}`
    expect(kept.map((r) => r.tenant_id)).toEqual(before.map(() => null))
    const [entry] =
      await sql`select actor_id, details from public.audit_log where action = 'tenant.deleted' and target_id = ${t.id}`
    expect(entry).toEqual({ actor_id: owner.id, details: { name: t.name, slug: t.slug } })
  })

  it('shows the superadmin every school, including ones created by others', async () => {
    const seeded = await sql`select id from public.tenants where slug = 'demo-academy'`
    const ids = [w.a.id, w.b.id, ...seeded.map((r) => r.id)]
    expect(
      await outcome(sql, w.users.superadmin, (tx) => tx`select 1 from public.tenants where id in ${tx(ids)}`),
    ).toBe(3)
  })

  it('trusts platform_role only from app_metadata, never from user_metadata', async () => {
    const pretender = await createUser(sql)
    pretender.claims.user_metadata = { ...pretender.claims.user_metadata, platform_role: 'superadmin' }
    const seen = await outcome(
      sql,
      pretender,
      (tx) => tx`select 1 from public.tenants where id in ${tx([w.a.id, w.b.id])}`,
    )
    expect(seen).toBe(0)
  })
})

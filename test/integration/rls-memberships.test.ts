import postgres from 'postgres'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { withUser } from '../../edge/lib/db.ts'
import { createTenant, createUser, testDb } from '../support/fixtures.ts'
import { createWorld, denied, outcome, violates, type World, walkCast } from '../support/rls.ts'

const sql = testDb(10)
let w: World
beforeAll(async () => {
  w = await createWorld(sql)
})
afterAll(() => sql.end())

const DENIED = denied('memberships')
const RLS = violates('memberships')
const ONLY_OWNER_GRANTS = 'Only an owner can make someone an owner.'
const ONLY_OWNER_CHANGES = 'Only an owner can change or remove another owner.'
const LAST_OWNER = 'A school must keep at least one owner: make someone else an owner first.'
const NO_MOVE = 'A membership cannot move to another tenant or user.'

// biome-ignore format: the expected outcomes read as a table, one row per command
walkCast('memberships', () => w, [
  {
    op: 'select',
    run: (tx, w) => tx`select 1 from public.memberships where tenant_id in ${tx([w.a.id, w.b.id])}`,
    expect: { anon: DENIED, outsider: 0, student: 6, instructor: 6, staff: 6, admin: 6, owner: 6, adminB: 2, superadmin: 8 },
  },
  {
    op: 'insert',
    name: 'add the outsider to A as a student',
    run: (tx, w) => tx`insert into public.memberships (tenant_id, user_id, role) values (${w.a.id}, ${w.users.outsider.id}, 'student')`,
    expect: { anon: DENIED, outsider: RLS, student: RLS, instructor: RLS, staff: RLS, admin: 1, owner: 1, adminB: RLS, superadmin: RLS },
  },
  {
    op: 'insert',
    name: 'add the outsider to A as an owner',
    run: (tx, w) => tx`insert into public.memberships (tenant_id, user_id, role) values (${w.a.id}, ${w.users.outsider.id}, 'owner')`,
    // The guard trigger runs before the policy's with check, so everyone but the owner hears it.
    expect: {
      anon: DENIED,
      outsider: ONLY_OWNER_GRANTS,
      student: ONLY_OWNER_GRANTS,
      instructor: ONLY_OWNER_GRANTS,
      staff: ONLY_OWNER_GRANTS,
      admin: ONLY_OWNER_GRANTS,
      owner: 1,
      adminB: ONLY_OWNER_GRANTS,
      superadmin: ONLY_OWNER_GRANTS,
    },
  },
  {
    op: 'update',
    name: "change a student's role",
    run: (tx, w) => tx`update public.memberships set role = 'staff' where tenant_id = ${w.a.id} and user_id = ${w.users.peer.id}`,
    expect: { anon: DENIED, outsider: 0, student: 0, instructor: 0, staff: 0, admin: 1, owner: 1, adminB: 0, superadmin: 0 },
  },
  {
    op: 'update',
    name: 'promote yourself to admin',
    run: (tx, w) => tx`update public.memberships set role = 'admin' where tenant_id = ${w.a.id} and user_id = (select auth.uid())`,
    expect: { anon: DENIED, outsider: 0, student: 0, instructor: 0, staff: 0, admin: 1, owner: LAST_OWNER, adminB: 0, superadmin: 0 },
  },
  {
    op: 'update',
    name: 'make a student an owner',
    run: (tx, w) => tx`update public.memberships set role = 'owner' where tenant_id = ${w.a.id} and user_id = ${w.users.peer.id}`,
    expect: { anon: DENIED, outsider: 0, student: 0, instructor: 0, staff: 0, admin: ONLY_OWNER_GRANTS, owner: 1, adminB: 0, superadmin: 0 },
  },
  {
    op: 'update',
    name: 'demote the only owner',
    run: (tx, w) => tx`update public.memberships set role = 'admin' where tenant_id = ${w.a.id} and user_id = ${w.users.owner.id}`,
    expect: { anon: DENIED, outsider: 0, student: 0, instructor: 0, staff: 0, admin: ONLY_OWNER_CHANGES, owner: LAST_OWNER, adminB: 0, superadmin: 0 },
  },
  {
    op: 'update',
    name: 'move a membership to another user',
    run: (tx, w) => tx`update public.memberships set user_id = ${w.users.outsider.id} where tenant_id = ${w.a.id} and user_id = ${w.users.peer.id}`,
    expect: { anon: DENIED, outsider: 0, student: 0, instructor: 0, staff: 0, admin: NO_MOVE, owner: NO_MOVE, adminB: 0, superadmin: 0 },
  },
  {
    op: 'update',
    name: 'move your own B membership into A',
    run: (tx, w) => tx`update public.memberships set tenant_id = ${w.a.id} where tenant_id = ${w.b.id} and user_id = (select auth.uid())`,
    expect: { anon: DENIED, outsider: 0, student: 0, instructor: 0, staff: 0, admin: 0, owner: 0, adminB: NO_MOVE, superadmin: 0 },
  },
  {
    op: 'delete',
    name: 'remove a student',
    run: (tx, w) => tx`delete from public.memberships where tenant_id = ${w.a.id} and user_id = ${w.users.peer.id}`,
    expect: { anon: DENIED, outsider: 0, student: 0, instructor: 0, staff: 0, admin: 1, owner: 1, adminB: 0, superadmin: 0 },
  },
  {
    op: 'delete',
    name: 'leave A',
    run: (tx, w) => tx`delete from public.memberships where tenant_id = ${w.a.id} and user_id = (select auth.uid())`,
    expect: { anon: DENIED, outsider: 0, student: 1, instructor: 1, staff: 1, admin: 1, owner: LAST_OWNER, adminB: 0, superadmin: 0 },
  },
  {
    op: 'delete',
    name: 'remove the only owner',
    run: (tx, w) => tx`delete from public.memberships where tenant_id = ${w.a.id} and user_id = ${w.users.owner.id}`,
    expect: { anon: DENIED, outsider: 0, student: 0, instructor: 0, staff: 0, admin: ONLY_OWNER_CHANGES, owner: LAST_OWNER, adminB: 0, superadmin: 0 },
  },
])

describe('memberships: owner rules', () => {
  it('reports the last owner with code P0001 and hint last_owner, which the API maps', async () => {
    const owner = await createUser(sql)
    const t = await createTenant(sql, owner)
    const error = await withUser(
      sql,
      owner.claims,
      (tx) => tx`delete from public.memberships where tenant_id = ${t.id}`,
    ).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(postgres.PostgresError)
    expect(error).toMatchObject({ code: 'P0001', hint: 'last_owner', message: LAST_OWNER })
  })

  it('lets an owner hand over ownership: promote someone, then step down and leave', async () => {
    const [owner, heir] = [await createUser(sql), await createUser(sql)]
    const t = await createTenant(sql, owner, [[heir, 'admin']])
    const setRole = (who: typeof owner, user: string, role: string) =>
      withUser(
        sql,
        who.claims,
        (tx) =>
          tx`update public.memberships set role = ${role} where tenant_id = ${t.id} and user_id = ${user}`,
      )
    const remove = (who: typeof owner, user: string) =>
      withUser(
        sql,
        who.claims,
        (tx) => tx`delete from public.memberships where tenant_id = ${t.id} and user_id = ${user}`,
      )
    expect((await setRole(owner, heir.id, 'owner')).count).toBe(1)
    expect((await setRole(owner, owner.id, 'staff')).count).toBe(1)
    // Now only staff: RLS no longer lets them remove anyone else.
    expect((await remove(owner, heir.id)).count).toBe(0)
    expect((await remove(owner, owner.id)).count).toBe(1)
    const left = await sql`select user_id, role from public.memberships where tenant_id = ${t.id}`
    expect(left).toEqual([{ user_id: heir.id, role: 'owner' }])
    const log =
      await sql`select action, details from public.audit_log where tenant_id = ${t.id} and actor_id = ${owner.id} order by id`
    expect(log.map((r) => r.action)).toEqual(['member.role_changed', 'member.role_changed', 'member.removed'])
  })

  it('keeps one owner when two owners step down at the same moment', async () => {
    const [one, two] = [await createUser(sql), await createUser(sql)]
    const t = await createTenant(sql, one, [[two, 'owner']])
    const tag = `step-down ${t.id}` // finds the second request in pg_stat_activity
    const demote = `/* ${tag} */ update public.memberships set role = 'admin'
                    where tenant_id = $1 and user_id = (select auth.uid())`
    let release = () => {}
    const held = new Promise<void>((resolve) => {
      release = resolve
    })
    let demoted = () => {}
    const firstDemoted = new Promise<void>((resolve) => {
      demoted = resolve
    })
    // The first owner demotes themself and holds the transaction open...
    const first = withUser(sql, one.claims, async (tx) => {
      const r = await tx.unsafe(demote, [t.id])
      demoted()
      await held
      return r.count
    })
    await firstDemoted
    // ...while the second does the same: it must wait for the first, then find itself the last owner.
    const second = withUser(sql, two.claims, (tx) => tx.unsafe(demote, [t.id]).then((r) => r.count)).catch(
      (e: Error) => e.message,
    )
    expect(await waitsForLock(tag)).toBe(true)
    release()
    expect(await first).toBe(1)
    expect(await second).toBe(LAST_OWNER)
    const owners =
      await sql`select user_id from public.memberships where tenant_id = ${t.id} and role = 'owner'`
    expect(owners).toEqual([{ user_id: two.id }])
  })

  it('records who added, changed and removed members in the audit log', async () => {
    const got = await outcome(sql, w.users.admin, async (tx) => {
      await tx`insert into public.memberships (tenant_id, user_id, role) values (${w.a.id}, ${w.users.outsider.id}, 'student')`
      await tx`update public.memberships set role = 'staff' where tenant_id = ${w.a.id} and user_id = ${w.users.outsider.id}`
      await tx`delete from public.memberships where tenant_id = ${w.a.id} and user_id = ${w.users.outsider.id}`
      return tx`select action from public.audit_log
                where tenant_id = ${w.a.id} and actor_id = ${w.users.admin.id} and target_id = ${w.users.outsider.id}`
    })
    expect(got).toBe(3)
  })
})

/** True once a backend running the query tagged `tag` is blocked on a lock (gives up after 5 s). */
async function waitsForLock(tag: string) {
  for (let i = 0; i < 100; i++) {
    const [r] = await sql`select count(*)::int as n from pg_stat_activity
                          where wait_event_type = 'Lock' and query like ${`%${tag}%`}`
    if (r.n > 0) return true
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  return false
}

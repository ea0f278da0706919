import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { withUser } from '../../edge/lib/db.ts'
import { createTenant, createUser, testDb } from '../support/fixtures.ts'
import { createWorld, denied, email, outcome, type World, walkCast } from '../support/rls.ts'

const sql = testDb(10)
let w: World
beforeAll(async () => {
  w = await createWorld(sql)
})
afterAll(() => sql.end())

const DENIED = denied('profiles')
const OWN_EMAIL = 'Your email is changed in your account settings; your profile copies it from there.'

// biome-ignore format: the expected outcomes read as a table, one row per command
walkCast('profiles', () => w, [
  {
    op: 'select',
    name: 'everyone in the world (A has 6 members, B has 2)',
    run: (tx, w) => tx`select 1 from public.profiles where id in ${tx(w.everyone)}`,
    expect: { anon: DENIED, outsider: 1, student: 6, instructor: 6, staff: 6, admin: 6, owner: 6, adminB: 2, superadmin: 10 },
  },
  {
    op: 'insert',
    run: (tx) => tx`insert into public.profiles (id, email) values (gen_random_uuid(), 'ghost@test.kipindi.test')`,
    expect: { anon: DENIED, outsider: DENIED, student: DENIED, instructor: DENIED, staff: DENIED, admin: DENIED, owner: DENIED, adminB: DENIED, superadmin: DENIED },
  },
  {
    op: 'update',
    name: "rename the student's profile",
    run: (tx, w) => tx`update public.profiles set display_name = 'Renamed' where id = ${w.users.student.id}`,
    expect: { anon: DENIED, outsider: 0, student: 1, instructor: 0, staff: 0, admin: 0, owner: 0, adminB: 0, superadmin: 0 },
  },
  {
    op: 'update',
    name: 'rename your own profile',
    run: (tx) => tx`update public.profiles set display_name = 'Me' where id = (select auth.uid())`,
    expect: { anon: DENIED, outsider: 1, student: 1, instructor: 1, staff: 1, admin: 1, owner: 1, adminB: 1, superadmin: 1 },
  },
  {
    op: 'update',
    name: "show the owner's email on your own profile",
    run: (tx, w) => tx`update public.profiles set email = ${w.users.owner.email} where id = (select auth.uid())`,
    expect: {
      anon: DENIED,
      outsider: OWN_EMAIL,
      student: OWN_EMAIL,
      instructor: OWN_EMAIL,
      staff: OWN_EMAIL,
      admin: OWN_EMAIL,
      owner: 1, // it is already their email
      adminB: OWN_EMAIL,
      superadmin: OWN_EMAIL,
    },
  },
  {
    op: 'update',
    name: 'take over the student\u2019s profile id',
    run: (tx, w) => tx`update public.profiles set id = ${w.users.student.id} where id = (select auth.uid())`,
    expect: {
      anon: DENIED,
      outsider: 'new row violates row-level security policy for table "profiles"',
      student: 1, // a no-op: it is their id
      instructor: 'new row violates row-level security policy for table "profiles"',
      staff: 'new row violates row-level security policy for table "profiles"',
      admin: 'new row violates row-level security policy for table "profiles"',
      owner: 'new row violates row-level security policy for table "profiles"',
      adminB: 'new row violates row-level security policy for table "profiles"',
      superadmin: 'new row violates row-level security policy for table "profiles"',
    },
  },
  {
    op: 'delete',
    run: (tx, w) => tx`delete from public.profiles where id = ${w.users.student.id}`,
    expect: { anon: DENIED, outsider: DENIED, student: DENIED, instructor: DENIED, staff: DENIED, admin: DENIED, owner: DENIED, adminB: DENIED, superadmin: DENIED },
  },
])

describe('profiles: rules', () => {
  it('stops showing a co-member once they leave the only school you shared', async () => {
    const owner = await createUser(sql)
    const member = await createUser(sql)
    const t = await createTenant(sql, owner, [[member, 'student']])
    const seesOwner = () =>
      outcome(sql, member, (tx) => tx`select 1 from public.profiles where id = ${owner.id}`)
    expect(await seesOwner()).toBe(1)
    await withUser(
      sql,
      member.claims,
      (tx) => tx`delete from public.memberships where tenant_id = ${t.id} and user_id = ${member.id}`,
    )
    expect(await seesOwner()).toBe(0)
  })

  it('still follows an email change made by the auth service', async () => {
    const user = await createUser(sql)
    const next = email()
    await sql`update auth.users set email = ${next} where id = ${user.id}`
    const [profile] = await sql`select email from public.profiles where id = ${user.id}`
    expect(profile.email).toBe(next)
  })

  it('stamps updated_at on a rename', async () => {
    const user = await createUser(sql)
    const [before] = await sql`select updated_at from public.profiles where id = ${user.id}`
    await new Promise((resolve) => setTimeout(resolve, 5))
    await withUser(
      sql,
      user.claims,
      (tx) =>
        tx`update public.profiles set display_name = 'New name', updated_at = '2000-01-01' where id = ${user.id}`,
    )
    const [after] = await sql`select display_name, updated_at from public.profiles where id = ${user.id}`
    expect(after.display_name).toBe('New name')
    expect(after.updated_at.getTime()).toBeGreaterThan(before.updated_at.getTime())
  })
})

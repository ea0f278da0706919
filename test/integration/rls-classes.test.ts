import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createUser, type TestUser, testDb } from '../support/fixtures.ts'
import {
  CAST,
  createWorld,
  denied,
  outcome,
  type Role,
  type Row,
  type World,
  walkCast,
} from '../support/rls.ts'

// Classes (issue 17). Tenant A: class k1 with the student (its class teacher: instructor T, a second
// instructor of the school), class k2 with the peer; the cast's instructor teaches no class. Parent P
// is linked to the student. Tenant B has a class kB. A pending placement waits in k1.
const sql = testDb(12)
let w: World
let T: TestUser
let P: TestUser
const ids = {} as Record<'k1' | 'k2' | 'kB', string>

beforeAll(async () => {
  w = await createWorld(sql)
  const { student, peer, admin, adminB } = w.users
  T = await createUser(sql)
  P = await createUser(sql)
  await sql`insert into public.memberships (tenant_id, user_id, role) values
    (${w.a.id}, ${T.id}, 'instructor'), (${w.a.id}, ${P.id}, 'parent')`
  await sql`insert into public.guardian_links (tenant_id, parent_id, student_id) values (${w.a.id}, ${P.id}, ${student.id})`
  const klass = async (tenant: string, name: string, by: string) =>
    (
      await sql`insert into public.classes (tenant_id, name, created_by) values (${tenant}, ${name}, ${by}) returning id`
    )[0]?.id as string
  ids.k1 = await klass(w.a.id, 'Grade 7 East', admin.id)
  ids.k2 = await klass(w.a.id, 'Grade 7 West', admin.id)
  ids.kB = await klass(w.b.id, 'Form 1', adminB.id)
  await sql`insert into public.class_members (class_id, tenant_id, user_id) values
    (${ids.k1}, ${w.a.id}, ${student.id}), (${ids.k2}, ${w.a.id}, ${peer.id})`
  await sql`insert into public.class_teachers (class_id, tenant_id, user_id) values (${ids.k1}, ${w.a.id}, ${T.id})`
  await sql`insert into public.class_placements (tenant_id, email, class_id) values (${w.a.id}, 'waiting@test.kipindi.test', ${ids.k1})`
})
afterAll(() => sql.end())

const only = (
  roles: Partial<Record<Role, number | string>>,
  rest: number | string,
  anon: number | string,
): Row => Object.fromEntries(CAST.map((r) => [r, r === 'anon' ? anon : (roles[r] ?? rest)])) as Row
const ADMINS = { admin: 1, owner: 1 }

// biome-ignore format: the expected outcomes read as a table, one row per command
walkCast('classes', () => w, [
  {
    op: 'select', name: "read tenant A's classes (staff, instructors, admins: all; the student: theirs)",
    run: (tx) => tx`select 1 from public.classes where tenant_id = ${w.a.id}`,
    expect: only({ student: 1, instructor: 2, staff: 2, admin: 2, owner: 2, superadmin: 2 }, 0, denied('classes')),
  },
  {
    op: 'insert',
    run: (tx) => tx`insert into public.classes (tenant_id, name) values (${w.a.id}, 'New class')`,
    expect: only(ADMINS, 'new row violates row-level security policy for table "classes"', denied('classes')),
  },
  {
    op: 'update', name: 'rename',
    run: (tx) => tx`update public.classes set name = 'Renamed' where id = ${ids.k1}`,
    expect: only(ADMINS, 0, denied('classes')),
  },
  {
    op: 'delete',
    run: (tx) => tx`delete from public.classes where id = ${ids.k2}`,
    expect: only(ADMINS, 0, denied('classes')),
  },
])

// biome-ignore format: the expected outcomes read as a table, one row per command
walkCast('class_members', () => w, [
  {
    op: 'select', name: "read tenant A's class lists (admins, staff: all; the student: themself)",
    run: (tx) => tx`select 1 from public.class_members where tenant_id = ${w.a.id}`,
    expect: only({ student: 1, staff: 2, admin: 2, owner: 2, superadmin: 2 }, 0, denied('class_members')),
  },
  {
    op: 'insert', name: 'put the peer in k1 too (one class per student: admins move instead)',
    run: (tx) => tx`insert into public.class_members (class_id, tenant_id, user_id) values (${ids.k1}, ${w.a.id}, ${w.users.peer.id})`,
    expect: only({ admin: 'duplicate key value violates unique constraint "class_members_one_class"', owner: 'duplicate key value violates unique constraint "class_members_one_class"' },
      'new row violates row-level security policy for table "class_members"', denied('class_members')),
  },
  {
    op: 'update', name: 'move the peer to k1',
    run: (tx) => tx`update public.class_members set class_id = ${ids.k1} where user_id = ${w.users.peer.id}`,
    expect: only(ADMINS, 0, denied('class_members')),
  },
  {
    op: 'delete',
    run: (tx) => tx`delete from public.class_members where class_id = ${ids.k1}`,
    expect: only(ADMINS, 0, denied('class_members')),
  },
])

// biome-ignore format: the expected outcomes read as a table, one row per command
walkCast('class_teachers', () => w, [
  {
    op: 'select', name: "read tenant A's class teachers (whoever sees the class)",
    run: (tx) => tx`select 1 from public.class_teachers where tenant_id = ${w.a.id}`,
    expect: only({ student: 1, instructor: 1, staff: 1, admin: 1, owner: 1, superadmin: 1 }, 0, denied('class_teachers')),
  },
  {
    op: 'insert', name: 'make the instructor a class teacher of k2',
    run: (tx) => tx`insert into public.class_teachers (class_id, tenant_id, user_id) values (${ids.k2}, ${w.a.id}, ${w.users.instructor.id})`,
    expect: only(ADMINS, 'new row violates row-level security policy for table "class_teachers"', denied('class_teachers')),
  },
  {
    op: 'update',
    run: (tx) => tx`update public.class_teachers set class_id = ${ids.k2} where user_id = ${T.id}`,
    expect: only({}, 0, denied('class_teachers')),
  },
  {
    op: 'delete',
    run: (tx) => tx`delete from public.class_teachers where class_id = ${ids.k1}`,
    expect: only(ADMINS, 0, denied('class_teachers')),
  },
])

// biome-ignore format: the expected outcomes read as a table, one row per command
walkCast('class_placements', () => w, [
  {
    op: 'select',
    run: (tx) => tx`select 1 from public.class_placements where tenant_id = ${w.a.id}`,
    expect: only(ADMINS, 0, denied('class_placements')),
  },
  {
    op: 'insert',
    run: (tx) => tx`insert into public.class_placements (tenant_id, email, class_id) values (${w.a.id}, 'new@test.kipindi.test', ${ids.k2})`,
    expect: only(ADMINS, 'new row violates row-level security policy for table "class_placements"', denied('class_placements')),
  },
  {
    op: 'update',
    run: (tx) => tx`update public.class_placements set class_id = ${ids.k2} where tenant_id = ${w.a.id}`,
    expect: only(ADMINS, 0, denied('class_placements')),
  },
  {
    op: 'delete',
    run: (tx) => tx`delete from public.class_placements where tenant_id = ${w.a.id}`,
    expect: only(ADMINS, 0, denied('class_placements')),
  },
])

describe('classes: class teachers, parents and the other school', () => {
  const count = (who: TestUser, table: string) =>
    outcome(sql, who, (tx) => tx`select 1 from ${tx(`public.${table}`)} where tenant_id = ${w.a.id}`)

  it('a class teacher sees their class list, not the other class’s; an instructor who teaches no class sees none', async () => {
    expect(await count(T, 'class_members')).toBe(1)
    expect(
      await outcome(sql, T, (tx) => tx`select 1 from public.class_members where class_id = ${ids.k2}`),
    ).toBe(0)
    expect(await count(w.users.instructor, 'class_members')).toBe(0)
  })

  it("a linked parent sees only their child's class and its row; nothing else", async () => {
    expect(await count(P, 'classes')).toBe(1)
    expect(
      await outcome(sql, P, (tx) => tx`select name from public.classes where tenant_id = ${w.a.id}`),
    ).toBe(1)
    expect(await count(P, 'class_members')).toBe(1)
    expect(await count(P, 'class_placements')).toBe(0)
  })

  it('tenant B’s admin sees only B’s class and cannot touch A’s', async () => {
    const b = w.users.adminB
    expect(await outcome(sql, b, (tx) => tx`select 1 from public.classes`)).toBe(1)
    expect(
      await outcome(sql, b, (tx) => tx`delete from public.class_members where tenant_id = ${w.a.id}`),
    ).toBe(0)
    expect(
      await outcome(
        sql,
        b,
        (tx) =>
          tx`insert into public.class_members (class_id, tenant_id, user_id) values (${ids.kB}, ${w.a.id}, ${w.users.peer.id})`,
      ),
    ).toBe('new row violates row-level security policy for table "class_members"')
  })

  it('only students are class members and only teachers class teachers', async () => {
    const admin = w.users.admin
    expect(
      await outcome(
        sql,
        admin,
        (tx) =>
          tx`insert into public.class_members (class_id, tenant_id, user_id) values (${ids.k2}, ${w.a.id}, ${w.users.staff.id})`,
      ),
    ).toBe('Only students of this school can be in a class.')
    expect(
      await outcome(
        sql,
        admin,
        (tx) =>
          tx`insert into public.class_teachers (class_id, tenant_id, user_id) values (${ids.k2}, ${w.a.id}, ${w.users.student.id})`,
      ),
    ).toBe('Only instructors, admins and owners of this school can be class teachers.')
    // A class of school B cannot be given a row of school A (the class's own school is in its key).
    const fresh = await createUser(sql)
    await sql`insert into public.memberships (tenant_id, user_id, role) values (${w.a.id}, ${fresh.id}, 'student')`
    expect(
      await outcome(
        sql,
        admin,
        (tx) =>
          tx`insert into public.class_members (class_id, tenant_id, user_id) values (${ids.kB}, ${w.a.id}, ${fresh.id})`,
      ),
    ).toMatch(/class_members_class/)
  })

  it('leaving the student role leaves the class', async () => {
    const student = await createUser(sql)
    await sql`insert into public.memberships (tenant_id, user_id, role) values (${w.a.id}, ${student.id}, 'student')`
    await sql`insert into public.class_members (class_id, tenant_id, user_id) values (${ids.k2}, ${w.a.id}, ${student.id})`
    await sql`update public.memberships set role = 'staff' where tenant_id = ${w.a.id} and user_id = ${student.id}`
    const [{ n }] =
      await sql`select count(*)::int as n from public.class_members where user_id = ${student.id}`
    expect(n).toBe(0)
  })
})

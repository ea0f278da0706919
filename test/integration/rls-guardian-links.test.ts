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

// Parent–child links (issue 17) and what they open: a linked parent pays for the child and reads
// those payments (issue 15). Tenant A: parent P linked to the student, parent Q linked to the peer.
// Tenant B: its parent linked to its student. Course c1 in A is priced KES 1,000 and the student
// bought it (pS, succeeded); c2 is priced too and nobody has it.
const sql = testDb(12)
let w: World
let P: TestUser
let Q: TestUser
const ids = {} as Record<'c1' | 'c2' | 'pS', string>

beforeAll(async () => {
  w = await createWorld(sql)
  const { student, peer, instructor, adminB } = w.users
  P = await createUser(sql)
  Q = await createUser(sql)
  const [parentB, studentB] = [await createUser(sql), await createUser(sql)]
  await sql`insert into public.memberships (tenant_id, user_id, role) values
    (${w.a.id}, ${P.id}, 'parent'), (${w.a.id}, ${Q.id}, 'parent'),
    (${w.b.id}, ${parentB.id}, 'parent'), (${w.b.id}, ${studentB.id}, 'student')`
  await sql`insert into public.guardian_links (tenant_id, parent_id, student_id, created_by) values
    (${w.a.id}, ${P.id}, ${student.id}, null), (${w.a.id}, ${Q.id}, ${peer.id}, null),
    (${w.b.id}, ${parentB.id}, ${studentB.id}, ${adminB.id})`
  const course = async () =>
    (
      await sql`insert into public.courses (tenant_id, title, created_by) values (${w.a.id}, 'C', ${instructor.id}) returning id`
    )[0]?.id as string
  ids.c1 = await course()
  ids.c2 = await course()
  await sql`insert into public.course_prices (course_id, currency, amount_minor) values (${ids.c1}, 'KES', 100000), (${ids.c2}, 'KES', 100000)`
  const [p] =
    await sql`insert into public.payments (tenant_id, payer_id, beneficiary_id, purpose, course_id, provider, currency, amount_minor)
    values (${w.a.id}, ${student.id}, ${student.id}, 'course', ${ids.c1}, 'mpesa', 'KES', 100000) returning id`
  ids.pS = p?.id as string
  await sql`select private.record_payment_success('mpesa', ${`ws_CO_${ids.pS}:0`}, ${ids.pS}, ${`ws_CO_${ids.pS}`}, 100000, 'KES')`
})
afterAll(() => sql.end())

const only = (
  roles: Partial<Record<Role, number | string>>,
  rest: number | string,
  anon: number | string,
): Row => Object.fromEntries(CAST.map((r) => [r, r === 'anon' ? anon : (roles[r] ?? rest)])) as Row
const all = (value: number | string, anon: number | string) => only({}, value, anon)

const ADMINS_ONLY = 'Only owners and admins of this school can do that.'
const NOT_YOURS = 'You can pay only for yourself or for a child linked to you.'

// biome-ignore format: the expected outcomes read as a table, one row per command
walkCast('guardian_links', () => w, [
  {
    op: 'select', name: 'read links (admins: their school; the child: links naming them; superadmin)',
    run: (tx) => tx`select 1 from public.guardian_links where tenant_id in ${tx([w.a.id, w.b.id])}`,
    expect: only({ student: 1, admin: 2, owner: 2, adminB: 1, superadmin: 3 }, 0, denied('guardian_links')),
  },
  {
    op: 'insert', name: 'write a link directly (nobody: link_child)',
    run: (tx) => tx`insert into public.guardian_links (tenant_id, parent_id, student_id) values (${w.a.id}, ${P.id}, ${w.users.peer.id})`,
    expect: all(denied('guardian_links'), denied('guardian_links')),
  },
  {
    op: 'update',
    run: (tx) => tx`update public.guardian_links set student_id = ${w.users.peer.id} where parent_id = ${P.id}`,
    expect: all(denied('guardian_links'), denied('guardian_links')),
  },
  {
    op: 'delete', name: 'remove a link directly (nobody: unlink_child)',
    run: (tx) => tx`delete from public.guardian_links where parent_id = ${P.id}`,
    expect: all(denied('guardian_links'), denied('guardian_links')),
  },
  {
    op: 'insert', name: 'link_child (admins of the school)',
    run: (tx) => tx`select public.link_child(${w.a.id}, ${P.id}, ${w.users.peer.id})`,
    expect: only({ admin: 1, owner: 1 }, ADMINS_ONLY, 'permission denied for function link_child'),
  },
  {
    op: 'delete', name: 'unlink_child (admins of the school)',
    run: (tx) => tx`select public.unlink_child(${w.a.id}, ${P.id}, ${w.users.student.id})`,
    expect: only({ admin: 1, owner: 1 }, ADMINS_ONLY, 'permission denied for function unlink_child'),
  },
])

describe('guardian_links: the parent and the child themselves', () => {
  it('a parent reads their own links only; the child reads the links naming them', async () => {
    const read = (who: TestUser) => outcome(sql, who, (tx) => tx`select 1 from public.guardian_links`)
    expect(await read(P)).toBe(1)
    expect(await read(Q)).toBe(1)
    expect(await read(w.users.peer)).toBe(1)
  })

  it('neither the parent nor the child can link or unlink', async () => {
    for (const who of [P, w.users.student]) {
      expect(
        await outcome(sql, who, (tx) => tx`select public.link_child(${w.a.id}, ${P.id}, ${w.users.peer.id})`),
      ).toBe(ADMINS_ONLY)
      expect(
        await outcome(
          sql,
          who,
          (tx) => tx`select public.unlink_child(${w.a.id}, ${P.id}, ${w.users.student.id})`,
        ),
      ).toBe(ADMINS_ONLY)
    }
  })

  it('link_child links only a parent to a student of the school', async () => {
    const admin = w.users.admin
    const link = (parent: string, student: string) =>
      outcome(sql, admin, (tx) => tx`select public.link_child(${w.a.id}, ${parent}, ${student})`)
    expect(await link(w.users.instructor.id, w.users.student.id)).toBe(
      'Only a parent of this school can be linked to a child.',
    )
    expect(await link(P.id, w.users.staff.id)).toBe(
      'Only a student of this school can be linked to a parent.',
    )
    expect(await link(P.id, w.users.adminB.id)).toBe(
      'Only a student of this school can be linked to a parent.',
    )
  })

  it('a role change or leaving the school removes the link', async () => {
    const [x, kid] = [await createUser(sql), await createUser(sql)]
    await sql`insert into public.memberships (tenant_id, user_id, role) values (${w.a.id}, ${x.id}, 'parent'), (${w.a.id}, ${kid.id}, 'student')`
    const count = async () =>
      (await sql`select count(*)::int as n from public.guardian_links where parent_id = ${x.id}`)[0]?.n
    await sql`insert into public.guardian_links (tenant_id, parent_id, student_id) values (${w.a.id}, ${x.id}, ${kid.id})`
    await sql`update public.memberships set role = 'staff' where tenant_id = ${w.a.id} and user_id = ${x.id}`
    expect(await count()).toBe(0)
    await sql`update public.memberships set role = 'parent' where tenant_id = ${w.a.id} and user_id = ${x.id}`
    await sql`insert into public.guardian_links (tenant_id, parent_id, student_id) values (${w.a.id}, ${x.id}, ${kid.id})`
    await sql`delete from public.memberships where tenant_id = ${w.a.id} and user_id = ${kid.id}`
    expect(await count()).toBe(0)
  })
})

describe('payments for a linked child', () => {
  it('a linked parent reads the child\u2019s payments; an unlinked parent does not', async () => {
    const read = (who: TestUser) =>
      outcome(sql, who, (tx) => tx`select 1 from public.payments where id = ${ids.pS}`)
    expect(await read(P)).toBe(1)
    expect(await read(Q)).toBe(0)
  })

  it('a linked parent starts a payment for the child and reads it; nobody else pays for the child', async () => {
    const start = (who: TestUser, child: string) =>
      outcome(sql, who, async (tx) => {
        const [p] = await tx`select public.start_course_payment(${ids.c2}, 'mpesa', ${child}, null) as id`
        return tx`select 1 from public.payments
          where id = ${p?.id} and beneficiary_id = ${child} and payer_id = (select auth.uid())`
      })
    expect(await start(P, w.users.student.id)).toBe(1)
    expect(await start(Q, w.users.student.id)).toBe(NOT_YOURS)
    expect(await start(P, w.users.peer.id)).toBe(NOT_YOURS)
    expect(await start(w.users.instructor, w.users.student.id)).toBe(NOT_YOURS)
    expect(
      await outcome(
        sql,
        P,
        (tx) => tx`select public.start_course_payment(${ids.c1}, 'mpesa', ${w.users.student.id}, null)`,
      ),
    ).toBe('Already enrolled in this course.')
  })
})

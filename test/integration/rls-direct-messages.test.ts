import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { withUser } from '../../edge/lib/db.ts'
import { createUser, type TestUser, testDb } from '../support/fixtures.ts'
import {
  CAST,
  createWorld,
  denied,
  outcome,
  type Role,
  type Row,
  violates,
  type World,
  walkCast,
} from '../support/rls.ts'

// Direct messages (issue 19) and the rule for minors. Tenant A: the instructor co-authors course C,
// in which the student is enrolled; parent P is linked to the student; the peer is a student the
// school knows to be an adult (born 2000). The student has no birth date: a minor. Conversations:
// student–instructor (two messages), admin–staff (one); in B: ownerB–adminB (one).
const sql = testDb(4)
let w: World
let P: TestUser
const ids = {} as Record<'course' | 'c1' | 'c2' | 'cB', string>

const pair = (x: TestUser, y: TestUser) => (x.id < y.id ? [x.id, y.id] : [y.id, x.id])

beforeAll(async () => {
  w = await createWorld(sql)
  const { student, peer, instructor, admin, staff, ownerB, adminB } = w.users
  P = await createUser(sql)
  await sql`insert into public.memberships (tenant_id, user_id, role) values (${w.a.id}, ${P.id}, 'parent')`
  await sql`insert into public.guardian_links (tenant_id, parent_id, student_id, created_by) values (${w.a.id}, ${P.id}, ${student.id}, null)`
  const [c] =
    await sql`insert into public.courses (tenant_id, title, created_by) values (${w.a.id}, 'C', ${instructor.id}) returning id`
  ids.course = c?.id as string
  await sql`insert into public.course_authors (course_id, user_id, role) values (${ids.course}, ${instructor.id}, 'editor') on conflict do nothing`
  await sql`insert into public.enrolments (course_id, user_id) values (${ids.course}, ${student.id})`
  await sql`insert into public.student_birth_dates (tenant_id, user_id, birth_date) values (${w.a.id}, ${peer.id}, '2000-01-01')`
  const conversation = async (tenant: string, x: TestUser, y: TestUser) => {
    const [a, b] = pair(x, y)
    const [row] =
      await sql`insert into public.conversations (tenant_id, person_a, person_b) values (${tenant}, ${a}, ${b}) returning id`
    return row?.id as string
  }
  ids.c1 = await conversation(w.a.id, student, instructor)
  ids.c2 = await conversation(w.a.id, admin, staff)
  ids.cB = await conversation(w.b.id, ownerB, adminB)
  await sql`insert into public.direct_messages (conversation_id, tenant_id, sender_id, body) values
    (${ids.c1}, ${w.a.id}, ${student.id}, 'Hello teacher'), (${ids.c1}, ${w.a.id}, ${instructor.id}, 'Hello Kevin'),
    (${ids.c2}, ${w.a.id}, ${admin.id}, 'Staff meeting at 4'), (${ids.cB}, ${w.b.id}, ${adminB.id}, 'Hi')`
})
afterAll(() => sql.end())

const only = (
  roles: Partial<Record<Role, number | string>>,
  rest: number | string,
  anon: number | string,
): Row => Object.fromEntries(CAST.map((r) => [r, r === 'anon' ? anon : (roles[r] ?? rest)])) as Row
const all = (value: number | string, anon: number | string) => only({}, value, anon)
const NOT_ALLOWED = 'You cannot message this person.'

// biome-ignore format: the expected outcomes read as a table, one row per command
walkCast('conversations', () => w, [
  {
    op: 'select', name: 'read conversations (the two people only)',
    run: (tx) => tx`select 1 from public.conversations`,
    expect: only({ student: 1, instructor: 1, staff: 1, admin: 1, adminB: 1 }, 0, denied('conversations')),
  },
  {
    op: 'insert', name: 'start one directly (nobody: start_conversation)',
    run: (tx) => tx`insert into public.conversations (tenant_id, person_a, person_b) values (${w.a.id}, ${pair(w.users.staff, w.users.owner)[0] ?? ''}, ${pair(w.users.staff, w.users.owner)[1] ?? ''})`,
    expect: all(denied('conversations'), denied('conversations')),
  },
  {
    op: 'update', name: 'mark read or move a conversation directly',
    run: (tx) => tx`update public.conversations set a_read_at = now()`,
    expect: all(denied('conversations'), denied('conversations')),
  },
  {
    op: 'delete',
    run: (tx) => tx`delete from public.conversations`,
    expect: all(denied('conversations'), denied('conversations')),
  },
  {
    op: 'insert', name: 'start_conversation with the staff member (adults of the school; not a minor)',
    run: (tx) => tx`select public.start_conversation(${w.a.id}, ${w.users.staff.id})`,
    expect: only({ instructor: 1, admin: 1, owner: 1 }, NOT_ALLOWED, 'permission denied for function start_conversation'),
  },
])

// biome-ignore format: the expected outcomes read as a table, one row per command
walkCast('direct_messages', () => w, [
  {
    op: 'select', name: 'read messages (the two people only)',
    run: (tx) => tx`select 1 from public.direct_messages`,
    expect: only({ student: 2, instructor: 2, staff: 1, admin: 1, adminB: 1 }, 0, denied('direct_messages')),
  },
  {
    op: 'insert', name: 'write in the student–instructor conversation',
    run: (tx) => tx`insert into public.direct_messages (conversation_id, body) values (${ids.c1}, 'Me too')`,
    expect: only({ student: 1, instructor: 1 }, violates('direct_messages'), denied('direct_messages')),
  },
  {
    op: 'update', name: 'edit a message (never)',
    run: (tx) => tx`update public.direct_messages set body = 'changed'`,
    expect: all(denied('direct_messages'), denied('direct_messages')),
  },
  {
    op: 'delete', name: 'delete a message (never)',
    run: (tx) => tx`delete from public.direct_messages`,
    expect: all(denied('direct_messages'), denied('direct_messages')),
  },
])

// biome-ignore format: the expected outcomes read as a table, one row per command
walkCast('student_birth_dates', () => w, [
  {
    op: 'select', name: "read the school's birth dates (owners, admins, staff; the student their own)",
    run: (tx) => tx`select 1 from public.student_birth_dates`,
    expect: only({ staff: 1, admin: 1, owner: 1 }, 0, denied('student_birth_dates')),
  },
  {
    op: 'insert', name: "record the student's birth date (owners and admins)",
    run: (tx) => tx`insert into public.student_birth_dates (tenant_id, user_id, birth_date) values (${w.a.id}, ${w.users.student.id}, '2012-05-01')`,
    expect: only({ admin: 1, owner: 1 }, violates('student_birth_dates'), denied('student_birth_dates')),
  },
  {
    op: 'update',
    run: (tx) => tx`update public.student_birth_dates set birth_date = '2001-01-01'`,
    expect: only({ admin: 1, owner: 1 }, 0, denied('student_birth_dates')),
  },
  {
    op: 'delete',
    run: (tx) => tx`delete from public.student_birth_dates`,
    expect: only({ admin: 1, owner: 1 }, 0, denied('student_birth_dates')),
  },
])

describe('the rule for minors', () => {
  const may = async (x: TestUser, y: TestUser) => {
    const [row] = await sql<{ ok: boolean }[]>`select private.may_message(${w.a.id}, ${x.id}, ${y.id}) as ok`
    return row?.ok
  }

  it('a student without a birth date writes to their teacher and linked parent only', async () => {
    const { student, instructor, staff, admin, owner, peer } = w.users
    expect(await may(student, instructor)).toBe(true)
    expect(await may(student, P)).toBe(true)
    for (const adult of [staff, admin, owner, peer]) expect(await may(student, adult)).toBe(false)
    // The same both ways.
    expect(await may(staff, student)).toBe(false)
    expect(await may(instructor, student)).toBe(true)
  })

  it('two minors may write when they share a course', async () => {
    const other = await createUser(sql)
    await sql`insert into public.memberships (tenant_id, user_id, role) values (${w.a.id}, ${other.id}, 'student')`
    expect(await may(w.users.student, other)).toBe(false)
    await sql`insert into public.enrolments (course_id, user_id) values (${ids.course}, ${other.id})`
    expect(await may(w.users.student, other)).toBe(true)
  })

  it('a birth date at the adult age, or the rule turned off, lets a student write to any adult', async () => {
    const { student, staff, admin } = w.users
    await sql`insert into public.forum_settings (tenant_id, adult_age) values (${w.a.id}, 18)
              on conflict (tenant_id) do update set adult_age = 18`
    await sql`insert into public.student_birth_dates (tenant_id, user_id, birth_date)
              values (${w.a.id}, ${student.id}, current_date - interval '18 years')`
    expect(await may(student, staff)).toBe(true)
    await sql`update public.student_birth_dates set birth_date = current_date - interval '18 years' + interval '1 day'
              where user_id = ${student.id}`
    expect(await may(student, staff)).toBe(false)
    await sql`update public.forum_settings set adult_age = 0 where tenant_id = ${w.a.id}`
    expect(await may(student, admin)).toBe(true)
    await sql`update public.forum_settings set adult_age = 18 where tenant_id = ${w.a.id}`
    await sql`delete from public.student_birth_dates where user_id = ${student.id}`
  })

  it('is checked on every message: once the student leaves the course neither can write', async () => {
    const { student, instructor } = w.users
    await sql`delete from public.enrolments where course_id = ${ids.course} and user_id = ${student.id}`
    const write = (who: TestUser) =>
      outcome(
        sql,
        who,
        (tx) =>
          tx`insert into public.direct_messages (conversation_id, body) values (${ids.c1}, 'Still there?')`,
      )
    expect(await write(student)).toBe('You can no longer message this person.')
    expect(await write(instructor)).toBe('You can no longer message this person.')
    await sql`insert into public.enrolments (course_id, user_id) values (${ids.course}, ${student.id})`
    expect(await write(student)).toBe(1)
  })

  it("refuses words on the school's list", async () => {
    const got = await outcome(
      sql,
      w.users.student,
      (tx) =>
        tx`insert into public.direct_messages (conversation_id, body) values (${ids.c1}, 'you are stupid')`,
    )
    expect(got).toBe('This message has words your school does not allow.')
  })

  it('the parent reads their child’s birth date; a future date is refused', async () => {
    expect(await outcome(sql, P, (tx) => tx`select 1 from public.student_birth_dates`)).toBe(0)
    await sql`insert into public.student_birth_dates (tenant_id, user_id, birth_date) values (${w.a.id}, ${w.users.student.id}, '2013-02-03')`
    expect(await outcome(sql, P, (tx) => tx`select 1 from public.student_birth_dates`)).toBe(1)
    expect(await outcome(sql, w.users.student, (tx) => tx`select 1 from public.student_birth_dates`)).toBe(1)
    const future = await outcome(
      sql,
      w.users.admin,
      (tx) =>
        tx`update public.student_birth_dates set birth_date = current_date + 1 where user_id = ${w.users.student.id}`,
    )
    expect(future).toBe('A date of birth cannot be in the future.')
    await sql`delete from public.student_birth_dates where user_id = ${w.users.student.id}`
  })

  it('the second message unread tells nobody again; reading resets it', async () => {
    const { admin, staff } = w.users
    const send = (who: TestUser, body: string) =>
      withUser(
        sql,
        who.claims,
        (tx) => tx`insert into public.direct_messages (conversation_id, body) values (${ids.c2}, ${body})`,
      )
    const told = async () =>
      (await sql`select 1 from public.notifications where user_id = ${staff.id} and kind = 'direct_message'`)
        .count
    const before = await told()
    await withUser(sql, staff.claims, (tx) => tx`select public.read_conversation(${ids.c2})`)
    await send(admin, 'One')
    await send(admin, 'Two')
    expect(await told()).toBe(before + 1)
    await withUser(sql, staff.claims, (tx) => tx`select public.read_conversation(${ids.c2})`)
    await send(admin, 'Three')
    expect(await told()).toBe(before + 2)
  })
})

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bookedBefore, stay } from '../../edge/api/reports/testing.ts'
import type { Tx } from '../../edge/lib/db.ts'
import { createUser, type TestUser, testDb } from '../support/fixtures.ts'
import { createWorld, outcome, type World } from '../support/rls.ts'

// Week-by-week activity (issue 20, the charts) on a clock fixed at Wednesday 15 March 1995, Nairobi,
// so no other file's data falls in its two weeks (from Monday 6 March). Week of the 6th: the student
// opens and finishes a lesson of course C and comes to session S; the peer asks the tutor once; both
// booked S and were enrolled in C that week; the peer opens a lesson of course D; the student opens a
// ticket that breaches its first-answer clock, and another merged into it (not counted apart). Week of
// the 13th: the peer writes in C's forum; the student opens a ticket.
const sql = testDb(4)
let w: World
let P: TestUser
const courses = {} as Record<'C' | 'D', string>
const CLOCK = '1995-03-15T09:00:00Z'
const at = (day: number, hour = 10) =>
  `1995-03-${String(day).padStart(2, '0')}T${String(hour - 3).padStart(2, '0')}:00:00Z`

type Week = Record<string, number | string | null>

beforeAll(async () => {
  w = await createWorld(sql)
  const { student, peer, instructor } = w.users
  P = await createUser(sql, { name: 'Parent' })
  await sql`update public.tenants set time_zone = 'Africa/Nairobi' where id = ${w.a.id}`
  await sql`insert into public.memberships (tenant_id, user_id, role) values (${w.a.id}, ${P.id}, 'parent')`
  await sql`insert into public.guardian_links (tenant_id, parent_id, student_id, created_by) values (${w.a.id}, ${P.id}, ${student.id}, null)`
  const [c] =
    await sql`insert into public.courses (tenant_id, title, created_by) values (${w.a.id}, 'C', ${instructor.id}) returning id`
  const course = c?.id as string
  courses.C = course
  await sql`insert into public.course_authors (course_id, user_id, role) values (${course}, ${instructor.id}, 'editor') on conflict do nothing`
  await sql`insert into public.enrolments (course_id, user_id, created_at) values (${course}, ${student.id}, ${at(6)}), (${course}, ${peer.id}, ${at(7)})`
  const [l] = await sql`insert into public.lessons (course_id, title) values (${course}, 'L') returning id`
  // As it was recorded then (the progress trigger stamps the present time).
  await sql.begin(async (tx) => {
    await tx`set local session_replication_role = replica`
    await tx`insert into public.lesson_progress (user_id, lesson_id, course_id, tenant_id, first_read_at, last_read_at, completed_at)
      values (${student.id}, ${l?.id}, ${course}, ${w.a.id}, ${at(7)}, ${at(8)}, ${at(8)})`
  })
  const [d] =
    await sql`insert into public.courses (tenant_id, title, created_by) values (${w.a.id}, 'D', ${instructor.id}) returning id`
  courses.D = d?.id as string
  await sql`insert into public.course_authors (course_id, user_id, role) values (${courses.D}, ${instructor.id}, 'editor') on conflict do nothing`
  const [dl] =
    await sql`insert into public.lessons (course_id, title) values (${courses.D}, 'DL') returning id`
  await sql.begin(async (tx) => {
    await tx`set local session_replication_role = replica`
    await tx`insert into public.lesson_progress (user_id, lesson_id, course_id, tenant_id, first_read_at, last_read_at)
      values (${peer.id}, ${dl?.id}, ${courses.D}, ${w.a.id}, ${at(10)}, ${at(10)})`
  })
  const [s] =
    await sql`insert into public.tutoring_sessions (tenant_id, instructor_id, course_id, title, starts_at, duration_minutes, capacity)
    values (${w.a.id}, ${instructor.id}, ${course}, 'S', ${at(9)}, 60, 10) returning id`
  await bookedBefore(sql, [
    [s?.id, student.id],
    [s?.id, peer.id],
  ])
  await stay(sql, s?.id, student.id, 0, 30)
  const [conv] =
    await sql`insert into public.ai_conversations (tenant_id, student_id, course_id, title, created_at)
    values (${w.a.id}, ${peer.id}, ${course}, 'Q', ${at(8)}) returning id`
  await sql`insert into public.ai_messages (conversation_id, role, content, created_at) values
    (${conv?.id}, 'user', 'What is a cell?', ${at(8)}), (${conv?.id}, 'assistant', 'A unit of life.', ${at(8)})`
  await sql.begin(async (tx) => {
    await tx`set local session_replication_role = replica`
    const ticket = (n: number, day: number, merged: string | null = null) => tx`
      insert into public.tickets (tenant_id, number, requester_id, subject, category, created_at, merged_into)
      values (${w.a.id}, ${n}, ${student.id}, 'Help', 'technical', ${at(day)}, ${merged}) returning id`
    const [late] = await ticket(1, 7)
    await tx`insert into public.ticket_sla_targets (ticket_id, target, started_at, warn_at, due_at, breached_at)
      values (${late?.id}, 'first_response', ${at(7)}, ${at(7, 11)}, ${at(7, 12)}, ${at(7, 12)})`
    await ticket(2, 8, late?.id as string)
    await ticket(3, 14)
    await tx`insert into public.forum_threads (tenant_id, course_id, category, title, body, author_id, created_at, last_post_at)
      values (${w.a.id}, ${course}, 'question', 'T', 'Body', ${peer.id}, ${at(14)}, ${at(14)})`
  })
})
afterAll(() => sql.end())

async function weekly(who: TestUser, course: string | null = null): Promise<Week[]> {
  let weeks: Week[] = []
  const result = await outcome(sql, who, async (tx: Tx) => {
    await tx`select set_config('kipindi.clock', ${CLOCK}, true)`
    const rows = await tx<Week[]>`select week::text as week, active_students, lesson_reads, lessons_completed,
      seats_booked, seats_attended, tutor_questions, forum_posts, enrolments, tickets_opened, tickets_breached, revenue_minor, currency
      from public.weekly_activity(${w.a.id}, 2, ${course})`
    weeks = [...rows]
    return rows
  })
  if (typeof result === 'string') throw new Error(result)
  return weeks
}

const figures = (weeks: Week[]) =>
  weeks.map((x) => [
    x.week,
    x.active_students,
    x.lessons_completed,
    x.seats_booked,
    x.seats_attended,
    x.tutor_questions,
    x.forum_posts,
    x.enrolments,
  ])

describe('weekly activity', () => {
  it('counts the school week by week, with tickets for its staff and no money without payments', async () => {
    const weeks = await weekly(w.users.admin)
    expect(figures(weeks)).toEqual([
      ['1995-03-06', 2, 1, 2, 1, 1, 0, 2],
      ['1995-03-13', 1, 0, 0, 0, 0, 1, 0],
    ])
    expect(weeks.map((x) => [x.tickets_opened, x.tickets_breached, x.revenue_minor, x.currency])).toEqual([
      [1, 1, null, null],
      [1, 0, null, null],
    ])
  })

  it('gives the instructor their course without the school’s tickets, a parent their child, a student themself', async () => {
    const teacher = await weekly(w.users.instructor)
    expect(figures(teacher)).toEqual(figures(await weekly(w.users.staff)))
    expect(teacher.map((x) => x.tickets_opened)).toEqual([null, null])
    expect(figures(await weekly(P))).toEqual([
      ['1995-03-06', 1, 1, 1, 1, 0, 0, 1],
      ['1995-03-13', 0, 0, 0, 0, 0, 0, 0],
    ])
    expect(figures(await weekly(w.users.peer))).toEqual([
      ['1995-03-06', 1, 0, 1, 0, 1, 0, 1],
      ['1995-03-13', 1, 0, 0, 0, 0, 1, 0],
    ])
  })

  it('narrows to one course: its lessons opened, sessions, tutor questions and forum; no school tickets', async () => {
    expect((await weekly(w.users.admin)).map((x) => x.lesson_reads)).toEqual([2, 0])
    const c = await weekly(w.users.admin, courses.C)
    expect(figures(c)).toEqual([
      ['1995-03-06', 2, 1, 2, 1, 1, 0, 2],
      ['1995-03-13', 1, 0, 0, 0, 0, 1, 0],
    ])
    expect(c.map((x) => [x.lesson_reads, x.tickets_opened])).toEqual([
      [1, null],
      [0, null],
    ])
    const d = await weekly(w.users.instructor, courses.D)
    expect(figures(d)).toEqual([
      ['1995-03-06', 1, 0, 0, 0, 0, 0, 0],
      ['1995-03-13', 0, 0, 0, 0, 0, 0, 0],
    ])
    expect(d.map((x) => x.lesson_reads)).toEqual([1, 0])
    const elsewhere = await outcome(
      sql,
      w.users.adminB,
      (tx) => tx`select * from public.weekly_activity(${w.b.id}, 2, ${courses.C})`,
    )
    expect(elsewhere).toBe('No such course in this school.')
  })

  it('refuses another school, strangers and a number of weeks out of range', async () => {
    const forbidden = 'Reports of this school are for its staff, teachers, students and parents.'
    for (const who of [w.users.adminB, w.users.outsider, w.users.superadmin])
      await expect(weekly(who)).rejects.toThrow(forbidden)
    const many = await outcome(
      sql,
      w.users.admin,
      (tx) => tx`select * from public.weekly_activity(${w.a.id}, 53)`,
    )
    expect(many).toBe('Charts cover 1 to 52 weeks.')
  })
})

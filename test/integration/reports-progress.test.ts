import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Sql, type Tx, withUser } from '../../edge/lib/db.ts'
import { createUser, schoolToday, type TestUser, testDb } from '../support/fixtures.ts'
import { createWorld, outcome, type World } from '../support/rls.ts'

// The progress and grades report (issue 20). Tenant A: the instructor writes course C (three
// published lessons and a draft, two quizzes, two points assignments); I2 writes course D (one
// published lesson, a BTEC group assignment). The student (class K, linked to parent P) is enrolled
// in C and D, the peer (no class) too, Idle only in C and did nothing; the staff member is enrolled
// in C from when they were a student. The period is the last 30 days; work of 60–70 days ago is outside it.
// - C, the student: lesson 1 done 2 days ago, lesson 2 60 days ago, the draft yesterday; quiz Q1
//   (results on submit) twice, 5/10 and 9/10, quiz Q2 (results not released) 10/20, an attempt still
//   open; assignment A1 (released) 80/100, A2 (not released) 25/50.
// - C, the peer: every lesson done yesterday; Q1 10/10 seventy days ago; A1 handed in, not graded.
// - D: the student's group (with the peer) handed in B1 yesterday and got a Merit (released).
// Tenant B has a course with a student and their work, never seen from A.
const sql = testDb(4)
let w: World
let P: TestUser
let I2: TestUser
let idle: TestUser
const ids = {} as Record<'C' | 'D' | 'K' | 'courseB', string>

type Row = {
  key: string | null
  label: string | null
  detail: string | null
  students: number
  lessons_published: number
  lessons_completed: number
  quiz_attempts: number
  quizzes_scored: number
  quiz_average: number | null
  assignments_submitted: number
  assignments_graded: number
  grades_scored: number
  grade_average: number | null
  distinctions: number | null
  merits: number | null
  passes: number | null
  unclassified: number | null
}

const ago = (days: number) => `${days} days`

/** Writes rows as they would stand after their triggers (times set by hand), in one transaction. */
const raw = <T>(run: (tx: Tx) => Promise<T>): Promise<T> =>
  (sql as Sql).begin(async (tx) => {
    await tx`set local session_replication_role = replica`
    return run(tx)
  }) as Promise<T>

async function course(tenant: string, title: string, author: string) {
  const [c] = await sql`
    insert into public.courses (tenant_id, title, created_by) values (${tenant}, ${title}, ${author}) returning id`
  await sql`insert into public.course_authors (course_id, user_id, role) values (${c?.id}, ${author}, 'editor')
    on conflict do nothing`
  return c?.id as string
}

async function lessons(courseId: string, published: number, drafts: number) {
  const made: string[] = []
  await raw(async (tx) => {
    for (let i = 0; i < published + drafts; i += 1) {
      const [l] =
        await tx`insert into public.lessons (course_id, title, position) values (${courseId}, ${`L${i + 1}`}, ${i})
        returning id`
      made.push(l?.id as string)
      if (i < published) {
        await tx`insert into public.lesson_versions (lesson_id, version, title, html, plain_text, state)
          values (${l?.id}, 1, ${`L${i + 1}`}, '<p>x</p>', 'x', '\\x00')`
      }
    }
  })
  return made
}

async function done(tenant: string, courseId: string, user: string, lesson: string, daysAgo: number) {
  await raw(
    (
      tx,
    ) => tx`insert into public.lesson_progress (user_id, lesson_id, course_id, tenant_id, first_read_at, last_read_at, completed_at)
      values (${user}, ${lesson}, ${courseId}, ${tenant}, now() - ${ago(daysAgo)}::interval, now() - ${ago(daysAgo)}::interval,
              now() - ${ago(daysAgo)}::interval)`,
  )
}

async function quiz(tenant: string, courseId: string, release: 'on_submit' | 'manual', max: number) {
  const [q] = await raw(
    (tx) => tx`
      insert into public.quizzes (tenant_id, course_id, title, release, published_at, max_score)
      values (${tenant}, ${courseId}, ${`Quiz ${max}`}, ${release}, now() - interval '80 days', ${max}) returning id`,
  )
  return q?.id as string
}

/** A handed-in attempt with its result (`daysAgo` null: still open, no result). */
async function attempt(
  tenant: string,
  courseId: string,
  quizId: string,
  user: string,
  n: number,
  score: number,
  max: number,
  daysAgo: number | null,
) {
  await raw(async (tx) => {
    const [a] = await tx`
      insert into public.quiz_attempts (quiz_id, course_id, tenant_id, user_id, number, question_ids, started_at,
        submitted_at, status)
      values (${quizId}, ${courseId}, ${tenant}, ${user}, ${n}, '{}', now() - interval '90 days',
        ${daysAgo === null ? null : sql`now() - ${ago(daysAgo)}::interval`},
        ${daysAgo === null ? 'in_progress' : 'submitted'})
      returning id`
    if (daysAgo !== null) {
      await tx`insert into public.quiz_results (attempt_id, quiz_id, course_id, user_id, score, max_score, questions)
        values (${a?.id}, ${quizId}, ${courseId}, ${user}, ${score}, ${max}, '[]')`
    }
  })
}

async function assignment(
  tenant: string,
  courseId: string,
  o: { max?: number; released: boolean; rubric?: string; mode?: string },
) {
  const [a] = await raw(
    (tx) => tx`
      insert into public.assignments (tenant_id, course_id, title, max_points, rubric_id, published_at,
        results_released_at, mode)
      values (${tenant}, ${courseId}, 'A', ${o.max ?? 100}, ${o.rubric ?? null}, now() - interval '80 days',
        ${o.released ? sql`now()` : null}, ${o.mode ?? 'individual'})
      returning id`,
  )
  return a?.id as string
}

/** A submission `daysAgo`, graded `gradedAgo` days ago (points out of max, or a BTEC grade) unless null. */
async function handIn(
  tenant: string,
  courseId: string,
  assignmentId: string,
  user: string,
  daysAgo: number,
  grade: { gradedAgo: number; points?: number; max?: number; btec?: string } | null,
  group: string | null = null,
) {
  await raw(async (tx) => {
    const [s] = await tx`
      insert into public.assignment_submissions (assignment_id, course_id, tenant_id, user_id, submitted_at, group_id)
      values (${assignmentId}, ${courseId}, ${tenant}, ${user}, now() - ${ago(daysAgo)}::interval, ${group})
      returning id`
    if (grade) {
      await tx`insert into public.assignment_grades (submission_id, assignment_id, course_id, user_id, raw_points, points,
          max_points, btec_grade, graded_at)
        values (${s?.id}, ${assignmentId}, ${courseId}, ${user}, ${grade.points ?? null}, ${grade.points ?? null},
          ${grade.max ?? null}, ${grade.btec ?? null}, now() - ${ago(grade.gradedAgo)}::interval)`
    }
  })
}

beforeAll(async () => {
  w = await createWorld(sql)
  const A = w.a.id
  const { student, peer, instructor, staff } = w.users
  ;[P, I2, idle] = await Promise.all([
    createUser(sql, { name: 'Parent P' }),
    createUser(sql, { name: 'Tutor Two' }),
    createUser(sql, { name: 'Idle Student' }),
  ])
  await sql`insert into public.memberships (tenant_id, user_id, role) values
    (${A}, ${P.id}, 'parent'), (${A}, ${I2.id}, 'instructor'), (${A}, ${idle.id}, 'student')`
  await sql`insert into public.guardian_links (tenant_id, parent_id, student_id, created_by) values (${A}, ${P.id}, ${student.id}, null)`
  ids.C = await course(A, 'C', instructor.id)
  ids.D = await course(A, 'D', I2.id)
  const [k] = await sql`insert into public.classes (tenant_id, name) values (${A}, 'Grade 7 K') returning id`
  ids.K = k?.id as string
  await sql`insert into public.class_members (class_id, tenant_id, user_id) values (${ids.K}, ${A}, ${student.id})`
  await sql`insert into public.enrolments (course_id, user_id, enrolled_by, created_at) values
    (${ids.C}, ${student.id}, null, now() - interval '100 days'), (${ids.C}, ${peer.id}, null, now() - interval '100 days'),
    (${ids.C}, ${idle.id}, null, now() - interval '5 days'),
    (${ids.D}, ${student.id}, null, now() - interval '100 days'), (${ids.D}, ${peer.id}, null, now() - interval '100 days')`
  // Enrolled as a student once, staff now: not a student of the report.
  await raw(
    (tx) =>
      tx`insert into public.enrolments (course_id, user_id, enrolled_by) values (${ids.C}, ${staff.id}, null)`,
  )

  const [l1, l2, l3, draft] = await lessons(ids.C, 3, 1)
  await done(A, ids.C, student.id, l1 as string, 2)
  await done(A, ids.C, student.id, l2 as string, 60)
  await done(A, ids.C, student.id, draft as string, 1)
  for (const l of [l1, l2, l3]) await done(A, ids.C, peer.id, l as string, 1)
  await lessons(ids.D, 1, 0)

  const q1 = await quiz(A, ids.C, 'on_submit', 10)
  const q2 = await quiz(A, ids.C, 'manual', 20)
  await attempt(A, ids.C, q1, student.id, 1, 5, 10, 3)
  await attempt(A, ids.C, q1, student.id, 2, 9, 10, 1)
  await attempt(A, ids.C, q1, student.id, 3, 0, 10, null)
  await attempt(A, ids.C, q2, student.id, 1, 10, 20, 1)
  await attempt(A, ids.C, q1, peer.id, 1, 10, 10, 70)

  const a1 = await assignment(A, ids.C, { released: true })
  const a2 = await assignment(A, ids.C, { max: 50, released: false })
  await handIn(A, ids.C, a1, student.id, 5, { gradedAgo: 2, points: 80, max: 100 })
  await handIn(A, ids.C, a2, student.id, 1, { gradedAgo: 1, points: 25, max: 50 })
  await handIn(A, ids.C, a1, peer.id, 2, null)

  const [rubric] = await sql`
    insert into public.rubrics (tenant_id, kind, title, criteria)
    values (${A}, 'btec', 'Cells', '[{"id":"p1","code":"P1","description":"x"},{"id":"m1","code":"M1","description":"y"}]')
    returning id`
  const b1 = await assignment(A, ids.D, { released: true, rubric: rubric?.id, mode: 'group' })
  const [g] = await raw(
    (tx) => tx`insert into public.assignment_groups (assignment_id, course_id, tenant_id, name)
      values (${b1}, ${ids.D}, ${A}, 'G') returning id`,
  )
  await raw(
    (
      tx,
    ) => tx`insert into public.assignment_group_members (group_id, assignment_id, course_id, user_id) values
      (${g?.id}, ${b1}, ${ids.D}, ${student.id}), (${g?.id}, ${b1}, ${ids.D}, ${peer.id})`,
  )
  await handIn(A, ids.D, b1, student.id, 1, { gradedAgo: 1, btec: 'Merit' }, g?.id as string)

  // Tenant B: a student with work in its own course.
  const studentB = await createUser(sql)
  await sql`insert into public.memberships (tenant_id, user_id, role) values (${w.b.id}, ${studentB.id}, 'student')`
  ids.courseB = await course(w.b.id, 'B course', w.users.ownerB.id)
  await sql`insert into public.enrolments (course_id, user_id, enrolled_by) values (${ids.courseB}, ${studentB.id}, null)`
  const [lb] = await lessons(ids.courseB, 1, 0)
  await done(w.b.id, ids.courseB, studentB.id, lb as string, 1)
})
afterAll(() => sql.end())

/** The report as `who` over the last 30 days, rows in their order. */
async function report(
  who: TestUser,
  group: string,
  filters: { course?: string; class?: string; student?: string } = {},
) {
  let rows: Row[] = []
  const today = await schoolToday(sql, w.a.id)
  const result = await outcome(sql, who, async (tx: Tx) => {
    const result = await tx<Row[]>`
      select key, label, detail, students, lessons_published, lessons_completed, quiz_attempts, quizzes_scored,
        quiz_average, assignments_submitted, assignments_graded, grades_scored, grade_average,
        distinctions, merits, passes, unclassified
      from public.progress_report(${w.a.id}, ${today}::date - 30, ${today}::date, ${group},
        ${filters.course ?? null}, ${filters.class ?? null}, ${filters.student ?? null})
      order by ordinal`
    rows = [...result]
    return result
  })
  if (typeof result === 'string') throw new Error(result)
  return rows
}

const name = async (u: TestUser) => (await sql`select private.display_name(${u.id}) as n`)[0]?.n as string
/** A row's lessons, quizzes and assignments: [done, published, attempts, scored, average, handed in, graded, average]. */
const work = (r: Row) => [
  r.lessons_completed,
  r.lessons_published,
  r.quiz_attempts,
  r.quizzes_scored,
  r.quiz_average,
  r.assignments_submitted,
  r.assignments_graded,
  r.grade_average,
]
const btec = (r: Row) => [r.distinctions, r.merits, r.passes, r.unclassified]

describe('progress report', () => {
  it('sums each course: students enrolled, the period’s work only, BTEC only where the course uses it', async () => {
    const rows = await report(w.users.admin, 'course')
    expect(rows.map((r) => [r.label, r.students])).toEqual([
      ['C', 3],
      ['D', 2],
    ])
    const [c, d] = rows as [Row, Row]
    // C: 3 lessons × 3 students; done: the student 1 (not the one of 60 days ago, not the draft), the peer 3.
    expect(work(c)).toEqual([4, 9, 3, 3, 63.3, 3, 2, 65])
    expect(btec(c)).toEqual([null, null, null, null])
    expect(work(d)).toEqual([0, 2, 0, 0, null, 2, 2, null])
    expect(btec(d)).toEqual([0, 2, 0, 0])
  })

  it('agrees with a count straight from the tables, enrolment by enrolment', async () => {
    const direct = await sql<Row[]>`
      with period as (
        select ((now() at time zone t.time_zone)::date - 30)::timestamp at time zone t.time_zone as f,
               ((now() at time zone t.time_zone)::date + 1)::timestamp at time zone t.time_zone as t
        from public.tenants t where t.id = ${w.a.id}
      ), member_grades as (
        select s.course_id, s.assignment_id, u.user_id, g.points, g.max_points, g.btec_grade, g.graded_at
        from public.assignment_grades g join public.assignment_submissions s on s.id = g.submission_id
        cross join lateral (
          select m.user_id from public.assignment_group_members m where m.group_id = s.group_id
          union select s.user_id where not exists (select 1 from public.assignment_group_members m where m.group_id = s.group_id)
        ) u
      )
      select e.user_id as key, c.title as detail,
        (select count(*) from public.lessons l where l.course_id = c.id
           and exists (select 1 from public.lesson_versions v where v.lesson_id = l.id))::int as lessons_published,
        (select count(*) from public.lesson_progress p, period
           where p.user_id = e.user_id and p.course_id = c.id and p.completed_at >= period.f and p.completed_at < period.t
             and exists (select 1 from public.lesson_versions v where v.lesson_id = p.lesson_id))::int as lessons_completed,
        (select count(*) from public.quiz_attempts a, period
           where a.user_id = e.user_id and a.course_id = c.id and a.status = 'submitted'
             and a.submitted_at >= period.f and a.submitted_at < period.t)::int as quiz_attempts,
        (select round(avg(100.0 * r.score / r.max_score), 1)::float8 from public.quiz_attempts a
           join public.quiz_results r on r.attempt_id = a.id, period
           where a.user_id = e.user_id and a.course_id = c.id and a.submitted_at >= period.f and a.submitted_at < period.t)
          as quiz_average,
        (select count(distinct s.assignment_id) from public.assignment_submissions s, period
           where s.course_id = c.id and s.submitted_at >= period.f and s.submitted_at < period.t
             and (s.user_id = e.user_id or exists (select 1 from public.assignment_group_members m
                                                   where m.group_id = s.group_id and m.user_id = e.user_id)))::int
          as assignments_submitted,
        (select count(*) from member_grades g, period
           where g.user_id = e.user_id and g.course_id = c.id and g.graded_at >= period.f and g.graded_at < period.t)::int
          as assignments_graded,
        (select round(avg(100.0 * g.points / g.max_points), 1)::float8 from member_grades g, period
           where g.user_id = e.user_id and g.course_id = c.id and g.points is not null
             and g.graded_at >= period.f and g.graded_at < period.t) as grade_average,
        (select count(*) from member_grades g, period
           where g.user_id = e.user_id and g.course_id = c.id and g.btec_grade = 'Merit'
             and g.graded_at >= period.f and g.graded_at < period.t)::int as merits
      from public.enrolments e join public.courses c on c.id = e.course_id
      join public.memberships m on m.tenant_id = c.tenant_id and m.user_id = e.user_id and m.role = 'student'
      where c.tenant_id = ${w.a.id}
      order by e.user_id, c.title`
    const rows = await report(w.users.owner, 'enrolment')
    const got = rows
      .map((r) => ({
        key: r.key,
        detail: r.detail,
        lessons_published: r.lessons_published,
        lessons_completed: r.lessons_completed,
        quiz_attempts: r.quiz_attempts,
        quiz_average: r.quiz_average,
        assignments_submitted: r.assignments_submitted,
        assignments_graded: r.assignments_graded,
        grade_average: r.grade_average,
        merits: r.merits ?? 0,
      }))
      .sort((a, b) => `${a.key}${a.detail}`.localeCompare(`${b.key}${b.detail}`))
    expect(got).toEqual(
      direct
        .map((d) => ({ ...d }))
        .sort((a, b) => `${a.key}${a.detail}`.localeCompare(`${b.key}${b.detail}`)),
    )
    expect(rows).toHaveLength(5)
  })

  it('groups by student with their class, by class, and shows who did nothing', async () => {
    const { student, peer } = w.users
    const byStudent = await report(w.users.staff, 'student')
    const names = { [await name(student)]: 'student', [await name(peer)]: 'peer', [await name(idle)]: 'idle' }
    expect(
      byStudent.map((r) => [names[r.label as string], r.detail, r.students, r.lessons_published]),
    ).toEqual(
      expect.arrayContaining([
        ['student', 'Grade 7 K', 1, 4],
        ['peer', null, 1, 4],
        ['idle', null, 1, 3],
      ]),
    )
    const idleRow = byStudent.find((r) => r.key === idle.id) as Row
    expect([...work(idleRow), ...btec(idleRow)]).toEqual([
      0,
      3,
      0,
      0,
      null,
      0,
      0,
      null,
      null,
      null,
      null,
      null,
    ])
    const byClass = await report(w.users.admin, 'class')
    expect(byClass.map((r) => [r.label, r.students, r.lessons_completed, r.merits])).toEqual([
      ['Grade 7 K', 1, 1, 1],
      [null, 2, 3, 1],
    ])
  })

  it('filters by course, class and student', async () => {
    expect((await report(w.users.admin, 'enrolment', { course: ids.D })).map((r) => r.detail)).toEqual([
      'D',
      'D',
    ])
    expect((await report(w.users.admin, 'enrolment', { class: ids.K })).map((r) => r.key)).toEqual([
      w.users.student.id,
      w.users.student.id,
    ])
    expect(
      (await report(w.users.admin, 'course', { student: idle.id })).map((r) => [r.label, r.students]),
    ).toEqual([['C', 1]])
  })

  it('shows an instructor the courses they write, a parent their child and a student themself, released results only', async () => {
    expect((await report(w.users.instructor, 'course')).map((r) => r.label)).toEqual(['C'])
    expect((await report(I2, 'course')).map((r) => r.label)).toEqual(['D'])
    const teacherView = (
      await report(w.users.instructor, 'enrolment', { student: w.users.student.id })
    )[0] as Row
    expect(work(teacherView)).toEqual([1, 3, 3, 3, 63.3, 2, 2, 65])

    const child = await report(P, 'enrolment')
    expect(child.map((r) => [r.key, r.detail])).toEqual([
      [w.users.student.id, 'C'],
      [w.users.student.id, 'D'],
    ])
    // Q2's result and A2's grade are not released: the attempt and the hand-in count, not their scores.
    expect(work(child[0] as Row)).toEqual([1, 3, 3, 2, 70, 2, 1, 80])
    expect(btec(child[1] as Row)).toEqual([0, 1, 0, 0])
    const own = await report(w.users.student, 'course')
    expect(own.map((r) => [r.label, r.quiz_average, r.grade_average])).toEqual([
      ['C', 70, 80],
      ['D', null, null],
    ])
    expect(
      (await report(w.users.peer, 'enrolment')).map((r) => [r.detail, r.lessons_completed, r.merits]),
    ).toEqual([
      ['C', 3, null],
      ['D', 0, 1],
    ])
  })

  it('refuses partners, other schools and strangers; a reversed or too long period; an unknown grouping', async () => {
    const partner = await createUser(sql)
    await sql`insert into public.memberships (tenant_id, user_id, role) values (${w.a.id}, ${partner.id}, 'partner')`
    const forbidden = 'Reports of this school are for its staff, teachers, students and parents.'
    for (const who of [w.users.adminB, w.users.outsider, w.users.superadmin, partner]) {
      await expect(report(who, 'course')).rejects.toThrow(forbidden)
    }
    const call = (from: string, to: string, group: string) =>
      outcome(
        sql,
        w.users.admin,
        (tx) => tx`select * from public.progress_report(${w.a.id}, ${from}, ${to}, ${group})`,
      )
    expect(await call('2026-02-01', '2026-01-01', 'course')).toBe('The period starts after it ends.')
    expect(await call('2000-01-01', '2026-01-01', 'course')).toBe('A report covers at most a year.')
    expect(await call('2026-01-01', '2026-02-01', 'session')).toBe(
      'A progress report is grouped by course, student, class or enrolment.',
    )
    const error = await withUser(
      sql,
      w.users.admin.claims,
      (tx) => tx`select * from public.progress_report(${w.a.id}, '2026-01-01', '2026-02-01', 'seat')`,
    ).catch((e: { code: string; hint: string }) => e)
    expect([(error as { code: string }).code, (error as { hint: string }).hint]).toEqual([
      '22023',
      'progress_grouping',
    ])
  })

  it('never counts another school: B’s course is not in A’s report, and B sees only its own', async () => {
    const everything = await report(w.users.owner, 'enrolment')
    expect(everything.some((r) => r.detail === 'B course')).toBe(false)
    const today = await schoolToday(sql, w.b.id)
    const own = await outcome(
      sql,
      w.users.ownerB,
      (tx) =>
        tx`select * from public.progress_report(${w.b.id}, ${today}::date - 30, ${today}::date, 'course')`,
    )
    expect(own).toBe(1)
  })
})

describe('progress exports', () => {
  it('are asked for like attendance ones, with report = progress', async () => {
    const made = await outcome(
      sql,
      w.users.instructor,
      (tx) =>
        tx`select * from public.request_report_export(${w.a.id}, 'progress', 'xlsx', '{"group":"student"}')`,
    )
    expect(made).toBe(1)
    expect(
      await outcome(
        sql,
        w.users.instructor,
        (tx) => tx`select * from public.request_report_export(${w.a.id}, 'grades', 'csv', '{}')`,
      ),
    ).toMatch(/report_exports_report_check/)
  })
})

import { afterAll, beforeAll } from 'vitest'
import { testDb } from '../support/fixtures.ts'
import { CAST, createWorld, type Role, type Row, violates, type World, walkCast } from '../support/rls.ts'

// Assignments' tables (issue 16). Tenant A: rubrics rA (used by as4) and rA2 (unused); the
// instructor's course c1 with the student enrolled; assignments as1 (published, released: the
// student's submission graded), as2 (a draft), as3 (published, not released: graded), as4
// (published, rubric rA, nothing submitted), as5 (published, submitted, not graded). Tenant B: rubric
// rB and a published assignment asB.
const sql = testDb(12)
let w: World
type Key =
  | 'c1'
  | 'cB'
  | 'rA'
  | 'rA2'
  | 'rB'
  | 'as1'
  | 'as2'
  | 'as3'
  | 'as4'
  | 'as5'
  | 'asB'
  | 's1'
  | 's3'
  | 's5'
const ids = {} as Record<Key, string>

const rubric = async (tenant: string) =>
  (
    await sql`insert into public.rubrics (tenant_id, kind, title, criteria)
      values (${tenant}, 'btec', 'Unit', ${sql.json([{ id: 'c1', code: 'P1', description: 'Explain' }])}) returning id`
  )[0]?.id as string

async function assignment(
  course: string,
  o: { published?: boolean; released?: boolean; rubric?: string } = {},
) {
  const [a] =
    await sql`insert into public.assignments (course_id, title, rubric_id, published_at, results_released_at)
    values (${course}, 'Task', ${o.rubric ?? null}, ${o.published === false ? null : new Date()},
            ${o.released ? new Date() : null}) returning id`
  return a?.id as string
}

async function submission(assignmentId: string, user: string, points?: number) {
  const [s] =
    await sql`insert into public.assignment_submissions (assignment_id, course_id, tenant_id, user_id, body)
    select id, course_id, tenant_id, ${user}, 'My work' from public.assignments where id = ${assignmentId} returning id`
  if (points !== undefined) {
    await sql`insert into public.assignment_grades (submission_id, assignment_id, course_id, user_id, raw_points)
      select id, assignment_id, course_id, user_id, ${points} from public.assignment_submissions where id = ${s?.id}`
  }
  return s?.id as string
}

beforeAll(async () => {
  w = await createWorld(sql)
  const { instructor, student, adminB } = w.users
  const course = async (tenant: string, by: string) =>
    (
      await sql`insert into public.courses (tenant_id, title, created_by) values (${tenant}, 'C', ${by}) returning id`
    )[0]?.id as string
  ids.c1 = await course(w.a.id, instructor.id)
  ids.cB = await course(w.b.id, adminB.id)
  await sql`insert into public.enrolments (course_id, user_id) values (${ids.c1}, ${student.id})`
  ids.rA = await rubric(w.a.id)
  ids.rA2 = await rubric(w.a.id)
  ids.rB = await rubric(w.b.id)
  ids.as1 = await assignment(ids.c1, { released: true })
  ids.as2 = await assignment(ids.c1, { published: false })
  ids.as3 = await assignment(ids.c1)
  ids.as4 = await assignment(ids.c1, { rubric: ids.rA })
  ids.as5 = await assignment(ids.c1)
  ids.asB = await assignment(ids.cB, { rubric: ids.rB })
  ids.s1 = await submission(ids.as1, student.id, 80)
  ids.s3 = await submission(ids.as3, student.id, 60)
  ids.s5 = await submission(ids.as5, student.id)
})
afterAll(() => sql.end())

const only = (
  roles: Partial<Record<Role, number | string>>,
  rest: number | string,
  anon: number | string,
): Row => Object.fromEntries(CAST.map((r) => [r, r === 'anon' ? anon : (roles[r] ?? rest)])) as Row
const all = (value: number | string, anon: number | string) => only({}, value, anon)
const TEACHERS = (n: number) => ({ instructor: n, staff: n, admin: n, owner: n })
const GRADERS = (n: number) => ({ instructor: n, admin: n, owner: n })

// biome-ignore format: the expected outcomes read as a table, one row per command
walkCast('rubrics', () => w, [
  {
    op: 'select', name: "read rubrics (the school's teachers; a student those of their assignments)",
    run: (tx) => tx`select 1 from public.rubrics where id in ${tx([ids.rA, ids.rA2, ids.rB])}`,
    expect: only({ ...TEACHERS(2), student: 1, adminB: 1 }, 0, 0),
  },
  {
    op: 'insert', name: 'add a rubric to school A (instructors, admins, owners)',
    run: (tx) => tx`insert into public.rubrics (tenant_id, kind, title, criteria)
                    values (${w.a.id}, 'btec', 'New', '[{"id":"c1","code":"P1","description":"x"}]')`,
    expect: only(GRADERS(1), violates('rubrics'), violates('rubrics')),
  },
  {
    op: 'update', run: (tx) => tx`update public.rubrics set title = 'Renamed' where id in ${tx([ids.rA, ids.rA2])}`,
    expect: only(GRADERS(2), 0, 0),
  },
  {
    op: 'delete', name: 'delete the unused rubric',
    run: (tx) => tx`delete from public.rubrics where id = ${ids.rA2}`,
    expect: only(GRADERS(1), 0, 0),
  },
])

// biome-ignore format: the expected outcomes read as a table, one row per command
walkCast('assignments', () => w, [
  {
    op: 'select', name: 'read assignments (teachers all; enrolled students the published ones)',
    run: (tx) => tx`select 1 from public.assignments where id in ${tx([ids.as1, ids.as2, ids.as3, ids.as4, ids.as5, ids.asB])}`,
    expect: only({ ...TEACHERS(5), student: 4, adminB: 1 }, 0, 0),
  },
  {
    op: 'insert', name: 'add an assignment to c1 (its editor)',
    run: (tx) => tx`insert into public.assignments (course_id, title) values (${ids.c1}, 'New')`,
    expect: only({ instructor: 1 }, violates('assignments'), violates('assignments')),
  },
  {
    op: 'update', name: 'release grades (its editor)',
    run: (tx) => tx`update public.assignments set results_released_at = now() where id = ${ids.as3}`,
    expect: only({ instructor: 1 }, 0, 0),
  },
  { op: 'delete', run: (tx) => tx`delete from public.assignments where id = ${ids.as2}`, expect: only({ instructor: 1 }, 0, 0) },
])

// biome-ignore format: the expected outcomes read as a table, one row per command
walkCast('assignment_submissions', () => w, [
  {
    op: 'select', name: "read submissions (the student's own; teachers)",
    run: (tx) => tx`select 1 from public.assignment_submissions where course_id = ${ids.c1}`,
    expect: only({ ...TEACHERS(3), student: 3 }, 0, 0),
  },
  {
    op: 'insert', name: 'submit to as4 (enrolled students)',
    run: (tx) => tx`insert into public.assignment_submissions (assignment_id, course_id, tenant_id, body)
                    values (${ids.as4}, ${ids.c1}, ${w.a.id}, 'Mine')`,
    expect: only({ student: 1 }, violates('assignment_submissions'), violates('assignment_submissions')),
  },
  {
    op: 'update', name: 'resubmit (the student, own)',
    run: (tx) => tx`update public.assignment_submissions set body = 'Better' where course_id = ${ids.c1}`,
    expect: only({ student: 3 }, 0, 0),
  },
  { op: 'delete', run: (tx) => tx`delete from public.assignment_submissions where course_id = ${ids.c1}`, expect: all(0, 0) },
])

// biome-ignore format: the expected outcomes read as a table, one row per command
walkCast('assignment_grades', () => w, [
  {
    op: 'select', name: 'read grades (the student once released; teachers)',
    run: (tx) => tx`select 1 from public.assignment_grades where course_id = ${ids.c1}`,
    expect: only({ ...TEACHERS(2), student: 1 }, 0, 0),
  },
  {
    op: 'insert', name: 'grade s5 (editors, instructors, admins: not staff, not the student)',
    run: (tx) => tx`insert into public.assignment_grades (submission_id, assignment_id, course_id, user_id, raw_points)
                    values (${ids.s5}, ${ids.as5}, ${ids.c1}, ${w.users.student.id}, 50)`,
    expect: only(GRADERS(1), violates('assignment_grades'), violates('assignment_grades')),
  },
  {
    op: 'update', name: 'change grades',
    run: (tx) => tx`update public.assignment_grades set raw_points = 100 where course_id = ${ids.c1}`,
    expect: only(GRADERS(2), 0, 0),
  },
  { op: 'delete', run: (tx) => tx`delete from public.assignment_grades where course_id = ${ids.c1}`, expect: all(0, 0) },
])

// biome-ignore format: the expected outcomes read as a table, one row per command
walkCast('grade_history', () => w, [
  {
    op: 'select', name: "read grade history (the student's own once released; teachers)",
    run: (tx) => tx`select 1 from public.grade_history where course_id = ${ids.c1}`,
    expect: only({ ...TEACHERS(2), student: 1 }, 0, 0),
  },
  {
    op: 'insert', name: 'forge a history row (nobody)',
    run: (tx) => tx`insert into public.grade_history (submission_id, assignment_id, course_id, user_id, after)
                    values (${ids.s1}, ${ids.as1}, ${ids.c1}, ${w.users.student.id}, '{}')`,
    expect: all(violates('grade_history'), violates('grade_history')),
  },
  { op: 'update', run: (tx) => tx`update public.grade_history set after = '{}'`, expect: all(0, 0) },
  { op: 'delete', run: (tx) => tx`delete from public.grade_history`, expect: all(0, 0) },
])

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createUser, type TestUser, testDb } from '../support/fixtures.ts'
import {
  CAST,
  createWorld,
  outcome,
  type Role,
  type Row,
  violates,
  type World,
  walkCast,
} from '../support/rls.ts'

// AI grade suggestions (issue 16): the course's teachers read them; never the student whose work it
// is (before or after release), nor a parent, nor another school; nobody writes them but the grading
// job. Tenant A: course c1 with the student's submissions sRel (results released) and sOpen (not
// released), one suggestion each; a parent linked to the student. Tenant B: one suggestion.
const sql = testDb(12)
let w: World
let parent: TestUser
const ids = {} as Record<'c1' | 'cB' | 'sRel' | 'sOpen' | 'sB', string>

async function submissionWithSuggestion(course: string, user: string, released: boolean) {
  const [a] = await sql`insert into public.assignments (course_id, title, published_at, results_released_at)
    values (${course}, 'Task', now(), ${released ? new Date() : null}) returning id, tenant_id`
  const [s] =
    await sql`insert into public.assignment_submissions (assignment_id, course_id, tenant_id, user_id, body)
    values (${a?.id}, ${course}, ${a?.tenant_id}, ${user}, 'Markets help towns grow.') returning id`
  await sql`insert into public.grade_suggestions (submission_id, assignment_id, course_id, tenant_id, user_id,
      criterion_id, level_id, justification, quote, provider, model)
    values (${s?.id}, ${a?.id}, ${course}, ${a?.tenant_id}, ${user}, 'arg', 'strong', 'Clear.', 'Markets help towns',
            'Fake', 'fake-model')`
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
  const studentB = await createUser(sql)
  await sql`insert into public.memberships (tenant_id, user_id, role) values (${w.b.id}, ${studentB.id}, 'student')`
  ids.sRel = await submissionWithSuggestion(ids.c1, student.id, true)
  ids.sOpen = await submissionWithSuggestion(ids.c1, student.id, false)
  ids.sB = await submissionWithSuggestion(ids.cB, studentB.id, true)
  parent = await createUser(sql)
  await sql`insert into public.memberships (tenant_id, user_id, role) values (${w.a.id}, ${parent.id}, 'parent')`
  await sql`insert into public.guardian_links (tenant_id, parent_id, student_id) values (${w.a.id}, ${parent.id}, ${student.id})`
})
afterAll(() => sql.end())

const only = (
  roles: Partial<Record<Role, number | string>>,
  rest: number | string,
  anon: number | string,
): Row => Object.fromEntries(CAST.map((r) => [r, r === 'anon' ? anon : (roles[r] ?? rest)])) as Row
const all = (value: number | string, anon: number | string) => only({}, value, anon)
const mine = () => [ids.sRel, ids.sOpen, ids.sB]

// biome-ignore format: the expected outcomes read as a table, one row per command
walkCast('grade_suggestions', () => w, [
  {
    op: 'select', name: "read suggestions (the course's teachers; never the student, released or not)",
    run: (tx) => tx`select 1 from public.grade_suggestions where submission_id in ${tx(mine())}`,
    expect: only({ instructor: 2, staff: 2, admin: 2, owner: 2, adminB: 1 }, 0, 0),
  },
  {
    op: 'insert', name: 'forge a suggestion (nobody: the grading job writes them)',
    run: (tx) => tx`insert into public.grade_suggestions (submission_id, assignment_id, course_id, tenant_id, user_id,
        criterion_id, level_id, justification, quote, provider, model)
      select s.id, s.assignment_id, s.course_id, s.tenant_id, s.user_id, 'x', 'y', 'z', 'q', 'p', 'm'
      from public.assignment_submissions s where s.id = ${ids.sOpen}`,
    expect: only({ instructor: violates('grade_suggestions'), staff: violates('grade_suggestions'), admin: violates('grade_suggestions'),
                   owner: violates('grade_suggestions'), student: violates('grade_suggestions') }, 0, 0),
  },
  {
    op: 'update', run: (tx) => tx`update public.grade_suggestions set level_id = 'weak' where submission_id in ${tx(mine())}`,
    expect: all(0, 0),
  },
  { op: 'delete', run: (tx) => tx`delete from public.grade_suggestions where submission_id in ${tx(mine())}`, expect: all(0, 0) },
])

describe('grade_suggestions: parents', () => {
  it("a parent linked to the student never reads the child's suggestions", async () => {
    expect(
      await outcome(
        sql,
        parent,
        (tx) => tx`select 1 from public.grade_suggestions where submission_id in ${tx(mine())}`,
      ),
    ).toBe(0)
  })
  it('a teacher who submitted work of their own does not read the suggestions on it', async () => {
    const { instructor } = w.users
    const own = await submissionWithSuggestion(ids.c1, instructor.id, false)
    expect(
      await outcome(
        sql,
        instructor,
        (tx) => tx`select 1 from public.grade_suggestions where submission_id = ${own}`,
      ),
    ).toBe(0)
  })
})

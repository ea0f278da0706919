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

// Grading jobs (issue 16). Tenant A: the instructor's course with the student enrolled, a published
// assignment with the student's submission and two jobs (ocr of the submission, similarity); the
// student's parent (linked). Tenant B: an assignment with one job. Only the course's graders (its
// editors, the school's owners, admins and instructors) read jobs or ask for them; nobody writes the
// table directly.
const sql = testDb(12)
let w: World
let parent: TestUser
const ids = {} as Record<
  'course' | 'assignment' | 'submission' | 'ocr' | 'similarity' | 'assignmentB' | 'jobB',
  string
>

beforeAll(async () => {
  w = await createWorld(sql)
  const { instructor, student, adminB } = w.users
  parent = await createUser(sql)
  await sql`insert into public.memberships (tenant_id, user_id, role) values (${w.a.id}, ${parent.id}, 'parent')`
  await sql`insert into public.guardian_links (tenant_id, parent_id, student_id) values (${w.a.id}, ${parent.id}, ${student.id})`
  const course = async (tenant: string, by: string) =>
    (
      await sql`insert into public.courses (tenant_id, title, created_by) values (${tenant}, 'C', ${by}) returning id`
    )[0]?.id as string
  const assignment = async (c: string) =>
    (
      await sql`insert into public.assignments (course_id, title, published_at) values (${c}, 'T', now()) returning id`
    )[0]?.id as string
  ids.course = await course(w.a.id, instructor.id)
  await sql`insert into public.enrolments (course_id, user_id) values (${ids.course}, ${student.id})`
  ids.assignment = await assignment(ids.course)
  const [s] =
    await sql`insert into public.assignment_submissions (assignment_id, course_id, tenant_id, user_id, body)
    values (${ids.assignment}, ${ids.course}, ${w.a.id}, ${student.id}, 'My work') returning id`
  ids.submission = s?.id as string
  const enqueue = async (kind: string, a: string, sub: string | null) =>
    (await sql`select private.enqueue_grading_job(${kind}, ${a}, ${sub}) as id`)[0]?.id as string
  ids.ocr = await enqueue('ocr', ids.assignment, ids.submission)
  ids.similarity = await enqueue('similarity', ids.assignment, null)
  ids.assignmentB = await assignment(await course(w.b.id, adminB.id))
  ids.jobB = await enqueue('similarity', ids.assignmentB, null)
})
afterAll(async () => {
  // No queue runs these: take them out of the way of the queue tests' workers.
  await sql`select graphile_worker.complete_jobs(array(select j.id from graphile_worker.jobs j
    where j.key in ${sql([ids.ocr, ids.similarity, ids.jobB].map((id) => `grading:${id}`))}))`
  await sql.end()
})

const only = (
  roles: Partial<Record<Role, number | string>>,
  rest: number | string,
  anon: number | string,
): Row => Object.fromEntries(CAST.map((r) => [r, r === 'anon' ? anon : (roles[r] ?? rest)])) as Row
const GRADERS = (n: number) => ({ instructor: n, admin: n, owner: n })

// biome-ignore format: the expected outcomes read as a table, one row per command
walkCast('grading_jobs', () => w, [
  {
    op: 'select', name: "read grading jobs (the course's graders; school B's admin their own)",
    run: (tx) => tx`select 1 from public.grading_jobs where id in ${tx([ids.ocr, ids.similarity, ids.jobB])}`,
    expect: only({ ...GRADERS(2), adminB: 1 }, 0, 0),
  },
  {
    op: 'insert', name: 'add a job directly (nobody: request_grading_job does)',
    run: (tx) => tx`insert into public.grading_jobs (tenant_id, course_id, assignment_id, kind)
                    values (${w.a.id}, ${ids.course}, ${ids.assignment}, 'similarity')`,
    expect: only({}, violates('grading_jobs'), violates('grading_jobs')),
  },
  {
    op: 'update', name: 'mark a job done directly (nobody: the queue does)',
    run: (tx) => tx`update public.grading_jobs set status = 'done' where id in ${tx([ids.ocr, ids.similarity])}`,
    expect: only({}, 0, 0),
  },
  {
    op: 'delete', run: (tx) => tx`delete from public.grading_jobs where id in ${tx([ids.ocr, ids.similarity])}`,
    expect: only({}, 0, 0),
  },
])

const FORBIDDEN = "Only the course's teachers run grading jobs (OCR, suggestions, similarity)."

// biome-ignore format: the expected outcomes read as a table, one row per command
walkCast('request_grading_job and assignment_grading_jobs', () => w, [
  {
    op: 'insert', name: 'ask for OCR of the submission (graders)',
    run: async (tx) => ({ count: (await tx`select * from public.request_grading_job('ocr', ${ids.assignment}, ${ids.submission})`).length }),
    expect: only(GRADERS(1), FORBIDDEN, 'permission denied for function request_grading_job'),
  },
  {
    op: 'select', name: "list an assignment's jobs (graders)",
    run: async (tx) => ({ count: (await tx`select * from public.assignment_grading_jobs(${ids.assignment})`).length }),
    expect: only(GRADERS(2), FORBIDDEN, 'permission denied for function assignment_grading_jobs'),
  },
])

describe('grading jobs and parents', () => {
  it("a linked parent neither reads their child's jobs nor asks for one", async () => {
    expect(
      await outcome(sql, parent, (tx) => tx`select 1 from public.grading_jobs where id = ${ids.ocr}`),
    ).toBe(0)
    expect(
      await outcome(sql, parent, async (tx) => ({
        count: (
          await tx`select * from public.request_grading_job('suggest', ${ids.assignment}, ${ids.submission})`
        ).length,
      })),
    ).toBe(FORBIDDEN)
  })

  it('refuses a target that does not fit the kind, and a submission of another assignment', async () => {
    const ask = (kind: string, a: string, sub: string | null) =>
      outcome(sql, w.users.instructor, async (tx) => ({
        count: (await tx`select * from public.request_grading_job(${kind}, ${a}, ${sub})`).length,
      }))
    expect(await ask('similarity', ids.assignment, ids.submission)).toBe(
      'A similarity check covers the whole assignment: send no submission.',
    )
    expect(await ask('suggest', ids.assignment, null)).toBe(
      'OCR and grade suggestions are about one submission: send its id.',
    )
    expect(await ask('grade', ids.assignment, null)).toBe('A grading job is ocr, suggest or similarity.')
    expect(await ask('ocr', ids.assignmentB, ids.submission)).toBe(
      "Only the course's teachers run grading jobs (OCR, suggestions, similarity).",
    )
  })
})

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { silentLogger } from '../../edge/lib/log.ts'
import { similarityHandler } from '../../realtime/jobs/grading/similarity.ts'
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

// Similarity checks' tables (issue 16), written by the similarity job. Tenant A: the instructor's
// course c1 whose assignment has the student's and the peer's submissions sharing a paragraph (one
// pair); tenant B: adminB's course with its own pair. Only the course's graders read them (not
// staff, students or parents); nobody writes them but the job (service connection).
const sql = testDb(8)
let w: World
let parent: TestUser
const ids = { c1: '', cB: '', a1: '', aB: '' }

const COPIED =
  'The Swahili coast traded ivory, gold and cloth with Arabia, Persia and India for more than a thousand ' +
  'years, carried by the monsoon winds that blow one way in the dry season and back in the rains.'

async function assignmentWithCopies(tenant: string, by: string, students: string[]) {
  const [c] =
    await sql`insert into public.courses (tenant_id, title, created_by) values (${tenant}, 'History', ${by}) returning id`
  const [a] = await sql`insert into public.assignments (course_id, title, published_at)
    values (${c?.id}, 'Trade', now()) returning id`
  for (const [i, user] of students.entries()) {
    await sql`insert into public.assignment_submissions (assignment_id, course_id, tenant_id, user_id, body)
      values (${a?.id}, ${c?.id}, ${tenant}, ${user}, ${`Essay number ${i + 1} by me. ${COPIED}`})`
  }
  await similarityHandler(
    {
      id: crypto.randomUUID(),
      kind: 'similarity',
      tenantId: tenant,
      courseId: c?.id,
      assignmentId: a?.id,
      submissionId: null,
      attempt: 1,
    },
    { sql, log: silentLogger, progress: async () => {}, signal: new AbortController().signal },
  )
  return { course: c?.id as string, assignment: a?.id as string }
}

beforeAll(async () => {
  w = await createWorld(sql)
  const { instructor, student, peer, adminB, ownerB } = w.users
  const a = await assignmentWithCopies(w.a.id, instructor.id, [student.id, peer.id])
  ids.c1 = a.course
  ids.a1 = a.assignment
  await sql`insert into public.enrolments (course_id, user_id) values (${ids.c1}, ${student.id}), (${ids.c1}, ${peer.id})`
  const b = await assignmentWithCopies(w.b.id, adminB.id, [ownerB.id, adminB.id])
  ids.cB = b.course
  ids.aB = b.assignment
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
const GRADERS = (n: number | string) => ({ instructor: n, admin: n, owner: n })

describe('the job wrote what the matrix reads', () => {
  it('one pair and one check in each school', async () => {
    const rows = await sql`select course_id, count(*)::int as n from public.similarity_pairs
      where course_id in ${sql([ids.c1, ids.cB])} group by course_id`
    expect(rows).toHaveLength(2)
    expect(rows.every((r) => r.n === 1)).toBe(true)
  })
})

// biome-ignore format: the expected outcomes read as a table, one row per command
walkCast('similarity_pairs', () => w, [
  {
    op: 'select', name: "read pairs (the course's graders only: not staff, not students)",
    run: (tx) => tx`select 1 from public.similarity_pairs where course_id in ${tx([ids.c1, ids.cB])}`,
    expect: only({ ...GRADERS(1), adminB: 1 }, 0, 0),
  },
  {
    op: 'insert', name: 'forge a pair (nobody)',
    run: (tx) => tx`insert into public.similarity_pairs (assignment_id, tenant_id, course_id, submission_a, lesson_id,
                      lesson_title, score, share_a, share_b, passages, text_a, text_b)
                    select p.assignment_id, p.tenant_id, p.course_id, p.submission_a, l.id, 'L', 0, 0, 0, '[]', '', ''
                    from (select * from public.similarity_pairs limit 1) p,
                         (select gen_random_uuid() as id) l`,
    expect: only({ ...GRADERS(violates('similarity_pairs')), adminB: violates('similarity_pairs') }, 0, 0),
  },
  { op: 'update', run: (tx) => tx`update public.similarity_pairs set score = 0`, expect: only({}, 0, 0) },
  { op: 'delete', run: (tx) => tx`delete from public.similarity_pairs`, expect: only({}, 0, 0) },
])

// biome-ignore format: the expected outcomes read as a table, one row per command
walkCast('similarity_checks', () => w, [
  {
    op: 'select', name: "read checks (the course's graders only)",
    run: (tx) => tx`select 1 from public.similarity_checks where course_id in ${tx([ids.c1, ids.cB])}`,
    expect: only({ ...GRADERS(1), adminB: 1 }, 0, 0),
  },
  {
    op: 'insert', name: 'forge a check (nobody)',
    run: (tx) => tx`insert into public.similarity_checks (assignment_id, tenant_id, course_id, submissions, lessons, pairs)
                    values (${ids.a1}, ${w.a.id}, ${ids.c1}, 0, 0, 0)`,
    expect: only({}, violates('similarity_checks'), violates('similarity_checks')),
  },
  { op: 'update', run: (tx) => tx`update public.similarity_checks set pairs = 0`, expect: only({}, 0, 0) },
  { op: 'delete', run: (tx) => tx`delete from public.similarity_checks`, expect: only({}, 0, 0) },
])

describe('parents', () => {
  it("a parent linked to a student of the course sees none of the child's pairs", async () => {
    const seen = await outcome(
      sql,
      parent,
      (tx) => tx`select 1 from public.similarity_pairs where course_id = ${ids.c1}`,
    )
    expect(seen).toBe(0)
    const checks = await outcome(sql, parent, (tx) => tx`select 1 from public.similarity_checks`)
    expect(checks).toBe(0)
  })
})

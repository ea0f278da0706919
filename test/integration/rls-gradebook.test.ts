import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { withUser } from '../../edge/lib/db.ts'
import { createUser, type TestUser, testDb } from '../support/fixtures.ts'
import { CAST, createWorld, type Role, type Row, violates, type World, walkCast } from '../support/rls.ts'

// The gradebook's tables (issue 16) and the parents' policies on results. Tenant A: the
// instructor's course c1 with the student enrolled, a category with quiz q1 in it, an override of
// the student's total; q1 (released on submit) and q2 (released by hand, not yet), both submitted
// by the student. A parent linked to the student; another parent linked to nobody.
const sql = testDb(12)
let w: World
let parent: TestUser
let stranger: TestUser
const ids = {} as Record<'c1' | 'cat' | 'q1' | 'q2', string>

beforeAll(async () => {
  w = await createWorld(sql)
  const { instructor, student } = w.users
  parent = await createUser(sql)
  stranger = await createUser(sql)
  for (const p of [parent, stranger]) {
    await sql`insert into public.memberships (tenant_id, user_id, role) values (${w.a.id}, ${p.id}, 'parent')`
  }
  await sql`insert into public.guardian_links (tenant_id, parent_id, student_id) values (${w.a.id}, ${parent.id}, ${student.id})`
  const [c] =
    await sql`insert into public.courses (tenant_id, title, created_by) values (${w.a.id}, 'C', ${instructor.id}) returning id`
  ids.c1 = c?.id as string
  await sql`insert into public.enrolments (course_id, user_id) values (${ids.c1}, ${student.id})`
  for (const [key, release] of [
    ['q1', 'on_submit'],
    ['q2', 'manual'],
  ] as const) {
    const [q] = await sql`insert into public.quizzes (course_id, title, published_at, release)
      values (${ids.c1}, ${key}, now(), ${release}) returning id`
    ids[key] = q?.id as string
    const [a] =
      await sql`insert into public.quiz_attempts (quiz_id, course_id, tenant_id, user_id, number, question_ids, status, submitted_at)
      values (${q?.id}, ${ids.c1}, ${w.a.id}, ${student.id}, 1, '{}', 'submitted', now()) returning id`
    await sql`select private.grade_quiz_attempt(${a?.id})`
  }
  const [cat] =
    await sql`insert into public.gradebook_categories (course_id, name, weight) values (${ids.c1}, 'Quizzes', 40) returning id`
  ids.cat = cat?.id as string
  await sql`insert into public.gradebook_items (item_id, course_id, category_id) values (${ids.q1}, ${ids.c1}, ${ids.cat})`
  await sql`insert into public.grade_overrides (course_id, user_id, item_key, percent, reason)
            values (${ids.c1}, ${student.id}, 'total', 80, 'Moderated')`
})
afterAll(() => sql.end())

const only = (
  roles: Partial<Record<Role, number | string>>,
  rest: number | string,
  anon: number | string,
): Row => Object.fromEntries(CAST.map((r) => [r, r === 'anon' ? anon : (roles[r] ?? rest)])) as Row
const TEACHERS = { instructor: 1, staff: 1, admin: 1, owner: 1 }
const GRADERS = { instructor: 1, admin: 1, owner: 1 }

// biome-ignore format: the expected outcomes read as a table, one row per command
walkCast('gradebook_categories', () => w, [
  {
    op: 'select', name: 'read categories (teachers, enrolled students)',
    run: (tx) => tx`select 1 from public.gradebook_categories where course_id = ${ids.c1}`,
    expect: only({ ...TEACHERS, student: 1 }, 0, 0),
  },
  {
    op: 'insert', name: 'add a category (editors)',
    run: (tx) => tx`insert into public.gradebook_categories (course_id, name, weight) values (${ids.c1}, 'Tests', 60)`,
    expect: only({ instructor: 1 }, violates('gradebook_categories'), violates('gradebook_categories')),
  },
  {
    op: 'update', run: (tx) => tx`update public.gradebook_categories set weight = 100 where id = ${ids.cat}`,
    expect: only({ instructor: 1 }, 0, 0),
  },
  {
    op: 'delete', run: (tx) => tx`delete from public.gradebook_categories where id = ${ids.cat}`,
    expect: only({ instructor: 1 }, 0, 0),
  },
])

// biome-ignore format: the expected outcomes read as a table, one row per command
walkCast('gradebook_items', () => w, [
  {
    op: 'select', run: (tx) => tx`select 1 from public.gradebook_items where course_id = ${ids.c1}`,
    expect: only({ ...TEACHERS, student: 1 }, 0, 0),
  },
  {
    op: 'insert', name: 'place q2 (editors)',
    run: (tx) => tx`insert into public.gradebook_items (item_id, course_id, category_id) values (${ids.q2}, ${ids.c1}, ${ids.cat})`,
    expect: only({ instructor: 1 }, violates('gradebook_items'), violates('gradebook_items')),
  },
  {
    op: 'update', run: (tx) => tx`update public.gradebook_items set category_id = ${ids.cat} where course_id = ${ids.c1}`,
    expect: only({ instructor: 1 }, 0, 0),
  },
  { op: 'delete', run: (tx) => tx`delete from public.gradebook_items where course_id = ${ids.c1}`, expect: only({ instructor: 1 }, 0, 0) },
])

// biome-ignore format: the expected outcomes read as a table, one row per command
walkCast('grade_overrides', () => w, [
  {
    op: 'select', name: 'read overrides (teachers; the student their own)',
    run: (tx) => tx`select 1 from public.grade_overrides where course_id = ${ids.c1}`,
    expect: only({ ...TEACHERS, student: 1 }, 0, 0),
  },
  {
    op: 'insert', name: 'override the peer (graders: not staff)',
    run: (tx) => tx`insert into public.grade_overrides (course_id, user_id, item_key, percent, reason)
                    values (${ids.c1}, ${w.users.peer.id}, 'total', 99, 'x')`,
    expect: only(GRADERS, violates('grade_overrides'), violates('grade_overrides')),
  },
  {
    op: 'update', name: 'raise an override (graders)',
    run: (tx) => tx`update public.grade_overrides set percent = 100 where course_id = ${ids.c1}`,
    expect: only(GRADERS, 0, 0),
  },
  {
    op: 'delete', run: (tx) => tx`delete from public.grade_overrides where course_id = ${ids.c1}`,
    expect: only(GRADERS, 0, 0),
  },
])

describe("parents and their child's results", () => {
  const seen = (who: TestUser) =>
    withUser(sql, who.claims, async (tx) => ({
      quizzes: (await tx`select 1 from public.quizzes where course_id = ${ids.c1}`).length,
      results: (await tx`select quiz_id from public.quiz_results where course_id = ${ids.c1}`).map(
        (r) => r.quiz_id,
      ),
      overrides: (await tx`select 1 from public.grade_overrides where course_id = ${ids.c1}`).length,
      categories: (await tx`select 1 from public.gradebook_categories where course_id = ${ids.c1}`).length,
    }))

  it("a linked parent sees the child's published quizzes, released results only, overrides and categories", async () => {
    expect(await seen(parent)).toEqual({ quizzes: 2, results: [ids.q1], overrides: 1, categories: 1 })
  })
  it('a parent linked to nobody sees none of it', async () => {
    expect(await seen(stranger)).toEqual({ quizzes: 0, results: [], overrides: 0, categories: 0 })
  })
})

import { afterAll, beforeAll, expect, it } from 'vitest'
import { withUser } from '../../edge/lib/db.ts'
import { createUser, type TestUser, testDb } from '../support/fixtures.ts'
import {
  CAST,
  createWorld,
  denied,
  type Outcome,
  type Role,
  type Row,
  violates,
  type World,
  walkCast,
} from '../support/rls.ts'

// Comments on a lesson's draft (issue 19). Tenant A's course is written by the cast's instructor (its
// editor); the student is enrolled, yet reads no comments (they are about the draft). Thread tI is
// the instructor's, anchored in the text, with staff's reply rS. Staff, admins and owners read and
// write them; editors, owners and admins delete anyone's. Tenant B and outsiders see nothing.
const sql = testDb(4)
let w: World
let P: TestUser
const ids = {} as Record<'course' | 'lesson' | 'tI' | 'rS', string>

beforeAll(async () => {
  w = await createWorld(sql)
  const { instructor, student, staff } = w.users
  P = await createUser(sql)
  await sql`insert into public.memberships (tenant_id, user_id, role) values (${w.a.id}, ${P.id}, 'parent')`
  await sql`insert into public.guardian_links (tenant_id, parent_id, student_id) values (${w.a.id}, ${P.id}, ${student.id})`
  ;[{ id: ids.course }] = await sql<{ id: string }[]>`
    insert into public.courses (tenant_id, title, created_by) values (${w.a.id}, 'Cells', ${instructor.id}) returning id`
  await sql`insert into public.course_authors (course_id, user_id, role) values (${ids.course}, ${instructor.id}, 'editor')
    on conflict do nothing`
  await sql`insert into public.enrolments (course_id, user_id) values (${ids.course}, ${student.id})`
  ;[{ id: ids.lesson }] = await sql<{ id: string }[]>`
    insert into public.lessons (course_id, title) values (${ids.course}, 'The cell') returning id`
  ;[{ id: ids.tI }] = await sql<{ id: string }[]>`
    insert into public.lesson_comments (lesson_id, body, quote, anchor_start, anchor_end, author_id)
    values (${ids.lesson}, 'Say what a membrane does.', 'membrane', 'AQ==', 'Ag==', ${instructor.id}) returning id`
  ;[{ id: ids.rS }] = await sql<{ id: string }[]>`
    insert into public.lesson_comments (lesson_id, thread_id, body, author_id)
    values (${ids.lesson}, ${ids.tI}, 'Added a sentence.', ${staff.id}) returning id`
})
afterAll(() => sql.end())

const only = (roles: Partial<Record<Role, Outcome>>, rest: Outcome, anon: Outcome): Row =>
  Object.fromEntries(CAST.map((r) => [r, r === 'anon' ? anon : (roles[r] ?? rest)])) as Row
const T = 'lesson_comments'
const DRAFT_READERS = { instructor: 1, staff: 1, admin: 1, owner: 1 }
const NOT_YOURS = 'only its author can change a comment'

// biome-ignore format: the expected outcomes read as a table, one row per command
walkCast(T, () => w, [
  {
    op: 'select', name: "read the lesson's comments (its co-authors and the school's staff, admins, owners)",
    run: (tx) => tx`select 1 from public.lesson_comments where lesson_id = ${ids.lesson}`,
    expect: only({ instructor: 2, staff: 2, admin: 2, owner: 2 }, 0, denied(T)),
  },
  {
    op: 'insert', name: 'comment on selected text',
    run: (tx) => tx`insert into public.lesson_comments (lesson_id, body, quote, anchor_start, anchor_end)
      values (${ids.lesson}, 'Shorter?', 'cell', 'Aw==', 'BA==')`,
    expect: only(DRAFT_READERS, violates(T), denied(T)),
  },
  {
    op: 'insert', name: 'reply in the thread',
    run: (tx) => tx`insert into public.lesson_comments (lesson_id, thread_id, body) values (${ids.lesson}, ${ids.tI}, 'Agreed')`,
    expect: only(DRAFT_READERS, violates(T), denied(T)),
  },
  {
    op: 'insert', name: "put words in someone else's name",
    run: (tx, w) => tx`insert into public.lesson_comments (lesson_id, thread_id, body, author_id)
      values (${ids.lesson}, ${ids.tI}, 'Agreed', ${w.users.student.id}) returning author_id = ${w.users.student.id} as forged`
      .then((rows) => ({ count: rows.filter((r) => r.forged).length })),
    expect: only({ instructor: 0, staff: 0, admin: 0, owner: 0 }, violates(T), denied(T)),
  },
  {
    op: 'update', name: "change the instructor's words (theirs alone)",
    run: (tx) => tx`update public.lesson_comments set body = 'Mine now' where id = ${ids.tI}`,
    expect: only({ instructor: 1, staff: NOT_YOURS, admin: NOT_YOURS, owner: NOT_YOURS }, 0, denied(T)),
  },
  {
    op: 'update', name: 'resolve the thread (anyone who may comment)',
    run: (tx) => tx`update public.lesson_comments set resolved_at = now() where id = ${ids.tI}`,
    expect: only(DRAFT_READERS, 0, denied(T)),
  },
  {
    op: 'update', name: 'resolve a reply',
    run: (tx) => tx`update public.lesson_comments set resolved_at = now() where id = ${ids.rS}`,
    expect: only(Object.fromEntries(Object.keys(DRAFT_READERS).map((r) => [r, 'a reply cannot be resolved; its thread can'])), 0, denied(T)),
  },
  {
    op: 'update', name: 'move the anchor or the quote',
    run: (tx) => tx`update public.lesson_comments set quote = 'nucleus' where id = ${ids.tI}`,
    expect: only({}, denied(T), denied(T)),
  },
  {
    op: 'delete', name: "delete staff's reply (its author, the course's editor, admins, owners)",
    run: (tx) => tx`delete from public.lesson_comments where id = ${ids.rS}`,
    expect: only(DRAFT_READERS, 0, denied(T)),
  },
  {
    op: 'delete', name: "delete the instructor's thread (staff may not: they do not moderate the course)",
    run: (tx) => tx`delete from public.lesson_comments where id = ${ids.tI}`,
    expect: only({ instructor: 1, admin: 1, owner: 1 }, 0, denied(T)),
  },
])

it('a parent of the enrolled student reads no lesson comments and writes none', async () => {
  const seen = await withUser(
    sql,
    P.claims,
    (tx) => tx`select 1 from public.lesson_comments where lesson_id = ${ids.lesson}`,
  )
  expect(seen.length).toBe(0)
  const wrote = await withUser(
    sql,
    P.claims,
    (tx) =>
      tx`insert into public.lesson_comments (lesson_id, body, quote, anchor_start, anchor_end)
       values (${ids.lesson}, 'Hi', 'cell', 'AQ==', 'Ag==')`,
  ).catch((error: Error) => error.message)
  expect(wrote).toBe(violates(T))
})

it('a reply to a reply, or to another lesson, is refused; a moderator deleting staff’s reply is audited', async () => {
  const { instructor, admin, staff } = w.users
  const nested = await withUser(
    sql,
    instructor.claims,
    (tx) =>
      tx`insert into public.lesson_comments (lesson_id, thread_id, body) values (${ids.lesson}, ${ids.rS}, 'Nested')`,
  ).catch((error: Error) => error.message)
  expect(nested).toBe('that thread does not exist')
  const [other] = await sql<
    { id: string }[]
  >`insert into public.lessons (course_id, title) values (${ids.course}, 'Tissues') returning id`
  const elsewhere = await withUser(
    sql,
    instructor.claims,
    (tx) =>
      tx`insert into public.lesson_comments (lesson_id, thread_id, body) values (${other?.id}, ${ids.tI}, 'Here')`,
  ).catch((error: Error) => error.message)
  expect(elsewhere).toBe("a reply belongs to its thread's lesson")
  const [reply] = await sql<{ id: string }[]>`
    insert into public.lesson_comments (lesson_id, thread_id, body, author_id)
    values (${ids.lesson}, ${ids.tI}, 'One more', ${staff.id}) returning id`
  await withUser(sql, admin.claims, (tx) => tx`delete from public.lesson_comments where id = ${reply?.id}`)
  const [entry] =
    await sql`select action, actor_id from public.audit_log where target_id = ${reply?.id as string}`
  expect(entry).toMatchObject({ action: 'lesson_comment.deleted', actor_id: admin.id })
})

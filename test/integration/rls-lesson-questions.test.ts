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

// Students' questions on a published lesson (issue 19): rows of public.lesson_comments of kind
// 'question'. Tenant A's course (the cast's instructor edits it) takes questions; the cast's
// student is enrolled and asked qS, which the instructor answered (rI). The people who see the
// draft (instructor, staff, admin, owner) read and answer every question; the student reads their
// own thread only. The enrolled classmate (peer), the student's parent, another school and
// outsiders see nothing and write nothing there.
const sql = testDb(4)
let w: World
let P: TestUser
const ids = {} as Record<'course' | 'lesson' | 'qS' | 'rI' | 'qPeer', string>

beforeAll(async () => {
  w = await createWorld(sql)
  const { instructor, student, peer } = w.users
  P = await createUser(sql)
  await sql`insert into public.memberships (tenant_id, user_id, role) values (${w.a.id}, ${P.id}, 'parent')`
  await sql`insert into public.guardian_links (tenant_id, parent_id, student_id) values (${w.a.id}, ${P.id}, ${student.id})`
  ;[{ id: ids.course }] = await sql<{ id: string }[]>`
    insert into public.courses (tenant_id, title, created_by, lesson_questions)
    values (${w.a.id}, 'Cells', ${instructor.id}, true) returning id`
  await sql`insert into public.course_authors (course_id, user_id, role) values (${ids.course}, ${instructor.id}, 'editor')
    on conflict do nothing`
  await sql`insert into public.enrolments (course_id, user_id) values (${ids.course}, ${student.id}), (${ids.course}, ${peer.id})`
  ;[{ id: ids.lesson }] = await sql<{ id: string }[]>`
    insert into public.lessons (course_id, title) values (${ids.course}, 'The cell') returning id`
  await sql`insert into public.lesson_versions (lesson_id, version, title, html, plain_text, state, published_by)
    values (${ids.lesson}, 1, 'The cell', '<p>The membrane</p>', 'The membrane', '\\x00', ${instructor.id})`
  ;[{ id: ids.qS }] = await sql<{ id: string }[]>`
    insert into public.lesson_comments (lesson_id, kind, body, quote, author_id, asker_id)
    values (${ids.lesson}, 'question', 'What does it keep out?', 'membrane', ${student.id}, ${student.id}) returning id`
  ;[{ id: ids.rI }] = await sql<{ id: string }[]>`
    insert into public.lesson_comments (lesson_id, thread_id, body, author_id)
    values (${ids.lesson}, ${ids.qS}, 'Most large molecules.', ${instructor.id}) returning id`
  ;[{ id: ids.qPeer }] = await sql<{ id: string }[]>`
    insert into public.lesson_comments (lesson_id, kind, body, quote, author_id, asker_id)
    values (${ids.lesson}, 'question', 'Is it alive?', 'cell', ${peer.id}, ${peer.id}) returning id`
})
afterAll(() => sql.end())

const only = (roles: Partial<Record<Role, Outcome>>, rest: Outcome, anon: Outcome): Row =>
  Object.fromEntries(CAST.map((r) => [r, r === 'anon' ? anon : (roles[r] ?? rest)])) as Row
const T = 'lesson_comments'
const TEACHERS = { instructor: 1, staff: 1, admin: 1, owner: 1 }
const NOT_ENROLLED = "Only the course's students ask about its lessons."

// biome-ignore format: the expected outcomes read as a table, one row per command
walkCast(T, () => w, [
  {
    op: 'select', name: "read the student's question thread (its student, and the people who see the draft)",
    run: (tx) => tx`select 1 from public.lesson_comments where thread_id = ${ids.qS} or id = ${ids.qS}`,
    expect: only({ student: 2, instructor: 2, staff: 2, admin: 2, owner: 2 }, 0, denied(T)),
  },
  {
    op: 'select', name: "read the classmate's question (not the student's)",
    run: (tx) => tx`select 1 from public.lesson_comments where id = ${ids.qPeer}`,
    expect: only(TEACHERS, 0, denied(T)),
  },
  {
    op: 'insert', name: 'ask about a passage (enrolled students only)',
    run: (tx) => tx`insert into public.lesson_comments (lesson_id, kind, body, quote) values (${ids.lesson}, 'question', 'Why?', 'cell')`,
    expect: only({ student: 1, instructor: NOT_ENROLLED, staff: NOT_ENROLLED, admin: NOT_ENROLLED, owner: NOT_ENROLLED }, NOT_ENROLLED, denied(T)),
  },
  {
    op: 'insert', name: "reply in the student's thread (its student and the teachers)",
    run: (tx) => tx`insert into public.lesson_comments (lesson_id, thread_id, body) values (${ids.lesson}, ${ids.qS}, 'And water?')`,
    expect: only({ student: 1, ...TEACHERS }, violates(T), denied(T)),
  },
  {
    op: 'update', name: "mark the student's question answered",
    run: (tx) => tx`update public.lesson_comments set resolved_at = now() where id = ${ids.qS}`,
    expect: only({ student: 1, ...TEACHERS }, 0, denied(T)),
  },
  {
    op: 'update', name: "turn the question into someone else's",
    run: (tx, w) => tx`update public.lesson_comments set body = 'x' where id = ${ids.qS} and asker_id = ${w.users.student.id}`,
    expect: only({ student: 1, ...Object.fromEntries(Object.keys(TEACHERS).map((r) => [r, 'only its author can change a comment'])) }, 0, denied(T)),
  },
  {
    op: 'delete', name: "delete the teacher's answer (its author, the course's editor, admins, owners)",
    run: (tx) => tx`delete from public.lesson_comments where id = ${ids.rI}`,
    expect: only({ instructor: 1, admin: 1, owner: 1 }, 0, denied(T)),
  },
])

it('the classmate and the parent cannot read or join the student’s thread; closed courses take no questions', async () => {
  const { peer, student } = w.users
  for (const who of [peer, P]) {
    const seen = await withUser(
      sql,
      who.claims,
      (tx) => tx`select 1 from public.lesson_comments where id = ${ids.qS}`,
    )
    expect(seen.length).toBe(0)
    const joined = await withUser(
      sql,
      who.claims,
      (tx) =>
        tx`insert into public.lesson_comments (lesson_id, thread_id, body) values (${ids.lesson}, ${ids.qS}, 'me too')`,
    ).catch((error: Error) => error.message)
    expect(joined).toBe(violates(T))
  }
  // A forged asker: the trigger makes the writer the asker, so the classmate cannot ask "as" the student.
  const forged = await withUser(
    sql,
    peer.claims,
    (tx) => tx`insert into public.lesson_comments (lesson_id, kind, body, quote, asker_id)
      values (${ids.lesson}, 'question', 'Hi', 'cell', ${student.id}) returning asker_id`,
  )
  expect(forged[0]?.asker_id).toBe(peer.id)
  await sql`update public.courses set lesson_questions = false where id = ${ids.course}`
  const closed = await withUser(
    sql,
    student.claims,
    (tx) =>
      tx`insert into public.lesson_comments (lesson_id, kind, body, quote) values (${ids.lesson}, 'question', 'Why?', 'cell')`,
  ).catch((error: Error) => error.message)
  expect(closed).toBe('The teachers of this course do not take questions on lessons.')
  await sql`update public.courses set lesson_questions = true where id = ${ids.course}`
})

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

// Course forums (issue 19). Tenant A's course is written by the cast's instructor (its co-author:
// a moderator, like the school's staff, admins and owner); the student is enrolled, the peer is
// not. Thread tS is the student's question with one reply of theirs (pS); tI the instructor's
// announcement. Parent P (linked to the student) reads and writes nothing. Tenant B sees nothing.
const sql = testDb(4)
let w: World
let P: TestUser
const ids = {} as Record<'course' | 'tS' | 'tI' | 'pS', string>

beforeAll(async () => {
  w = await createWorld(sql)
  const { instructor, student } = w.users
  P = await createUser(sql)
  await sql`insert into public.memberships (tenant_id, user_id, role) values (${w.a.id}, ${P.id}, 'parent')`
  await sql`insert into public.guardian_links (tenant_id, parent_id, student_id) values (${w.a.id}, ${P.id}, ${student.id})`
  ;[{ id: ids.course }] = await sql<{ id: string }[]>`
    insert into public.courses (tenant_id, title, created_by) values (${w.a.id}, 'Fractions', ${instructor.id}) returning id`
  await sql`insert into public.course_authors (course_id, user_id, role) values (${ids.course}, ${instructor.id}, 'editor')
    on conflict do nothing`
  await sql`insert into public.enrolments (course_id, user_id) values (${ids.course}, ${student.id})`
  ;[{ id: ids.tS }] = await sql<{ id: string }[]>`
    insert into public.forum_threads (course_id, category, title, body, author_id)
    values (${ids.course}, 'question', 'Halves and quarters', 'Is 2/4 the same as 1/2?', ${student.id}) returning id`
  ;[{ id: ids.tI }] = await sql<{ id: string }[]>`
    insert into public.forum_threads (course_id, category, title, body, author_id)
    values (${ids.course}, 'announcement', 'Quiz on Friday', 'Bring a ruler.', ${instructor.id}) returning id`
  ;[{ id: ids.pS }] = await sql<{ id: string }[]>`
    insert into public.forum_posts (thread_id, body, author_id) values (${ids.tS}, 'Also 3/6?', ${student.id}) returning id`
  await sql`insert into public.forum_reads (user_id, thread_id) values (${student.id}, ${ids.tS})`
  await sql`insert into public.forum_reports (thread_id, post_id, reason, reporter_id)
    values (${ids.tS}, ${ids.pS}, 'other', ${w.users.staff.id})`
  await sql`insert into public.forum_settings (tenant_id) values (${w.a.id})`
  await sql`insert into public.forum_reactions (thread_id, reaction, user_id) values (${ids.tS}, 'same_question', ${student.id})`
})
afterAll(() => sql.end())

const only = (roles: Partial<Record<Role, Outcome>>, rest: Outcome, anon: Outcome): Row =>
  Object.fromEntries(CAST.map((r) => [r, r === 'anon' ? anon : (roles[r] ?? rest)])) as Row
type Outcome = number | string
const MODERATORS = { instructor: 1, staff: 1, admin: 1, owner: 1 }
const IN_COURSE = { student: 1, ...MODERATORS }
const AUTHOR_ONLY = 'Only its author changes a reply.'
const OWN_WORDS = 'You cannot report your own words.'
const MODERATORS_ONLY =
  "Only the course's teachers and the school's staff pin, lock or hide threads and post announcements."

// biome-ignore format: the expected outcomes read as a table, one row per command
walkCast('forum_threads', () => w, [
  {
    op: 'select', name: "read the course's threads (its moderators and enrolled students)",
    run: (tx) => tx`select 1 from public.forum_threads where course_id = ${ids.course}`,
    expect: only({ student: 2, instructor: 2, staff: 2, admin: 2, owner: 2 }, 0, denied('forum_threads')),
  },
  {
    op: 'insert', name: 'start a general thread',
    run: (tx) => tx`insert into public.forum_threads (course_id, category, title, body) values (${ids.course}, 'general', 'Hi', 'Hello')`,
    expect: only(IN_COURSE, violates('forum_threads'), denied('forum_threads')),
  },
  {
    op: 'insert', name: 'post an announcement (moderators only)',
    run: (tx) => tx`insert into public.forum_threads (course_id, category, title, body) values (${ids.course}, 'announcement', 'Hi', 'Hello')`,
    expect: only({ ...MODERATORS, student: MODERATORS_ONLY }, violates('forum_threads'), denied('forum_threads')),
  },
  {
    op: 'update', name: "reword the student's question (its author; moderators too)",
    run: (tx) => tx`update public.forum_threads set title = 'Halves' where id = ${ids.tS}`,
    expect: only(IN_COURSE, 0, denied('forum_threads')),
  },
  {
    op: 'update', name: "pin the student's question (moderators only)",
    run: (tx) => tx`update public.forum_threads set pinned = true where id = ${ids.tS}`,
    expect: only({ ...MODERATORS, student: MODERATORS_ONLY }, 0, denied('forum_threads')),
  },
  {
    op: 'delete', name: "the student's question (nobody else replied: its author; moderators)",
    run: (tx) => tx`delete from public.forum_threads where id = ${ids.tS}`,
    expect: only(IN_COURSE, 0, denied('forum_threads')),
  },
])

// biome-ignore format: the expected outcomes read as a table, one row per command
walkCast('forum_posts', () => w, [
  {
    op: 'select',
    run: (tx) => tx`select 1 from public.forum_posts where course_id = ${ids.course}`,
    expect: only(IN_COURSE, 0, denied('forum_posts')),
  },
  {
    op: 'insert', name: 'reply to the question',
    run: (tx) => tx`insert into public.forum_posts (thread_id, body) values (${ids.tS}, 'Yes')`,
    expect: only(IN_COURSE, violates('forum_posts'), denied('forum_posts')),
  },
  {
    op: 'update', name: "reword the student's reply (its author only: moderators hide instead)",
    run: (tx) => tx`update public.forum_posts set body = 'Also 4/8?' where id = ${ids.pS}`,
    expect: only({ student: 1, instructor: AUTHOR_ONLY, staff: AUTHOR_ONLY, admin: AUTHOR_ONLY, owner: AUTHOR_ONLY }, 0, denied('forum_posts')),
  },
  {
    op: 'update', name: "hide the student's reply (moderators only)",
    run: (tx) => tx`update public.forum_posts set hidden = true where id = ${ids.pS}`,
    expect: only({ ...MODERATORS, student: "Only the course's teachers and the school's staff hide replies." }, 0, denied('forum_posts')),
  },
  {
    op: 'delete',
    run: (tx) => tx`delete from public.forum_posts where id = ${ids.pS}`,
    expect: only(IN_COURSE, 0, denied('forum_posts')),
  },
])

// biome-ignore format: the expected outcomes read as a table, one row per command
walkCast('forum_reads', () => w, [
  {
    op: 'select', name: 'read marks (only one’s own)',
    run: (tx) => tx`select 1 from public.forum_reads where thread_id = ${ids.tS}`,
    expect: only({ student: 1 }, 0, denied('forum_reads')),
  },
  {
    op: 'insert', name: 'mark the announcement read (who can see it)',
    run: (tx) => tx`insert into public.forum_reads (thread_id) values (${ids.tI})`,
    expect: only(IN_COURSE, violates('forum_reads'), denied('forum_reads')),
  },
  {
    op: 'update',
    run: (tx) => tx`update public.forum_reads set read_at = now() where thread_id = ${ids.tS}`,
    expect: only({ student: 1 }, 0, denied('forum_reads')),
  },
  {
    op: 'delete',
    run: (tx) => tx`delete from public.forum_reads where thread_id = ${ids.tS}`,
    expect: only({ student: 1 }, 0, denied('forum_reads')),
  },
])

// biome-ignore format: the expected outcomes read as a table, one row per command
walkCast('forum_reports', () => w, [
  {
    op: 'select', name: "reports on the course (moderators; a reporter their own)",
    run: (tx) => tx`select 1 from public.forum_reports where course_id = ${ids.course}`,
    expect: only({ ...MODERATORS, student: 0 }, 0, denied('forum_reports')),
  },
  {
    op: 'insert', name: "report the instructor's announcement (anyone who reads the forum)",
    run: (tx) => tx`insert into public.forum_reports (thread_id, reason) values (${ids.tI}, 'spam')`,
    expect: only({ student: 1, staff: 1, admin: 1, owner: 1, instructor: OWN_WORDS }, violates('forum_reports'), denied('forum_reports')),
  },
  {
    op: 'update', name: 'close the open reports',
    run: (tx) => tx`update public.forum_reports set resolved_at = now() where course_id = ${ids.course}`,
    expect: only(MODERATORS, 0, denied('forum_reports')),
  },
  {
    op: 'delete',
    name: 'nobody: reports are kept (not even granted)',
    run: (tx) => tx`delete from public.forum_reports where course_id = ${ids.course}`,
    expect: only({}, denied('forum_reports'), denied('forum_reports')),
  },
])

// biome-ignore format: the expected outcomes read as a table, one row per command
walkCast('forum_settings', () => w, [
  {
    op: 'select', name: "tenant A's settings (its members)",
    run: (tx) => tx`select 1 from public.forum_settings where tenant_id = ${w.a.id}`,
    expect: only({ student: 1, instructor: 1, staff: 1, admin: 1, owner: 1 }, 0, denied('forum_settings')),
  },
  {
    op: 'insert', name: "settings for tenant B (its admins only)",
    run: (tx) => tx`insert into public.forum_settings (tenant_id) values (${w.b.id})`,
    expect: only({ adminB: 1 }, violates('forum_settings'), denied('forum_settings')),
  },
  {
    op: 'update', name: "tenant A's threshold",
    run: (tx) => tx`update public.forum_settings set report_threshold = 5 where tenant_id = ${w.a.id}`,
    expect: only({ admin: 1, owner: 1 }, 0, denied('forum_settings')),
  },
  {
    op: 'delete',
    run: (tx) => tx`delete from public.forum_settings where tenant_id = ${w.a.id}`,
    expect: only({ admin: 1, owner: 1 }, 0, denied('forum_settings')),
  },
])

// biome-ignore format: the expected outcomes read as a table, one row per command
walkCast('forum_reactions', () => w, [
  {
    op: 'select', name: "see the course's reactions (whoever reads its forum)",
    run: (tx) => tx`select 1 from public.forum_reactions where thread_id = ${ids.tS}`,
    expect: only(IN_COURSE, 0, denied('forum_reactions')),
  },
  {
    op: 'insert', name: 'react to the question (members and moderators)',
    run: (tx) => tx`insert into public.forum_reactions (thread_id, reaction) values (${ids.tS}, 'heart')`,
    expect: only(IN_COURSE, violates('forum_reactions'), denied('forum_reactions')),
  },
  {
    op: 'update', name: 'change a reaction (nobody: take it back instead)',
    run: (tx) => tx`update public.forum_reactions set reaction = 'heart' where thread_id = ${ids.tS}`,
    expect: only({}, denied('forum_reactions'), denied('forum_reactions')),
  },
  {
    op: 'delete', name: "take back the student's reaction (theirs alone)",
    run: (tx) => tx`delete from public.forum_reactions where thread_id = ${ids.tS}`,
    expect: only({ student: 1 }, 0, denied('forum_reactions')),
  },
])

describe('forum: parents and students outside the course', () => {
  it('a linked parent reads the forum and writes nothing; an unenrolled student sees nothing', async () => {
    const asParent = (run: Parameters<typeof outcome>[2]) => outcome(sql, P, run)
    expect(
      await asParent((tx) => tx`select 1 from public.forum_threads where course_id = ${ids.course}`),
    ).toBe(2)
    expect(await asParent((tx) => tx`select 1 from public.forum_posts where thread_id = ${ids.tS}`)).toBe(1)
    expect(
      await asParent(
        (tx) => tx`insert into public.forum_posts (thread_id, body) values (${ids.tS}, 'Hello')`,
      ),
    ).toBe(violates('forum_posts'))
    const peer = await outcome(
      sql,
      w.users.peer,
      (tx) => tx`select 1 from public.forum_threads where course_id = ${ids.course}`,
    )
    expect(peer).toBe(0)
    // An unlinked parent of the same school sees nothing either.
    const other = await createUser(sql)
    await sql`insert into public.memberships (tenant_id, user_id, role) values (${w.a.id}, ${other.id}, 'parent')`
    expect(
      await outcome(
        sql,
        other,
        (tx) => tx`select 1 from public.forum_threads where course_id = ${ids.course}`,
      ),
    ).toBe(0)
  })

  it('a hidden reply is seen by moderators and its author only', async () => {
    await sql`update public.forum_posts set hidden = true where id = ${ids.pS}`
    const sees = (who: TestUser) =>
      outcome(sql, who, (tx) => tx`select 1 from public.forum_posts where id = ${ids.pS}`)
    expect([await sees(w.users.student), await sees(w.users.instructor), await sees(P)]).toEqual([1, 1, 0])
    // Only they can react to it: to anyone else it is not there.
    const reacts = (who: TestUser) =>
      outcome(
        sql,
        who,
        (tx) =>
          tx`insert into public.forum_reactions (thread_id, post_id, reaction) values (${ids.tS}, ${ids.pS}, 'celebrate')`,
      )
    const classmate = await createUser(sql)
    await sql`insert into public.memberships (tenant_id, user_id, role) values (${w.a.id}, ${classmate.id}, 'student')`
    await sql`insert into public.enrolments (course_id, user_id) values (${ids.course}, ${classmate.id})`
    expect([
      await reacts(w.users.student),
      await reacts(w.users.instructor),
      await reacts(classmate),
    ]).toEqual([1, 1, 'that reply is not in this thread'])
    await sql`update public.forum_posts set hidden = false where id = ${ids.pS}`
  })

  it('a locked thread takes replies from moderators only', async () => {
    await sql`update public.forum_threads set locked = true where id = ${ids.tS}`
    const reply = (who: TestUser) =>
      outcome(
        sql,
        who,
        (tx) => tx`insert into public.forum_posts (thread_id, body) values (${ids.tS}, 'More')`,
      )
    expect([await reply(w.users.student), await reply(w.users.instructor)]).toEqual([
      'This thread is locked.',
      1,
    ])
    await sql`update public.forum_threads set locked = false where id = ${ids.tS}`
  })

  it('the counters are the triggers’: nobody writes reply_count, not even the author', async () => {
    const error = await withUser(sql, w.users.student.claims, (tx) =>
      tx`update public.forum_threads set reply_count = 99 where id = ${ids.tS}`.then(() => ''),
    ).catch((e: Error) => e.message)
    expect(error).toBe('permission denied for table forum_threads')
  })
})

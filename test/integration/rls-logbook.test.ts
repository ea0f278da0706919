import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createUser, type TestUser, testDb } from '../support/fixtures.ts'
import {
  CAST,
  createWorld,
  denied,
  outcome,
  type Row,
  violates,
  type World,
  walkCast,
} from '../support/rls.ts'

// The learning logbook (issue 20). Tenant A: course C co-authored by the instructor; the student and
// the peer are enrolled; parent P is linked to the student. Entries: the student's `shared` (shared
// with parents) and `own`, the peer's `peers`. Comments: the instructor's on `shared`, the student's
// on `own`. Course D of tenant A has no enrolments (for lessons of another course).
const sql = testDb(4)
let w: World
let P: TestUser
const ids = {} as Record<'course' | 'other' | 'lesson' | 'otherLesson' | 'shared' | 'own' | 'peers', string>

beforeAll(async () => {
  w = await createWorld(sql)
  const { student, peer, instructor } = w.users
  P = await createUser(sql)
  await sql`insert into public.memberships (tenant_id, user_id, role) values (${w.a.id}, ${P.id}, 'parent')`
  await sql`insert into public.guardian_links (tenant_id, parent_id, student_id, created_by) values (${w.a.id}, ${P.id}, ${student.id}, null)`
  const course = async (title: string) => {
    const [c] =
      await sql`insert into public.courses (tenant_id, title, created_by) values (${w.a.id}, ${title}, ${instructor.id}) returning id`
    return c?.id as string
  }
  ids.course = await course('C')
  ids.other = await course('D')
  await sql`insert into public.course_authors (course_id, user_id, role) values (${ids.course}, ${instructor.id}, 'editor') on conflict do nothing`
  await sql`insert into public.enrolments (course_id, user_id) values (${ids.course}, ${student.id}), (${ids.course}, ${peer.id})`
  const [l1] =
    await sql`insert into public.lessons (course_id, title) values (${ids.course}, 'Cells') returning id`
  const [l2] =
    await sql`insert into public.lessons (course_id, title) values (${ids.other}, 'Other') returning id`
  ids.lesson = l1?.id as string
  ids.otherLesson = l2?.id as string
  const entry = async (who: TestUser, title: string, shared: boolean) => {
    const [e] =
      await sql`insert into public.logbook_entries (course_id, user_id, title, body, shared_with_guardians)
      values (${ids.course}, ${who.id}, ${title}, 'What I did', ${shared}) returning id`
    return e?.id as string
  }
  ids.shared = await entry(student, 'Onion cells', true)
  ids.own = await entry(student, 'My worries', false)
  ids.peers = await entry(peer, 'Peer notes', false)
  await sql`insert into public.logbook_comments (entry_id, author_id, body) values
    (${ids.shared}, ${instructor.id}, 'Well drawn'), (${ids.own}, ${student.id}, 'Note to self')`
})
afterAll(() => sql.end())

const only = (roles: Partial<Record<(typeof CAST)[number], number | string>>, rest: number | string): Row =>
  Object.fromEntries(CAST.map((r) => [r, roles[r] ?? rest])) as Row
const TEACHERS = { instructor: 3, staff: 3, admin: 3, owner: 3 }
const ENTRIES = 'logbook_entries'
const COMMENTS = 'logbook_comments'

// biome-ignore format: the expected outcomes read as a table, one row per command
walkCast(ENTRIES, () => w, [
  {
    op: 'select', name: 'the student their own; the course’s teachers all; nobody else',
    run: (tx) => tx`select 1 from public.logbook_entries`,
    expect: only({ anon: denied(ENTRIES), student: 2, ...TEACHERS }, 0),
  },
  {
    op: 'insert', name: 'write in the logbook of a course (enrolled students only)',
    run: (tx) => tx`insert into public.logbook_entries (course_id, title) values (${ids.course}, 'New')`,
    expect: only({ anon: denied(ENTRIES), student: 1 }, violates(ENTRIES)),
  },
  {
    op: 'insert', name: 'write in someone else’s logbook',
    run: (tx, world) => tx`insert into public.logbook_entries (course_id, user_id, title) values (${ids.course}, ${world.users.peer.id}, 'Not mine')`,
    expect: only({ anon: denied(ENTRIES) }, violates(ENTRIES)),
  },
  {
    op: 'update', name: 'change entries (their own only: teachers comment, never edit)',
    run: (tx) => tx`update public.logbook_entries set body = 'changed'`,
    expect: only({ anon: denied(ENTRIES), student: 2 }, 0),
  },
  {
    op: 'delete', name: 'delete entries (their own; owners and admins any)',
    run: (tx) => tx`delete from public.logbook_entries`,
    expect: only({ anon: denied(ENTRIES), student: 2, admin: 3, owner: 3 }, 0),
  },
])

// biome-ignore format: the expected outcomes read as a table, one row per command
walkCast(COMMENTS, () => w, [
  {
    op: 'select',
    run: (tx) => tx`select 1 from public.logbook_comments`,
    expect: only({ anon: denied(COMMENTS), student: 2, instructor: 2, staff: 2, admin: 2, owner: 2 }, 0),
  },
  {
    op: 'insert', name: 'comment on the peer’s entry (the course’s teachers)',
    run: (tx) => tx`insert into public.logbook_comments (entry_id, body) values (${ids.peers}, 'Good')`,
    expect: only({ anon: denied(COMMENTS), instructor: 1, staff: 1, admin: 1, owner: 1 }, violates(COMMENTS)),
  },
  {
    op: 'update', name: 'change comments (their own)',
    run: (tx) => tx`update public.logbook_comments set body = 'changed'`,
    expect: only({ anon: denied(COMMENTS), student: 1, instructor: 1 }, 0),
  },
  {
    op: 'delete', name: 'delete comments (their own; owners and admins any)',
    run: (tx) => tx`delete from public.logbook_comments`,
    expect: only({ anon: denied(COMMENTS), student: 1, instructor: 1, admin: 2, owner: 2 }, 0),
  },
])

describe('logbook: parents and the rules of an entry', () => {
  const count = (who: TestUser | null, run: Parameters<typeof outcome>[2]) => outcome(sql, who, run)

  it('a parent reads only the entries shared with them, and their comments, and writes nothing', async () => {
    expect(await count(P, (tx) => tx`select 1 from public.logbook_entries`)).toBe(1)
    expect(await count(P, (tx) => tx`select 1 from public.logbook_comments`)).toBe(1)
    expect(
      await count(
        P,
        (tx) => tx`insert into public.logbook_comments (entry_id, body) values (${ids.shared}, 'Proud')`,
      ),
    ).toBe(violates(COMMENTS))
    expect(await count(P, (tx) => tx`update public.logbook_entries set shared_with_guardians = true`)).toBe(0)
  })

  it('sharing an entry shows it to the parent; unsharing hides it again', async () => {
    const shareOwn = (shared: boolean) =>
      count(w.users.student, async (tx) => {
        await tx`update public.logbook_entries set shared_with_guardians = ${shared} where id = ${ids.own}`
        return tx`select 1 from public.logbook_entries where id = ${ids.own}`
      })
    expect(await shareOwn(true)).toBe(1)
    await sql`update public.logbook_entries set shared_with_guardians = true where id = ${ids.own}`
    expect(await count(P, (tx) => tx`select 1 from public.logbook_entries`)).toBe(2)
    await sql`update public.logbook_entries set shared_with_guardians = false where id = ${ids.own}`
    expect(await count(P, (tx) => tx`select 1 from public.logbook_entries`)).toBe(1)
  })

  it('a student who left the course keeps reading but cannot write new entries', async () => {
    const leaver = await createUser(sql)
    await sql`insert into public.memberships (tenant_id, user_id, role) values (${w.a.id}, ${leaver.id}, 'student')`
    await sql`insert into public.logbook_entries (course_id, user_id, title) values (${ids.course}, ${leaver.id}, 'Before')`
    expect(await count(leaver, (tx) => tx`select 1 from public.logbook_entries`)).toBe(1)
    expect(
      await count(
        leaver,
        (tx) => tx`insert into public.logbook_entries (course_id, title) values (${ids.course}, 'After')`,
      ),
    ).toBe(violates(ENTRIES))
  })

  it('refuses a lesson of another course, an unknown competency and a file from elsewhere', async () => {
    const write = (values: Record<string, unknown>) =>
      count(
        w.users.student,
        (tx) => tx`insert into public.logbook_entries ${tx(values as Record<string, string>)}`,
      )
    expect(await write({ course_id: ids.course, title: 'x', lesson_id: ids.otherLesson })).toBe(
      'That lesson is not in this course.',
    )
    expect(await write({ course_id: ids.course, title: 'x', lesson_id: ids.lesson })).toBe(1)
    expect(
      await count(
        w.users.student,
        (tx) =>
          tx`insert into public.logbook_entries (course_id, title, competencies) values (${ids.course}, 'x', ${['flying']}::text[])`,
      ),
    ).toMatch(/logbook_entries_competencies_check/)
    const peerFile = `${w.a.id}/${ids.course}/${w.users.peer.id}/ab12-photo.png`
    await sql`insert into storage.objects (bucket_id, name, owner, owner_id, version, metadata)
      values ('logbook-files', ${peerFile}, ${w.users.peer.id}, ${w.users.peer.id}, 'v1', '{"size": 10, "mimetype": "image/png"}')`
    expect(
      await count(
        w.users.student,
        (tx) =>
          tx`insert into public.logbook_entries (course_id, title, files) values (${ids.course}, 'x', ${tx.json([{ path: `logbook-files/${peerFile}` }])})`,
      ),
    ).toBe('A file is not one of this logbook.')
  })

  it('keeps each entry’s files with their student: stored sizes, readers of the folder', async () => {
    const { student, peer, instructor } = w.users
    const name = `${w.a.id}/${ids.course}/${student.id}/cd34-leaf.jpg`
    await sql`insert into storage.objects (bucket_id, name, owner, owner_id, version, metadata)
      values ('logbook-files', ${name}, ${student.id}, ${student.id}, 'v1', '{"size": 2048, "mimetype": "image/jpeg"}')`
    const [row] = await sql<{ files: { size: number; type: string; name: string }[] }[]>`
      update public.logbook_entries set files = ${sql.json([{ path: `logbook-files/${name}`, name: 'Leaf.jpg' }])}
      where id = ${ids.own} returning files`
    expect(row?.files).toEqual([
      { path: `logbook-files/${name}`, name: 'Leaf.jpg', size: 2048, type: 'image/jpeg' },
    ])
    const sees = (who: TestUser) =>
      count(
        who,
        (tx) => tx`select 1 from storage.objects where bucket_id = 'logbook-files' and name = ${name}`,
      )
    expect(await sees(student)).toBe(1)
    expect(await sees(instructor)).toBe(1)
    expect(await sees(peer)).toBe(0)
    expect(await sees(P)).toBe(0)
    await sql`update public.logbook_entries set shared_with_guardians = true where id = ${ids.own}`
    expect(await sees(P)).toBe(1)
    await sql`update public.logbook_entries set shared_with_guardians = false where id = ${ids.own}`
    const upload = (who: TestUser, folder: string) =>
      count(
        who,
        (tx) => tx`insert into storage.objects (bucket_id, name, owner, owner_id, version, metadata)
        values ('logbook-files', ${`${folder}/x1-a.png`}, ${who.id}, ${who.id}, 'v1', '{"size": 1, "mimetype": "image/png"}')`,
      )
    expect(await upload(student, `${w.a.id}/${ids.course}/${student.id}`)).toBe(1)
    expect(await upload(student, `${w.a.id}/${ids.course}/${peer.id}`)).toBe(violates('objects'))
    expect(await upload(student, `${w.a.id}/${ids.other}/${student.id}`)).toBe(violates('objects'))
  })

  it('shows the tutor’s session notes about the student to the tutor only', async () => {
    const { student, instructor } = w.users
    const [s] = await sql`insert into public.tutoring_sessions
      (tenant_id, instructor_id, course_id, title, starts_at, duration_minutes, capacity, notes)
      values (${w.a.id}, ${instructor.id}, ${ids.course}, 'Microscopes', now() + interval '1 day', 60, 5,
              'Kevin focused the microscope himself') returning id`
    await sql`insert into public.session_bookings (session_id, user_id) values (${s?.id}, ${student.id})`
    const notes = (who: TestUser) =>
      count(who, (tx) => tx`select * from public.logbook_session_notes(${ids.course}, ${student.id})`)
    expect(await notes(instructor)).toBe(1)
    expect(await notes(student)).toBe(0)
    expect(await notes(P)).toBe(0)
  })
})

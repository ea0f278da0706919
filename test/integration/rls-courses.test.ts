import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { withAnon, withUser } from '../../edge/lib/db.ts'
import { createTenant, createUser, testDb } from '../support/fixtures.ts'
import { actor, CAST, createWorld, denied, violates, type World, walkCast } from '../support/rls.ts'

// Tenant A has two courses by its instructor (their editor): c1 (paid) with module m1 and lesson
// l1, in which the cast's student is enrolled, and c2 (free) with module m2 and lesson l2, in
// which only the peer is enrolled. A's admin is also a viewer of c1. Each lesson has a published
// version, one draft update and a compacted snapshot.
const sql = testDb(10)
let w: World
const ids = {} as Record<'c1' | 'c2' | 'm1' | 'm2' | 'l1' | 'l2', string>
beforeAll(async () => {
  w = await createWorld(sql)
  const { instructor, admin, student, peer } = w.users
  for (const [key, free] of [
    ['c1', false],
    ['c2', true],
  ] as const) {
    const [c] = await sql`
      insert into public.courses (tenant_id, title, is_free, created_by)
      values (${w.a.id}, ${key}, ${free}, ${instructor.id}) returning id`
    ids[key] = c?.id
  }
  for (const n of ['1', '2'] as const) {
    const course = ids[`c${n}`]
    const [m] =
      await sql`insert into public.course_modules (course_id, title) values (${course}, 'M') returning id`
    ids[`m${n}`] = m?.id
    const [l] = await sql`
      insert into public.lessons (course_id, module_id, title, created_by)
      values (${course}, ${m?.id}, 'L', ${instructor.id}) returning id`
    ids[`l${n}`] = l?.id
    await sql`insert into public.lesson_versions (lesson_id, version, title, html, plain_text, state, published_by)
              values (${l?.id}, 0, 'L', '<p>x</p>', 'x', '\\x00', ${instructor.id})`
    await sql`insert into public.lesson_doc_updates (lesson_id, update) values (${l?.id}, '\\x00')`
    await sql`insert into public.lesson_docs (lesson_id, state) values (${l?.id}, '\\x00')`
  }
  await sql`insert into public.course_authors (course_id, user_id, role) values (${ids.c1}, ${admin.id}, 'viewer')`
  await sql`insert into public.enrolments (course_id, user_id) values (${ids.c1}, ${student.id}), (${ids.c2}, ${peer.id})`
})
afterAll(() => sql.end())

const both = (k: 'c' | 'm' | 'l') => [ids[`${k}1`], ids[`${k}2`]]

/** The same outcome for every signed-in member of the cast; anon gets `anon`. */
const all = (value: number | string, anon: number | string) =>
  Object.fromEntries(CAST.map((r) => [r, r === 'anon' ? anon : value])) as Record<
    (typeof CAST)[number],
    number | string
  >

/** `value` for the given roles, `rest` for the other signed-in ones, `anon` for anon. */
const only = (roles: string[], value: number | string, rest: number | string, anon: number | string) =>
  Object.fromEntries(CAST.map((r) => [r, r === 'anon' ? anon : roles.includes(r) ? value : rest])) as Record<
    (typeof CAST)[number],
    number | string
  >

const EDITORS = ['instructor']
const MANAGERS = ['instructor', 'admin', 'owner']
const NOT_AUTHOR = 'Co-authors must be instructors or admins of this school.'
const LAST_EDITOR = 'A course must keep at least one editor.'
const NOT_STUDENT = 'Only students of this school can be enrolled.'
const NO_MOVE = 'A module or lesson cannot move to another course.'

// biome-ignore format: the expected outcomes read as a table, one row per command
walkCast('courses', () => w, [
  {
    op: 'select',
    run: (tx) => tx`select 1 from public.courses where id in ${tx(both('c'))}`,
    expect: { anon: denied('courses'), outsider: 0, student: 2, instructor: 2, staff: 2, admin: 2, owner: 2, adminB: 0, superadmin: 2 },
  },
  {
    op: 'insert',
    name: 'create a course in A',
    run: (tx, w) => tx`insert into public.courses (tenant_id, title) values (${w.a.id}, 'New')`,
    expect: only(MANAGERS, 1, violates('courses'), denied('courses')),
  },
  {
    op: 'insert',
    name: "create a course in someone else's name",
    run: (tx, w) => tx`insert into public.courses (tenant_id, title, created_by) values (${w.a.id}, 'New', ${w.users.peer.id})`,
    expect: all(violates('courses'), denied('courses')),
  },
  {
    op: 'update',
    run: (tx) => tx`update public.courses set title = 'Renamed' where id = ${ids.c1}`,
    expect: only(MANAGERS, 1, 0, denied('courses')),
  },
  {
    op: 'update',
    name: 'move a course to school B',
    run: (tx, w) => tx`update public.courses set tenant_id = ${w.b.id} where id = ${ids.c1}`,
    expect: only(MANAGERS, 'A course cannot move to another school or change its creator.', 0, denied('courses')),
  },
  {
    op: 'delete',
    run: (tx) => tx`delete from public.courses where id = ${ids.c1}`,
    expect: only(MANAGERS, 1, 0, denied('courses')),
  },
])

// biome-ignore format: the expected outcomes read as a table, one row per command
walkCast('course_modules', () => w, [
  {
    op: 'select',
    name: "see the modules of A's courses (the student is enrolled in c1 only)",
    run: (tx) => tx`select 1 from public.course_modules where id in ${tx(both('m'))}`,
    expect: { anon: denied('course_modules'), outsider: 0, student: 1, instructor: 2, staff: 2, admin: 2, owner: 2, adminB: 0, superadmin: 0 },
  },
  {
    op: 'insert',
    run: (tx) => tx`insert into public.course_modules (course_id, title) values (${ids.c1}, 'New')`,
    expect: only(EDITORS, 1, violates('course_modules'), denied('course_modules')),
  },
  {
    op: 'update',
    run: (tx) => tx`update public.course_modules set title = 'Renamed' where id = ${ids.m1}`,
    expect: only(EDITORS, 1, 0, denied('course_modules')),
  },
  {
    op: 'update',
    name: 'move a module to another course',
    run: (tx) => tx`update public.course_modules set course_id = ${ids.c2} where id = ${ids.m1}`,
    expect: only(EDITORS, NO_MOVE, 0, denied('course_modules')),
  },
  {
    op: 'delete',
    run: (tx) => tx`delete from public.course_modules where id = ${ids.m1}`,
    expect: only(EDITORS, 1, 0, denied('course_modules')),
  },
])

// biome-ignore format: the expected outcomes read as a table, one row per command
walkCast('lessons', () => w, [
  {
    op: 'select',
    name: "see the lessons of A's courses (the student is enrolled in c1 only)",
    run: (tx) => tx`select 1 from public.lessons where id in ${tx(both('l'))}`,
    expect: { anon: denied('lessons'), outsider: 0, student: 1, instructor: 2, staff: 2, admin: 2, owner: 2, adminB: 0, superadmin: 0 },
  },
  {
    op: 'insert',
    run: (tx) => tx`insert into public.lessons (course_id, title) values (${ids.c1}, 'New')`,
    expect: only(EDITORS, 1, violates('lessons'), denied('lessons')),
  },
  {
    op: 'insert',
    name: "into another course's module",
    run: (tx) => tx`insert into public.lessons (course_id, module_id, title) values (${ids.c1}, ${ids.m2}, 'New')`,
    expect: all('That module belongs to another course.', denied('lessons')),
  },
  {
    op: 'update',
    run: (tx) => tx`update public.lessons set title = 'Renamed' where id = ${ids.l1}`,
    expect: only(EDITORS, 1, 0, denied('lessons')),
  },
  {
    op: 'update',
    name: 'move a lesson to another course',
    run: (tx) => tx`update public.lessons set course_id = ${ids.c2}, module_id = null where id = ${ids.l1}`,
    expect: only(EDITORS, NO_MOVE, 0, denied('lessons')),
  },
  {
    op: 'delete',
    run: (tx) => tx`delete from public.lessons where id = ${ids.l1}`,
    expect: only(EDITORS, 1, 0, denied('lessons')),
  },
])

// biome-ignore format: the expected outcomes read as a table, one row per command
walkCast('course_authors', () => w, [
  {
    op: 'select',
    run: (tx) => tx`select 1 from public.course_authors where course_id in ${tx(both('c'))}`,
    expect: { anon: denied('course_authors'), outsider: 0, student: 0, instructor: 3, staff: 3, admin: 3, owner: 3, adminB: 0, superadmin: 0 },
  },
  {
    op: 'insert',
    name: 'add the owner as a viewer',
    run: (tx, w) => tx`insert into public.course_authors (course_id, user_id, role) values (${ids.c1}, ${w.users.owner.id}, 'viewer')`,
    expect: only(MANAGERS, 1, violates('course_authors'), denied('course_authors')),
  },
  {
    op: 'insert',
    name: 'add a student as an editor',
    run: (tx, w) => tx`insert into public.course_authors (course_id, user_id, role) values (${ids.c1}, ${w.users.student.id}, 'editor')`,
    expect: all(NOT_AUTHOR, denied('course_authors')),
  },
  {
    op: 'update',
    name: 'make the viewer an editor',
    run: (tx, w) => tx`update public.course_authors set role = 'editor' where course_id = ${ids.c1} and user_id = ${w.users.admin.id}`,
    expect: only(MANAGERS, 1, 0, denied('course_authors')),
  },
  {
    op: 'update',
    name: 'demote the only editor',
    run: (tx, w) => tx`update public.course_authors set role = 'viewer' where course_id = ${ids.c1} and user_id = ${w.users.instructor.id}`,
    expect: only(MANAGERS, LAST_EDITOR, 0, denied('course_authors')),
  },
  {
    op: 'delete',
    name: 'remove the viewer (or step down as the viewer)',
    run: (tx, w) => tx`delete from public.course_authors where course_id = ${ids.c1} and user_id = ${w.users.admin.id}`,
    expect: only(MANAGERS, 1, 0, denied('course_authors')),
  },
  {
    op: 'delete',
    name: 'remove the only editor',
    run: (tx, w) => tx`delete from public.course_authors where course_id = ${ids.c1} and user_id = ${w.users.instructor.id}`,
    expect: only(MANAGERS, LAST_EDITOR, 0, denied('course_authors')),
  },
])

// biome-ignore format: the expected outcomes read as a table, one row per command
walkCast('enrolments', () => w, [
  {
    op: 'select',
    run: (tx) => tx`select 1 from public.enrolments where course_id in ${tx(both('c'))}`,
    expect: { anon: denied('enrolments'), outsider: 0, student: 1, instructor: 2, staff: 2, admin: 2, owner: 2, adminB: 0, superadmin: 0 },
  },
  {
    op: 'insert',
    name: 'enrol the peer in c1',
    run: (tx, w) => tx`insert into public.enrolments (course_id, user_id) values (${ids.c1}, ${w.users.peer.id})`,
    expect: only(MANAGERS, 1, violates('enrolments'), denied('enrolments')),
  },
  {
    op: 'insert',
    name: 'enrol yourself in the free course',
    run: (tx) => tx`insert into public.enrolments (course_id, user_id) values (${ids.c2}, (select auth.uid()))`,
    expect: { ...all(NOT_STUDENT, denied('enrolments')), student: 1 },
  },
  {
    op: 'insert',
    name: 'leave the paid course, then enrol yourself in it again',
    run: async (tx) => {
      await tx`delete from public.enrolments where course_id = ${ids.c1} and user_id = (select auth.uid())`
      return tx`insert into public.enrolments (course_id, user_id) values (${ids.c1}, (select auth.uid()))`
    },
    expect: { ...all(NOT_STUDENT, denied('enrolments')), student: violates('enrolments') },
  },
  {
    op: 'update',
    run: (tx) => tx`update public.enrolments set created_at = now() where course_id = ${ids.c1}`,
    expect: all(0, denied('enrolments')),
  },
  {
    op: 'delete',
    name: "unenrol the student (or leave, as the student)",
    run: (tx, w) => tx`delete from public.enrolments where course_id = ${ids.c1} and user_id = ${w.users.student.id}`,
    expect: only([...MANAGERS, 'student'], 1, 0, denied('enrolments')),
  },
])

// biome-ignore format: the expected outcomes read as a table, one row per command
walkCast('lesson_versions', () => w, [
  {
    op: 'select',
    name: 'read published versions (the student only those of c1)',
    run: (tx) => tx`select 1 from public.lesson_versions where lesson_id in ${tx(both('l'))}`,
    expect: { anon: denied('lesson_versions'), outsider: 0, student: 1, instructor: 2, staff: 2, admin: 2, owner: 2, adminB: 0, superadmin: 0 },
  },
  {
    op: 'insert',
    name: 'publish',
    run: (tx) => tx`insert into public.lesson_versions (lesson_id, version, title, html, plain_text, state)
                    values (${ids.l1}, 0, 'L', '<p>y</p>', 'y', '\\x00')`,
    expect: only(EDITORS, 1, violates('lesson_versions'), denied('lesson_versions')),
  },
  {
    op: 'insert',
    name: "publish in someone else's name",
    run: (tx, w) => tx`insert into public.lesson_versions (lesson_id, version, title, html, plain_text, state, published_by)
                       values (${ids.l1}, 0, 'L', '<p>y</p>', 'y', '\\x00', ${w.users.owner.id})`,
    expect: all(violates('lesson_versions'), denied('lesson_versions')),
  },
  {
    op: 'update',
    run: (tx) => tx`update public.lesson_versions set html = '<p>changed</p>' where lesson_id = ${ids.l1}`,
    expect: all(denied('lesson_versions'), denied('lesson_versions')),
  },
  {
    op: 'delete',
    run: (tx) => tx`delete from public.lesson_versions where lesson_id = ${ids.l1}`,
    expect: all(denied('lesson_versions'), denied('lesson_versions')),
  },
])

// biome-ignore format: the expected outcomes read as a table, one row per command
walkCast('lesson_doc_updates', () => w, [
  {
    op: 'select',
    name: 'read draft updates (never students, enrolled or not)',
    run: (tx) => tx`select 1 from public.lesson_doc_updates where lesson_id in ${tx(both('l'))}`,
    expect: { anon: denied('lesson_doc_updates'), outsider: 0, student: 0, instructor: 2, staff: 2, admin: 2, owner: 2, adminB: 0, superadmin: 0 },
  },
  {
    op: 'insert',
    name: 'append a draft update',
    run: (tx) => tx`insert into public.lesson_doc_updates (lesson_id, update) values (${ids.l1}, '\\x00')`,
    expect: only(EDITORS, 1, violates('lesson_doc_updates'), denied('lesson_doc_updates')),
  },
  {
    op: 'update',
    run: (tx) => tx`update public.lesson_doc_updates set update = '\\x01' where lesson_id = ${ids.l1}`,
    expect: all(denied('lesson_doc_updates'), denied('lesson_doc_updates')),
  },
  {
    op: 'delete',
    run: (tx) => tx`delete from public.lesson_doc_updates where lesson_id = ${ids.l1}`,
    expect: all(denied('lesson_doc_updates'), denied('lesson_doc_updates')),
  },
])

// biome-ignore format: the expected outcomes read as a table, one row per command
walkCast('lesson_docs', () => w, [
  {
    op: 'select',
    name: 'read draft snapshots (never students, enrolled or not)',
    run: (tx) => tx`select 1 from public.lesson_docs where lesson_id in ${tx(both('l'))}`,
    expect: { anon: denied('lesson_docs'), outsider: 0, student: 0, instructor: 2, staff: 2, admin: 2, owner: 2, adminB: 0, superadmin: 0 },
  },
  {
    op: 'insert',
    run: (tx) => tx`insert into public.lesson_docs (lesson_id, state) values (${ids.l1}, '\\x00')`,
    expect: all(denied('lesson_docs'), denied('lesson_docs')),
  },
  {
    op: 'update',
    run: (tx) => tx`update public.lesson_docs set state = '\\x01' where lesson_id = ${ids.l1}`,
    expect: all(denied('lesson_docs'), denied('lesson_docs')),
  },
  {
    op: 'delete',
    run: (tx) => tx`delete from public.lesson_docs where lesson_id = ${ids.l1}`,
    expect: all(denied('lesson_docs'), denied('lesson_docs')),
  },
])

describe('public.lesson_access (the realtime server asks it at connect time)', () => {
  it('answers edit for editors, view for draft readers, none for everyone else, missing for no lesson', async () => {
    const ask = async (role: (typeof CAST)[number], lesson: string) => {
      const who = actor(w, role)
      const run = async (tx: Parameters<Parameters<typeof withAnon>[1]>[0]) => {
        const [row] = await tx`select public.lesson_access(${lesson}) as access`
        return row?.access as string
      }
      return (who ? withUser(sql, who.claims, run) : withAnon(sql, run)).catch((e: Error) => e.message)
    }
    const got = Object.fromEntries(await Promise.all(CAST.map(async (r) => [r, await ask(r, ids.l1)])))
    expect(got).toEqual({
      anon: 'permission denied for function lesson_access',
      outsider: 'none',
      student: 'none',
      instructor: 'edit',
      staff: 'view',
      admin: 'view',
      owner: 'view',
      adminB: 'none',
      superadmin: 'none',
    })
    expect(await ask('instructor', crypto.randomUUID())).toBe('missing')
  })
})

describe('courses: rules', () => {
  it('lets an owner delete a whole school with its courses, lessons, drafts and versions', async () => {
    const [owner, teacher] = [await createUser(sql), await createUser(sql)]
    const school = await createTenant(sql, owner, [[teacher, 'instructor']])
    const [course] = await sql`
      insert into public.courses (tenant_id, title, created_by) values (${school.id}, 'Doomed', ${teacher.id}) returning id`
    await sql`insert into public.course_authors (course_id, user_id, role) values (${course?.id}, ${owner.id}, 'editor')`
    const [lesson] =
      await sql`insert into public.lessons (course_id, title) values (${course?.id}, 'L') returning id`
    await sql`insert into public.lesson_versions (lesson_id, version, title, html, plain_text, state)
              values (${lesson?.id}, 0, 'L', '', '', '\\x00')`
    await sql`insert into public.lesson_doc_updates (lesson_id, update) values (${lesson?.id}, '\\x00')`
    const deleted = await withUser(
      sql,
      owner.claims,
      (tx) => tx`delete from public.tenants where id = ${school.id}`,
    )
    expect(deleted.count).toBe(1)
    expect(await sql`select 1 from public.courses where id = ${course?.id}`).toHaveLength(0)
    expect(await sql`select 1 from public.lesson_doc_updates where lesson_id = ${lesson?.id}`).toHaveLength(0)
    const log = await sql`select action from public.audit_log where target_id = ${course?.id} order by id`
    expect(log.map((r) => r.action)).toEqual(['course.created', 'course.author_added'])
  })
})

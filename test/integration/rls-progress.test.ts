import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { withUser } from '../../edge/lib/db.ts'
import { testDb } from '../support/fixtures.ts'
import { CAST, createWorld, denied, outcome, violates, type World, walkCast } from '../support/rls.ts'

// Tenant A's instructor teaches two courses (their editor). c1 has published lessons l1 and l1b
// and a lesson l2 never published; the cast's student and the peer are enrolled in it. c2 has the
// published lesson l3, in which only the peer is enrolled. Tenant B has course cb with the published
// lesson lb. Progress so far: the student's in l1, the peer's in l3.
const sql = testDb(10)
let w: World
const ids = {} as Record<'c1' | 'c2' | 'cb' | 'l1' | 'l1b' | 'l2' | 'l3' | 'lb', string>
beforeAll(async () => {
  w = await createWorld(sql)
  const { instructor, student, peer, adminB } = w.users
  const course = async (tenant: string, by: string) => {
    const [c] = await sql`
      insert into public.courses (tenant_id, title, created_by) values (${tenant}, 'C', ${by}) returning id`
    return c?.id as string
  }
  const lesson = async (courseId: string, published: boolean) => {
    const [l] =
      await sql`insert into public.lessons (course_id, title) values (${courseId}, 'L') returning id`
    if (published) {
      await sql`insert into public.lesson_versions (lesson_id, version, title, html, plain_text, state)
                values (${l?.id}, 0, 'L', '<p>x</p>', 'x', '\\x00')`
    }
    return l?.id as string
  }
  ids.c1 = await course(w.a.id, instructor.id)
  ids.c2 = await course(w.a.id, instructor.id)
  ids.cb = await course(w.b.id, adminB.id)
  ids.l1 = await lesson(ids.c1, true)
  ids.l1b = await lesson(ids.c1, true)
  ids.l2 = await lesson(ids.c1, false)
  ids.l3 = await lesson(ids.c2, true)
  ids.lb = await lesson(ids.cb, true)
  await sql`insert into public.enrolments (course_id, user_id)
            values (${ids.c1}, ${student.id}), (${ids.c1}, ${peer.id}), (${ids.c2}, ${peer.id})`
  await sql`insert into public.lesson_progress (user_id, lesson_id)
            values (${student.id}, ${ids.l1}), (${peer.id}, ${ids.l3})`
})
afterAll(() => sql.end())

/** The same outcome for every signed-in member of the cast; anon gets `anon`. */
const all = (value: number | string, anon: number | string) =>
  Object.fromEntries(CAST.map((r) => [r, r === 'anon' ? anon : value])) as Record<
    (typeof CAST)[number],
    number | string
  >

const TABLE = 'lesson_progress'
const FORGED = 'Progress belongs to the course and school of its lesson.'
const STAYS = 'A progress entry stays with its person, lesson, course and school.'
const rows = () => [ids.l1, ids.l3]

// biome-ignore format: the expected outcomes read as a table, one row per command
walkCast(TABLE, () => w, [
  {
    op: 'select',
    name: "read progress in A's courses (students their own, teachers and staff the course's)",
    run: (tx) => tx`select 1 from public.lesson_progress where lesson_id in ${tx(rows())}`,
    expect: { anon: denied(TABLE), outsider: 0, student: 1, instructor: 2, staff: 2, admin: 2, owner: 2, adminB: 0, superadmin: 0 },
  },
  {
    op: 'insert',
    name: 'record reading a published lesson of a course you are enrolled in',
    run: (tx) => tx`insert into public.lesson_progress (lesson_id) values (${ids.l1b})`,
    expect: { ...all(violates(TABLE), denied(TABLE)), student: 1 },
  },
  {
    op: 'insert',
    name: 'record reading a lesson never published',
    run: (tx) => tx`insert into public.lesson_progress (lesson_id) values (${ids.l2})`,
    expect: all(violates(TABLE), denied(TABLE)),
  },
  {
    op: 'insert',
    name: 'record reading a lesson of a course you are not enrolled in',
    run: (tx) => tx`insert into public.lesson_progress (lesson_id) values (${ids.l3})`,
    expect: all(violates(TABLE), denied(TABLE)),
  },
  {
    op: 'insert',
    name: "record reading in school B's course",
    run: (tx) => tx`insert into public.lesson_progress (lesson_id) values (${ids.lb})`,
    expect: all(violates(TABLE), denied(TABLE)),
  },
  {
    op: 'insert',
    name: "write the peer's progress",
    run: (tx, w) => tx`insert into public.lesson_progress (user_id, lesson_id) values (${w.users.peer.id}, ${ids.l1b})`,
    expect: all(violates(TABLE), denied(TABLE)),
  },
  {
    op: 'insert',
    name: 'claim school B for a lesson of A',
    run: (tx, w) => tx`insert into public.lesson_progress (lesson_id, tenant_id) values (${ids.l1b}, ${w.b.id})`,
    expect: all(FORGED, denied(TABLE)),
  },
  {
    op: 'insert',
    name: 'claim another course for a lesson',
    run: (tx) => tx`insert into public.lesson_progress (lesson_id, course_id) values (${ids.l1b}, ${ids.c2})`,
    expect: all(FORGED, denied(TABLE)),
  },
  {
    op: 'update',
    name: 'mark done (only your own row)',
    run: (tx) => tx`update public.lesson_progress set completed_at = now() where lesson_id in ${tx(rows())}`,
    expect: { ...all(0, denied(TABLE)), student: 1 },
  },
  {
    op: 'update',
    name: 'move your row to school B',
    run: (tx, w) => tx`update public.lesson_progress set tenant_id = ${w.b.id} where lesson_id in ${tx(rows())}`,
    expect: { ...all(0, denied(TABLE)), student: STAYS },
  },
  {
    op: 'update',
    name: 'give your row to the peer',
    run: (tx, w) => tx`update public.lesson_progress set user_id = ${w.users.peer.id} where lesson_id in ${tx(rows())}`,
    expect: { ...all(0, denied(TABLE)), student: STAYS },
  },
  {
    op: 'delete',
    run: (tx) => tx`delete from public.lesson_progress where lesson_id in ${tx(rows())}`,
    expect: all(denied(TABLE), denied(TABLE)),
  },
])

describe('lesson_progress: rules', () => {
  const student = () => w.users.student

  it('fills in the course and school from the lesson, and keeps the times the database gives', async () => {
    const { first, second } = await withUser(sql, student().claims, async (tx) => {
      await tx`insert into public.lesson_progress (lesson_id, first_read_at, last_read_at, completed_at)
               values (${ids.l1b}, '2001-01-01', '2001-01-01', '2001-01-01')`
      const [first] =
        await tx`select course_id, tenant_id, first_read_at, last_read_at, completed_at, now() as now
                               from public.lesson_progress where lesson_id = ${ids.l1b}`
      await tx`update public.lesson_progress set first_read_at = '2001-01-01', completed_at = '2001-01-01'
               where lesson_id = ${ids.l1b}`
      const [second] =
        await tx`select first_read_at, completed_at from public.lesson_progress where lesson_id = ${ids.l1b}`
      return { first, second }
    })
    expect(first).toMatchObject({ course_id: ids.c1, tenant_id: w.a.id })
    for (const at of [first?.first_read_at, first?.last_read_at, first?.completed_at]) {
      expect(at).toEqual(first?.now)
    }
    expect(second).toEqual({ first_read_at: first?.now, completed_at: first?.now })
    await sql`delete from public.lesson_progress where lesson_id = ${ids.l1b}`
  })

  it('hides a student\u2019s progress while they are not enrolled, and shows it again when they return', async () => {
    const seen = () =>
      outcome(sql, student(), (tx) => tx`select 1 from public.lesson_progress where lesson_id = ${ids.l1}`)
    await sql`delete from public.enrolments where course_id = ${ids.c1} and user_id = ${student().id}`
    expect(await seen()).toBe(0)
    expect(
      await outcome(
        sql,
        student(),
        (tx) => tx`update public.lesson_progress set completed_at = now() where lesson_id = ${ids.l1}`,
      ),
    ).toBe(0)
    await sql`insert into public.enrolments (course_id, user_id) values (${ids.c1}, ${student().id})`
    expect(await seen()).toBe(1)
  })

  it('goes with its lesson', async () => {
    const [l] =
      await sql`insert into public.lessons (course_id, title) values (${ids.c1}, 'Gone') returning id`
    await sql`insert into public.lesson_versions (lesson_id, version, title, html, plain_text, state)
              values (${l?.id}, 0, 'L', '<p>x</p>', 'x', '\\x00')`
    await withUser(
      sql,
      student().claims,
      (tx) => tx`insert into public.lesson_progress (lesson_id) values (${l?.id})`,
    )
    expect(await sql`select 1 from public.lesson_progress where lesson_id = ${l?.id}`).toHaveLength(1)
    await withUser(sql, w.users.instructor.claims, (tx) => tx`delete from public.lessons where id = ${l?.id}`)
    expect(await sql`select 1 from public.lesson_progress where lesson_id = ${l?.id}`).toHaveLength(0)
  })
})

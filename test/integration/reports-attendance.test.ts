import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bookedBefore, pastSession, stay } from '../../edge/api/reports/testing.ts'
import type { Tx } from '../../edge/lib/db.ts'
import { createUser, schoolToday, type TestUser, testDb } from '../support/fixtures.ts'
import { CAST, createWorld, denied, outcome, type Row, type World, walkCast } from '../support/rls.ts'

// The attendance report (issue 20) and report exports. Tenant A: the instructor runs S1 (course C)
// and writes course C; a second instructor I2 runs S2 (no course). The student is in class K and is
// linked to parent P; the peer has no class.
// - S1, 3 days ago, 60 min: booked by the student and the peer. The student stayed 0–20 and 10–30 min
//   (two tabs: 30 minutes, not 40); the peer never came.
// - S2, 2 days ago: booked by the peer (45 min); the student came without booking (5 min).
// - S3 (cancelled, booked by the student) and S4 (tomorrow, booked) have no seats; a session of
//   tenant B is never seen.
const sql = testDb(4)
let w: World
let P: TestUser
let I2: TestUser
const ids = {} as Record<'course' | 'K' | 's1' | 's2', string>
const DAY = '2000-01-01'

type ReportRow = {
  label: string | null
  detail: string | null
  students: number
  booked: number
  present: number
  minutes: number
}

const session = (
  tenant: string,
  instructor: string,
  daysAgo: number,
  extra: { course?: string; status?: string } = {},
) => pastSession(sql, { tenant, instructor, daysAgo, ...extra })

beforeAll(async () => {
  w = await createWorld(sql)
  const { student, peer, instructor } = w.users
  ;[P, I2] = await Promise.all([
    createUser(sql, { name: 'Parent P' }),
    createUser(sql, { name: 'Tutor Two' }),
  ])
  await sql`insert into public.memberships (tenant_id, user_id, role) values
    (${w.a.id}, ${P.id}, 'parent'), (${w.a.id}, ${I2.id}, 'instructor')`
  await sql`insert into public.guardian_links (tenant_id, parent_id, student_id, created_by) values (${w.a.id}, ${P.id}, ${student.id}, null)`
  const [c] =
    await sql`insert into public.courses (tenant_id, title, created_by) values (${w.a.id}, 'C', ${instructor.id}) returning id`
  ids.course = c?.id as string
  await sql`insert into public.course_authors (course_id, user_id, role) values (${ids.course}, ${instructor.id}, 'editor') on conflict do nothing`
  const [k] =
    await sql`insert into public.classes (tenant_id, name) values (${w.a.id}, 'Grade 7 K') returning id`
  ids.K = k?.id as string
  await sql`insert into public.class_members (class_id, tenant_id, user_id) values (${ids.K}, ${w.a.id}, ${student.id})`

  ids.s1 = await session(w.a.id, instructor.id, 3, { course: ids.course })
  ids.s2 = await session(w.a.id, I2.id, 2)
  const s3 = await session(w.a.id, instructor.id, 1, { status: 'cancelled' })
  const s4 = await session(w.a.id, instructor.id, -1, { status: 'scheduled' })
  const sB = await session(w.b.id, w.users.ownerB.id, 2)
  await bookedBefore(sql, [
    [ids.s1, student.id],
    [ids.s1, peer.id],
    [ids.s2, peer.id],
    [s3, student.id],
    [s4, student.id],
    [sB, w.users.adminB.id],
  ])
  await stay(sql, ids.s1, student.id, 0, 20)
  await stay(sql, ids.s1, student.id, 10, 30)
  await stay(sql, ids.s1, instructor.id, 0, 60)
  await stay(sql, ids.s2, peer.id, 0, 45)
  await stay(sql, ids.s2, student.id, 50, 55)
})
afterAll(() => sql.end())

/** The report as `who`, rows in their order (label, detail and the figures). */
async function report(
  who: TestUser,
  group: string,
  filters: { course?: string; class?: string; student?: string } = {},
) {
  let rows: ReportRow[] = []
  const today = await schoolToday(sql, w.a.id)
  const result = await outcome(sql, who, async (tx: Tx) => {
    const result = await tx<ReportRow[]>`
      select label, detail, students, booked, present, minutes
      from public.attendance_report(${w.a.id}, ${today}::date - 30, ${today}::date, ${group},
        ${filters.course ?? null}, ${filters.class ?? null}, ${filters.student ?? null})
      order by ordinal`
    rows = [...result]
    return result
  })
  if (typeof result === 'string') throw new Error(result)
  return rows
}

const figures = (rows: ReportRow[]) => rows.map((r) => [r.label, r.booked, r.present, r.minutes])

describe('attendance report', () => {
  it('counts each session: walk-ins included, the tutor not, overlapping stays once', async () => {
    const rows = await report(w.users.admin, 'session')
    expect(figures(rows)).toEqual([
      ['S 2', 2, 2, 50],
      ['S 3', 2, 1, 30],
    ])
    expect(rows.map((r) => r.detail)).toEqual(['Tutor Two', expect.any(String)])
  })

  it('agrees with a count straight from the tables', async () => {
    const [direct] = await sql<{ booked: number; present: number }[]>`
      with seats as (
        select b.session_id, b.user_id from public.session_bookings b
        union select a.session_id, a.user_id from public.session_attendance a
          join public.memberships m on m.user_id = a.user_id and m.role = 'student' and m.tenant_id = ${w.a.id})
      select count(*)::int as booked,
        count(*) filter (where exists (select 1 from public.session_attendance a
          where a.session_id = x.session_id and a.user_id = x.user_id))::int as present
      from seats x join public.tutoring_sessions s on s.id = x.session_id
      where s.tenant_id = ${w.a.id} and s.status <> 'cancelled' and s.starts_at < now()`
    const rows = await report(w.users.owner, 'seat')
    expect(rows.length).toBe(direct?.booked)
    expect(rows.filter((r) => r.present === 1).length).toBe(direct?.present)
  })

  it('groups by student with their class, and by class', async () => {
    const { student, peer } = w.users
    const byStudent = await report(w.users.staff, 'student')
    const name = async (u: TestUser) => (await sql`select private.display_name(${u.id}) as n`)[0]?.n as string
    const [studentName, peerName] = [await name(student), await name(peer)]
    const got = byStudent.map((r) => [r.label, r.detail, r.booked, r.present, r.minutes])
    expect(got).toHaveLength(2)
    expect(got).toEqual(
      expect.arrayContaining([
        [studentName, 'Grade 7 K', 2, 2, 35],
        [peerName, null, 2, 1, 45],
      ]),
    )
    const byClass = await report(w.users.admin, 'class')
    expect(byClass.map((r) => [r.label, r.students, r.booked, r.present])).toEqual([
      ['Grade 7 K', 1, 2, 2],
      [null, 1, 2, 1],
    ])
  })

  it('filters by course, class and student', async () => {
    expect(figures(await report(w.users.admin, 'session', { course: ids.course }))).toEqual([
      ['S 3', 2, 1, 30],
    ])
    expect((await report(w.users.admin, 'seat', { class: ids.K })).length).toBe(2)
    expect((await report(w.users.admin, 'seat', { student: w.users.peer.id })).length).toBe(2)
  })

  it('shows an instructor their sessions and courses only, a parent their child, a student themself', async () => {
    expect(figures(await report(w.users.instructor, 'session'))).toEqual([['S 3', 2, 1, 30]])
    expect(figures(await report(I2, 'session'))).toEqual([['S 2', 2, 2, 50]])
    const parentRows = await report(P, 'seat')
    expect(parentRows.map((r) => [r.detail, r.present, r.minutes])).toEqual([
      ['S 2', 1, 5],
      ['S 3', 1, 30],
    ])
    expect((await report(w.users.peer, 'seat')).map((r) => [r.detail, r.present])).toEqual([
      ['S 2', 1],
      ['S 3', 0],
    ])
  })

  it('refuses partners, other schools and strangers; a reversed or too long period; an unknown grouping', async () => {
    const partner = await createUser(sql)
    await sql`insert into public.memberships (tenant_id, user_id, role) values (${w.a.id}, ${partner.id}, 'partner')`
    const forbidden = 'Reports of this school are for its staff, teachers, students and parents.'
    for (const who of [w.users.adminB, w.users.outsider, w.users.superadmin, partner]) {
      await expect(report(who, 'session')).rejects.toThrow(forbidden)
    }
    const call = (from: string, to: string, group: string) =>
      outcome(
        sql,
        w.users.admin,
        (tx) => tx`select * from public.attendance_report(${w.a.id}, ${from}, ${to}, ${group})`,
      )
    expect(await call('2026-02-01', '2026-01-01', 'session')).toBe('The period starts after it ends.')
    expect(await call(DAY, '2026-01-01', 'session')).toBe('A report covers at most a year.')
    expect(await call('2026-01-01', '2026-02-01', 'teacher')).toBe(
      'A report is grouped by session, student, class or seat.',
    )
  })
})

describe('report exports', () => {
  const ask = (tx: Tx, format = 'csv') =>
    tx`select * from public.request_report_export(${w.a.id}, 'attendance', ${format}, '{"group":"seat"}')`

  it('are asked for by anyone with a report scope; three at a time per person', async () => {
    const busy = await outcome(sql, w.users.peer, async (tx) => {
      for (let i = 0; i < 3; i += 1) await ask(tx)
      return ask(tx)
    })
    expect(busy).toBe('Three of your exports are still being made; wait for one to finish.')
    expect(await outcome(sql, w.users.outsider, (tx) => ask(tx))).toBe(
      'Reports of this school are for its staff, teachers, students and parents.',
    )
    expect(await outcome(sql, w.users.student, (tx) => ask(tx, 'docx'))).toMatch(
      /report_exports_format_check/,
    )
  })
})

const only = (
  roles: Partial<Record<(typeof CAST)[number], number | string>>,
  rest: number | string,
  anon: number | string,
): Row => Object.fromEntries(CAST.map((r) => [r, r === 'anon' ? anon : (roles[r] ?? rest)])) as Row

// One export each for the student and the admin, committed, so each sees only their own.
beforeAll(async () => {
  for (const who of [w.users.student, w.users.admin]) {
    await sql`insert into public.report_exports (tenant_id, requested_by, report, format) values (${w.a.id}, ${who.id}, 'attendance', 'csv')`
  }
})

// biome-ignore format: the expected outcomes read as a table, one row per command
walkCast('report_exports', () => w, [
  {
    op: 'select', name: 'read exports (only the person who asked)',
    run: (tx) => tx`select 1 from public.report_exports`,
    expect: only({ student: 1, admin: 1 }, 0, denied('report_exports')),
  },
  {
    op: 'insert', name: 'insert directly (nobody: request_report_export)',
    run: (tx) => tx`insert into public.report_exports (tenant_id, report, format) values (${w.a.id}, 'attendance', 'csv')`,
    expect: only({}, denied('report_exports'), denied('report_exports')),
  },
  {
    op: 'update', name: 'mark an export done (nobody: the job)',
    run: (tx) => tx`update public.report_exports set status = 'done'`,
    expect: only({}, denied('report_exports'), denied('report_exports')),
  },
  {
    op: 'delete',
    run: (tx) => tx`delete from public.report_exports`,
    expect: only({}, denied('report_exports'), denied('report_exports')),
  },
])

describe('export files', () => {
  it('are read by the person who asked, while in the school', async () => {
    const [e] = await sql`
      update public.report_exports set status = 'done', object_name = tenant_id || '/' || id || '.csv'
      where requested_by = ${w.users.student.id} returning object_name`
    const name = e?.object_name as string
    const read = (who: TestUser) =>
      outcome(sql, who, (tx) => tx`select 1 where private.can_read_export_object(${name})`)
    expect(await read(w.users.student)).toBe(1)
    expect(await read(w.users.admin)).toBe(0)
    expect(await read(w.users.peer)).toBe(0)
    expect(
      await outcome(
        sql,
        w.users.student,
        (tx) => tx`select 1 where private.can_read_export_object(${`${name}x`})`,
      ),
    ).toBe(0)
  })
})

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bookedBefore, stay } from '../../edge/api/reports/testing.ts'
import type { Tx } from '../../edge/lib/db.ts'
import { testDb } from '../support/fixtures.ts'
import { createWorld, outcome, type World } from '../support/rls.ts'

// The attendance report's figures against a count made straight from bookings and stays, minute by
// minute, on a clock fixed at 15 June 1994 10:00 UTC (no other file's data in June 1994), while the
// seats' triggers follow changes (migration 20261214000000_report_speed: the report reads the clock
// once and the seats through their covering key).
// - E, the day before, 60 min, ended after 50: the student booked and left a tab open from minute 40
//   (counted to the end: 10); the peer booked and stayed 0–30 and 20–50 (50, overlap once).
// - R, started 30 min before the clock: the student booked, in the room since minute 10 (20 so far);
//   the peer booked and has not come.
// The student is in class K; the peer in none.
const sql = testDb(4)
let w: World
const CLOCK = '1994-06-15T10:00:00Z'
const ids = {} as Record<'E' | 'R' | 'K', string>

type Figures = { key: string | null; booked: number; present: number; minutes: number }

beforeAll(async () => {
  w = await createWorld(sql)
  const { student, peer, instructor } = w.users
  const [k] = await sql`insert into public.classes (tenant_id, name) values (${w.a.id}, 'K') returning id`
  ids.K = k?.id as string
  await sql`insert into public.class_members (class_id, tenant_id, user_id) values (${ids.K}, ${w.a.id}, ${student.id})`
  const [e] = await sql`
    insert into public.tutoring_sessions (tenant_id, instructor_id, title, starts_at, duration_minutes, capacity)
    values (${w.a.id}, ${instructor.id}, 'E', ${CLOCK}::timestamptz - interval '1 day', 60, 10) returning id`
  // Ended as it was then (the session trigger stamps the present time).
  await sql.begin(async (tx) => {
    await tx`set local session_replication_role = replica`
    await tx`update public.tutoring_sessions set status = 'ended', ended_at = starts_at + interval '50 minutes'
      where id = ${e?.id}`
  })
  const [r] = await sql`
    insert into public.tutoring_sessions (tenant_id, instructor_id, title, starts_at, duration_minutes, capacity)
    values (${w.a.id}, ${instructor.id}, 'R', ${CLOCK}::timestamptz - interval '30 minutes', 60, 10) returning id`
  ids.E = e?.id as string
  ids.R = r?.id as string
  await bookedBefore(sql, [
    [ids.E, student.id],
    [ids.E, peer.id],
    [ids.R, student.id],
    [ids.R, peer.id],
  ])
  await openStay(ids.E, student.id, 40)
  await stay(sql, ids.E, peer.id, 0, 30)
  await stay(sql, ids.E, peer.id, 20, 50)
  await openStay(ids.R, student.id, 10)
})
afterAll(() => sql.end())

/** A stay from `fromMin` minutes after the session's start, not left yet. */
async function openStay(session: string, user: string, fromMin: number) {
  await sql`
    insert into public.session_attendance (session_id, stay_key, user_id, transport, joined_at)
    select s.id, ${`${user}-${fromMin}`}, ${user}, 'p2p', s.starts_at + make_interval(mins => ${fromMin})
    from public.tutoring_sessions s where s.id = ${session}`
}

/** The report of June 1994 as the admin on the clock, by `group`: key and figures in its order. */
async function report(group: string): Promise<Figures[]> {
  let rows: Figures[] = []
  const result = await outcome(sql, w.users.admin, async (tx: Tx) => {
    await tx`select set_config('kipindi.clock', ${CLOCK}, true)`
    const r = await tx<Figures[]>`
      select key, booked, present, minutes
      from public.attendance_report(${w.a.id}, '1994-06-01', '1994-06-30', ${group}) order by ordinal`
    rows = [...r]
    return r
  })
  if (typeof result === 'string') throw new Error(result)
  return rows
}

/**
 * The same figures from the tables themselves: a seat is a booking, or a student's stay; its minutes
 * are the distinct minutes of its stays, an open one up to the session's end or the clock.
 */
async function direct(group: 'session' | 'student' | 'class'): Promise<Figures[]> {
  const key = sql.unsafe({ session: 'x.session_id', student: 'x.user_id', class: 'cm.class_id' }[group])
  return sql<Figures[]>`
    with sessions as (
      select s.id, least(coalesce(s.ended_at, s.starts_at + make_interval(mins => s.duration_minutes)), ${CLOCK}::timestamptz) as until
      from public.tutoring_sessions s
      where s.tenant_id = ${w.a.id} and s.status <> 'cancelled' and s.starts_at < ${CLOCK}::timestamptz
    ), seats as (
      select b.session_id, b.user_id from public.session_bookings b join sessions s on s.id = b.session_id
      union
      select a.session_id, a.user_id from public.session_attendance a join sessions s on s.id = a.session_id
        join public.memberships m on m.tenant_id = ${w.a.id} and m.user_id = a.user_id and m.role = 'student'
    ), figures as (
      select x.session_id, x.user_id,
        exists (select 1 from public.session_attendance a where a.session_id = x.session_id and a.user_id = x.user_id) as present,
        (select count(distinct t) from public.session_attendance a join sessions s on s.id = a.session_id,
           generate_series(a.joined_at, coalesce(a.left_at, s.until) - interval '1 minute', interval '1 minute') t
         where a.session_id = x.session_id and a.user_id = x.user_id)::int as minutes
      from seats x
    )
    select ${key} as key, count(*)::int as booked, (count(*) filter (where x.present))::int as present,
      sum(x.minutes)::int as minutes
    from figures x left join public.class_members cm on cm.tenant_id = ${w.a.id} and cm.user_id = x.user_id
    group by 1`
}

const byKey = (rows: Figures[]) => [...rows].sort((a, b) => String(a.key).localeCompare(String(b.key)))

/** Every grouping agrees with the direct count, and the seats with a rebuild from scratch. */
async function agrees() {
  for (const group of ['session', 'student', 'class'] as const) {
    expect(byKey(await report(group)), group).toEqual(byKey(await direct(group)))
  }
  const seats = () => sql`
    select x.session_id, x.user_id, x.booked, x.present, x.minutes, x.open_from
    from private.session_seats x join public.tutoring_sessions s on s.id = x.session_id
    where s.tenant_id = ${w.a.id} order by 1, 2`
  const kept = await seats()
  await sql`select private.rebuild_seats(${w.a.id})`
  expect(await seats()).toEqual(kept)
}

describe('attendance report figures', () => {
  it('count an open stay up to the session’s end, or the clock while it runs', async () => {
    const { student, peer } = w.users
    expect(await report('session')).toEqual([
      { key: ids.R, booked: 2, present: 1, minutes: 20 },
      { key: ids.E, booked: 2, present: 2, minutes: 60 },
    ])
    expect(byKey(await report('student'))).toEqual(
      byKey([
        { key: student.id, booked: 2, present: 2, minutes: 30 },
        { key: peer.id, booked: 2, present: 1, minutes: 50 },
      ]),
    )
    await agrees()
  })

  it('follow stays closed, added and removed, bookings removed and walk-ins', async () => {
    const { student, peer, instructor } = w.users
    // The student's tab in R closes at minute 25; the peer comes to R for 0–5.
    await sql`update public.session_attendance set left_at = joined_at + interval '15 minutes'
      where session_id = ${ids.R} and user_id = ${student.id}`
    await stay(sql, ids.R, peer.id, 0, 5)
    await agrees()
    expect((await report('session'))[0]).toEqual({ key: ids.R, booked: 2, present: 2, minutes: 20 })

    // The peer's second stay in E goes; the student's booking of E goes (the stay keeps the seat).
    await sql`delete from public.session_attendance where session_id = ${ids.E} and stay_key = ${`${peer.id}-20`}`
    await sql`delete from public.session_bookings where session_id = ${ids.E} and user_id = ${student.id}`
    await agrees()
    expect((await report('session'))[1]).toEqual({ key: ids.E, booked: 2, present: 2, minutes: 40 })

    // The peer's booking of R goes: the stay keeps the seat (a student's walk-in); the tutor's stay
    // counts nowhere.
    await sql`delete from public.session_bookings where session_id = ${ids.R} and user_id = ${peer.id}`
    await stay(sql, ids.R, instructor.id, 0, 30)
    await agrees()
    expect((await report('session'))[0]).toEqual({ key: ids.R, booked: 2, present: 2, minutes: 20 })

    // Every stay of the peer in R goes too: no booking, no stay, no seat.
    await sql`delete from public.session_attendance where session_id = ${ids.R} and user_id = ${peer.id}`
    await agrees()
    expect((await report('session'))[0]).toEqual({ key: ids.R, booked: 1, present: 1, minutes: 15 })
    expect(await report('class')).toEqual([
      { key: ids.K, booked: 2, present: 2, minutes: 25 },
      { key: null, booked: 1, present: 1, minutes: 30 },
    ])
  })
})

import type { Sql } from '../../lib/db.ts'

// Tutoring sessions that already happened, for tests of reports: the booking trigger refuses
// booking a past session, so seats are written as they would have been before it started.

/** A session of `tenant` that started `daysAgo` days ago on the hour (negative: still to come). */
export async function pastSession(
  sql: Sql,
  o: {
    tenant: string
    instructor: string
    daysAgo: number
    course?: string
    title?: string
    status?: string
  },
) {
  const [row] = await sql<{ id: string }[]>`
    insert into public.tutoring_sessions (tenant_id, instructor_id, course_id, title, starts_at, duration_minutes, capacity)
    values (${o.tenant}, ${o.instructor}, ${o.course ?? null}, ${o.title ?? `S ${o.daysAgo}`},
            date_trunc('hour', now()) - make_interval(days => ${o.daysAgo}), 60, 10)
    returning id`
  const id = row?.id as string
  if (o.status) {
    await sql.begin(async (tx) => {
      await tx`set local session_replication_role = replica`
      await tx`update public.tutoring_sessions set status = ${o.status as string} where id = ${id}`
    })
  }
  return id
}

/** Seats booked before the sessions started (the booking trigger is bypassed, the report's seats kept). */
export async function bookedBefore(sql: Sql, seats: [session: string, user: string][]) {
  await sql.begin(async (tx) => {
    await tx`set local session_replication_role = replica`
    for (const [session, user] of seats) {
      await tx`insert into public.session_bookings (session_id, user_id, booked_by) values (${session}, ${user}, null)`
    }
  })
  for (const [session, user] of seats) await sql`select private.refresh_seat(${session}, ${user})`
}

/** A stay in the session's room from `fromMin` to `toMin` minutes after its start. */
export async function stay(sql: Sql, session: string, user: string, fromMin: number, toMin: number) {
  await sql`
    insert into public.session_attendance (session_id, stay_key, user_id, transport, joined_at, left_at)
    select s.id, ${`${user}-${fromMin}`}, ${user}, 'p2p',
           s.starts_at + make_interval(mins => ${fromMin}), s.starts_at + make_interval(mins => ${toMin})
    from public.tutoring_sessions s where s.id = ${session}`
}

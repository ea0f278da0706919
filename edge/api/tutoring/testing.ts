// Test helpers for the tutoring routes' tests (not part of the function itself).
import type { TestUser } from '../../../test/support/fixtures.ts'
import type { Sql } from '../../lib/db.ts'
import type { CallOptions, CallResult } from '../core/testing.ts'

export { courseSchool as tutoringSchool } from '../courses/testing.ts'

type Call = (method: string, path: string, opts?: CallOptions) => Promise<CallResult>

/** An ISO moment `minutes` from now. */
export const inMinutes = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString()

/** Schedules a session through the API as `who` (default: starts in 5 minutes, 60 min, 3 seats); its id. */
export async function newSession(call: Call, who: TestUser, tenantId: string, body: object = {}) {
  const res = await call('POST', `/tenants/${tenantId}/sessions`, {
    token: who.token,
    body: { title: 'Fractions clinic', starts_at: inMinutes(5), duration_minutes: 60, capacity: 3, ...body },
  })
  if (res.status !== 201) throw new Error(`create session: ${res.status} ${res.text}`)
  return res.body[0].id as string
}

/**
 * Inserts a session as the superuser, for times the API refuses to schedule (already over):
 * `startsIn` minutes from now (negative: in the past).
 */
export async function insertSession(
  sql: Sql,
  tenantId: string,
  instructor: TestUser,
  opts: { startsIn: number; duration?: number; capacity?: number; waitingRoom?: boolean },
) {
  const [row] = await sql<{ id: string }[]>`
    insert into public.tutoring_sessions (tenant_id, instructor_id, title, starts_at, duration_minutes, capacity,
      waiting_room)
    values (${tenantId}, ${instructor.id}, 'Set up by the test', now() + make_interval(mins => ${opts.startsIn}),
      ${opts.duration ?? 60}, ${opts.capacity ?? 3}, ${opts.waitingRoom ?? false})
    returning id`
  return row?.id as string
}

/** Books seats as the superuser (setup only). */
export async function book(sql: Sql, sessionId: string, ...students: TestUser[]) {
  for (const s of students) {
    await sql`insert into public.session_bookings (session_id, user_id) values (${sessionId}, ${s.id})`
  }
}

/** Counts rows of a tutoring table for one session (as the superuser). */
export async function countRows(sql: Sql, table: string, sessionId: string) {
  const [row] = await sql<{ n: number }[]>`
    select count(*)::int as n from ${sql(`public.${table}`)} where session_id = ${sessionId}`
  return row?.n ?? 0
}

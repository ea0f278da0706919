import {
  type Booking,
  CANCEL_CUTOFF_MINUTES,
  JOIN_EARLY_MINUTES,
  type Session,
  type SessionDetail,
} from '../../contract/tutoring.ts'
import type { Tx } from '../../lib/db.ts'
import { notFound } from '../../lib/errors.ts'

// Reads of tutoring sessions under RLS, shared by the tutoring routes.

const SESSION_COLUMNS = (tx: Tx) => tx`
  s.id, s.tenant_id, s.instructor_id,
  p.display_name as instructor_name,
  s.course_id, c.title as course_title, s.series_id, s.title, s.description,
  s.starts_at, s.starts_at + make_interval(mins => s.duration_minutes) as ends_at,
  s.duration_minutes, s.capacity, coalesce(private.session_booked_count(s.id), 0) as booked_count,
  s.waiting_room,
  case when s.status in ('scheduled', 'live') and s.starts_at + make_interval(mins => s.duration_minutes) <= now()
       then 'ended' else s.status::text end as status,
  t.time_zone,
  exists (select 1 from public.session_bookings b where b.session_id = s.id and b.user_id = (select auth.uid()))
    as booked_by_me,
  private.session_role(s.id) as my_role,
  (select json_build_object('reason', r.reason) from public.session_removals r
    where r.session_id = s.id and r.user_id = (select auth.uid())) as my_removal,
  s.created_at, s.updated_at`

const SESSION_JOINS = (tx: Tx) => tx`
  from public.tutoring_sessions s
  join public.tenants t on t.id = s.tenant_id
  left join public.profiles p on p.id = s.instructor_id
  left join public.courses c on c.id = s.course_id`

/** Which sessions readTutoringSessions reads; every filter is optional. */
export interface SessionFilter {
  tenantId?: string
  ids?: string[]
  /** Not ended by this moment. */
  from?: Date
  /** Starting before this moment. */
  to?: Date
  /** Those I teach or booked. */
  mine?: boolean
  /** Those I booked a seat in. */
  booked?: boolean
  /** Those I teach (I am their instructor). */
  teaching?: boolean
  /** Neither ended by the tutor nor cancelled. */
  open?: boolean
  /** At most this many (1000 by default). */
  limit?: number
  /** Newest first (by start, then id) instead of soonest first. */
  descending?: boolean
  /** The page after this session (keyset: its start and id, in the list's order). */
  after?: SessionCursor
}

/** Where a page of sessions ends: the last session's start and id. */
export interface SessionCursor {
  startsAt: Date
  id: string
}

/** A school's sessions overlapping [from, to), by start, narrowed by the filter's other fields. */
export function readTutoringSessions(tx: Tx, where: SessionFilter) {
  const tenant = where.tenantId ? tx`and s.tenant_id = ${where.tenantId}` : tx``
  const ids = where.ids ? tx`and s.id in ${tx(where.ids)}` : tx``
  const from = where.from
    ? tx`and s.starts_at + make_interval(mins => s.duration_minutes) > ${where.from}`
    : tx``
  const to = where.to ? tx`and s.starts_at < ${where.to}` : tx``
  const bookedByMe = () => tx`exists (select 1 from public.session_bookings b
    where b.session_id = s.id and b.user_id = (select auth.uid()))`
  const mine = where.mine ? tx`and (s.instructor_id = (select auth.uid()) or ${bookedByMe()})` : tx``
  const booked = where.booked ? tx`and ${bookedByMe()}` : tx``
  const teaching = where.teaching ? tx`and s.instructor_id = (select auth.uid())` : tx``
  const open = where.open ? tx`and s.status in ('scheduled', 'live')` : tx``
  const a = where.after
  const after = !a
    ? tx``
    : where.descending
      ? tx`and (s.starts_at, s.id) < (${a.startsAt}, ${a.id}::uuid)`
      : tx`and (s.starts_at, s.id) > (${a.startsAt}, ${a.id}::uuid)`
  const order = where.descending ? tx`s.starts_at desc, s.id desc` : tx`s.starts_at, s.id`
  return tx<Session[]>`
    select ${SESSION_COLUMNS(tx)} ${SESSION_JOINS(tx)}
    where true ${tenant} ${ids} ${from} ${to} ${mine} ${booked} ${teaching} ${open} ${after}
    order by ${order}
    limit ${where.limit ?? 1000}`
}

export const NOT_FOUND = 'No such session, or you are not a member of its school.'

type SessionExtra = { notes: string | null; can_manage: boolean }

/** One session's page, unsent (for withUserRead): the session, its bookings, notes and rights; see tutoringSessionIn. */
export const tutoringSessionQueries = (tx: Tx, id: string) =>
  [
    readTutoringSessions(tx, { ids: [id] }),
    readBookings(tx, id),
    tx<SessionExtra[]>`
      select private.session_notes(${id}) as notes, private.can_manage_session(${id}) as can_manage`,
  ] as const

/** One session as its page shows it, from tutoringSessionQueries' rows: bookings (students see their own), notes for tutor and staff. */
export function tutoringSessionIn([[session], bookings, [extra]]: readonly [
  readonly Session[],
  readonly Booking[],
  readonly SessionExtra[],
]): SessionDetail {
  if (!session) throw notFound('tutoring_not_found', NOT_FOUND)
  const start = new Date(session.starts_at).getTime()
  return {
    ...session,
    bookings: [...bookings],
    notes: extra?.notes ?? null,
    can_manage: extra?.can_manage ?? false,
    cancel_until: new Date(start - CANCEL_CUTOFF_MINUTES * 60_000).toISOString(),
    joinable_from: new Date(start - JOIN_EARLY_MINUTES * 60_000).toISOString(),
  }
}

/** One session as its page shows it (tutoringSessionIn). */
export async function readTutoringSession(tx: Tx, id: string): Promise<SessionDetail> {
  return tutoringSessionIn(await Promise.all(tutoringSessionQueries(tx, id)))
}

/**
 * Bookings of a session with names, oldest first (RLS: students see only their own). Emails only
 * where the contact rule allows (the tutor sees names): private.contact_email.
 */
export function readBookings(tx: Tx, sessionId: string, userId: string | null = null) {
  return tx<Booking[]>`
    select b.session_id, b.user_id, p.display_name as name,
      private.contact_email(private.session_tenant(b.session_id), b.user_id) as email, b.created_at
    from public.session_bookings b left join public.profiles p on p.id = b.user_id
    where b.session_id = ${sessionId} and (${userId}::uuid is null or b.user_id = ${userId}::uuid)
    order by b.created_at, b.user_id`
}

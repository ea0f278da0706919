import type { ApiErrorCode } from '../../contract/error-codes.ts'
import type { RoomAccess, SessionStatus } from '../../contract/tutoring.ts'
import type { Tx } from '../../lib/db.ts'
import { fieldError, forbidden, notFound } from '../../lib/errors.ts'
import { NOT_FOUND } from './queries.ts'

// Who may do what with a tutoring session, read under RLS through the migration's own helpers
// (private.can_manage_session, public.session_room_access…), and the schema's rules as answers.

/** What the routes need to know about a session and the caller: 404 when RLS hides it. */
export interface TutoringState {
  id: string
  tenant_id: string
  instructor_id: string
  title: string
  starts_at: Date
  ends_at: Date
  ended_at: Date | null
  capacity: number
  status: SessionStatus
  time_zone: string
  can_manage: boolean
  /** Owner, admin or staff of the school (private.support_roles()). */
  is_staff: boolean
  /** May read the chat and bookings: the tutor, booked students, staff. */
  can_see_record: boolean
  access: RoomAccess
}

/** A session and the caller's rights on it, unsent (for withUserRead); see tutoringStateIn. */
export const tutoringStateQuery = (tx: Tx, id: string) => tx<TutoringState[]>`
  select s.id, s.tenant_id, s.instructor_id, s.title, s.starts_at,
    s.starts_at + make_interval(mins => s.duration_minutes) as ends_at, s.ended_at, s.capacity, s.status,
    t.time_zone,
    private.can_manage_session(s.id) as can_manage,
    private.has_role(s.tenant_id, private.support_roles()) as is_staff,
    private.can_see_session_record(s.id) as can_see_record,
    public.session_room_access(s.id) as access
  from public.tutoring_sessions s join public.tenants t on t.id = s.tenant_id
  where s.id = ${id}`

/** The session of tutoringStateQuery's rows; 404 when RLS hides it. */
export function tutoringStateIn([row]: readonly TutoringState[]): TutoringState {
  if (!row) throw notFound('tutoring_not_found', NOT_FOUND)
  return row
}

/** A session and the caller's rights on it (tutoringStateIn). */
export async function tutoringState(tx: Tx, id: string): Promise<TutoringState> {
  return tutoringStateIn(await tutoringStateQuery(tx, id))
}

/** The tutor's removal of `userId` from a session and its reason (RLS: the tutor and the removed person). */
export async function removalOf(tx: Tx, sessionId: string, userId: string) {
  const [row] = await tx<{ reason: string }[]>`
    select reason from public.session_removals where session_id = ${sessionId} and user_id = ${userId}`
  return row
}

/** 403 `removed`: the tutor removed the caller from this session; `details.reason` is theirs. */
export function removedError(reason: string) {
  const why = reason ? ` Reason: ${reason}` : ''
  return forbidden('removed', `You were removed from this session by the tutor.${why}`, { reason })
}

/** 403 unless the caller is the session's tutor or an admin of its school. */
export function requireManage(s: TutoringState, what: string) {
  if (!s.can_manage) {
    throw forbidden('session_managers_only', `Only the session's tutor and the school's admins can ${what}.`)
  }
}

/** A moment as the school reads it, e.g. "Mon 23 Nov 2026, 16:00 (Africa/Nairobi)". */
export function schoolTime(at: Date, timeZone: string): string {
  const text = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(at)
  return `${text} (${timeZone})`
}

/** The code of each tutoring rule, by the field its hint names (supabase/migrations/*_tutoring.sql). */
export const TUTORING_RULES: Record<string, ApiErrorCode> = {
  instructor_id: 'instructor_not_teacher',
  course_id: 'course_other_school',
  capacity: 'capacity_below_booked',
  user_id: 'booking_not_student',
}

/**
 * The schema's rule errors (raised with a hint naming the field, e.g. "That course belongs to
 * another school." on course_id) as a 422 with that field's path and the rule's code; use as
 * `.catch(onTutoringRule)`.
 */
export function onTutoringRule(error: unknown): never {
  const e = error as { code?: string; constraint_name?: string; message?: string; hint?: string }
  if (e?.code === '23514' && !e.constraint_name && e.message) {
    const path = e.hint ?? '(body)'
    const code = TUTORING_RULES[path] ?? 'rule_violated'
    throw fieldError(422, code, [{ path, message: e.message, code }])
  }
  throw error
}

/** 422 on `starts_at` when the chosen time is already over. */
export function requireFuture(startsAt: Date, durationMinutes: number) {
  if (startsAt.getTime() + durationMinutes * 60_000 <= Date.now()) {
    const message = 'That time is already over: choose a start in the future.'
    throw fieldError(422, 'starts_in_past', [{ path: 'starts_at', message, code: 'starts_in_past' }])
  }
}

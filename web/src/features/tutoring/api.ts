import { query } from '@solidjs/router'
import type { z } from 'zod'
import type {
  CreateSessionBody,
  JoinResponse,
  Session,
  SessionMessage,
  UpdateSessionBody,
  WaitingResponse,
} from '../../../../edge/contract/tutoring.ts'
import { allAfter } from '../../api/pages.ts'
import { api } from '../../lib/runtime.ts'

// Tutoring sessions: loaders (router queries, cached and revalidated by key) and actions.

// Section: loaders

/**
 * A page of a school's sessions in [from, to) (ISO moments), soonest first or (`order: 'desc'`) newest
 * first; `mine`: those I teach or booked; `after`: the page after that cursor (sessionCursor).
 */
export const getTutoringSessions = query(
  (
    tenantId: string,
    range: { from?: string; to?: string; mine?: boolean; order?: 'asc' | 'desc'; after?: string } = {},
  ) =>
    api().get('/tenants/:tenantId/sessions', {
      params: { tenantId },
      query: {
        from: range.from,
        to: range.to,
        mine: range.mine ? 'true' : undefined,
        order: range.order,
        after: range.after,
      },
    }),
  'tutoringSessions',
)

/** One session with its bookings, notes (tutor and staff) and what the caller may do. */
export const getTutoringSession = query(
  (id: string) => api().get('/sessions/:id', { params: { id } }),
  'tutoringSession',
)

/** Who was in the room, when and for how long (tutor, admins, staff). */
export const getAttendance = query(
  (id: string) => api().get('/sessions/:id/attendance', { params: { id } }),
  'tutoringAttendance',
)

/** The chat of a session, oldest first (kept with the session). */
export const getTutoringMessages = query((id: string) => messagesAfter(id, 0), 'tutoringMessages')

/** Chat lines after `after` (a catch-up after reconnecting), following pages to the end. */
export const messagesAfter = (id: string, after: number): Promise<SessionMessage[]> =>
  allAfter(after, (page) => api().get('/sessions/:id/messages', { params: { id }, query: page }))

/** People waiting to be let in (the tutor). */
export const getAdmissions = query(
  (id: string) => api().get('/sessions/:id/admissions', { params: { id } }),
  'tutoringAdmissions',
)

// Section: actions

/** Schedules a session (or a weekly series); answers the sessions created, the first one first. */
export const createTutoringSession = (tenantId: string, body: CreateSessionBody): Promise<Session[]> =>
  api().post('/tenants/:tenantId/sessions', body, { params: { tenantId } })

export async function updateTutoringSession(id: string, body: UpdateSessionBody): Promise<void> {
  await api().patch('/sessions/:id', body, { params: { id } })
}

export async function deleteTutoringSession(id: string): Promise<void> {
  await api().delete('/sessions/:id', { params: { id } })
}

/** Books a seat for me, or (tutor, admins) for a student of the school. */
export async function bookTutoringSession(id: string, userId?: string): Promise<void> {
  await api().post('/sessions/:id/bookings', userId ? { user_id: userId } : {}, { params: { id } })
}

export async function cancelBooking(id: string): Promise<void> {
  await api().delete('/sessions/:id/bookings/me', { params: { id } })
}

export type Waiting = z.infer<typeof WaitingResponse>

/** How to enter the room, or `{ status: 'waiting' }` (202) when the tutor lets people in. */
export const joinTutoringSession = (id: string): Promise<JoinResponse | Waiting> =>
  api().post('/sessions/:id/join', {}, { params: { id } })

export const postTutoringMessage = (
  id: string,
  body: string,
  attachments: { path: string; name: string }[] = [],
): Promise<SessionMessage> =>
  api().post('/sessions/:id/messages', attachments.length ? { body, attachments } : { body }, {
    params: { id },
  })

export async function muteParticipant(id: string, userId: string, kind: 'audio' | 'video' | 'all' = 'audio') {
  await api().post('/sessions/:id/participants/:userId/mute', { kind }, { params: { id, userId } })
}

export async function removeParticipant(id: string, userId: string, reason?: string) {
  await api().post('/sessions/:id/participants/:userId/remove', reason ? { reason } : {}, {
    params: { id, userId },
  })
}

export async function admit(id: string, userId: string, admitted: boolean) {
  await api().post('/sessions/:id/admissions', { user_id: userId, admit: admitted }, { params: { id } })
}

/** Ends the session for everyone in the room. */
export async function endTutoringSession(id: string) {
  await api().post('/sessions/:id/end', {}, { params: { id } })
}

import { query } from '@solidjs/router'
import { z } from 'zod'
import {
  AttendanceList,
  Booking,
  type CreateSessionBody,
  JoinResponse,
  Session,
  SessionDetail,
  SessionList,
  SessionMessage,
  SessionMessageList,
  type UpdateSessionBody,
  WaitingList,
  WaitingResponse,
} from '../../../edge/contract/tutoring.ts'
import { runtime } from '../lib/runtime.ts'
import { fillPath, unwrapList } from './client.ts'
import { ApiError, apiErrorFrom } from './errors.ts'

// Tutoring sessions: loaders (router queries, cached by key) and actions, checked against the
// tutoring contract like every other call of the web app.
// TODO(lead): fold these routes into endpoints.ts once the shared client's table is free to edit;
// `request` below is the typed client's `call` in small (same headers, errors and checks).

type Params = Record<string, string>
type Query = Record<string, string | number | boolean | undefined>

/** One API call: the JSON answer checked against `schema`, or an ApiError with the server's words. */
async function request<S extends z.ZodType>(
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  path: string,
  schema: S,
  opts: { params?: Params; query?: Query; body?: unknown; signal?: AbortSignal } = {},
): Promise<{ status: number; data: z.output<S> }> {
  const { config, supabase } = runtime()
  const url = new URL(
    `${config.supabaseUrl.replace(/\/+$/, '')}/functions/v1/api${fillPath(path, opts.params)}`,
  )
  for (const [k, v] of Object.entries(opts.query ?? {}))
    if (v !== undefined && v !== '') url.searchParams.set(k, String(v))
  const headers: Record<string, string> = { accept: 'application/json', apikey: config.anonKey }
  const token = (await supabase.auth.getSession()).data.session?.access_token
  if (token) headers.authorization = `Bearer ${token}`
  if (opts.body !== undefined) headers['content-type'] = 'application/json'
  let res: Response
  try {
    res = await fetch(url, {
      method,
      headers,
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      signal: opts.signal,
    })
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error
    throw apiErrorFrom(0, undefined)
  }
  const text = await res.text()
  let data: unknown
  try {
    data = text ? JSON.parse(text) : undefined
  } catch {
    data = text
  }
  if (!res.ok) throw apiErrorFrom(res.status, data)
  const parsed = schema.safeParse(unwrapList(schema, data))
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const where = issue?.path.length ? ` (${issue.path.join('.')}: ${issue.message})` : ''
    throw new ApiError({
      status: res.status,
      code: 'unexpected_response',
      message: `The server sent an answer this version of the app does not understand${where}. Reload the page to update.`,
    })
  }
  return { status: res.status, data: parsed.data }
}

const get = async <S extends z.ZodType>(path: string, schema: S, opts?: { params?: Params; query?: Query }) =>
  (await request('GET', path, schema, opts)).data
const Ignored = z.unknown()

// Section: loaders

/** Sessions of a school in [from, to) (ISO moments); `mine`: those I teach or booked. */
export const getSessions = query(
  (tenantId: string, range: { from?: string; to?: string; mine?: boolean } = {}) =>
    get('/tenants/:tenantId/sessions', SessionList, {
      params: { tenantId },
      query: { from: range.from, to: range.to, mine: range.mine ? 'true' : undefined },
    }),
  'sessions',
)

/** One session with its bookings, notes (tutor and staff) and what the caller may do. */
export const getSession = query(
  (id: string) => get('/sessions/:id', SessionDetail, { params: { id } }),
  'session',
)

/** Who was in the room, when and for how long (tutor, admins, staff). */
export const getAttendance = query(
  (id: string) => get('/sessions/:id/attendance', AttendanceList, { params: { id } }),
  'sessionAttendance',
)

/** The chat of a session, oldest first (kept with the session). */
export const getSessionMessages = query((id: string) => messagesAfter(id, 0), 'sessionMessages')

/** Chat lines after `after` (a catch-up after reconnecting), following pages to the end. */
export async function messagesAfter(id: string, after: number): Promise<SessionMessage[]> {
  const all: SessionMessage[] = []
  let from = after
  for (;;) {
    const page = await get('/sessions/:id/messages', SessionMessageList, {
      params: { id },
      query: { after: from, limit: 500 },
    })
    all.push(...page)
    if (page.length < 500) return all
    from = page[page.length - 1].id
  }
}

/** People waiting to be let in (the tutor). */
export const getAdmissions = query(
  (id: string) => get('/sessions/:id/admissions', WaitingList, { params: { id } }),
  'sessionAdmissions',
)

// Section: actions

/** A created session, or the weekly series it starts (the first one leads). */
const Created = z.union([Session, SessionList, z.object({ sessions: SessionList })])

/** Schedules a session (or a weekly series); answers the sessions created. */
export async function createSession(tenantId: string, body: CreateSessionBody): Promise<Session[]> {
  const { data } = await request('POST', '/tenants/:tenantId/sessions', Created, {
    params: { tenantId },
    body,
  })
  return Array.isArray(data) ? data : 'sessions' in data ? data.sessions : [data]
}

export async function updateSession(id: string, body: UpdateSessionBody): Promise<void> {
  await request('PATCH', '/sessions/:id', Ignored, { params: { id }, body })
}

export async function deleteSession(id: string): Promise<void> {
  await request('DELETE', '/sessions/:id', Ignored, { params: { id } })
}

/** Books a seat for me, or (tutor, admins) for a student of the school. */
export async function bookSession(id: string, userId?: string): Promise<void> {
  await request('POST', '/sessions/:id/bookings', z.union([Booking, Ignored]), {
    params: { id },
    body: userId ? { user_id: userId } : {},
  })
}

export async function cancelBooking(id: string): Promise<void> {
  await request('DELETE', '/sessions/:id/bookings/me', Ignored, { params: { id } })
}

/** How to enter the room, or `{ status: 'waiting' }` (202) when the tutor lets people in. */
export async function joinSession(id: string): Promise<JoinResponse | Waiting> {
  const { data } = await request('POST', '/sessions/:id/join', z.union([JoinResponse, WaitingResponse]), {
    params: { id },
    body: {},
  })
  return data
}
export type Waiting = z.infer<typeof WaitingResponse>

export async function postSessionMessage(id: string, body: string): Promise<SessionMessage> {
  const { data } = await request('POST', '/sessions/:id/messages', SessionMessage, {
    params: { id },
    body: { body },
  })
  return data
}

export async function muteParticipant(id: string, userId: string, kind: 'audio' | 'video' | 'all' = 'audio') {
  await request('POST', '/sessions/:id/participants/:userId/mute', Ignored, {
    params: { id, userId },
    body: { kind },
  })
}

export async function removeParticipant(id: string, userId: string, reason?: string) {
  await request('POST', '/sessions/:id/participants/:userId/remove', Ignored, {
    params: { id, userId },
    body: reason ? { reason } : {},
  })
}

export async function admit(id: string, userId: string, admitted: boolean) {
  await request('POST', '/sessions/:id/admissions', Ignored, {
    params: { id },
    body: { user_id: userId, admit: admitted },
  })
}

/** Ends the session for everyone in the room. */
export async function endSession(id: string) {
  await request('POST', '/sessions/:id/end', Ignored, { params: { id }, body: {} })
}

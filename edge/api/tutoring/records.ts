import * as R from '../../contract/routes/tutoring.ts'
import type { AttendanceRow, RoomRole, SessionMessage } from '../../contract/tutoring.ts'
import { type Tx, withUser, withUserRead } from '../../lib/db.ts'
import { forbidden } from '../../lib/errors.ts'
import { createRateLimiter } from '../../lib/rate-limit.ts'
import { apiRoute } from '../core/openapi.ts'
import { type ApiDeps, newRouter } from '../core/router.ts'
import { type TutoringState, tutoringState, tutoringStateIn, tutoringStateQuery } from './access.ts'
import './schemas.ts'

const tags = ['tutoring']

/** Chat lines one person may send in a window, across rooms: a conversation's pace, not a flood. */
export const CHAT_LIMIT = { limit: 10, windowMs: 10_000 }

const attendance = apiRoute(R.getAttendance, {
  tags,
  summary: "Who was in the room, when and for how long (its tutor and the school's staff)",
  description: 'Booked students who never joined are listed with no stays and zero seconds.',
  responses: { 200: 'The tutor first, then by name.' },
  errors: [400, 401, 403, 404],
})

const messages = apiRoute(R.listRoomMessages, {
  tags,
  summary: "The room's chat after a message id, oldest first (the tutor, booked students, staff)",
  responses: { 200: 'Oldest first.' },
  errors: [400, 401, 403, 404],
})

const post = apiRoute(R.postRoomMessage, {
  tags,
  summary: 'Write in the room’s chat (people who may be in the room now)',
  description: `At most ${CHAT_LIMIT.limit} lines per person every ${CHAT_LIMIT.windowMs / 1000} seconds (429).`,
  responses: { 201: 'The line as stored.' },
  errors: [400, 401, 403, 404, 429],
})

interface StayRow {
  user_id: string
  joined_at: Date | null
  left_at: Date | null
  transport: 'livekit' | 'p2p'
}

/** Seconds covered by the stays, overlaps (two tabs, a reconnect) counted once; open stays run to `until`. */
export function secondsIn(stays: { joined_at: Date | null; left_at: Date | null }[], until: Date): number {
  const spans = stays
    .filter((s): s is { joined_at: Date; left_at: Date | null } => s.joined_at !== null)
    .map((s) => [s.joined_at.getTime(), Math.min((s.left_at ?? until).getTime(), until.getTime())] as const)
    .filter(([a, b]) => b > a)
    .sort((x, y) => x[0] - y[0])
  let total = 0
  let open: [number, number] | null = null
  for (const [a, b] of spans) {
    if (open && a <= open[1]) open[1] = Math.max(open[1], b)
    else {
      if (open) total += open[1] - open[0]
      open = [a, b]
    }
  }
  if (open) total += open[1] - open[0]
  return Math.floor(total / 1000)
}

/** A session's stays in the room, unsent. */
const staysQuery = (tx: Tx, sessionId: string) => tx<StayRow[]>`
  select a.user_id, a.joined_at, a.left_at, a.transport
  from public.session_attendance a where a.session_id = ${sessionId}
  order by a.joined_at nulls first, a.stay_key`

interface PersonRow {
  user_id: string
  name: string | null
  booked: boolean
}

/** A session's tutor, booked students and whoever stayed in the room, unsent. */
const peopleQuery = (tx: Tx, sessionId: string) => tx<PersonRow[]>`
  with people as (
    select s.instructor_id as user_id from public.tutoring_sessions s where s.id = ${sessionId}
    union select b.user_id from public.session_bookings b where b.session_id = ${sessionId}
    union select a.user_id from public.session_attendance a where a.session_id = ${sessionId})
  select pe.user_id, p.display_name as name,
    exists (select 1 from public.session_bookings b where b.session_id = ${sessionId} and b.user_id = pe.user_id)
      as booked
  from people pe left join public.profiles p on p.id = pe.user_id`

/** The attendance of session `s` from staysQuery's and peopleQuery's rows: the tutor first, then by name. */
function attendanceIn(
  s: TutoringState,
  stays: readonly StayRow[],
  people: readonly PersonRow[],
): AttendanceRow[] {
  // An open stay counts until now, or the end of the session if that came first.
  const end = s.ended_at ?? s.ends_at
  const until = new Date(Math.min(Date.now(), end.getTime()))
  const rows = people.map((person): AttendanceRow => {
    const mine = stays.filter((x) => x.user_id === person.user_id)
    const role: RoomRole =
      person.user_id === s.instructor_id ? 'moderator' : person.booked ? 'participant' : 'observer'
    const joins = mine.map((x) => x.joined_at).filter((d): d is Date => d !== null)
    const open = mine.some((x) => x.left_at === null)
    const lefts = mine.map((x) => x.left_at).filter((d): d is Date => d !== null)
    return {
      user_id: person.user_id,
      name: person.name,
      role,
      booked: person.booked,
      stays: mine.map((x) => ({
        joined_at: x.joined_at?.toISOString() ?? null,
        left_at: x.left_at?.toISOString() ?? null,
        transport: x.transport,
      })),
      first_joined_at: joins.length ? new Date(Math.min(...joins.map(Number))).toISOString() : null,
      last_left_at: !open && lefts.length ? new Date(Math.max(...lefts.map(Number))).toISOString() : null,
      total_seconds: secondsIn(mine, until),
    }
  })
  const rank = { moderator: 0, participant: 1, observer: 2 }
  return rows.sort(
    (a, b) =>
      rank[a.role] - rank[b.role] ||
      (a.name ?? '').localeCompare(b.name ?? '') ||
      a.user_id.localeCompare(b.user_id),
  )
}

function readMessages(tx: Tx, sessionId: string, opts: { after?: number; limit?: number; id?: number }) {
  return tx<SessionMessage[]>`
    select m.id::int as id, m.session_id, m.author_id,
      case when m.author_id is null then null else p.display_name end as author_name,
      m.body, m.created_at, m.attachments
    from public.session_messages m left join public.profiles p on p.id = m.author_id
    where m.session_id = ${sessionId} and m.id > ${opts.after ?? 0}
      and (${opts.id ?? null}::bigint is null or m.id = ${opts.id ?? null}::bigint)
    order by m.id
    limit ${opts.limit ?? 200}`
}

/** GET /sessions/:id/attendance, GET/POST /sessions/:id/messages: the session's record. */
export function roomRecordRoutes({ sql, auth }: ApiDeps) {
  const limiter = createRateLimiter(CHAT_LIMIT)
  return newRouter()
    .openapi({ ...attendance, middleware: auth }, async (c) => {
      const { id } = c.req.valid('param')
      const [state, stays, people] = await withUserRead(sql, c.var.claims, (tx) => [
        tutoringStateQuery(tx, id),
        staysQuery(tx, id),
        peopleQuery(tx, id),
      ])
      const s = tutoringStateIn(state)
      if (!s.can_manage && !s.is_staff)
        throw forbidden(
          'attendance_forbidden',
          "Only the session's tutor and the school's staff see attendance.",
        )
      return c.json(attendanceIn(s, stays, people), 200)
    })
    .openapi({ ...messages, middleware: auth }, async (c) => {
      const { id } = c.req.valid('param')
      const query = c.req.valid('query')
      const [state, lines] = await withUserRead(sql, c.var.claims, (tx) => [
        tutoringStateQuery(tx, id),
        readMessages(tx, id, query),
      ])
      if (!tutoringStateIn(state).can_see_record)
        throw forbidden(
          'chat_forbidden',
          "Only the session's tutor, its booked students and staff read its chat.",
        )
      return c.json([...lines], 200)
    })
    .openapi({ ...post, middleware: auth }, async (c) => {
      const { id } = c.req.valid('param')
      const { body, attachments = [] } = c.req.valid('json')
      limiter.hit(`session-chat:${c.var.claims.sub}`)
      const line = await withUser(sql, c.var.claims, async (tx) => {
        const s = await tutoringState(tx, id)
        if (s.access !== 'moderator' && s.access !== 'participant' && s.access !== 'observer') {
          throw forbidden(
            'room_chat_closed',
            'Only people who may be in the room now write in its chat; it is read-only otherwise.',
          )
        }
        const [row] = await tx<{ id: number }[]>`
          insert into public.session_messages (session_id, body, attachments)
          values (${id}, ${body}, ${tx.json(attachments)}) returning id::int as id`
        const [message] = await readMessages(tx, id, { id: row?.id })
        return message
      })
      return c.json(line, 201)
    })
}

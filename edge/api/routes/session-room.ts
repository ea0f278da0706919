import { createRoute, type z } from '@hono/zod-openapi'
import {
  JOIN_EARLY_MINUTES,
  type JoinResponse,
  P2P_MAX_PEERS,
  type RoomRole,
  sessionTopic,
  TOKEN_TTL_SECONDS,
} from '../../contract/tutoring.ts'
import { type Tx, withUser } from '../../lib/db.ts'
import { ApiError, conflict, notFound, unprocessable } from '../../lib/errors.ts'
import { roomToken, type VideoSetup } from '../../lib/livekit.ts'
import { type ApiDeps, bearer, errorResponses, jsonBody, jsonResponse, newRouter } from '../router.ts'
import { requireManage, type SessionState, schoolTime, sessionState } from '../session-queries.ts'
import {
  AdmitSchema,
  JoinSchema,
  MuteSchema,
  RemoveSchema,
  SessionParams,
  SessionUserParams,
  sessionResponses,
  WaitingListSchema,
  WaitingSchema,
} from '../session-schemas.ts'

type WaitingPerson = z.infer<typeof WaitingListSchema>[number]

const tags = ['tutoring']

const join = createRoute({
  method: 'post',
  path: '/sessions/{id}/join',
  tags,
  summary: 'Enter the room: a LiveKit token, or the peer-to-peer setup when LiveKit is not configured',
  description:
    `The tutor, booked students and the school's staff (hidden observers), from ${JOIN_EARLY_MINUTES} ` +
    'minutes before the start until the end. 403 says why not (`too_early`, `session_ended`, ' +
    '`session_cancelled`, `not_booked`, `removed`, `admission_denied`); 202 `{status: "waiting"}` ' +
    `while the waiting room holds you; 409 \`livekit_required\` for rooms above ${P2P_MAX_PEERS} people ` +
    'without LiveKit.',
  security: bearer,
  request: { params: SessionParams },
  responses: {
    200: jsonResponse(JoinSchema, 'How to connect.'),
    202: jsonResponse(WaitingSchema, 'Waiting for the tutor to let you in.'),
    ...errorResponses(400, 401, 403, 404, 409),
  },
})

const waiting = createRoute({
  method: 'get',
  path: '/sessions/{id}/admissions',
  tags,
  summary: 'Who waits to enter the room (its tutor and the school’s admins)',
  security: bearer,
  request: { params: SessionParams },
  responses: {
    200: jsonResponse(WaitingListSchema, 'Longest waiting first.'),
    ...errorResponses(400, 401, 403, 404),
  },
})

const admit = createRoute({
  method: 'post',
  path: '/sessions/{id}/admissions',
  tags,
  summary: 'Let a waiting student in, or turn them away (its tutor and the school’s admins)',
  security: bearer,
  request: { params: SessionParams, body: jsonBody(AdmitSchema) },
  responses: { 204: { description: 'Decided; the student is told.' }, ...errorResponses(400, 401, 403, 404) },
})

const moderationResponses = {
  ...errorResponses(400, 401, 403, 404),
  ...sessionResponses.unprocessable,
  ...sessionResponses.liveKitDown,
}

const mute = createRoute({
  method: 'post',
  path: '/sessions/{id}/participants/{userId}/mute',
  tags,
  summary: 'Mute a person in the room: audio (default), video or all (its tutor and the school’s admins)',
  security: bearer,
  request: { params: SessionUserParams, body: jsonBody(MuteSchema) },
  responses: { 204: { description: 'Muted.' }, ...moderationResponses },
})

const remove = createRoute({
  method: 'post',
  path: '/sessions/{id}/participants/{userId}/remove',
  tags,
  summary: 'Remove a person from the room for the rest of the session (its tutor and the school’s admins)',
  security: bearer,
  request: { params: SessionUserParams, body: jsonBody(RemoveSchema) },
  responses: { 204: { description: 'Removed and disconnected.' }, ...moderationResponses },
})

const end = createRoute({
  method: 'post',
  path: '/sessions/{id}/end',
  tags,
  summary: 'End the session for everyone (its tutor and the school’s admins)',
  security: bearer,
  request: { params: SessionParams },
  responses: { 204: { description: 'Ended.' }, ...moderationResponses, ...errorResponses(409) },
})

const refuse = (code: string, message: string, details?: unknown) => new ApiError(403, code, message, details)

/** Why the caller may not be in the room now, as a 403 they can act on. */
async function refusal(tx: Tx, s: SessionState, me: string): Promise<ApiError> {
  switch (s.access) {
    case 'none':
      return refuse(
        'not_booked',
        "Only the session's tutor, students who booked a seat and the school's staff can join this session.",
      )
    case 'removed': {
      const [row] = await tx<{ reason: string }[]>`
        select reason from public.session_removals where session_id = ${s.id} and user_id = ${me}`
      const reason = row?.reason ?? ''
      return refuse(
        'removed',
        `You were removed from this session by the tutor.${reason ? ` Reason: ${reason}` : ''}`,
        { reason },
      )
    }
    default: {
      if (s.status === 'cancelled') return refuse('session_cancelled', 'This session was cancelled.')
      const opensAt = new Date(s.starts_at.getTime() - JOIN_EARLY_MINUTES * 60_000)
      if (s.status !== 'ended' && Date.now() < opensAt.getTime()) {
        return refuse(
          'too_early',
          `The room opens at ${schoolTime(opensAt, s.time_zone)}, ${JOIN_EARLY_MINUTES} minutes before the start.`,
          { opens_at: opensAt.toISOString() },
        )
      }
      return refuse('session_ended', 'This session has ended.')
    }
  }
}

/** Puts the caller in the waiting room (once); 403 when the tutor already turned them away. */
async function wait(tx: Tx, sessionId: string, me: string) {
  const [asked] = await tx<{ status: string }[]>`
    select status from public.session_admissions where session_id = ${sessionId} and user_id = ${me}`
  if (asked?.status === 'denied') {
    throw refuse('admission_denied', 'The tutor did not let you into this session.')
  }
  if (!asked) {
    await tx`insert into public.session_admissions (session_id, user_id) values (${sessionId}, ${me})
             on conflict do nothing`
  }
}

/** Without LiveKit the room is a browser mesh: refuse a session that could outgrow it. */
function requireMeshFits(video: VideoSetup, s: SessionState) {
  if (!video.liveKit && s.capacity + 1 > P2P_MAX_PEERS) {
    throw new ApiError(
      409,
      'livekit_required',
      `Live video for more than ${P2P_MAX_PEERS} people needs LiveKit, which this server does not have.`,
      { capacity: s.capacity, max_peers: P2P_MAX_PEERS },
    )
  }
}

async function myName(tx: Tx, me: string) {
  const [row] = await tx<{ name: string }[]>`
    select coalesce(p.display_name, '') as name
    from public.profiles p where p.id = ${me}`
  return row?.name ?? ''
}

/** The room's connection details for a role. */
async function connection(video: VideoSetup, sessionId: string, me: string, name: string, role: RoomRole) {
  if (video.liveKit) {
    const { token, expiresAt } = await roomToken(video.liveKit, {
      sessionId,
      identity: me,
      name,
      role,
      ttlSeconds: TOKEN_TTL_SECONDS,
    })
    const answer: JoinResponse = {
      transport: 'livekit',
      url: video.liveKit.url,
      token,
      identity: me,
      role,
      expires_at: expiresAt.toISOString(),
    }
    return answer
  }
  const answer: JoinResponse = {
    transport: 'p2p',
    room: sessionTopic(sessionId),
    ice_servers: video.iceServers,
    identity: me,
    role,
    max_peers: P2P_MAX_PEERS,
  }
  return answer
}

const notInRoom = () => new ApiError(404, 'not_in_room', 'That person is not in the room now.')

/** POST /sessions/:id/join, the waiting room, and the tutor's moderation (mute, remove, end). */
export function sessionRoomRoutes({ sql, auth }: ApiDeps, video: VideoSetup) {
  return newRouter()
    .openapi({ ...join, middleware: auth }, async (c) => {
      const { id } = c.req.valid('param')
      const me = c.var.claims.sub
      const entry = await withUser(sql, c.var.claims, async (tx) => {
        const s = await sessionState(tx, id)
        if (s.access === 'missing') throw notFound('No such session, or you are not a member of its school.')
        if (s.access === 'waiting') {
          requireMeshFits(video, s)
          await wait(tx, id, me)
          return null
        }
        if (s.access !== 'moderator' && s.access !== 'participant' && s.access !== 'observer') {
          throw await refusal(tx, s, me)
        }
        requireMeshFits(video, s)
        return { role: s.access, name: await myName(tx, me) }
      })
      if (!entry) return c.json({ status: 'waiting' as const }, 202)
      return c.json(await connection(video, id, me, entry.name, entry.role), 200)
    })
    .openapi({ ...waiting, middleware: auth }, async (c) => {
      const { id } = c.req.valid('param')
      const people = await withUser(sql, c.var.claims, async (tx) => {
        requireManage(await sessionState(tx, id), 'see who waits')
        return tx<WaitingPerson[]>`
          select a.user_id, p.display_name as name,
            a.requested_at
          from public.session_admissions a left join public.profiles p on p.id = a.user_id
          where a.session_id = ${id} and a.status = 'waiting'
          order by a.requested_at, a.user_id`
      })
      return c.json([...people], 200)
    })
    .openapi({ ...admit, middleware: auth }, async (c) => {
      const { id } = c.req.valid('param')
      const { user_id, admit } = c.req.valid('json')
      await withUser(sql, c.var.claims, async (tx) => {
        requireManage(await sessionState(tx, id), 'let people in')
        const changed = await tx`
          update public.session_admissions set status = ${admit ? 'admitted' : 'denied'}
          where session_id = ${id} and user_id = ${user_id} returning user_id`
        if (changed.length === 0) throw notFound('That person has not asked to enter this session.')
      })
      return c.body(null, 204)
    })
    .openapi({ ...mute, middleware: auth }, async (c) => {
      const { id, userId } = c.req.valid('param')
      const { kind = 'audio' } = c.req.valid('json')
      await withUser(sql, c.var.claims, async (tx) => {
        requireManage(await sessionState(tx, id), 'mute people')
        // The mesh hears it from the database (on commit); LiveKit mutes the tracks on its server.
        await tx`select public.session_mute(${id}, ${userId}, ${kind})`
        if (video.moderation && !(await video.moderation.muteParticipant(id, userId, kind))) throw notInRoom()
      })
      return c.body(null, 204)
    })
    .openapi({ ...remove, middleware: auth }, async (c) => {
      const { id, userId } = c.req.valid('param')
      const { reason = '' } = c.req.valid('json')
      await withUser(sql, c.var.claims, async (tx) => {
        const s = await sessionState(tx, id)
        requireManage(s, 'remove people')
        if (userId === s.instructor_id)
          throw unprocessable('The tutor cannot be removed from their own session.')
        await tx`
          insert into public.session_removals (session_id, user_id, reason) values (${id}, ${userId}, ${reason})
          on conflict (session_id, user_id) do nothing`
        // Disconnected now and refused at the next join (the removal is checked there).
        await video.moderation?.removeParticipant(id, userId)
      })
      return c.body(null, 204)
    })
    .openapi({ ...end, middleware: auth }, async (c) => {
      const { id } = c.req.valid('param')
      await withUser(sql, c.var.claims, async (tx) => {
        const s = await sessionState(tx, id)
        requireManage(s, 'end it')
        if (s.status === 'cancelled') throw conflict('This session was cancelled.')
        await tx`update public.tutoring_sessions set status = 'ended'
                 where id = ${id} and status in ('scheduled', 'live')`
        await video.moderation?.endRoom(id)
      })
      return c.body(null, 204)
    })
}

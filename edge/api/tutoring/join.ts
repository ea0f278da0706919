import type { ApiErrorCode } from '../../contract/error-codes.ts'
import * as R from '../../contract/routes/tutoring.ts'
import {
  JOIN_EARLY_MINUTES,
  type JoinResponse,
  P2P_MAX_PEERS,
  type RoomRole,
  sessionTopic,
  TOKEN_TTL_SECONDS,
} from '../../contract/tutoring.ts'
import { type Tx, withUser } from '../../lib/db.ts'
import { ApiError, notFound } from '../../lib/errors.ts'
import { roomToken, type VideoSetup } from '../../lib/livekit.ts'
import { apiRoute } from '../core/openapi.ts'
import { type ApiDeps, newRouter } from '../core/router.ts'
import { removalOf, removedError, schoolTime, type TutoringState, tutoringState } from './access.ts'
import './schemas.ts'

const join = apiRoute(R.joinRoom, {
  tags: ['tutoring'],
  summary: 'Enter the room: a LiveKit token, or the peer-to-peer setup when LiveKit is not configured',
  description:
    `The tutor, booked students and the school's staff (hidden observers), from ${JOIN_EARLY_MINUTES} ` +
    'minutes before the start until the end. 403 says why not (`too_early`, `session_ended`, ' +
    '`session_cancelled`, `not_booked`, `removed`, `admission_denied`); 202 `{status: "waiting"}` ' +
    `while the waiting room holds you; 409 \`livekit_required\` for rooms above ${P2P_MAX_PEERS} people ` +
    'without LiveKit.',
  responses: { 200: 'How to connect.', 202: 'Waiting for the tutor to let you in.' },
  errors: [400, 401, 403, 404, 409],
})

const refuse = (code: ApiErrorCode, message: string, details?: unknown) =>
  new ApiError(403, code, message, details)

/** Why the caller may not be in the room now, as a 403 they can act on. */
async function refusal(tx: Tx, s: TutoringState, me: string): Promise<ApiError> {
  // A removed student's seat was given back, so the database answers `none`: say why all the same.
  const removal = s.access === 'none' || s.access === 'removed' ? await removalOf(tx, s.id, me) : undefined
  if (removal) return removedError(removal.reason)
  switch (s.access) {
    case 'none':
      return refuse(
        'not_booked',
        "Only the session's tutor, students who booked a seat and the school's staff can join this session.",
      )
    default: {
      if (s.status === 'cancelled') return refuse('session_cancelled', 'This session was cancelled.')
      const opensAt = new Date(s.starts_at.getTime() - JOIN_EARLY_MINUTES * 60_000)
      if (s.status !== 'ended' && Date.now() < opensAt.getTime()) {
        return refuse(
          'too_early',
          `The room opens at ${schoolTime(opensAt, s.time_zone)}, ${JOIN_EARLY_MINUTES} minutes before the start.`,
          { opens_at: opensAt.toISOString(), minutes: JOIN_EARLY_MINUTES },
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
function requireMeshFits(video: VideoSetup, s: TutoringState) {
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

/** POST /sessions/:id/join: into the room, or into its waiting room. */
export function roomJoinRoutes({ sql, auth, video }: ApiDeps) {
  return newRouter().openapi({ ...join, middleware: auth }, async (c) => {
    const { id } = c.req.valid('param')
    const me = c.var.claims.sub
    const entry = await withUser(sql, c.var.claims, async (tx) => {
      const s = await tutoringState(tx, id)
      if (s.access === 'missing') {
        throw notFound('tutoring_not_found', 'No such session, or you are not a member of its school.')
      }
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
}

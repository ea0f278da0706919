// `session:<id>`: a tutoring video room's live channel (issue 5) — presence and roster, the
// WebRTC signalling of the peer-to-peer transport, raised hands and media state from clients, and
// chat, moderation (mute, removal) and the end of the tutoring session from the database. (In
// realtime/ "session" alone is a sign-in session; the wire topic keeps its `session:` prefix.)
import { z } from 'zod'
import { type Sql, withUser } from '../../edge/lib/db.ts'
import type { Logger } from '../core/log.ts'
import type { LiveHub } from './hub.ts'
import { leaveQuietly } from './leave-quietly.ts'
import type { Subscription } from './registry.ts'
import { BadEvent, isObject, TopicForbidden, type TopicHandler, topicId } from './topics.ts'

/** What `public.session_room_access(session)` answers for the calling user. */
export type TutoringAccess =
  | 'moderator'
  | 'participant'
  | 'observer'
  | 'waiting'
  | 'removed'
  | 'closed'
  | 'none'
  | 'missing'

const ALLOWED = new Set<TutoringAccess>(['moderator', 'participant', 'observer'])

const REFUSALS: Record<Exclude<TutoringAccess, 'moderator' | 'participant' | 'observer'>, string> = {
  waiting: 'You are in the waiting room: the host has not let you in yet.',
  removed: 'The host removed you from this session.',
  closed: 'This session is not open: it has ended or has not started yet.',
  none: 'Only the tutor, booked students and the school’s staff join this session.',
  missing: 'No such session.',
}

/** Largest `signal` payload (SDP offers with many codecs run to a few KB; 60 KB leaves headroom). */
export const MAX_SIGNAL_BYTES = 60 * 1024

const Hand = z.strictObject({ raised: z.boolean() })
const Media = z.strictObject({ audio: z.boolean(), video: z.boolean(), screen: z.boolean() })

/** Observers (staff) are hidden: only moderators and other observers learn they are there. */
const seesObservers = (access: string) => access === 'moderator' || access === 'observer'
const audienceFor = (access: string) => (access === 'observer' ? ['moderator', 'observer'] : undefined)

export interface TutoringTopicOptions {
  sql: Sql
  log: Logger
  /** Record attendance stays (peer-to-peer rooms); false when LiveKit's webhooks record them. */
  meshAttendance: boolean
}

export function tutoringTopics({ sql, log, meshAttendance }: TutoringTopicOptions): TopicHandler {
  /** Sends everyone else on the topic (here and, through Redis, elsewhere) that the user came or went. */
  function presence(hub: LiveHub, sub: Subscription, present: boolean) {
    hub.broadcast(
      sub.topic,
      'presence',
      { user_id: sub.userId, role: sub.access, present },
      { except: sub.conn, audience: audienceFor(sub.access) },
    )
  }

  return {
    name: 'tutoring',
    matches: (topic) => topicId(topic, 'session') !== undefined,

    async authorize(conn, topic) {
      const id = topicId(topic, 'session')!
      const access = await withUser(sql, conn.claims, async (tx) => {
        const [row] = await tx`select public.session_room_access(${id}::uuid) as access`
        const a = row.access as TutoringAccess
        // Attendance of the peer-to-peer transport (LiveKit reports its own through webhooks).
        if (meshAttendance && ALLOWED.has(a)) await tx`select public.session_presence(${id}::uuid, true)`
        return a
      })
      if (ALLOWED.has(access)) return access
      throw new TopicForbidden(REFUSALS[access as keyof typeof REFUSALS] ?? REFUSALS.none)
    },

    allows: (access) => ALLOWED.has(access as TutoringAccess),

    joined(sub, hub) {
      // The roster: who is on this topic on this instance (others announce themselves with presence).
      const roster = new Map<string, string>()
      let mine = 0
      for (const s of hub.subscriptions(sub.topic)) {
        if (s.userId === sub.userId) mine++
        if (s.access === 'observer' && !seesObservers(sub.access)) continue
        if (!roster.has(s.userId)) roster.set(s.userId, s.access)
      }
      sub.conn.sendJson({
        type: 'event',
        topic: sub.topic,
        event: 'roster',
        data: [...roster].map(([user_id, role]) => ({ user_id, role })),
      })
      if (mine === 1) presence(hub, sub, true)
    },

    async left(sub, hub, { last, reason }) {
      if (!last) return
      // When the session ended everyone leaves at once; nobody needs to hear it one by one.
      if (reason !== 'ended') presence(hub, sub, false)
      if (!meshAttendance) return
      const id = topicId(sub.topic, 'session')!
      await leaveQuietly(log, 'recording that a participant left', () =>
        withUser(sql, sub.conn.claims, (tx) => tx`select public.session_presence(${id}::uuid, false)`),
      )
    },

    accept(sub, event, data, to) {
      switch (event) {
        case 'signal': {
          if (!to) throw new BadEvent('A signal goes to one participant: set `to`.')
          if (!isObject(data)) throw new BadEvent('signal: data must be an object.')
          if (Buffer.byteLength(JSON.stringify(data)) > MAX_SIGNAL_BYTES)
            throw new BadEvent(`signal: data must be at most ${MAX_SIGNAL_BYTES / 1024} KB.`)
          return data
        }
        case 'hand':
        case 'media': {
          if (sub.access === 'observer') throw new BadEvent('Observers do not take part in the room.')
          const parsed = (event === 'hand' ? Hand : Media).safeParse(data)
          if (!parsed.success) {
            const issue = parsed.error.issues[0]
            throw new BadEvent(
              `${event}: ${issue?.path.join('.') || 'data'} ${issue?.message ?? 'is not valid'}`,
            )
          }
          return parsed.data
        }
        default:
          throw new BadEvent('A session takes `signal`, `hand` and `media` from clients.')
      }
    },

    delivered(topic, event, data, hub) {
      // Removal and the end are enforced here too: the sockets stop receiving the room's events.
      if (event === 'removed' && isObject(data) && typeof data.user_id === 'string') {
        for (const s of [...hub.subscriptions(topic)])
          if (s.userId === data.user_id) void hub.end(s, 'removed', true)
      } else if (event === 'ended') {
        for (const s of [...hub.subscriptions(topic)]) void hub.end(s, 'ended', true)
      }
    },
  }
}

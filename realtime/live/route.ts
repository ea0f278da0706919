import {
  LIVE_PATH,
  LiveClientMessage,
  type LiveErrorCode,
  type LiveServerMessage,
} from '../../edge/contract/realtime.ts'
import { TokenError } from '../../edge/lib/jwt.ts'
import type { AuthExtension } from '../core/auth.ts'
import { CloseCode, CloseError } from '../core/close-codes.ts'
import type { Connection } from '../core/connection.ts'
import type { Route } from '../core/types.ts'
import type { LiveAccessWatch } from './access-watch.ts'
import type { LiveHub } from './hub.ts'
import { BadEvent, TopicForbidden, type TopicHandler } from './topics.ts'

/** How many events a socket may publish: a bucket of `burst`, refilled at `perSecond`. */
export interface PublishLimit {
  burst: number
  perSecond: number
}

/** Signalling sends an offer and a dozen ICE candidates per peer at once; typing is rarer. */
export const DEFAULT_PUBLISH_LIMIT: PublishLimit = { burst: 60, perSecond: 20 }

export interface LiveRouteOptions {
  auth: AuthExtension
  /** Subscriptions and delivery; without it (no database) every subscribe answers `unknown_topic`. */
  hub?: LiveHub
  /** Re-checks of the subscriptions when access changes; stopped when the server starts closing. */
  access?: LiveAccessWatch
  /** Topic families served. */
  topics?: TopicHandler[]
  publishLimit?: PublishLimit
}

const send = (conn: Connection, message: LiveServerMessage) => conn.sendJson(message)

const UNKNOWN_TOPIC =
  'No such topic. Topics are ticket:<id>, queue:<school id>, user:<your id> and session:<id>, ids as lowercase UUIDs.'

/** Parses one frame against the contract; anything else is a CloseError 4400. */
function parse(data: Buffer, isBinary: boolean): LiveClientMessage {
  if (isBinary)
    throw new CloseError(CloseCode.MALFORMED, 'binary frames are not accepted on the live channel')
  let raw: unknown
  try {
    raw = JSON.parse(data.toString('utf8'))
  } catch {
    throw new CloseError(CloseCode.MALFORMED, 'message is not valid JSON')
  }
  const result = LiveClientMessage.safeParse(raw)
  if (!result.success) {
    const issue = result.error.issues[0]
    const where = issue?.path.length ? `${issue.path.join('.')}: ` : ''
    throw new CloseError(
      CloseCode.MALFORMED,
      `invalid message: ${where}${issue?.message ?? 'not in the contract'}`,
    )
  }
  return result.data
}

/** A token bucket per socket. */
function createLimiter({ burst, perSecond }: PublishLimit) {
  const buckets = new WeakMap<Connection, { tokens: number; at: number }>()
  return (conn: Connection): boolean => {
    const now = performance.now()
    const b = buckets.get(conn) ?? { tokens: burst, at: now }
    b.tokens = Math.min(burst, b.tokens + ((now - b.at) / 1000) * perSecond)
    b.at = now
    buckets.set(conn, b)
    if (b.tokens < 1) return false
    b.tokens -= 1
    return true
  }
}

/**
 * The JSON live channel at /realtime/v1/live: ping, token refresh, subscribe / unsubscribe
 * (authorised in the database by the topic's handler), and publish of client events (typing,
 * signalling) to the other subscribers of a topic. The server listens once the hub's LISTEN is in
 * place, and the hub closes with the server.
 */
export function createLiveRoute({ auth, hub, access, topics = [], publishLimit }: LiveRouteOptions): Route {
  const allow = createLimiter(publishLimit ?? DEFAULT_PUBLISH_LIMIT)
  const fail = (
    conn: Connection,
    code: LiveErrorCode,
    message: string,
    topic: string | undefined,
    id: string | number | undefined,
  ) => send(conn, { type: 'error', code, message, topic, id })

  async function subscribe(conn: Connection, topic: string, id: string | number | undefined) {
    const handler = hub && topics.find((t) => t.matches(topic))
    if (!hub || !handler) return fail(conn, 'unknown_topic', UNKNOWN_TOPIC, topic, id)
    if (!hub.get(conn, topic)) {
      let access: string
      try {
        access = await handler.authorize(conn, topic)
      } catch (error) {
        if (error instanceof TokenError) throw new CloseError(CloseCode.UNAUTHORIZED, 'session has ended')
        if (!(error instanceof TopicForbidden)) throw error
        return fail(conn, 'forbidden', error.message, topic, id)
      }
      const sub = hub.add(conn, topic, handler, access)
      // The socket may have closed while access was being checked (its disconnect has run).
      if (conn.state === 'closed') return void hub.end(sub, 'disconnected')
      send(conn, { type: 'subscribed', topic, id })
      hub.joined(sub)
      return
    }
    send(conn, { type: 'subscribed', topic, id })
  }

  return {
    name: 'live',

    match: (pathname) => (pathname === LIVE_PATH ? {} : undefined),

    async onMessage(conn, data, isBinary) {
      const msg = parse(data, isBinary)
      switch (msg.type) {
        case 'ping':
          send(conn, { type: 'pong', id: msg.id, at: Date.now() })
          return
        case 'auth':
          try {
            const claims = await auth.refresh(conn, msg.token)
            send(conn, { type: 'authenticated', exp: claims.exp ?? 0, id: msg.id })
          } catch (error) {
            if (!(error instanceof TokenError)) throw error
            send(conn, { type: 'error', code: 'invalid_token', message: error.message, id: msg.id })
          }
          return
        case 'subscribe':
          return subscribe(conn, msg.topic, msg.id)
        case 'unsubscribe': {
          const sub = hub?.get(conn, msg.topic)
          if (sub) await hub!.end(sub, 'unsubscribed')
          send(conn, { type: 'unsubscribed', topic: msg.topic, id: msg.id })
          return
        }
        case 'publish': {
          const sub = hub?.get(conn, msg.topic)
          if (!hub || !sub)
            return fail(
              conn,
              'not_subscribed',
              'Subscribe to the topic before publishing to it.',
              msg.topic,
              msg.id,
            )
          if (!allow(conn))
            return fail(conn, 'rate_limited', 'Too many events; slow down.', msg.topic, msg.id)
          let out: unknown
          try {
            if (!sub.handler.accept) throw new BadEvent('This topic takes no events from clients.')
            out = sub.handler.accept(sub, msg.event, msg.data, msg.to)
          } catch (error) {
            if (!(error instanceof BadEvent)) throw error
            return fail(conn, 'bad_event', error.message, msg.topic, msg.id)
          }
          hub.publish(sub, msg.event, out, msg.to)
          return
        }
      }
    },

    async beforeListen() {
      // Events written once the server is up reach the sockets that subscribe.
      await hub?.listening
    },

    onDisconnect(conn) {
      return hub?.endAll(conn)
    },

    beforeClose() {
      access?.close()
    },

    onDestroy() {
      return hub?.close()
    },
  }
}

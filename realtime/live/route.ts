import { LIVE_PATH, LiveClientMessage, type LiveServerMessage } from '../../edge/contract/realtime.ts'
import { TokenError } from '../../edge/lib/jwt.ts'
import type { AuthExtension } from '../auth.ts'
import { CloseCode, CloseError } from '../close-codes.ts'
import type { Connection } from '../connection.ts'
import type { Route } from '../types.ts'
import { TopicForbidden, type TopicHandler } from './topics.ts'

export interface LiveRouteOptions {
  auth: AuthExtension
  /** Topic families served; none yet, so every subscribe answers `unknown_topic`. */
  topics?: TopicHandler[]
}

const send = (conn: Connection, message: LiveServerMessage) => conn.sendJson(message)

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

/** The JSON live channel at /realtime/v1/live: ping, token refresh, topic subscriptions. */
export function createLiveRoute({ auth, topics = [] }: LiveRouteOptions): Route {
  const subscriptions = new Map<Connection, Map<string, () => void>>()

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
        case 'subscribe': {
          const handler = topics.find((t) => t.matches(msg.topic))
          if (!handler) {
            send(conn, {
              type: 'error',
              code: 'unknown_topic',
              message: 'No such topic.',
              topic: msg.topic,
              id: msg.id,
            })
            return
          }
          const mine = subscriptions.get(conn) ?? new Map<string, () => void>()
          subscriptions.set(conn, mine)
          if (!mine.has(msg.topic)) {
            try {
              const end = await handler.subscribe(conn, msg.topic)
              // The socket may have closed while access was being checked.
              if (conn.state === 'closed') return end()
              mine.set(msg.topic, end)
            } catch (error) {
              if (!(error instanceof TopicForbidden)) throw error
              send(conn, {
                type: 'error',
                code: 'forbidden',
                message: error.message,
                topic: msg.topic,
                id: msg.id,
              })
              return
            }
          }
          send(conn, { type: 'subscribed', topic: msg.topic, id: msg.id })
          return
        }
      }
    },

    onDisconnect(conn) {
      for (const end of subscriptions.get(conn)?.values() ?? []) end()
      subscriptions.delete(conn)
    },
  }
}

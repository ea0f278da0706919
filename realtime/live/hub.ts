// The live hub: this instance's subscriptions, and the delivery of events to them. Events from the
// database arrive through one LISTEN on channel `live` (every instance listens, so no relay is
// needed for them); events published by clients (typing, signalling) are delivered here and, with
// REDIS_URL, relayed through Redis pub/sub to the other instances.
import type { LiveServerMessage } from '../../edge/contract/realtime.ts'
import type { Sql } from '../../edge/lib/db.ts'
import type { Connection } from '../core/connection.ts'
import type { Logger } from '../core/log.ts'
import { createRedisRelay, type Relay } from '../core/redis-relay.ts'
import { type LiveNotification, parseNotification, parseRelayed, type Relayed } from './payload.ts'
import { type Subscription, SubscriptionRegistry } from './registry.ts'
import type { LeaveReason, TopicHandler } from './topics.ts'

/** The NOTIFY channel the support (and tutoring) triggers write to. */
export const LIVE_CHANNEL = 'live'
/** The one Redis channel client events travel on between instances (`kipindi:live:events`). */
const RELAY_PREFIX = 'kipindi:live:'
const RELAY_CHANNEL = 'events'
/** Its one message kind (index 0 on the wire). */
const RELAY_KINDS = ['event'] as const

export interface DeliverOptions {
  /** Only subscriptions with one of these accesses; `all` or absent: every subscription. */
  audience?: string | readonly string[]
  /** The user who published it (client events). */
  from?: string
  /** Only this user's sockets. */
  to?: string
  /** Never this socket (the sender's own). */
  except?: Connection
}

export interface LiveHub {
  readonly instanceId: string
  /** Resolves once the LISTEN is in place (or failed and was logged). */
  readonly listening: Promise<void>
  /** Also waits for the Redis subscription (which waits for Redis to be reachable). */
  readonly ready: Promise<void>
  add(conn: Connection, topic: string, handler: TopicHandler, access: string): Subscription
  get(conn: Connection, topic: string): Subscription | undefined
  /** This instance's subscriptions to a topic. */
  subscriptions(topic: string): ReadonlySet<Subscription>
  /** This instance's subscriptions of one user. */
  subscriptionsOf(userId: string): Subscription[]
  /** Every subscription on this instance (the periodic access re-check). */
  all(): Subscription[]
  /**
   * Holds the delivery of database events at this point of their order until `until` settles
   * (a re-check of the user's access after an access change), and meanwhile delivers no client
   * events to that user: nothing committed after a removal reaches the removed person.
   */
  hold(userId: string, until: Promise<unknown>): void
  /** Runs the handler's `joined` hook (after the `subscribed` reply was sent). */
  joined(sub: Subscription): void
  /** Ends one subscription; `notify` tells the socket with an `unsubscribed` message. */
  end(sub: Subscription, reason: LeaveReason, notify?: boolean): Promise<void>
  /** Ends every subscription of a socket (it closed). */
  endAll(conn: Connection): Promise<void>
  /** Sends an event to this instance's matching subscriptions; answers how many got it. */
  deliver(topic: string, event: string, data: unknown, opts?: DeliverOptions): number
  /** A server event for every instance (presence): delivered here and relayed. */
  broadcast(topic: string, event: string, data: unknown, opts?: Omit<DeliverOptions, 'from'>): void
  /** A client's event: delivered to the others here (not back to the sender) and relayed. */
  publish(sub: Subscription, event: string, data: unknown, to?: string): void
  /** Database events for topics nobody here follows are dropped; a test hook counts what arrived. */
  readonly stats: { notifications: number; malformed: number; relayed: number }
  close(): Promise<void>
}

export interface HubOptions {
  /** The privileged pool: LISTEN, and loading messages too big for NOTIFY. */
  sql: Sql
  log: Logger
  handlers: TopicHandler[]
  instanceId: string
  redisUrl?: string
}

const matchesAudience = (access: string, audience: DeliverOptions['audience']) =>
  audience === undefined ||
  audience === 'all' ||
  (typeof audience === 'string' ? access === audience : audience.includes(access))

export function createHub({ sql, log, handlers, instanceId, redisUrl }: HubOptions): LiveHub {
  const registry = new SubscriptionRegistry()
  /** Users whose access is being re-checked: client events skip them meanwhile. */
  const held = new Map<string, number>()
  /** Leave hooks in flight (presence updates in the database): close() waits for them. */
  const busy = new Set<Promise<unknown>>()
  const stats = { notifications: 0, malformed: 0, relayed: 0 }
  let closed = false

  const track = (p: Promise<unknown>) => {
    busy.add(p)
    void p.finally(() => busy.delete(p))
  }
  const handlerOf = (topic: string) => handlers.find((h) => h.matches(topic))

  // Section: subscriptions

  function add(conn: Connection, topic: string, handler: TopicHandler, access: string): Subscription {
    const existing = registry.get(conn, topic)
    if (existing) return existing
    const sub: Subscription = { conn, topic, handler, access, userId: conn.claims.sub }
    registry.add(sub)
    return sub
  }

  async function end(sub: Subscription, reason: LeaveReason, notify = false) {
    if (!registry.remove(sub)) return
    if (notify) send(sub.conn, { type: 'unsubscribed', topic: sub.topic })
    const last = !registry.userOn(sub.topic, sub.userId)
    try {
      await sub.handler.left?.(sub, hub, { last, reason })
    } catch (error) {
      log.warn('leaving a live topic failed', { topic: sub.topic, error })
    }
  }

  // Section: delivery

  const send = (conn: Connection, message: LiveServerMessage) => conn.sendJson(message)

  function deliver(topic: string, event: string, data: unknown, opts: DeliverOptions = {}): number {
    const subs = registry.ofTopic(topic)
    if (subs.size === 0) return 0
    let frame: string | undefined
    let count = 0
    for (const sub of subs) {
      if (sub.conn === opts.except) continue
      if (opts.to !== undefined && sub.userId !== opts.to) continue
      if (held.has(sub.userId)) continue
      if (!matchesAudience(sub.access, opts.audience)) continue
      // Serialised once for all the subscriptions it goes to.
      frame ??= JSON.stringify(
        opts.from === undefined
          ? { type: 'event', topic, event, data }
          : { type: 'event', topic, event, data, from: opts.from },
      )
      sub.conn.send(frame)
      count++
    }
    return count
  }

  // Section: events from the database (LISTEN live)

  /**
   * Notifications in arrival order; one whose data must be loaded holds back those after it, and
   * so does an access re-check (`hold`, an item without `n`).
   */
  const queue: { n?: LiveNotification; data?: unknown; ready: boolean }[] = []

  function onNotify(payload: string) {
    // Runs inside postgres.js' connection handler: nothing may throw out of here.
    try {
      stats.notifications++
      const n = parseNotification(payload)
      if (!n) {
        stats.malformed++
        log.warn('ignored a malformed live notification', { payload: payload.slice(0, 200) })
        return
      }
      if (!registry.hasTopic(n.topic)) return
      const item: (typeof queue)[number] = { n, data: n.data, ready: n.messageId === undefined }
      queue.push(item)
      if (n.messageId !== undefined) void load(item, n.messageId)
      else drain()
    } catch (error) {
      log.error('live notification failed', { error })
    }
  }

  /** Loads a message whose JSON was too big for NOTIFY (privileged: the audience was decided by the trigger). */
  async function load(item: (typeof queue)[number], messageId: number) {
    try {
      const [row] = await sql`select private.ticket_message_json(${messageId}) as message`
      item.data = row?.message ?? undefined
    } catch (error) {
      log.warn('loading a live message failed', { messageId, error })
    }
    item.ready = true
    drain()
  }

  function drain() {
    while (queue.length > 0 && queue[0].ready) {
      const { n, data } = queue.shift()!
      if (!n || data === undefined || closed) continue
      try {
        deliver(n.topic, n.event, data, { audience: n.audience })
        handlerOf(n.topic)?.delivered?.(n.topic, n.event, data, hub)
      } catch (error) {
        log.error('delivering a live event failed', { topic: n.topic, event: n.event, error })
      }
    }
  }

  let listenedOnce = false
  const listening = sql
    .listen(LIVE_CHANNEL, onNotify, () => {
      // Back after the LISTEN connection dropped: events meanwhile are lost, so every socket is
      // told `subscribed` again — the client's cue to load what it missed (web/src/lib/live.ts).
      if (listenedOnce) {
        log.info('LISTEN live is back; asking subscribers to catch up')
        for (const [conn, mine] of registry.sockets())
          for (const topic of mine.keys()) send(conn, { type: 'subscribed', topic })
      }
      listenedOnce = true
    })
    .catch((error) => {
      log.error('LISTEN live failed; tickets and notifications are not delivered live', { error })
      return undefined
    })

  // Section: client events between instances (Redis)

  const relay: Relay<'event'> | undefined = redisUrl
    ? createRedisRelay({ url: redisUrl, instanceId, log, prefix: RELAY_PREFIX, kinds: RELAY_KINDS })
    : undefined
  const relayJoined = relay?.join(RELAY_CHANNEL, (message) => {
    const r = parseRelayed(message.payload)
    if (!r) {
      stats.malformed++
      return
    }
    stats.relayed++
    deliver(r.topic, r.event, r.data, { from: r.from, to: r.to, audience: r.audience })
  })

  function hold(userId: string, until: Promise<unknown>) {
    const item: (typeof queue)[number] = { ready: false }
    queue.push(item)
    held.set(userId, (held.get(userId) ?? 0) + 1)
    void until
      .catch(() => {})
      .finally(() => {
        const left = (held.get(userId) ?? 1) - 1
        if (left > 0) held.set(userId, left)
        else held.delete(userId)
        item.ready = true
        drain()
      })
  }

  function relayOut(r: Relayed) {
    relay?.publish(RELAY_CHANNEL, 'event', Buffer.from(JSON.stringify(r)))
  }

  const hub: LiveHub = {
    instanceId,
    listening: listening.then(() => {}),
    ready: Promise.all([listening, relayJoined]).then(() => {}),
    stats,
    add,
    get: (conn, topic) => registry.get(conn, topic),
    subscriptions: (topic) => registry.ofTopic(topic),
    subscriptionsOf: (userId) => registry.ofUser(userId),
    all: () => registry.all(),
    hold,
    joined(sub) {
      if (registry.get(sub.conn, sub.topic) === sub) sub.handler.joined?.(sub, hub)
    },
    end(sub, reason, notify) {
      const p = end(sub, reason, notify)
      track(p)
      return p
    },
    endAll(conn) {
      const mine = registry.ofConn(conn)
      if (mine.length === 0) return Promise.resolve()
      const p = Promise.all(mine.map((sub) => end(sub, 'disconnected'))).then(() => {})
      track(p)
      return p
    },
    deliver,
    broadcast(topic, event, data, opts = {}) {
      deliver(topic, event, data, opts)
      relayOut({ topic, event, data, to: opts.to, audience: opts.audience })
    },
    publish(sub, event, data, to) {
      deliver(sub.topic, event, data, { from: sub.userId, to, except: sub.conn })
      relayOut({ topic: sub.topic, event, data, from: sub.userId, to })
    },
    async close() {
      closed = true
      await Promise.allSettled([...busy])
      await Promise.allSettled(handlers.map((h) => h.close?.()))
      const listener = await listening
      await listener?.unlisten().catch(() => {})
      await relay?.close()
    },
  }
  return hub
}

// The support desk's topics (issue 4): a ticket's conversation, a school's live queue and a
// person's notifications. Access is decided by the database as the socket's user.
import { TypingEvent } from '../../edge/contract/support.ts'
import { type Sql, withUser } from '../../edge/lib/db.ts'
import type { Logger } from '../core/log.ts'
import type { LiveHub } from './hub.ts'
import { leaveQuietly } from './leave-quietly.ts'
import type { Subscription } from './registry.ts'
import { BadEvent, TopicForbidden, type TopicHandler, topicId } from './topics.ts'

/** What `public.ticket_access(ticket)` answers. */
type TicketAccess = 'staff' | 'requester' | 'none' | 'missing'

/**
 * `ticket:<id>`: the requester and the school's support staff. Events `message`, `ticket`, `seen`
 * come from the database (internal notes with audience `staff`); clients publish `typing`.
 */
export function ticketTopics(sql: Sql): TopicHandler {
  return {
    name: 'ticket',
    matches: (topic) => topicId(topic, 'ticket') !== undefined,

    async authorize(conn, topic) {
      const ticket = topicId(topic, 'ticket')!
      const [row] = await withUser(
        sql,
        conn.claims,
        (tx) => tx`select public.ticket_access(${ticket}::uuid) as access`,
      )
      const access = row.access as TicketAccess
      if (access === 'staff' || access === 'requester') return access
      if (access === 'missing') throw new TopicForbidden('No such ticket.')
      throw new TopicForbidden(
        'Only the person who opened this ticket and the school’s support staff follow it.',
      )
    },

    allows: (access) => access === 'staff' || access === 'requester',

    accept(_sub, event, data) {
      if (event !== 'typing') throw new BadEvent('A ticket takes only `typing` from clients.')
      const typing = TypingEvent.safeParse(data)
      if (!typing.success) throw new BadEvent(`typing: ${typing.error.issues[0]?.message ?? 'not valid'}`)
      return typing.data
    },
  }
}

export interface QueueTopicOptions {
  sql: Sql
  log: Logger
  /** How often agents watching the queue are marked online again. Default 30 s (online = seen in 90 s). */
  presenceMs?: number
}

/** (claims, tenant) pairs per statement of a presence tick. */
const PRESENCE_PER_STATEMENT = 1000

/**
 * `queue:<tenantId>`: the school's support staff; event `ticket`. While a user watches the queue
 * on this instance they are marked online (`public.support_presence(tenant, true)`, at subscribe
 * and then every `presenceMs` for everyone in one statement), and offline when their last queue
 * subscription here ends — that is what round-robin assignment reads.
 */
export function queueTopics({ sql, log, presenceMs = 30_000 }: QueueTopicOptions): TopicHandler & {
  /** Marks everyone watching online now (also runs every `presenceMs`). */
  tick(): Promise<void>
} {
  /** `user|tenant` → that user's queue subscriptions here. */
  const watching = new Map<string, Set<Subscription>>()
  let ticking: Promise<void> | undefined
  const timer = setInterval(() => {
    ticking ??= tick().finally(() => {
      ticking = undefined
    })
  }, presenceMs)
  timer.unref()
  /** Set by the first `joined` (the hook hands the hub in). */
  let hub: LiveHub | undefined

  async function tick() {
    const pairs = [...watching.values()].flatMap((subs) => {
      const [first] = subs
      return first ? [first] : []
    })
    for (let i = 0; i < pairs.length; i += PRESENCE_PER_STATEMENT) {
      const batch = pairs.slice(i, i + PRESENCE_PER_STATEMENT)
      try {
        // Each row sets its user's claims, then asks for access and marks presence: the call's
        // argument depends on the set_config, so it runs first, row by row (see yjs/access.ts).
        const [, rows] = await sql.begin((tx) => [
          tx`select set_config('role', 'authenticated', true)`,
          tx`
            select p.n::int as n,
                   case when public.support_queue_access(
                          case when set_config('request.jwt.claims', p.claims, true) is not null then p.tenant end)
                        then public.support_presence(p.tenant, true)::text is not null
                        else false end as ok
            from unnest(${batch.map((s) => JSON.stringify(s.conn.claims))}::text[],
                        ${batch.map((s) => topicId(s.topic, 'queue')!)}::uuid[]) with ordinality as p(claims, tenant, n)
            order by p.n`,
        ])
        // Staff no longer: their queue subscriptions end.
        for (const row of rows as unknown as { n: number; ok: boolean }[]) {
          if (row.ok) continue
          const sub = batch[row.n - 1]
          for (const s of [...(watching.get(key(sub)) ?? [])]) void hub?.end(s, 'revoked', true)
        }
      } catch (error) {
        log.warn('marking support agents online failed; retrying next tick', { error })
      }
    }
  }

  const key = (sub: Subscription) => `${sub.userId}|${sub.topic}`

  return {
    name: 'queue',
    matches: (topic) => topicId(topic, 'queue') !== undefined,

    async authorize(conn, topic) {
      const tenant = topicId(topic, 'queue')!
      const allowed = await withUser(sql, conn.claims, async (tx) => {
        const [row] = await tx`select public.support_queue_access(${tenant}::uuid) as ok`
        if (row.ok) await tx`select public.support_presence(${tenant}::uuid, true)`
        return row.ok as boolean
      })
      if (!allowed) throw new TopicForbidden('Only the school’s support staff watch its ticket queue.')
      return 'staff'
    },

    allows: (access) => access === 'staff',

    joined(sub, liveHub) {
      hub = liveHub
      const k = key(sub)
      let subs = watching.get(k)
      if (!subs) {
        subs = new Set()
        watching.set(k, subs)
      }
      subs.add(sub)
    },

    async left(sub, _hub, { last }) {
      const k = key(sub)
      const subs = watching.get(k)
      subs?.delete(sub)
      if (subs?.size === 0) watching.delete(k)
      if (!last) return
      const tenant = topicId(sub.topic, 'queue')!
      await leaveQuietly(log, 'marking a support agent offline', () =>
        withUser(sql, sub.conn.claims, (tx) => tx`select public.support_presence(${tenant}::uuid, false)`),
      )
    },

    tick,

    async close() {
      clearInterval(timer)
      await ticking
    },
  }
}

/** `user:<id>`: one person's own notifications (event `notification`); nobody else's. */
export function userTopics(): TopicHandler {
  return {
    name: 'user',
    matches: (topic) => topicId(topic, 'user') !== undefined,
    async authorize(conn, topic) {
      if (topicId(topic, 'user') !== conn.claims.sub)
        throw new TopicForbidden('You can only follow your own notifications (user:<your id>).')
      return 'self'
    },
    allows: (access) => access === 'self',
  }
}

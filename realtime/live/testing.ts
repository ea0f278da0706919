// Helpers for the live channel tests: a support desk cast with a ticket, writes as a user (through
// withUser, as the API does), and clients that record every message they get.
import type WebSocket from 'ws'
import type { LiveServerMessage } from '../../edge/contract/realtime.ts'
import { type Sql, withUser } from '../../edge/lib/db.ts'
import { createTenant, createUser, type TestUser } from '../../test/support/fixtures.ts'
import { connect, type TestClient } from '../testing.ts'

export interface Desk {
  tenant: { id: string; slug: string }
  owner: TestUser
  staff: TestUser
  requester: TestUser
  /** Another student of the school, with a ticket of their own. */
  classmate: TestUser
  /** A member of another school. */
  outsider: TestUser
  ticket: string
  classmateTicket: string
}

/** A school with support staff, two students with one ticket each, and someone from elsewhere. */
export async function createDesk(sql: Sql): Promise<Desk> {
  const [owner, staff, requester, classmate, outsider] = await Promise.all(
    ['Owner', 'Faith Staff', 'Amani Student', 'Baraka Student', 'Other School'].map((name) =>
      createUser(sql, { name }),
    ),
  )
  const tenant = await createTenant(sql, owner, [
    [staff, 'staff'],
    [requester, 'student'],
    [classmate, 'student'],
  ])
  await createTenant(sql, outsider)
  return {
    tenant,
    owner,
    staff,
    requester,
    classmate,
    outsider,
    ticket: await openTicket(sql, requester, tenant.id, 'Cannot open the quiz'),
    classmateTicket: await openTicket(sql, classmate, tenant.id, 'Billing question'),
  }
}

/** Opens a ticket as the user (RLS decides), with its first message. */
export async function openTicket(
  sql: Sql,
  user: TestUser,
  tenantId: string,
  subject: string,
): Promise<string> {
  return withUser(sql, user.claims, async (tx) => {
    const [t] = await tx`
      insert into public.tickets (tenant_id, subject, category) values (${tenantId}, ${subject}, 'technical')
      returning id`
    await tx`insert into public.ticket_messages (ticket_id, body) values (${t.id}, ${`About: ${subject}`})`
    return t.id as string
  })
}

/** Posts a message as the user (RLS decides); answers its id. */
export async function postMessage(
  sql: Sql,
  user: TestUser,
  ticket: string,
  body: string,
  internal = false,
): Promise<number> {
  const [m] = await withUser(
    sql,
    user.claims,
    (tx) => tx`
      insert into public.ticket_messages (ticket_id, body, internal) values (${ticket}, ${body}, ${internal})
      returning id`,
  )
  return Number(m.id)
}

export type LiveEventMessage = Extract<LiveServerMessage, { type: 'event' }>

/** A live client that also keeps every message it got, to wait for one or assert that one never came. */
export interface Recorder extends TestClient {
  readonly got: LiveServerMessage[]
  /** The events received so far (optionally of one topic/event). */
  events(event?: string, topic?: string): LiveEventMessage[]
  /** Resolves with the first message (received before or after the call) that matches. */
  waitFor<T extends LiveServerMessage = LiveServerMessage>(
    match: (m: LiveServerMessage) => boolean,
    label: string,
    ms?: number,
  ): Promise<T>
  /** Sends a ping and waits for its pong (among everything else the socket gets). */
  ping(id?: string): Promise<LiveServerMessage>
  /** Subscribes and waits for `subscribed` or an error for that topic. */
  subscribe(topic: string): Promise<LiveServerMessage>
  close(): void
}

let ids = 0

export function recorder(url: string, options?: WebSocket.ClientOptions): Recorder {
  const client = connect(url, options)
  const got: LiveServerMessage[] = []
  const waiters = new Set<() => void>()
  client.ws.on('message', (data) => {
    got.push(JSON.parse(data.toString()))
    for (const w of [...waiters]) w()
  })
  const waitFor = <T extends LiveServerMessage>(
    match: (m: LiveServerMessage) => boolean,
    label: string,
    ms = 5000,
  ) =>
    new Promise<T>((resolve, reject) => {
      const check = () => {
        const found = got.find(match)
        if (!found) return
        waiters.delete(check)
        clearTimeout(timer)
        resolve(found as T)
      }
      const timer = setTimeout(() => {
        waiters.delete(check)
        reject(new Error(`timed out waiting for ${label}; got ${JSON.stringify(got).slice(-1500)}`))
      }, ms)
      waiters.add(check)
      check()
    })
  return {
    ...client,
    got,
    events: (event, topic) =>
      got.filter(
        (m): m is LiveEventMessage =>
          m.type === 'event' && (!event || m.event === event) && (!topic || m.topic === topic),
      ),
    waitFor,
    subscribe(topic) {
      const id = `s${++ids}`
      client.send({ type: 'subscribe', topic, id })
      return waitFor((m) => 'id' in m && m.id === id, `the answer to subscribe ${topic}`)
    },
    ping(id = `p${++ids}`) {
      client.send({ type: 'ping', id })
      return waitFor((m) => m.type === 'pong' && m.id === id, `pong ${id}`)
    },
    close: () => client.ws.close(),
  }
}

/** Waits until `check` passes (polling), or fails with `label`. */
export async function eventually(check: () => Promise<boolean> | boolean, label: string, ms = 5000) {
  const until = Date.now() + ms
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out: ${label}`)
    await new Promise((r) => setTimeout(r, 25))
  }
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { queueTopic, ticketTopic, userTopic } from '../../edge/contract/support.ts'
import { testDb } from '../../test/support/fixtures.ts'
import { startTestServer, type TestServer } from '../testing.ts'
import {
  createDesk,
  type Desk,
  eventually,
  type LiveEventMessage,
  openTicket,
  postMessage,
  type Recorder,
  recorder,
} from './testing.ts'

const body = (m: LiveEventMessage) => (m.data as { body?: string }).body
const isMessage = (text: string) => (m: { type: string }) =>
  m.type === 'event' && (m as LiveEventMessage).event === 'message' && body(m as LiveEventMessage) === text

describe('live support desk: a ticket between a requester and staff', () => {
  const sql = testDb(4)
  let t: TestServer
  let desk: Desk
  let requester: Recorder
  let staff: Recorder
  const clients: Recorder[] = []
  const open = (token: string) => {
    const c = recorder(t.url(undefined, token))
    clients.push(c)
    return c
  }

  beforeAll(async () => {
    t = await startTestServer({ queuePresenceMs: 200, publishLimit: { burst: 5, perSecond: 1 } })
    desk = await createDesk(sql)
    requester = open(desk.requester.token)
    staff = open(desk.staff.token)
    expect(await requester.subscribe(ticketTopic(desk.ticket))).toMatchObject({ type: 'subscribed' })
    expect(await staff.subscribe(ticketTopic(desk.ticket))).toMatchObject({ type: 'subscribed' })
  })
  afterAll(async () => {
    for (const c of clients) c.close()
    await t.close()
    await sql.end()
  })

  it('delivers a reply to both sides, in the contract’s shape', async () => {
    const id = await postMessage(sql, desk.staff, desk.ticket, 'Try clearing the cache.')
    for (const c of [requester, staff]) {
      const m = await c.waitFor<LiveEventMessage>(isMessage('Try clearing the cache.'), 'the reply')
      expect(m).toMatchObject({ topic: ticketTopic(desk.ticket), event: 'message' })
      expect(m.from).toBeUndefined()
      expect(m.data).toMatchObject({
        id,
        ticket_id: desk.ticket,
        author_id: desk.staff.id,
        author_name: 'Faith Staff',
        author_is_staff: true,
        internal: false,
      })
    }
    // The ticket itself changed too (first response): both hear `ticket`.
    await requester.waitFor((m) => m.type === 'event' && m.event === 'ticket', 'the ticket update')
  })

  it('sends internal notes to staff only, never to the requester’s socket', async () => {
    await postMessage(sql, desk.staff, desk.ticket, 'Note: this school is on the old plan.', true)
    await staff.waitFor(isMessage('Note: this school is on the old plan.'), 'the note on the staff socket')
    // A later public message arrives after the note would have: the requester has both chances.
    await postMessage(sql, desk.requester, desk.ticket, 'Still broken.')
    await requester.waitFor(isMessage('Still broken.'), 'the public message after the note')
    await staff.waitFor(isMessage('Still broken.'), 'the requester’s message on the staff socket')
    expect(JSON.stringify(requester.got)).not.toContain('old plan')
  })

  it('loads messages too big for NOTIFY (ref.message_id), for their audience only', async () => {
    const big = 'é'.repeat(3990) // 7,980 bytes: the trigger sends a reference instead
    await postMessage(sql, desk.staff, desk.ticket, `${big} internal`, true)
    await postMessage(sql, desk.staff, desk.ticket, `${big} public`)
    const m = await requester.waitFor<LiveEventMessage>(isMessage(`${big} public`), 'the big public message')
    expect(m.data).toMatchObject({ author_id: desk.staff.id, internal: false })
    await staff.waitFor(isMessage(`${big} internal`), 'the big note on the staff socket')
    await staff.waitFor(isMessage(`${big} public`), 'the big public message on the staff socket')
    expect(requester.events('message').some((e) => body(e) === `${big} internal`)).toBe(false)
  })

  it('relays typing to the other side with `from`, never back to the sender', async () => {
    staff.send({
      type: 'publish',
      topic: ticketTopic(desk.ticket),
      event: 'typing',
      data: { typing: true, name: 'Faith' },
    })
    const typing = await requester.waitFor<LiveEventMessage>(
      (m) => m.type === 'event' && m.event === 'typing',
      'typing',
    )
    expect(typing).toMatchObject({ data: { typing: true, name: 'Faith' }, from: desk.staff.id })
    await staff.ping('after-typing')
    expect(staff.events('typing')).toEqual([])
  })

  it('refuses bad publishes with a code and keeps the socket open', async () => {
    const topic = ticketTopic(desk.ticket)
    const reply = (id: string) => requester.waitFor((m) => 'id' in m && m.id === id, id)
    requester.send({ type: 'publish', topic: ticketTopic(desk.classmateTicket), event: 'typing', id: 'p1' })
    expect(await reply('p1')).toMatchObject({ type: 'error', code: 'not_subscribed' })
    requester.send({ type: 'publish', topic, event: 'typing', data: 'yes', id: 'p2' })
    expect(await reply('p2')).toMatchObject({ type: 'error', code: 'bad_event' })
    requester.send({
      type: 'publish',
      topic,
      event: 'typing',
      data: { typing: true, name: 'x'.repeat(101) },
      id: 'p3',
    })
    expect(await reply('p3')).toMatchObject({ type: 'error', code: 'bad_event' })
    requester.send({ type: 'publish', topic, event: 'message', data: { body: 'sneaky' }, id: 'p4' })
    expect(await reply('p4')).toMatchObject({ type: 'error', code: 'bad_event' })
    // The bucket holds 5 (this server's limit): a flood is refused, the socket stays.
    for (let i = 0; i < 8; i++)
      requester.send({
        type: 'publish',
        topic,
        event: 'typing',
        data: { typing: i % 2 === 0, name: 'A' },
        id: `f${i}`,
      })
    await reply('f7')
    const limited = requester.got.filter((m) => m.type === 'error' && m.code === 'rate_limited')
    expect(limited.length).toBeGreaterThan(0)
    expect(await requester.ping('still-open')).toMatchObject({ type: 'pong' })
    expect(staff.events('message').some((e) => body(e) === 'sneaky')).toBe(false)
  })

  it('refuses other people’s tickets, the queue and others’ notifications to a requester', async () => {
    const cases: [string, RegExp][] = [
      [ticketTopic(desk.classmateTicket), /person who opened this ticket/],
      [ticketTopic('00000000-0000-4000-a000-00000000dead'), /No such ticket/],
      [queueTopic(desk.tenant.id), /support staff/],
      [userTopic(desk.staff.id), /your own notifications/],
    ]
    for (const [topic, message] of cases) {
      const answer = await requester.subscribe(topic)
      expect(answer, topic).toMatchObject({ type: 'error', code: 'forbidden', topic })
      expect((answer as { message: string }).message).toMatch(message)
    }
    const outsider = open(desk.outsider.token)
    expect(await outsider.subscribe(ticketTopic(desk.ticket))).toMatchObject({ code: 'forbidden' })
    expect(await outsider.subscribe(queueTopic(desk.tenant.id))).toMatchObject({ code: 'forbidden' })
    // Not a uuid, or not a topic family we serve.
    for (const topic of ['ticket:42', 'ticket:ABCDEF00-0000-4000-A000-000000000000', 'lesson:x', 'queue'])
      expect(await requester.subscribe(topic), topic).toMatchObject({ type: 'error', code: 'unknown_topic' })
    await postMessage(sql, desk.classmate, desk.classmateTicket, 'Private to my ticket')
    await postMessage(sql, desk.requester, desk.ticket, 'After the refusals')
    await requester.waitFor(isMessage('After the refusals'), 'the requester’s own message')
    expect(JSON.stringify(requester.got)).not.toContain('Private to my ticket')
  })

  it('delivers notifications on user:<own id>', async () => {
    const bell = open(desk.requester.token)
    expect(await bell.subscribe(userTopic(desk.requester.id))).toMatchObject({ type: 'subscribed' })
    await postMessage(sql, desk.staff, desk.ticket, 'Fixed now.')
    const n = await bell.waitFor<LiveEventMessage>(
      (m) => m.type === 'event' && m.event === 'notification',
      'a notification',
    )
    expect(n.data).toMatchObject({
      user_id: desk.requester.id,
      kind: 'ticket_message',
      ticket_id: desk.ticket,
    })
  })

  it('stops delivering after unsubscribe', async () => {
    const c = open(desk.requester.token)
    await c.subscribe(ticketTopic(desk.ticket))
    c.send({ type: 'unsubscribe', topic: ticketTopic(desk.ticket), id: 'u1' })
    expect(await c.waitFor((m) => 'id' in m && m.id === 'u1', 'unsubscribed')).toMatchObject({
      type: 'unsubscribed',
      topic: ticketTopic(desk.ticket),
    })
    await postMessage(sql, desk.staff, desk.ticket, 'After unsubscribe')
    await requester.waitFor(isMessage('After unsubscribe'), 'the message on a subscribed socket')
    expect(c.events('message')).toEqual([])
  })

  it('marks staff watching the queue online, keeps them so, and offline when they leave', async () => {
    const seen = async () => {
      const [a] = await sql`
        select last_seen_at from public.support_agents where tenant_id = ${desk.tenant.id} and user_id = ${desk.staff.id}`
      return a?.last_seen_at as Date | null | undefined
    }
    const queue = open(desk.staff.token)
    const second = open(desk.staff.token)
    expect(await queue.subscribe(queueTopic(desk.tenant.id))).toMatchObject({ type: 'subscribed' })
    expect(await second.subscribe(queueTopic(desk.tenant.id))).toMatchObject({ type: 'subscribed' })
    const first = await seen()
    expect(first).toBeInstanceOf(Date)
    expect(Date.now() - first!.getTime()).toBeLessThan(5000)
    // Every presence tick (200 ms here) moves it forward.
    await eventually(async () => ((await seen())?.getTime() ?? 0) > first!.getTime(), 'a later last_seen_at')

    // A new ticket appears in the queue live (to staff; the new ticket is theirs by round-robin).
    const ticket = await openTicket(sql, desk.classmate, desk.tenant.id, 'Live queue check')
    const live = await queue.waitFor<LiveEventMessage>(
      (m) => m.type === 'event' && m.event === 'ticket' && (m.data as { id: string }).id === ticket,
      'the new ticket in the queue',
    )
    expect(live.data).toMatchObject({ subject: 'Live queue check', assignee_id: desk.staff.id })

    // One of two sockets leaving keeps the agent online; the last one marks them offline.
    queue.send({ type: 'unsubscribe', topic: queueTopic(desk.tenant.id), id: 'q' })
    await queue.waitFor((m) => 'id' in m && m.id === 'q', 'unsubscribed')
    expect(await seen()).toBeInstanceOf(Date)
    second.close()
    await eventually(async () => (await seen()) === null, 'last_seen_at cleared')
  })
})

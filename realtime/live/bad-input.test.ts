import { Redis } from 'ioredis'
import * as encoding from 'lib0/encoding'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ticketTopic, userTopic } from '../../edge/contract/support.ts'
import { testDb } from '../../test/support/fixtures.ts'
import { startRedis, type TestRedis } from '../../test/support/redis.ts'
import { CloseCode } from '../core/close-codes.ts'
import { silentLogger } from '../core/log.ts'
import { startTestServer, type TestServer } from '../testing.ts'
import type { Subscription } from './registry.ts'
import {
  createDesk,
  type Desk,
  type LiveEventMessage,
  postMessage,
  type Recorder,
  recorder,
} from './testing.ts'
import { BadEvent } from './topics.ts'
import { MAX_SIGNAL_BYTES, tutoringTopics } from './tutoring-topic.ts'

const isMessage = (text: string) => (m: { type: string }) =>
  m.type === 'event' &&
  (m as LiveEventMessage).event === 'message' &&
  ((m as LiveEventMessage).data as { body?: string }).body === text

describe('the live channel under bad input', () => {
  const sql = testDb(2)
  let redis: TestRedis
  let t: TestServer
  let desk: Desk
  let watcher: Recorder
  const clients: Recorder[] = []
  const open = (token: string) => {
    const c = recorder(t.url(undefined, token))
    clients.push(c)
    return c
  }

  beforeAll(async () => {
    redis = await startRedis()
    t = await startTestServer({ redisUrl: redis.url, instanceId: 'bad-input' })
    await t.server.live!.ready
    desk = await createDesk(sql)
    watcher = open(desk.requester.token)
    await watcher.subscribe(ticketTopic(desk.ticket))
  })
  afterAll(async () => {
    for (const c of clients) c.close()
    await t.close()
    await redis.stop()
    await sql.end()
  })

  /** The server still delivers: a fresh message reaches the watcher. */
  async function stillServing(label: string) {
    await postMessage(sql, desk.staff, desk.ticket, label)
    await watcher.waitFor(isMessage(label), label)
  }

  it('ignores malformed NOTIFY payloads on channel live and keeps delivering', async () => {
    const topic = ticketTopic(desk.ticket)
    const before = t.server.live!.stats.malformed
    const payloads = [
      'not json',
      '[]',
      'null',
      '{"topic": 5, "event": "message", "data": {}}',
      JSON.stringify({ topic: 'TICKET spaces', event: 'message', data: {} }),
      JSON.stringify({ topic, event: 'Bad Event', data: {} }),
      JSON.stringify({ topic, event: 'message', audience: { staff: true }, data: {} }),
      JSON.stringify({ topic, event: 'message', ref: { message_id: 'one' } }),
      JSON.stringify({ topic, event: 'message', ref: { message_id: -1 } }),
      '['.repeat(7000),
    ]
    for (const p of payloads) await sql`select pg_notify('live', ${p})`
    // Well formed, but the message does not exist: loaded, found missing, skipped.
    await sql`select pg_notify('live', ${JSON.stringify({ topic, event: 'message', audience: 'all', ref: { message_id: 9_000_000_000 } })})`
    // An audience nobody on a ticket has: delivered to nobody.
    await sql`select pg_notify('live', ${JSON.stringify({ topic, event: 'message', audience: 'moderator', data: { body: 'nobody' } })})`
    await stillServing('after bad notifications')
    expect(t.server.live!.stats.malformed - before).toBe(payloads.length)
    expect(JSON.stringify(watcher.got)).not.toContain('nobody')
  })

  it('ignores garbage relayed through Redis', async () => {
    const redisClient = new Redis(redis.url)
    try {
      const frame = (payload: Uint8Array) => {
        const e = encoding.createEncoder()
        encoding.writeVarString(e, 'another-instance')
        encoding.writeVarUint(e, 0) // 'update'
        encoding.writeVarUint8Array(e, payload)
        return Buffer.from(encoding.toUint8Array(e))
      }
      const before = t.server.live!.stats.malformed
      const channel = 'kipindi:live:events'
      await redisClient.publish(channel, Buffer.from([0xff, 0xfe, 0x00]))
      await redisClient.publish(channel, frame(Buffer.from('not json')))
      await redisClient.publish(
        channel,
        frame(Buffer.from(JSON.stringify({ topic: ticketTopic(desk.ticket) }))),
      )
      await redisClient.publish(
        channel,
        frame(
          Buffer.from(JSON.stringify({ topic: ticketTopic(desk.ticket), event: 'typing', from: 'nobody' })),
        ),
      )
      // A well-formed relay reaches the socket.
      await redisClient.publish(
        channel,
        frame(
          Buffer.from(
            JSON.stringify({
              topic: ticketTopic(desk.ticket),
              event: 'typing',
              data: { typing: true, name: 'Elsewhere' },
              from: desk.staff.id,
            }),
          ),
        ),
      )
      await watcher.waitFor((m) => m.type === 'event' && m.event === 'typing', 'the relayed typing')
      expect(t.server.live!.stats.malformed - before).toBe(3)
      await stillServing('after bad relays')
    } finally {
      redisClient.disconnect()
    }
  })

  it('answers bad client requests with errors, and closes only for messages outside the contract', async () => {
    const c = open(desk.requester.token)
    const reply = (id: string) => c.waitFor((m) => 'id' in m && m.id === id, id)
    c.send({ type: 'subscribe', topic: 'ticket:not-a-uuid', id: 'a' })
    expect(await reply('a')).toMatchObject({ type: 'error', code: 'unknown_topic' })
    c.send({ type: 'publish', topic: ticketTopic(desk.ticket), event: 'typing', data: {}, id: 'b' })
    expect(await reply('b')).toMatchObject({ type: 'error', code: 'not_subscribed' })
    c.send({ type: 'unsubscribe', topic: ticketTopic(desk.classmateTicket), id: 'c' })
    expect(await reply('c')).toMatchObject({ type: 'unsubscribed' })
    await c.subscribe(userTopic(desk.requester.id))
    c.send({ type: 'publish', topic: userTopic(desk.requester.id), event: 'notification', data: {}, id: 'd' })
    expect(await reply('d')).toMatchObject({ type: 'error', code: 'bad_event' })
    await c.subscribe(ticketTopic(desk.ticket))
    for (const [id, data] of [
      ['e1', null],
      ['e2', []],
      ['e3', 'typing'],
      ['e4', 42],
      ['e5', { typing: 'yes', name: 'A' }],
      ['e6', { typing: true, name: 'A', extra: 1 }],
    ] as const) {
      c.send({ type: 'publish', topic: ticketTopic(desk.ticket), event: 'typing', data, id })
      expect(await reply(id), id).toMatchObject({ type: 'error', code: 'bad_event' })
    }
    // Subscribing twice is one subscription: one copy of each event.
    await c.subscribe(ticketTopic(desk.ticket))
    await stillServing('once only')
    await c.waitFor(isMessage('once only'), 'the message')
    await c.ping()
    expect(c.events('message').filter((m) => (m.data as { body: string }).body === 'once only')).toHaveLength(
      1,
    )

    // Outside the contract (a publish with a bad `to`, a missing event): 4400, others unaffected.
    const rude = open(desk.requester.token)
    await rude.subscribe(ticketTopic(desk.ticket))
    rude.send({ type: 'publish', topic: ticketTopic(desk.ticket), event: 'typing', to: 'everyone' })
    expect((await rude.closed).code).toBe(CloseCode.MALFORMED)
    await stillServing('after a rude client')
  })

  it('survives sockets that vanish while subscribing', async () => {
    for (let i = 0; i < 20; i++) {
      const c = open(desk.staff.token)
      c.send({ type: 'subscribe', topic: ticketTopic(desk.ticket) })
      c.send({ type: 'subscribe', topic: `queue:${desk.tenant.id}` })
      if (i % 2) c.ws.terminate()
      else setTimeout(() => c.ws.terminate(), i)
    }
    await stillServing('after vanishing sockets')
    expect(await watcher.ping()).toMatchObject({ type: 'pong' })
  })

  it('refuses session events out of shape (signal over 60 KB, without `to`, not an object)', () => {
    const handler = tutoringTopics({ sql, log: silentLogger, meshAttendance: true })
    const sub = { access: 'participant', userId: desk.requester.id } as Subscription
    const to = desk.staff.id
    const refuse = (event: string, data: unknown, target?: string) =>
      expect(() => handler.accept!(sub, event, data, target)).toThrow(BadEvent)
    refuse('signal', { sdp: 'x'.repeat(MAX_SIGNAL_BYTES) }, to)
    refuse('signal', { sdp: 'offer' })
    refuse('signal', 'offer', to)
    refuse('signal', ['offer'], to)
    refuse('hand', { raised: 'yes' })
    refuse('hand', { raised: true, admin: true })
    refuse('media', { audio: true, video: true })
    refuse('chat', { body: 'chat goes through the API' })
    expect(handler.accept!(sub, 'signal', { sdp: 'offer' }, to)).toEqual({ sdp: 'offer' })
    expect(handler.accept!(sub, 'media', { audio: true, video: false, screen: false }, undefined)).toEqual({
      audio: true,
      video: false,
      screen: false,
    })
    expect(() =>
      handler.accept!({ ...sub, access: 'observer' }, 'hand', { raised: true }, undefined),
    ).toThrow(BadEvent)
  })
})

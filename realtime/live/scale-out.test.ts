import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ticketTopic } from '../../edge/contract/support.ts'
import { testDb } from '../../test/support/fixtures.ts'
import { startRedis, type TestRedis } from '../../test/support/redis.ts'
import { startTestServer, type TestServer } from '../testing.ts'
import {
  createDesk,
  type Desk,
  type LiveEventMessage,
  postMessage,
  type Recorder,
  recorder,
} from './testing.ts'

const isMessage = (text: string) => (m: { type: string }) =>
  m.type === 'event' &&
  (m as LiveEventMessage).event === 'message' &&
  ((m as LiveEventMessage).data as { body?: string }).body === text

const typing = (name: string) => ({ type: 'publish', event: 'typing', data: { typing: true, name } })

describe('live delivery across two realtime instances', () => {
  const sql = testDb(2)
  let redis: TestRedis
  let desk: Desk
  const servers: TestServer[] = []
  const clients: Recorder[] = []

  beforeAll(async () => {
    redis = await startRedis()
    desk = await createDesk(sql)
  })
  afterAll(async () => {
    for (const c of clients) c.close()
    for (const s of servers) await s.close()
    await redis.stop()
    await sql.end()
  })

  /** Two instances on one database; requester on the first, staff on the second. */
  async function pair(redisUrl?: string) {
    const one = await startTestServer({ redisUrl, instanceId: `one-${servers.length}` })
    const two = await startTestServer({ redisUrl, instanceId: `two-${servers.length}` })
    servers.push(one, two)
    await Promise.all([one.server.live!.ready, two.server.live!.ready])
    const requester = recorder(one.url(undefined, desk.requester.token))
    const staff = recorder(two.url(undefined, desk.staff.token))
    const staffTwin = recorder(one.url(undefined, desk.staff.token))
    clients.push(requester, staff, staffTwin)
    for (const c of [requester, staff, staffTwin])
      expect(await c.subscribe(ticketTopic(desk.ticket))).toMatchObject({ type: 'subscribed' })
    return { requester, staff, staffTwin }
  }

  it('delivers database events on every instance without Redis; client events stay local', async () => {
    const { requester, staff, staffTwin } = await pair()
    await postMessage(sql, desk.requester, desk.ticket, 'Hello from anywhere')
    await postMessage(sql, desk.staff, desk.ticket, 'A note for staff', true)
    await postMessage(sql, desk.staff, desk.ticket, 'A reply for all')
    for (const c of [requester, staff, staffTwin]) await c.waitFor(isMessage('A reply for all'), 'the reply')
    await staff.waitFor(isMessage('A note for staff'), 'the note on instance two')
    await staffTwin.waitFor(isMessage('A note for staff'), 'the note on instance one')
    expect(JSON.stringify(requester.got)).not.toContain('A note for staff')

    // Without Redis a typing indicator reaches the sender's own instance only.
    requester.send({ ...typing('Amani'), topic: ticketTopic(desk.ticket) })
    await staffTwin.waitFor((m) => m.type === 'event' && m.event === 'typing', 'typing on instance one')
    await staff.ping()
    expect(staff.events('typing')).toEqual([])
  })

  it('relays client events through Redis, honouring `to`, and never echoes them', async () => {
    const { requester, staff, staffTwin } = await pair(redis.url)
    requester.send({ ...typing('Amani'), topic: ticketTopic(desk.ticket) })
    for (const c of [staff, staffTwin]) {
      const m = await c.waitFor<LiveEventMessage>((x) => x.type === 'event' && x.event === 'typing', 'typing')
      expect(m).toMatchObject({ from: desk.requester.id, data: { typing: true, name: 'Amani' } })
    }
    // To one user: only their sockets, on both instances; the sender's instance does not echo.
    staff.send({ ...typing('Faith'), topic: ticketTopic(desk.ticket), to: desk.requester.id })
    const m = await requester.waitFor<LiveEventMessage>(
      (x) => x.type === 'event' && x.event === 'typing' && x.from === desk.staff.id,
      'typing to the requester',
    )
    expect(m.data).toEqual({ typing: true, name: 'Faith' })
    await postMessage(sql, desk.staff, desk.ticket, 'Barrier')
    for (const c of [requester, staff, staffTwin]) await c.waitFor(isMessage('Barrier'), 'the barrier')
    expect(staffTwin.events('typing').filter((e) => e.from === desk.staff.id)).toEqual([])
    expect(staff.events('typing').filter((e) => e.from === desk.staff.id)).toEqual([])
    expect(requester.events('typing').filter((e) => e.from === desk.requester.id)).toEqual([])
  })
})

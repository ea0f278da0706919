import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { ticketTopic, userTopic } from '../../../edge/contract/support-values.ts'
import { createDesk, type Desk, postMessage } from '../../../realtime/live/testing.ts'
import { startTestServer, type TestServer } from '../../../realtime/testing.ts'
import { testDb } from '../../../test/support/fixtures.ts'
import { createLiveClient, type LiveClientOptions, type LiveEvent, type LiveStatus, liveUrl } from './live.ts'

// The browser's live client against the real realtime server (its `ws` client stands in for the
// browser's WebSocket): subscriptions, events from the database, typing between two people,
// reconnecting and catching up, and token refresh.

const Socket = WebSocket as unknown as LiveClientOptions['WebSocket']

/** Resolves when `check` is true, polling. */
async function until(check: () => boolean, label: string, ms = 8000) {
  const end = Date.now() + ms
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out: ${label}`)
    await new Promise((r) => setTimeout(r, 20))
  }
}

/** A topic subscriber that records what it got. */
function listener() {
  const events: LiveEvent[] = []
  let subscribed = 0
  const refused: string[] = []
  return {
    events,
    refused,
    subscribed: () => subscribed,
    handlers: {
      onEvent: (e: LiveEvent) => void events.push(e),
      onSubscribed: () => void subscribed++,
      onRefused: (code: string) => void refused.push(code),
    },
  }
}

// The backoff's own test is in reconnect.test.ts.
describe('live URL', () => {
  it('builds the socket URL on the Supabase origin', () => {
    expect(liveUrl('https://x.example/')).toBe('wss://x.example/realtime/v1/live')
    expect(liveUrl('http://localhost:3000')).toBe('ws://localhost:3000/realtime/v1/live')
  })
})

describe('live client against the realtime server', () => {
  const sql = testDb(2)
  let t: TestServer
  let port: number
  let desk: Desk
  const clients: ReturnType<typeof createLiveClient>[] = []
  const client = (token: (refresh: boolean) => Promise<string | undefined>, url?: string) => {
    const c = createLiveClient({
      url: url ?? `ws://127.0.0.1:${port}/realtime/v1/live`,
      getToken: token,
      WebSocket: Socket,
      minDelay: 20,
      maxDelay: 200,
      idleClose: 50,
    })
    clients.push(c)
    return c
  }

  beforeAll(async () => {
    t = await startTestServer()
    port = t.server.port
    await t.server.live?.ready
    desk = await createDesk(sql)
  })
  afterAll(async () => {
    for (const c of clients) c.close()
    await t.close()
    await sql.end()
  })

  it('shares one subscription per topic and delivers database events to every subscriber', async () => {
    const live = client(async () => desk.requester.token)
    const a = listener()
    const b = listener()
    live.subscribe(ticketTopic(desk.ticket), a.handlers)
    live.subscribe(ticketTopic(desk.ticket), b.handlers)
    await until(() => a.subscribed() === 1 && b.subscribed() === 1, 'subscribed')
    expect(live.status()).toBe('open')

    await postMessage(sql, desk.staff, desk.ticket, 'Hello from staff')
    await until(
      () => a.events.some((e) => e.event === 'message') && b.events.length === a.events.length,
      'message',
    )
    expect(a.events.find((e) => e.event === 'message')?.data).toMatchObject({ body: 'Hello from staff' })
  })

  it('relays typing to the other side, with who sent it', async () => {
    const requester = client(async () => desk.requester.token)
    const staff = client(async () => desk.staff.token)
    const r = listener()
    const s = listener()
    requester.subscribe(ticketTopic(desk.ticket), r.handlers)
    staff.subscribe(ticketTopic(desk.ticket), s.handlers)
    await until(() => r.subscribed() > 0 && s.subscribed() > 0, 'both subscribed')
    expect(staff.publish(ticketTopic(desk.ticket), 'typing', { typing: true, name: 'Faith' })).toBe(true)
    await until(() => r.events.some((e) => e.event === 'typing'), 'typing')
    expect(r.events.find((e) => e.event === 'typing')).toMatchObject({
      data: { typing: true, name: 'Faith' },
      from: desk.staff.id,
    })
    // Not subscribed: nothing is sent (typing is not worth queueing).
    expect(staff.publish(ticketTopic('00000000-0000-4000-a000-0000000000ff'), 'typing', {})).toBe(false)
  })

  it('tells the subscriber when the server refuses a topic', async () => {
    const live = client(async () => desk.requester.token)
    const other = listener()
    live.subscribe(userTopic(desk.staff.id), other.handlers)
    await until(() => other.refused.length > 0, 'refused')
    expect(other.refused).toEqual(['forbidden'])
  })

  it('reconnects after the server goes away, subscribes again and lets the subscriber catch up', async () => {
    const live = client(async () => desk.requester.token)
    const statuses: LiveStatus[] = []
    live.onStatus((s) => statuses.push(s))
    const l = listener()
    live.subscribe(ticketTopic(desk.ticket), l.handlers)
    await until(() => l.subscribed() === 1, 'first subscribe')

    await t.server.close()
    await until(() => live.status() === 'reconnecting', 'reconnecting')
    // Written while nobody could be told: the client learns of it by catching up after onSubscribed.
    await postMessage(sql, desk.staff, desk.ticket, 'Sent while you were away')
    t = await startTestServer({ port })
    await t.server.live?.ready
    await until(() => l.subscribed() === 2, 'subscribed again', 10_000)
    expect(statuses).toContain('reconnecting')
    expect(live.status()).toBe('open')

    await postMessage(sql, desk.staff, desk.ticket, 'Back again')
    await until(() => l.events.some((e) => (e.data as { body?: string }).body === 'Back again'), 'live again')
  })

  it('asks for a refreshed token when the server says the token is no good', async () => {
    const asked: boolean[] = []
    const live = client(async (refresh) => {
      asked.push(refresh)
      return refresh ? desk.requester.token : 'not-a-jwt'
    })
    const l = listener()
    live.subscribe(userTopic(desk.requester.id), l.handlers)
    await until(() => l.subscribed() === 1, 'subscribed with the refreshed token')
    expect(asked).toEqual([false, true])
    expect(live.auth(desk.requester.token)).toBe(true)
  })

  it('waits when signed out, and starts over on restart()', async () => {
    let token: string | undefined
    const live = client(async () => token)
    const l = listener()
    live.subscribe(userTopic(desk.requester.id), l.handlers)
    await until(() => live.status() === 'signed-out', 'signed out')
    token = desk.requester.token
    live.restart()
    await until(() => l.subscribed() === 1, 'subscribed after restart')
  })

  it('closes the socket a while after the last subscriber leaves', async () => {
    const live = client(async () => desk.requester.token)
    const l = listener()
    const off = live.subscribe(userTopic(desk.requester.id), l.handlers)
    await until(() => l.subscribed() === 1, 'subscribed')
    off()
    await until(() => live.status() === 'idle', 'idle')
  })
})

import { afterAll, describe, expect, it } from 'vitest'
import { createUser, testDb } from '../../test/support/fixtures.ts'
import { connect, opened, startTestServer } from '../testing.ts'
import { CloseCode } from './close-codes.ts'
import type { Extension } from './types.ts'

const sql = testDb(2)
afterAll(() => sql.end())

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** An extension whose onAuthenticate takes a while, as a database check or a document load may. */
const slowAuth = (ms: number): Extension => ({
  name: 'slow',
  async onAuthenticate() {
    await sleep(ms)
  },
})

describe('realtime server lifecycle', () => {
  it('closes every socket with 1001 on close()', async () => {
    const t = await startTestServer()
    const user = await createUser(sql)
    const clients = [connect(t.url(undefined, user.token)), connect(t.url(undefined, user.token))]
    await Promise.all(clients.map((c) => c.ping()))
    expect(t.server.connections).toBe(2)
    await t.close()
    for (const c of clients) expect((await c.closed).code).toBe(CloseCode.GOING_AWAY)
  })

  it('terminates a client that stops answering pings', async () => {
    const t = await startTestServer({ heartbeatMs: 100 })
    const user = await createUser(sql)
    const healthy = connect(t.url(undefined, user.token))
    const dead = connect(t.url(undefined, user.token), { autoPong: false })
    await Promise.all([healthy.ping(), dead.ping()])
    expect((await dead.closed).code).toBe(1006)
    expect(await healthy.ping('alive')).toMatchObject({ type: 'pong', id: 'alive' })
    healthy.ws.close()
    await t.close()
  })

  it('delivers messages sent during authentication once the socket is ready, in order', async () => {
    const t = await startTestServer({ extensions: [slowAuth(300)] })
    const user = await createUser(sql)
    const client = connect(t.url(undefined, user.token))
    await opened(client)
    for (const id of ['a', 'b', 'c']) client.send({ type: 'ping', id })
    const ids = [await client.next(), await client.next(), await client.next()].map((m) => 'id' in m && m.id)
    expect(ids).toEqual(['a', 'b', 'c'])
    client.ws.close()
    await t.close()
  })

  it('caps messages before authentication', async () => {
    const t = await startTestServer({ extensions: [slowAuth(500)] })
    const user = await createUser(sql)
    const client = connect(t.url(undefined, user.token))
    await opened(client)
    for (let i = 0; i < 100; i++) client.send({ type: 'ping', id: i })
    expect((await client.closed).code).toBe(CloseCode.POLICY_VIOLATION)
    await t.close()
  })

  it('closes with 4401 when authentication takes too long', async () => {
    const t = await startTestServer({ extensions: [slowAuth(1000)], authTimeoutMs: 200 })
    const user = await createUser(sql)
    const { code, reason } = await connect(t.url(undefined, user.token)).closed
    expect(code).toBe(CloseCode.UNAUTHORIZED)
    expect(reason).toMatch(/timed out/)
    await t.close()
  })

  it('closes only the failing socket with 1011 when a hook throws', async () => {
    let calls = 0
    const flaky: Extension = {
      name: 'flaky',
      onMessage() {
        if (++calls === 1) throw new Error('boom')
      },
    }
    const t = await startTestServer({ extensions: [flaky] })
    const user = await createUser(sql)
    const first = connect(t.url(undefined, user.token))
    first.send({ type: 'ping' })
    expect((await first.closed).code).toBe(CloseCode.INTERNAL_ERROR)
    const second = connect(t.url(undefined, user.token))
    expect(await second.ping()).toMatchObject({ type: 'pong' })
    second.ws.close()
    await t.close()
  })
})

import net from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { LIVE_PATH, MAX_FRAME_BYTES } from '../../edge/contract/realtime.ts'
import { createUser, type TestUser, testDb } from '../../test/support/fixtures.ts'
import { connect, opened, startTestServer, type TestClient, type TestServer } from '../testing.ts'
import { CloseCode } from './close-codes.ts'
import { HEALTH_PATH } from './server.ts'

describe('realtime server under bad input', () => {
  let t: TestServer
  let user: TestUser
  let bystander: TestClient
  const sql = testDb(2)

  beforeAll(async () => {
    t = await startTestServer()
    user = await createUser(sql)
    bystander = connect(t.url(undefined, user.token))
    await bystander.ping()
  })
  afterAll(async () => {
    bystander.ws.close()
    await t.close()
    await sql.end()
  })

  /** A client of the same user that sends `frame` once open. */
  async function sendAndClose(frame: string | Buffer, options?: { binary?: boolean }) {
    const client = connect(t.url(undefined, user.token))
    await opened(client)
    client.ws.send(frame, { binary: options?.binary })
    return client.closed
  }

  it.each([
    ['not JSON', '{"type": "ping"'],
    ['a JSON string', '"ping"'],
    ['an unknown type', '{"type":"shout"}'],
    ['an extra field', '{"type":"ping","admin":true}'],
    ['a bad topic', '{"type":"subscribe","topic":"DROP TABLE"}'],
    ['an empty frame', ''],
  ])('closes with 4400 for %s and keeps serving others', async (_name, frame) => {
    const { code } = await sendAndClose(frame)
    expect(code).toBe(CloseCode.MALFORMED)
    expect(await bystander.ping('after')).toMatchObject({ type: 'pong', id: 'after' })
  })

  it('closes with 4400 for a binary frame', async () => {
    const { code, reason } = await sendAndClose(Buffer.from([0, 1, 2, 0xff, 0xfe]), { binary: true })
    expect(code).toBe(CloseCode.MALFORMED)
    expect(reason).toMatch(/binary/)
  })

  it('closes with 1009 for a frame over 64 KiB', async () => {
    const { code } = await sendAndClose('x'.repeat(MAX_FRAME_BYTES + 1))
    expect(code).toBe(CloseCode.TOO_BIG)
    expect(await bystander.ping('after-big')).toMatchObject({ type: 'pong' })
  })

  it('accepts a frame just under the limit and judges it by the contract', async () => {
    const { code } = await sendAndClose(
      JSON.stringify({ type: 'ping', id: 'x'.repeat(MAX_FRAME_BYTES - 40) }),
    )
    expect(code).toBe(CloseCode.MALFORMED)
  })

  it('survives invalid UTF-8 and raw garbage on the wire', async () => {
    // A text frame that is not UTF-8: ws closes it with 1007.
    const badText = await sendAndClose(Buffer.from([0xc3, 0x28]), { binary: false })
    expect(badText.code).toBe(1007)

    // An upgrade followed by bytes that are not WebSocket frames at all.
    const socket = net.connect(t.server.port, '127.0.0.1')
    socket.on('error', () => {})
    socket.write(
      `GET ${LIVE_PATH}?token=${user.token} HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
        'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
    )
    socket.write(Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)))
    // The server answers the upgrade, then sends a close frame (opcode 0x8) for the bad frames.
    const reply = await new Promise<Buffer>((resolve) => {
      let got = Buffer.alloc(0)
      socket.on('data', (chunk: Buffer) => {
        got = Buffer.concat([got, chunk])
        const body = got.subarray(got.indexOf('\r\n\r\n') + 4)
        if (got.includes('\r\n\r\n') && body.length >= 2) resolve(got)
      })
    })
    socket.destroy()
    expect(reply.toString('latin1')).toMatch(/^HTTP\/1.1 101/)
    expect(reply[reply.indexOf('\r\n\r\n') + 4] & 0x0f).toBe(0x8)

    // A request that is not HTTP.
    const junk = net.connect(t.server.port, '127.0.0.1')
    junk.on('error', () => {})
    junk.end(Buffer.from('\x16\x03\x01\x00\xff garbage \r\n\r\n'))
    await new Promise((resolve) => junk.once('close', resolve))

    expect(await bystander.ping('after-garbage')).toMatchObject({ type: 'pong', id: 'after-garbage' })
  })

  it('survives request targets that are not URLs, upgrade or not', async () => {
    for (const upgrade of [true, false]) {
      const socket = net.connect(t.server.port, '127.0.0.1')
      socket.on('error', () => {})
      const headers = upgrade
        ? 'Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n'
        : ''
      socket.write(`GET // HTTP/1.1\r\nHost: x\r\n${headers}\r\n`)
      const reply = await new Promise<string>((resolve) =>
        socket.once('data', (d: Buffer) => resolve(d.toString())),
      )
      socket.destroy()
      expect(reply).toMatch(/^HTTP\/1.1 (400|404)/)
    }
    expect(await bystander.ping('after-bad-url')).toMatchObject({ type: 'pong' })
  })

  it('survives a burst of bad clients at once', async () => {
    const frames = ['{', 'null', '[]', '{"type":1}', 'x'.repeat(MAX_FRAME_BYTES + 10)]
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) => sendAndClose(frames[i % frames.length])),
    )
    expect(results.every((r) => r.code === CloseCode.MALFORMED || r.code === CloseCode.TOO_BIG)).toBe(true)
    expect(await bystander.ping('after-burst')).toMatchObject({ type: 'pong' })
  })

  it('closes with 4404 for an unknown path', async () => {
    const { code, reason } = await connect(t.url('/realtime/v1/nowhere', user.token)).closed
    expect(code).toBe(CloseCode.UNKNOWN_DOCUMENT)
    expect(reason).toMatch(/unknown path/)
  })

  it('answers subscribe to an unknown topic with an error and stays open', async () => {
    const client = connect(t.url(undefined, user.token))
    client.send({ type: 'subscribe', topic: 'ticket:123', id: 7 })
    expect(await client.next()).toMatchObject({
      type: 'error',
      code: 'unknown_topic',
      topic: 'ticket:123',
      id: 7,
    })
    expect(await client.ping()).toMatchObject({ type: 'pong' })
    client.ws.close()
  })

  it('answers plain HTTP with a health check, 426 on the channel and 404 elsewhere', async () => {
    const base = `http://127.0.0.1:${t.server.port}`
    const health = await fetch(`${base}${HEALTH_PATH}`)
    expect(health.status).toBe(200)
    expect(await health.json()).toMatchObject({ status: 'ok' })
    expect((await fetch(`${base}${LIVE_PATH}`)).status).toBe(426)
    expect((await fetch(`${base}/elsewhere`)).status).toBe(404)
  })

  it('still serves a new client after all of that', async () => {
    const client = connect(t.url(undefined, user.token))
    expect(await client.ping('last')).toMatchObject({ type: 'pong', id: 'last' })
    expect(client.ws.readyState).toBe(WebSocket.OPEN)
    client.ws.close()
  })
})

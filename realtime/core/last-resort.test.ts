// The realtime server's last resort: a handler that throws (here a route's match) answers 500 and is
// logged with the request id; a request target that is not a URL answers 400; the server carries on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createVerifier } from '../../edge/lib/jwt.ts'
import type { Logger } from '../../edge/lib/log.ts'
import { rawGet } from '../../test/support/raw-http.ts'
import { createRealtimeServer, type RealtimeServer } from '../app.ts'
import { HEALTH_PATH } from './server.ts'

const UPGRADE = {
  Connection: 'Upgrade',
  Upgrade: 'websocket',
  'Sec-WebSocket-Version': '13',
  'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==',
}
const errors: { message: string; fields?: Record<string, unknown> }[] = []
const log: Logger = { info() {}, warn() {}, error: (message, fields) => errors.push({ message, fields }) }
let server: RealtimeServer

beforeAll(async () => {
  server = await createRealtimeServer({
    port: 0,
    verifier: createVerifier({ issuer: 'http://127.0.0.1/auth/v1', jwks: { keys: [] } }),
    log,
    routes: [
      {
        name: 'broken',
        match(pathname) {
          if (pathname.startsWith('/realtime/v1/broken')) throw new Error('a bug in a route')
          return undefined
        },
      },
    ],
  })
})
afterAll(() => server?.close())

async function stillServing() {
  const res = await fetch(`http://127.0.0.1:${server.port}${HEALTH_PATH}`)
  expect(res.status).toBe(200)
}

describe('realtime server: last resort', () => {
  it('answers 500 to a plain request whose handler throws, logs the request id, and keeps serving', async () => {
    const res = await rawGet(server.port, '/realtime/v1/broken', { 'x-request-id': 'gateway-req-0001' })
    expect(res.status).toBe(500)
    expect(JSON.parse(res.body).error.code).toBe('internal')
    expect(errors).toContainEqual({
      message: 'request failed',
      fields: expect.objectContaining({ requestId: 'gateway-req-0001', url: '/realtime/v1/broken' }),
    })
    await stillServing()
  })

  it('answers 500 to an upgrade whose handler throws and keeps serving', async () => {
    const res = await rawGet(server.port, '/realtime/v1/broken', UPGRADE)
    expect(res.status).toBe(500)
    expect(errors.some((e) => e.message === 'upgrade failed')).toBe(true)
    await stillServing()
  })

  it('answers 400 to a request target that is not a URL, upgrade or not', async () => {
    expect((await rawGet(server.port, '//[')).status).toBe(400)
    expect((await rawGet(server.port, '//[', UPGRADE)).status).toBe(400)
    await stillServing()
  })
})

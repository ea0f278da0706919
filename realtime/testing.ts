// Helpers for the realtime tests: a real server on port 0 and real `ws` clients.
import WebSocket from 'ws'
import { LIVE_PATH, type LiveServerMessage } from '../edge/contract/realtime.ts'
import type { Sql } from '../edge/lib/db.ts'
import { createVerifier } from '../edge/lib/jwt.ts'
import { ISSUER, testDb, testKeys } from '../test/support/fixtures.ts'
import { createRealtimeServer, type RealtimeServer, type RealtimeServerOptions } from './app.ts'
import { silentLogger } from './core/log.ts'

export interface TestServer {
  server: RealtimeServer
  sql: Sql
  /** ws:// URL of a path on the server, with `?token=` when given. */
  url(path?: string, token?: string): string
  close(): Promise<void>
}

/** Starts a realtime server on port 0 against the run's test database; close() tears it down. */
export async function startTestServer(opts: Partial<RealtimeServerOptions> = {}): Promise<TestServer> {
  const { jwks } = await testKeys()
  const sql = testDb(2)
  const verifier = createVerifier({ issuer: ISSUER, jwks })
  const server = await createRealtimeServer({ port: 0, verifier, sql, log: silentLogger, ...opts })
  return {
    server,
    sql,
    url: (path = LIVE_PATH, token) =>
      `ws://127.0.0.1:${server.port}${path}${token === undefined ? '' : `?token=${encodeURIComponent(token)}`}`,
    async close() {
      await server.close()
      await sql.end()
    },
  }
}

export interface TestClient {
  ws: WebSocket
  /** Resolves when the socket closes, with the code and reason the server sent. */
  closed: Promise<{ code: number; reason: string }>
  /** The next JSON message (rejects when the socket closes first). */
  next(): Promise<LiveServerMessage>
  send(message: unknown): void
  /** Sends a ping and waits for its pong. */
  ping(id?: string): Promise<LiveServerMessage>
}

/** A real `ws` client that queues JSON messages and records the close code. */
export function connect(url: string, options: WebSocket.ClientOptions = {}): TestClient {
  const ws = new WebSocket(url, options)
  const queue: LiveServerMessage[] = []
  const waiting: { resolve: (m: LiveServerMessage) => void; reject: (e: Error) => void }[] = []
  let closedInfo: { code: number; reason: string } | undefined
  ws.on('error', () => {})
  ws.on('message', (data) => {
    const msg = JSON.parse(data.toString()) as LiveServerMessage
    const w = waiting.shift()
    if (w) w.resolve(msg)
    else queue.push(msg)
  })
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    ws.on('close', (code, reason) => {
      closedInfo = { code, reason: reason.toString() }
      for (const w of waiting.splice(0)) w.reject(new Error(`socket closed ${code} ${closedInfo.reason}`))
      resolve(closedInfo)
    })
  })
  return {
    ws,
    closed,
    next() {
      const queued = queue.shift()
      if (queued) return Promise.resolve(queued)
      if (closedInfo)
        return Promise.reject(new Error(`socket closed ${closedInfo.code} ${closedInfo.reason}`))
      return new Promise((resolve, reject) => waiting.push({ resolve, reject }))
    },
    send(message) {
      const data = typeof message === 'string' ? message : JSON.stringify(message)
      if (ws.readyState === WebSocket.OPEN) ws.send(data)
      else ws.once('open', () => ws.send(data))
    },
    ping(id = 'p') {
      this.send({ type: 'ping', id })
      return this.next()
    },
  }
}

/** Resolves once the socket is open. */
export function opened(client: TestClient): Promise<void> {
  if (client.ws.readyState === WebSocket.OPEN) return Promise.resolve()
  return new Promise((resolve, reject) => {
    client.ws.once('open', () => resolve())
    client.ws.once('close', (code) => reject(new Error(`closed ${code} before opening`)))
  })
}

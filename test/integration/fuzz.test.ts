// Bounded fuzzing of the local stack as `npm start` runs it (gateway, edge functions under Deno,
// realtime server): random request lines, methods, headers, bodies and WebSocket frames, written
// as raw bytes so that malformed requests reach the servers, plus a fixed list of known-bad
// inputs. Afterwards every process must still serve, and no last-resort handler may have fired.
// The PRNG is seeded; a failure prints its seed: FUZZ_SEED=<seed> npx vitest run test/integration/fuzz.test.ts
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest'
import WebSocket from 'ws'
import { issuerOf } from '../../edge/lib/env.ts'
import { importSigningKey, signApiKeys } from '../../edge/lib/jwt.ts'
import { freePort } from '../../scripts/lib/embedded-db.ts'
import { type Services, startServices } from '../../scripts/lib/services.ts'
import { type RawResponse, rawGet, rawRequest } from '../support/raw-http.ts'

const ROOT = path.resolve(import.meta.dirname, '../..')
const SEED = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 32))
/** Random requests per target (gateway, Deno directly, realtime directly). */
const ROUNDS = Number(process.env.FUZZ_ROUNDS ?? 250)
const CONCURRENCY = 12

let services: Services
let port: number
let anonKey: string
let accessToken: string
/** Lines the stack logged (Deno's output, and console.error of the in-process servers). */
const logged: string[] = []

/** mulberry32: small, fast, good enough to pick inputs; the same seed gives the same run. */
function prng(seed: number) {
  let a = seed >>> 0
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const int = (n: number) => Math.floor(next() * n)
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]
  const bytes = (n: number) => Buffer.from(Array.from({ length: n }, () => int(256)))
  return { next, int, pick, bytes, chance: (p: number) => next() < p }
}
type Rng = ReturnType<typeof prng>

const PREFIXES = [
  '/',
  '/%',
  '//',
  '/assets/',
  '/config.json',
  '/auth/v1',
  '/auth/v1/',
  '/auth/v1/health',
  '/auth/v1/settings',
  '/auth/v1/signup',
  '/auth/v1/token?grant_type=password',
  '/auth/v1/token?grant_type=refresh_token',
  '/auth/v1/user',
  '/auth/v1/logout',
  '/auth/v1/recover',
  '/auth/v1/verify?token=',
  '/auth/v1/admin/users/',
  '/auth/v1/.well-known/jwks.json',
  '/functions/v1/',
  '/functions/v1/api/',
  '/functions/v1/api/health',
  '/functions/v1/api/me',
  '/functions/v1/api/tenants/',
  '/functions/v1/api/courses/',
  '/functions/v1/api/tickets/',
  '/functions/v1/api/sessions/',
  '/functions/v1/api/docs',
  '/functions/v1/livekit-webhook',
  '/functions/v1/constructor',
  '/functions/v1/__proto__/',
  '/realtime/v1/',
  '/realtime/v1/live',
  '/realtime/v1/yjs/lesson:',
  '/realtime/v1/health',
]
/** The same paths as the Deno process sees them behind the gateway (which strips /functions/v1). */
const FUNCTION_PREFIXES = PREFIXES.filter((p) => /^\/(auth|functions)\/v1\//.test(p)).map((p) =>
  p.replace(/^\/functions\/v1/, ''),
)
const REALTIME_PREFIXES = [...PREFIXES.filter((p) => p.startsWith('/realtime/v1/')), '/', '//', '/%']
/** Path characters weighted toward the ones parsers trip on. */
const PATH_BITS = [
  '%',
  '%%',
  '%0',
  '%00',
  '%2e%2e/',
  '%2F',
  '%E0%A4%A',
  '%C0%AE',
  '%FF',
  '%zz',
  '[',
  ']',
  '//[',
  '@',
  ':',
  '?',
  '#',
  '\\',
  '..',
  '../',
  '.map',
  '~',
  'é',
  '\u00ff',
  '😀',
  'a',
  'x',
  '1',
  '-',
  '00000000-0000-4000-a000-000000000001',
  '?token=',
  '&',
  '=',
  '*',
]
const METHODS = [
  'GET',
  'POST',
  'PUT',
  'PATCH',
  'DELETE',
  'OPTIONS',
  'HEAD',
  'TRACE',
  'CONNECT',
  'PROPFIND',
  'BREW',
]
const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/json; charset=\u00ff',
  '',
]
const JSON_BODIES = [
  '{',
  '}',
  '[',
  'null',
  '[]',
  '""',
  '{"email":1}',
  '{"email":"a@b.c","password":"x"}',
  '{"refresh_token":"x"}',
  '{"__proto__":{"admin":true}}',
  '{"constructor":{"prototype":{"x":1}}}',
  '{"a":"\u0000"}',
  '{"a":"\\ud800"}',
  `{"a":${'['.repeat(5000)}`,
  `[${'1,'.repeat(3000)}1]`,
  '1e999999',
  '{"name":"x","slug":"../../etc"}',
]

/**
 * A request target: a known prefix and random pieces. Framed (valid HTTP, so it reaches the
 * handlers): only what an HTTP parser accepts, hostile inside (bad escapes, `[`, dot-segments).
 * Wild: any bytes, for the parsers themselves.
 */
function randomPath(r: Rng, wild: boolean, prefixes = PREFIXES): string {
  let p = r.pick(prefixes)
  const n = r.int(6)
  for (let i = 0; i < n; i++) {
    if (wild && r.chance(0.2)) p += r.bytes(1 + r.int(3)).toString('latin1')
    else p += r.pick(PATH_BITS)
  }
  return wild ? p : p.replace(/[^\x21-\x7e]/gu, (c) => encodeURIComponent(c))
}

/** Headers: in framed mode well-formed ones (the body's true length) with hostile values. */
function randomHeaders(r: Rng, bodyLength: number, wild: boolean): string[] {
  const h: string[] = []
  if (!wild || r.chance(0.9))
    h.push(`Host: ${!wild || r.chance(0.8) ? '127.0.0.1' : r.pick(['', '[', 'a b', '%', 'x'.repeat(300)])}`)
  if (r.chance(0.6)) h.push(`apikey: ${r.chance(0.7) ? anonKey : r.bytes(20).toString('base64')}`)
  if (r.chance(0.6))
    h.push(
      `Authorization: ${r.pick(['Bearer ', 'Bearer ', 'Basic ', 'bearer'])}${r.chance(0.6) ? accessToken : r.bytes(30).toString('base64url')}`,
    )
  if (r.chance(0.6)) h.push(`Content-Type: ${r.pick(CONTENT_TYPES)}`)
  if (!wild) h.push(`Content-Length: ${bodyLength}`)
  else if (r.chance(0.7))
    h.push(
      `Content-Length: ${r.pick([String(bodyLength + r.int(10)), '-1', 'x', '99999999999999999999', '0'])}`,
    )
  else if (r.chance(0.3)) h.push(`Transfer-Encoding: ${r.pick(['chunked', 'gzip', 'chunked, chunked', 'x'])}`)
  if (r.chance(0.3))
    h.push(`x-request-id: ${r.pick(['fuzz-request-0001', 'x', '"quoted id"', '../../etc', 'a'.repeat(300)])}`)
  if (r.chance(0.15))
    h.push(
      'Connection: Upgrade',
      'Upgrade: websocket',
      'Sec-WebSocket-Version: 13',
      `Sec-WebSocket-Key: ${r.bytes(16).toString('base64')}`,
    )
  if (r.chance(0.15)) h.push(`X-Supabase-Api-Version: ${r.pick(['2024-01-01', '9999-99-99', 'x'])}`)
  if (r.chance(0.15))
    h.push(`X-Forwarded-For: ${r.pick(['::1', '1.2.3.4, 5.6.7.8', '[', 'x'.repeat(100), '999.1.1.1'])}`)
  if (r.chance(0.1)) h.push(`Origin: ${r.pick(['null', 'http://evil.example', 'http://127.0.0.1', '%'])}`)
  if (wild && r.chance(0.1)) h.push(`X-Fuzz: ${'a'.repeat(r.pick([100, 9000, 20000, 70000]))}`)
  if (wild && r.chance(0.2))
    h.push(`${r.bytes(1 + r.int(8)).toString('latin1')}: ${r.bytes(r.int(20)).toString('latin1')}`)
  return h
}

function randomBody(r: Rng): Buffer {
  switch (r.int(4)) {
    case 0:
      return Buffer.alloc(0)
    case 1:
      return Buffer.from(r.pick(JSON_BODIES))
    case 2:
      return r.bytes(r.int(300))
    default:
      return Buffer.concat([Buffer.from('{"a":"'), Buffer.from([0, 0, 0xff, 0xfe]), Buffer.from('"}')])
  }
}

/** One raw request: mostly well-framed HTTP around hostile parts, else wild bytes in every part. */
function randomRequest(r: Rng, prefixes = PREFIXES): Buffer {
  const wild = r.chance(0.35)
  const body = randomBody(r)
  const method = !wild || r.chance(0.8) ? r.pick(METHODS) : r.bytes(1 + r.int(6)).toString('latin1')
  const version =
    !wild || r.chance(0.7) ? 'HTTP/1.1' : r.pick(['HTTP/1.0', 'HTTP/2.0', 'HTTP/9.9', 'HTTP/1.1 x', ''])
  const line =
    wild && r.chance(0.2)
      ? r.bytes(r.int(60)).toString('latin1')
      : `${method} ${randomPath(r, wild, prefixes)} ${version}`
  const head = [line, ...randomHeaders(r, body.length, wild)].join(!wild || r.chance(0.9) ? '\r\n' : '\n')
  return Buffer.concat([Buffer.from(`${head}\r\n\r\n`, 'latin1'), body])
}

const KNOWN_BAD_TARGETS = [
  '/%',
  '//[',
  '/%E0%A4%A',
  '/assets/%',
  '/assets/app.js.map',
  '/%00',
  '/a%00b',
  '/\u00ff%ff',
  '/auth/v1/%',
  '/auth/v1/verify?token=%&type=%&redirect_to=%',
  '/functions/v1/%',
  '/functions/v1/api/%',
  '/functions/v1/api/courses/%E0%A4%A',
  '/functions/v1/constructor',
  '/functions/v1/__proto__',
  '/functions/v1/livekit-webhook/%',
  '/realtime/v1/%',
  '/realtime/v1/yjs/%',
  '/realtime/v1/live?token=%',
  '*',
  'http://[/',
]

/** Fixed requests every process gets, whatever the seed: each was a crash somewhere once, or is close. */
function knownBadRequests(): (string | Buffer)[] {
  const get = (target: string, extra = '') =>
    `GET ${target} HTTP/1.1\r\nHost: x\r\n${extra}Connection: close\r\n\r\n`
  const upgrade =
    'Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n'
  const post = (target: string, body: string | Buffer, type = 'application/json') =>
    Buffer.concat([
      Buffer.from(
        `POST ${target} HTTP/1.1\r\nHost: x\r\napikey: ${anonKey}\r\nAuthorization: Bearer ${accessToken}\r\n` +
          `Content-Type: ${type}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n`,
      ),
      Buffer.from(body),
    ])
  return [
    ...KNOWN_BAD_TARGETS.flatMap((t) => [get(t), get(t, upgrade)]),
    'GET //[ HTTP/1.1\r\n\r\n',
    'GET / HTTP/1.1\r\nHost: x\r\nX-Long: ' + 'a'.repeat(100_000) + '\r\n\r\n',
    `GET / HTTP/1.1\r\n${Array.from({ length: 3000 }, (_, i) => `X-H${i}: v`).join('\r\n')}\r\n\r\n`,
    'GET /\u0000 HTTP/1.1\r\nHost: x\r\n\r\n',
    'GET / HTTP/1.1\r\nHost: x\r\nX-Nul: a\u0000b\r\n\r\n',
    '\u0000\u0000\u0000\u0000\r\n\r\n',
    '\u0016\u0003\u0001\u0000\u00ff garbage \r\n\r\n',
    'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n',
    'POST /functions/v1/api/tenants HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{\r\n0\r\n\r\n',
    'POST /functions/v1/api/tenants HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!',
    'POST /functions/v1/api/tenants HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
    post('/auth/v1/token?grant_type=password', '{'),
    post('/auth/v1/token?grant_type=password', '{"email":"\u0000","password":"\u0000"}'),
    post('/auth/v1/signup', '{"email":"a@b.c","password":'),
    post('/auth/v1/signup', Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x00, 0x22, 0x7d])),
    post('/auth/v1/token?grant_type=refresh_token', '{"refresh_token":{"$ne":null}}'),
    post('/auth/v1/recover', '{"email":"a@b.c","redirect_to":"//[%"}'),
    post('/functions/v1/api/tenants', '{'),
    post('/functions/v1/api/tenants', 'null'),
    post('/functions/v1/api/tenants', '{"name":"\u0000","slug":"\u0000"}'),
    post('/functions/v1/api/courses/not-a-uuid/modules', '[]'),
    post('/functions/v1/api/tickets', '{"__proto__":{"x":1}}'),
    post('/functions/v1/api/tenants', '{', 'text/plain'),
    post('/functions/v1/api/tenants', 'x'.repeat(200_000)),
    post('/functions/v1/livekit-webhook', '{', 'application/webhook+json'),
    post('/functions/v1/livekit-webhook', '{"event":"room_started","id":"x"}', 'application/webhook+json'),
  ]
}

/** Runs `tasks` with at most `n` at once. */
async function pool<T>(n: number, tasks: (() => Promise<T>)[]): Promise<T[]> {
  const results: T[] = []
  let next = 0
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (next < tasks.length) {
        const i = next++
        results[i] = await tasks[i]()
      }
    }),
  )
  return results
}

/** One WebSocket frame: random bytes (binary or text), bad JSON, contract-shaped junk, y-websocket-ish. */
type Frame = { data: Buffer | string; binary: boolean }

function randomFrame(r: Rng): Frame {
  switch (r.int(5)) {
    case 0:
      return { data: r.bytes(r.int(200)), binary: true }
    case 1:
      return { data: r.bytes(r.int(200)).toString('latin1'), binary: false }
    case 2:
      return { data: r.pick(JSON_BODIES), binary: false }
    case 3:
      return {
        data: JSON.stringify({
          type: r.pick(['subscribe', 'unsubscribe', 'publish', 'auth', 'ping', 'x']),
          topic: r.pick(['ticket:', 'queue:', 'user:', 'session:', '', '%']) + r.pick(PATH_BITS),
          id: r.int(1e9),
          token: r.bytes(10).toString('hex'),
          data: r.pick(JSON_BODIES),
        }),
        binary: false,
      }
    default:
      return { data: Buffer.from([r.int(4), r.int(4), ...r.bytes(r.int(60))]), binary: true }
  }
}

/** Opens a WebSocket, sends `frames`, and resolves when it closes (or after a short while). */
function wsFuzz(url: string, frames: Frame[]): Promise<void> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url)
    const done = () => {
      clearTimeout(timer)
      ws.terminate()
      resolve()
    }
    const timer = setTimeout(done, 1500)
    ws.on('error', () => {})
    ws.on('close', done)
    ws.on('open', () => {
      for (const f of frames) if (ws.readyState === WebSocket.OPEN) ws.send(f.data, { binary: f.binary })
    })
  })
}

/** The request as the Deno process gets it behind the gateway: `/functions/v1` stripped from the target. */
function asFunctionsSees(req: string | Buffer): Buffer {
  const text = typeof req === 'string' ? req : req.toString('latin1')
  return Buffer.from(text.replace(/^(\S+ )\/functions\/v1\//, '$1/'), 'latin1')
}

/** Which process a port belongs to, for failure messages. */
const nameOf = (p: number) =>
  p === port ? 'gateway' : p === services.functionsPort ? 'functions' : 'realtime'

/** "gateway 500: \"GET /x HTTP/1.1…\"" for each answer of 500 or more. */
function serverErrors(results: { port: number; req: string | Buffer; res: RawResponse }[]): string[] {
  return results
    .filter(({ res }) => res.status !== undefined && res.status >= 500)
    .map(
      ({ port: p, req, res }) =>
        `${nameOf(p)} ${res.status}: ${JSON.stringify(Buffer.from(req).toString('latin1').slice(0, 200))}`,
    )
}

beforeAll(async () => {
  console.log(`fuzz seed ${SEED} (reproduce: FUZZ_SEED=${SEED} npx vitest run test/integration/fuzz.test.ts)`)
  port = await freePort()
  const url = `http://127.0.0.1:${port}`
  const signingKey = inject('signingKey')
  const apiKeys = await signApiKeys(await importSigningKey(signingKey.privateJwk), issuerOf(url))
  anonKey = apiKeys.anonKey
  const webDist = await mkdtemp(path.join(tmpdir(), 'kipindi-fuzz-'))
  await mkdir(path.join(webDist, 'assets'))
  await writeFile(path.join(webDist, 'index.html'), '<!doctype html><html><body>app</body></html>')
  await writeFile(path.join(webDist, 'assets/app.js'), 'console.log(1)')
  await writeFile(path.join(webDist, 'assets/app.js.map'), '{"sources":["secret.ts"]}')
  // The in-process servers log to the console: kept for the assertions below, not printed.
  for (const level of ['log', 'warn', 'error'] as const) {
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
      logged.push(args.map(String).join(' '))
    })
  }
  services = await startServices({
    root: ROOT,
    dbUrl: inject('dbUrl'),
    publicUrl: url,
    keys: { signingKey, ...apiKeys },
    port,
    host: '127.0.0.1',
    webDist,
    // LiveKit configured, so webhooks are verified (no call leaves the machine: the fuzz signs nothing).
    env: {
      LIVEKIT_URL: 'ws://127.0.0.1:9',
      LIVEKIT_API_KEY: 'APIfuzz',
      LIVEKIT_API_SECRET: 'fuzz-livekit-secret-0123456789abcdef',
    },
    log: (line) => logged.push(line),
  })
  accessToken = await signIn()
}, 60_000)

/** A fresh session of a demo student (the fuzz may sign the previous one out: `POST /logout` with it). */
async function signIn(): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${port}/auth/v1/token?grant_type=password`, {
    method: 'POST',
    headers: { apikey: anonKey, 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'student1@demo.kipindi.test', password: 'kipindi-demo-1' }),
  })
  const token = (await res.json()).access_token as string
  expect(token).toBeTruthy()
  return token
}

afterAll(async () => {
  vi.restoreAllMocks()
  await services?.stop()
})

/** Every process still serves: gateway, both functions and auth under Deno, and the realtime server. */
async function expectHealthy() {
  const base = `http://127.0.0.1:${port}`
  expect((await fetch(`${base}/config.json`)).status).toBe(200)
  expect((await fetch(`${base}/`)).status).toBe(200)
  expect((await fetch(`${base}/auth/v1/health`, { headers: { apikey: anonKey } })).status).toBe(200)
  expect((await fetch(`${base}/functions/v1/api/health`)).status).toBe(200)
  const webhook = await fetch(`${base}/functions/v1/livekit-webhook`, { method: 'POST', body: '{}' })
  expect(webhook.status).toBe(401) // unsigned: refused by a live function
  expect((await fetch(`http://127.0.0.1:${services.realtimePort}/realtime/v1/health`)).status).toBe(200)
  const ws = new WebSocket(`ws://127.0.0.1:${port}/realtime/v1/live?token=${await signIn()}`)
  const pong = await new Promise<unknown>((resolve, reject) => {
    ws.once('open', () => ws.send(JSON.stringify({ type: 'ping', id: 'after-fuzz' })))
    ws.on('message', (m) => resolve(JSON.parse(String(m))))
    ws.once('error', reject)
    ws.once('close', (code) => reject(new Error(`live socket closed ${code}`)))
  })
  expect(pong).toMatchObject({ type: 'pong', id: 'after-fuzz' })
  ws.close()
}

/** What the last-resort handlers log: none of it may appear, it would mean an input escaped a handler. */
const LAST_RESORT = /uncaught exception|unhandled rejection|request failed|upgrade failed|unhandled error/

/** Last-resort lines logged since `from` (an index into `logged`). */
function lastResortSince(from: number): string[] {
  return logged.slice(from).filter((l) => LAST_RESORT.test(l))
}

describe(`fuzzing the local stack (seed ${SEED})`, () => {
  it('survives the known-bad inputs on every process', async () => {
    const from = logged.length
    const requests = knownBadRequests()
    const sent = [
      ...requests.map((req) => ({ port, req })),
      ...requests.map((req) => ({ port: services.functionsPort, req: asFunctionsSees(req) })),
      ...requests.map((req) => ({ port: services.realtimePort, req })),
    ]
    const results = await pool(
      CONCURRENCY,
      sent.map(({ port: p, req }) => async () => ({ port: p, req, res: await rawRequest(p, req, 1500) })),
    )
    const errors = serverErrors(results)
    expect(errors.length, `5xx answers:\n${errors.join('\n')}`).toBe(0)
    // The gateway refuses malformed paths itself, in the JSON error shape.
    for (const target of ['/%', '//[', '/%E0%A4%A', '/assets/%']) {
      const res = await rawGet(port, target)
      expect(res.status, target).toBe(400)
      expect(JSON.parse(res.body).error.code, target).toBe('bad_request')
    }
    expect((await rawGet(port, '/assets/app.js.map')).status).toBe(404)
    await expectHealthy()
    expect(lastResortSince(from)).toEqual([])
  })

  it('survives random requests on every process', async () => {
    const from = logged.length
    const r = prng(SEED)
    const targets = [
      [port, PREFIXES],
      [services.functionsPort, FUNCTION_PREFIXES],
      [services.realtimePort, REALTIME_PREFIXES],
    ] as const
    const requests = targets.flatMap(([p, prefixes]) =>
      Array.from({ length: ROUNDS }, () => [p, randomRequest(r, prefixes), r.chance(0.5)] as const),
    )
    const results = await pool(
      CONCURRENCY,
      requests.map(([p, req, halfClose]) => async () => ({
        port: p,
        req,
        res: await rawRequest(p, req, 1000, { halfClose }),
      })),
    )
    const errors = serverErrors(results)
    expect(errors.length, `seed ${SEED}, 5xx answers:\n${errors.join('\n')}`).toBe(0)
    await expectHealthy()
    expect(lastResortSince(from), `seed ${SEED}`).toEqual([])
  })

  it('survives random WebSocket frames on the live channel and the Yjs rooms', async () => {
    const from = logged.length
    const r = prng(SEED ^ 0x5eed)
    const ws = `ws://127.0.0.1:${port}/realtime/v1`
    const urls = [
      `${ws}/live?token=${accessToken}`,
      `${ws}/live?token=${r.bytes(8).toString('hex')}`,
      `${ws}/yjs/lesson:00000000-0000-4000-a000-00000000f022?token=${accessToken}`,
      `${ws}/yjs/lesson:%E0%A4%A?token=${accessToken}`,
      `${ws}/yjs/%?token=${accessToken}`,
      `${ws}/nowhere`,
    ]
    const sockets = Array.from({ length: 36 }, (_, i) => ({
      url: urls[i % urls.length],
      frames: Array.from({ length: 1 + r.int(20) }, () => randomFrame(r)),
    }))
    await pool(
      CONCURRENCY,
      sockets.map(
        ({ url, frames }) =>
          () =>
            wsFuzz(url, frames),
      ),
    )
    // Garbage after a completed upgrade: not WebSocket framing at all.
    const upgrade = `GET /realtime/v1/live?token=${accessToken} HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n`
    const garbage = Array.from({ length: 12 }, () =>
      Buffer.concat([Buffer.from(upgrade), r.bytes(1 + r.int(500))]),
    )
    await pool(
      CONCURRENCY,
      garbage.map((req) => () => rawRequest(port, req, 800)),
    )
    await expectHealthy()
    expect(lastResortSince(from), `seed ${SEED}`).toEqual([])
  })
})

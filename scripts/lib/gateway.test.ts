// The gateway on port 0 in front of a fake function server and a real realtime server (no
// database): malformed requests answer 400 in the JSON error shape and never stop the process,
// request ids reach the upstreams, source maps are never served, the CSP names exact origins.
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { createVerifier } from '../../edge/lib/jwt.ts'
import type { Logger } from '../../edge/lib/log.ts'
import { createRealtimeServer, type RealtimeServer } from '../../realtime/app.ts'
import { silentLogger } from '../../realtime/core/log.ts'
import { METRICS_PATH as REALTIME_METRICS_PATH } from '../../realtime/core/server.ts'
import { rawGet, rawRequest } from '../../test/support/raw-http.ts'
import { createGateway, serviceOf } from './gateway.ts'
import { webSecurityHeaders } from './web-headers.ts'

const INLINE = "document.documentElement.dataset.booted = 'yes'"
const METRICS_TOKEN = 'metrics-token-for-the-test'
const listen = (server: http.Server) =>
  new Promise<number>((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)),
  )

/** Every line the gateway logged, so tests can assert what a failure leaves in the log. */
const logged: { level: string; message: string; fields?: Record<string, unknown> }[] = []
const recordingLog: Logger = {
  info: (message, fields) => logged.push({ level: 'info', message, fields }),
  warn: (message, fields) => logged.push({ level: 'warn', message, fields }),
  error: (message, fields) => logged.push({ level: 'error', message, fields }),
}

let functions: http.Server
let realtime: RealtimeServer
let gateway: http.Server
let port: number
let throwInDev = false

beforeAll(async () => {
  // The function server answers with what it received, so tests can see what the gateway forwards.
  functions = http.createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' })
    res.end(JSON.stringify({ url: req.url, requestId: req.headers['x-request-id'] ?? null }))
  })
  const functionsPort = await listen(functions)
  realtime = await createRealtimeServer({
    port: 0,
    verifier: createVerifier({ issuer: 'http://127.0.0.1/auth/v1', jwks: { keys: [] } }),
    log: silentLogger,
    metricsToken: METRICS_TOKEN,
  })
  const webDist = await mkdtemp(path.join(tmpdir(), 'kipindi-gateway-'))
  await mkdir(path.join(webDist, 'assets'))
  await writeFile(
    path.join(webDist, 'index.html'),
    `<!doctype html><html><head><script>${INLINE}</script></head><body>app</body></html>`,
  )
  await writeFile(path.join(webDist, 'assets/app-1.js'), 'console.log(1)\n//# sourceMappingURL=app-1.js.map')
  await writeFile(path.join(webDist, 'assets/app-1.js.map'), '{"version":3,"sources":["secret.ts"]}')
  gateway = createGateway({
    functionsPort,
    realtimePort: realtime.port,
    webDist,
    config: {
      supabaseUrl: 'https://proj.supabase.co',
      anonKey: 'anon',
      localMailbox: false,
      realtimeUrl: 'wss://rt.example.org/realtime/v1',
    },
    env: {
      SITE_URL: 'https://app.example.org',
      LIVEKIT_URL: 'wss://kipindi.livekit.cloud',
      STORAGE_URL: 'https://files.example.net/storage/v1',
    },
    log: recordingLog,
    metrics: {
      token: METRICS_TOKEN,
      sources: [`http://127.0.0.1:${realtime.port}${REALTIME_METRICS_PATH}`],
    },
  })
  port = await listen(gateway)
})

afterAll(async () => {
  await new Promise((r) => gateway?.close(r))
  await new Promise((r) => functions?.close(r))
  await realtime?.close()
})

/** The gateway still serves: /config.json answers 200. */
async function stillServing() {
  const res = await fetch(`http://127.0.0.1:${port}/config.json`)
  expect(res.status).toBe(200)
}

describe('gateway: malformed requests', () => {
  it.each(['/%', '/%E0%A4%A', '/assets/%', '/%zz/page', '/a%00b'])(
    'answers %s with 400 in the JSON error shape and keeps serving',
    async (target) => {
      const res = await rawGet(port, target)
      expect(res.status).toBe(400)
      expect(res.headers['content-type']).toContain('application/json')
      const body = JSON.parse(res.body)
      expect(body).toEqual({ error: { code: 'bad_request', message: expect.any(String) } })
      await stillServing()
    },
  )

  it('answers a request target that is not a URL (//[) with 400 JSON and keeps serving', async () => {
    const res = await rawGet(port, '//[')
    expect(res.status).toBe(400)
    expect(JSON.parse(res.body).error.code).toBe('bad_request')
    await stillServing()
  })

  it('answers a request line the HTTP parser refuses with 400 JSON', async () => {
    const res = await rawRequest(port, 'GET /a b c HTTP/1.1\r\nHost: x\r\n\r\n')
    expect(res.status).toBe(400)
    expect(JSON.parse(res.body).error.code).toBe('bad_request')
    await stillServing()
  })

  it('refuses a WebSocket upgrade whose target is not a URL and keeps proxying good ones', async () => {
    const upgrade =
      'Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n'
    const refused = await rawRequest(port, `GET //[ HTTP/1.1\r\nHost: x\r\n${upgrade}\r\n`, 1000)
    expect(refused.status).toBe(400)
    expect(JSON.parse(refused.body).error.code).toBe('bad_request')
    // Odd but parseable targets reach the realtime server, which answers them itself.
    for (const target of ['/realtime/v1//[', '/realtime/v1/yjs/%', '/realtime/v1/live?token=%']) {
      const res = await rawRequest(port, `GET ${target} HTTP/1.1\r\nHost: x\r\n${upgrade}\r\n`, 1000)
      expect(res.status === 101 || (res.status ?? 0) >= 400).toBe(true)
    }
    // The realtime server behind the gateway still accepts a socket (and closes it: no token).
    const ws = new WebSocket(`ws://127.0.0.1:${port}/realtime/v1/live`)
    const code = await new Promise<number>((resolve) => ws.once('close', (c) => resolve(c)))
    expect(code).toBe(4401)
    await stillServing()
  })
})

describe('gateway: last resort', () => {
  it('answers 500 when a handler throws, logs it with the request id, and keeps serving', async () => {
    const dev = createGateway({
      functionsPort: 1,
      config: {},
      log: recordingLog,
      devMiddleware: () => {
        if (throwInDev) throw new Error('boom in a handler')
      },
    })
    const devPort = await listen(dev)
    try {
      throwInDev = true
      const res = await rawGet(devPort, '/page', { 'x-request-id': 'req-12345678' })
      expect(res.status).toBe(500)
      expect(JSON.parse(res.body).error.code).toBe('internal')
      expect(res.headers['x-request-id']).toBe('req-12345678')
      expect(logged).toContainEqual(
        expect.objectContaining({
          level: 'error',
          fields: expect.objectContaining({ requestId: 'req-12345678' }),
        }),
      )
      const again = await fetch(`http://127.0.0.1:${devPort}/config.json`)
      expect(again.status).toBe(200)
    } finally {
      throwInDev = false
      await new Promise((r) => dev.close(r))
    }
  })
})

describe('gateway: request ids', () => {
  it('passes a well-formed x-request-id on to the function and echoes it', async () => {
    const res = await fetch(`http://127.0.0.1:${port}/functions/v1/api/health`, {
      headers: { 'x-request-id': 'abc-123-def-456' },
    })
    expect(await res.json()).toEqual({ url: '/api/health', requestId: 'abc-123-def-456' })
    expect(res.headers.get('x-request-id')).toBe('abc-123-def-456')
  })

  it('replaces a malformed x-request-id with a fresh one', async () => {
    const res = await fetch(`http://127.0.0.1:${port}/auth/v1/health`, {
      headers: { 'x-request-id': 'bad id "with" quotes' },
    })
    const { requestId } = await res.json()
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/)
    expect(res.headers.get('x-request-id')).toBe(requestId)
  })
})

describe('gateway: static files', () => {
  it('never serves source maps, even when the build has them', async () => {
    expect((await fetch(`http://127.0.0.1:${port}/assets/app-1.js`)).status).toBe(200)
    const map = await fetch(`http://127.0.0.1:${port}/assets/app-1.js.map`)
    expect(map.status).toBe(404)
    expect(await map.text()).not.toContain('secret.ts')
    expect((await fetch(`http://127.0.0.1:${port}/anything.map`)).status).toBe(404)
  })

  it('keeps encoded dot-segments inside the web root', async () => {
    const res = await rawGet(port, '/%2e%2e/%2e%2e/etc/passwd')
    expect(res.status).toBe(200)
    expect(res.body).toContain('<body>app</body>')
  })
})

describe('gateway: content security policy', () => {
  const directive = (csp: string, name: string) =>
    csp
      .split(';')
      .map((d) => d.trim())
      .find((d) => d.startsWith(`${name} `))
      ?.split(/\s+/)
      .slice(1) ?? []

  it('allows no bare scheme, only the configured origins', async () => {
    const res = await fetch(`http://127.0.0.1:${port}/`)
    const csp = res.headers.get('content-security-policy')!
    const connect = directive(csp, 'connect-src')
    const img = directive(csp, 'img-src')
    for (const bare of ['ws:', 'wss:', 'https:', 'http:', '*']) {
      expect(connect).not.toContain(bare)
      expect(img).not.toContain(bare)
    }
    expect(connect).toEqual(
      expect.arrayContaining([
        "'self'",
        'https://app.example.org',
        'wss://app.example.org',
        'https://proj.supabase.co',
        'wss://proj.supabase.co',
        'wss://rt.example.org',
        'wss://kipindi.livekit.cloud',
        'https://kipindi.livekit.cloud',
        'https://files.example.net',
      ]),
    )
    expect(img).toEqual(
      expect.arrayContaining([
        "'self'",
        'data:',
        'blob:',
        'https://proj.supabase.co',
        'https://files.example.net',
      ]),
    )
    expect(img).not.toContain('https://kipindi.livekit.cloud')
  })

  it('adds the ws:// form of a plain-http local origin, and skips values that are not URLs', () => {
    const csp = webSecurityHeaders([], {
      publicUrl: 'http://localhost:3000',
      supabaseUrl: 'http://localhost:3000',
      liveKitUrl: 'not a url; script-src *',
    })['content-security-policy']
    expect(directive(csp, 'connect-src')).toEqual(["'self'", 'http://localhost:3000', 'ws://localhost:3000'])
    expect(csp).not.toContain('not a url')
    expect(directive(csp, 'img-src')).toEqual(["'self'", 'data:', 'blob:', 'http://localhost:3000'])
  })
})

describe('gateway: metrics', () => {
  const scrape = (token?: string) =>
    fetch(`http://127.0.0.1:${port}/metrics`, token ? { headers: { authorization: `Bearer ${token}` } } : {})

  it('refuses a scrape without the token, or with another', async () => {
    for (const res of [await scrape(), await scrape('guess')]) {
      expect(res.status).toBe(401)
      expect((await res.json()).error.code).toBe('unauthorized')
    }
  })

  it("counts requests per service and adds the realtime server's series after its own", async () => {
    await fetch(`http://127.0.0.1:${port}/functions/v1/api/health`)
    await fetch(`http://127.0.0.1:${port}/functions/v1/no-such-fn-${Date.now()}`)
    const res = await scrape(METRICS_TOKEN)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toContain('text/plain')
    const text = await res.text()
    expect(text).toMatch(
      /kipindi_http_requests_total\{service="function:api",method="GET",status="2xx"\} \d+/,
    )
    expect(text).toContain('service="function:unknown"')
    expect(text).toContain('kipindi_http_request_duration_seconds_bucket')
    expect(text).toContain('kipindi_gateway_process_cpu_seconds_total')
    expect(text).toMatch(/kipindi_realtime_sockets \d+/)
    expect(text).toContain('kipindi_yjs_rooms')
    expect(text).toContain('kipindi_job_failures_total')
    // One HELP per series name: the processes' series never collide in one answer.
    const helps = text
      .split('\n')
      .filter((l) => l.startsWith('# HELP '))
      .map((l) => l.split(' ')[2])
    expect(new Set(helps).size).toBe(helps.length)
  })

  it('labels a path by its part of the URL layout, and any other function name as unknown', () => {
    expect(serviceOf('/auth/v1/token?grant_type=password')).toBe('auth')
    expect(serviceOf('/functions/v1/ai-tutor/chat')).toBe('function:ai-tutor')
    expect(serviceOf('/functions/v1/constructor')).toBe('function:unknown')
    expect(serviceOf('/storage/v1/object/x')).toBe('storage')
    expect(serviceOf('/t/demo-academy')).toBe('web')
  })

  it('knows every function of supabase/functions by name', async () => {
    const { readdirSync } = await import('node:fs')
    const dirs = readdirSync(path.resolve(import.meta.dirname, '../../supabase/functions'), {
      withFileTypes: true,
    })
      .filter((d) => d.isDirectory() && !d.name.startsWith('_'))
      .map((d) => d.name)
    for (const name of dirs) expect(serviceOf(`/functions/v1/${name}`)).toBe(`function:${name}`)
  })
})

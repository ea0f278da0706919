// Boots the local stack as `npm start` does (edge functions under Deno, realtime, gateway) on the
// test database, and uses it over real HTTP and WebSocket: supabase-js, the API, the web shell.
import { mkdtemp, writeFile } from 'node:fs/promises'
import http from 'node:http'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { createClient } from '@supabase/supabase-js'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import WebSocket from 'ws'
import { issuerOf } from '../../edge/lib/env.ts'
import { importSigningKey, signApiKeys } from '../../edge/lib/jwt.ts'
import { freePort } from '../../scripts/lib/embedded-db.ts'
import { type Services, startServices } from '../../scripts/lib/services.ts'

const ROOT = path.resolve(import.meta.dirname, '../..')
const INLINE = "document.documentElement.dataset.booted = 'yes'"
const METRICS_TOKEN = 'stack-metrics-token'
let services: Services
let url: string
let anonKey: string

beforeAll(async () => {
  const port = await freePort()
  url = `http://127.0.0.1:${port}`
  const signingKey = inject('signingKey')
  const apiKeys = await signApiKeys(await importSigningKey(signingKey.privateJwk), issuerOf(url))
  anonKey = apiKeys.anonKey
  const webDist = await mkdtemp(path.join(tmpdir(), 'kipindi-web-'))
  await writeFile(
    path.join(webDist, 'index.html'),
    `<!doctype html><html><head><script>${INLINE}</script></head><body>app</body></html>`,
  )
  services = await startServices({
    root: ROOT,
    dbUrl: inject('dbUrl'),
    publicUrl: url,
    keys: { signingKey, ...apiKeys },
    port,
    host: '127.0.0.1',
    webDist,
    log: () => {},
    metricsToken: METRICS_TOKEN,
  })
}, 60_000)
afterAll(() => services?.stop())

/** A GET that sends the path exactly as written (fetch would normalise dot-segments away). */
function rawGet(target: string): Promise<string> {
  const u = new URL(target)
  return new Promise((resolve, reject) => {
    http
      .get({ host: u.hostname, port: u.port, path: target.slice(u.origin.length) }, (res) => {
        let body = ''
        res.on('data', (c) => (body += c))
        res.on('end', () => resolve(body))
      })
      .on('error', reject)
  })
}

function supabase() {
  return createClient(url, anonKey, {
    auth: { persistSession: false, autoRefreshToken: false },
    realtime: { transport: WebSocket as never },
  })
}

describe('local stack over HTTP', () => {
  it('answers the API health check through the gateway and Deno', async () => {
    const res = await fetch(`${url}/functions/v1/api/health`)
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ status: 'ok', db: 'ok' })
  })

  it('signs a demo user in with supabase-js and reads /me with the session', async () => {
    const client = supabase()
    const { data, error } = await client.auth.signInWithPassword({
      email: 'student1@demo.kipindi.test',
      password: 'kipindi-demo-1',
    })
    expect(error).toBeNull()
    const res = await fetch(`${url}/functions/v1/api/me`, {
      headers: { authorization: `Bearer ${data.session!.access_token}`, apikey: anonKey },
    })
    expect(res.status).toBe(200)
    const me = await res.json()
    expect(me.user.email).toBe('student1@demo.kipindi.test')
    expect(me.memberships).toContainEqual(
      expect.objectContaining({ tenant_slug: 'demo-academy', role: 'student' }),
    )
  })

  it('serves the web app with a CSP that allows exactly its inline script', async () => {
    const res = await fetch(`${url}/`)
    expect(res.status).toBe(200)
    const csp = res.headers.get('content-security-policy')!
    expect(csp).toContain("frame-ancestors 'none'")
    expect(csp).toMatch(/script-src 'self' 'sha256-[A-Za-z0-9+/=]+'/)
    expect(csp).not.toContain('unsafe-eval')
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin')
  })

  it('falls back to index.html for app routes and 404s for missing assets', async () => {
    expect(await (await fetch(`${url}/t/demo-academy/members`)).text()).toContain('<body>app</body>')
    expect((await fetch(`${url}/assets/missing-123.js`)).status).toBe(404)
    // Encoded dot-segments must not escape the web root.
    const escaped = await rawGet(`${url}/%2e%2e/%2e%2e/package.json`)
    expect(escaped).toContain('<body>app</body>')
    expect(escaped).not.toContain('"name"')
  })

  it('serves the runtime config for the web app', async () => {
    expect(await (await fetch(`${url}/config.json`)).json()).toEqual({
      supabaseUrl: url,
      anonKey,
      localMailbox: true,
    })
  })

  it('answers a ping on the live channel through the gateway, and closes 4401 on a bad token', async () => {
    const { data } = await supabase().auth.signInWithPassword({
      email: 'staff@demo.kipindi.test',
      password: 'kipindi-demo-1',
    })
    const ws = new WebSocket(
      `${url.replace('http', 'ws')}/realtime/v1/live?token=${data.session!.access_token}`,
    )
    const pong = await new Promise<Record<string, unknown>>((resolve, reject) => {
      ws.once('open', () => ws.send(JSON.stringify({ type: 'ping', id: 'p1' })))
      ws.on('message', (m) => {
        const msg = JSON.parse(String(m))
        if (msg.type === 'pong') resolve(msg)
      })
      ws.once('error', reject)
    })
    expect(pong).toMatchObject({ type: 'pong', id: 'p1' })
    ws.close()

    const bad = new WebSocket(`${url.replace('http', 'ws')}/realtime/v1/live?token=not-a-jwt`)
    const code = await new Promise<number>((resolve) => bad.once('close', (c) => resolve(c)))
    expect(code).toBe(4401)
  })
})

describe('metrics (issue 20)', () => {
  it('one scrape of the gateway covers the gateway, the realtime server and the functions', async () => {
    await fetch(`${url}/functions/v1/api/health`)
    const refused = await fetch(`${url}/metrics`)
    expect(refused.status).toBe(401)
    const fromOutside = await fetch(`${url}/functions/v1/metrics`)
    expect(fromOutside.status).toBe(401)
    const res = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })
    expect(res.status).toBe(200)
    const text = await res.text()
    expect(text).toMatch(
      /kipindi_http_requests_total\{service="function:api",method="GET",status="2xx"\} [1-9]/,
    )
    expect(text).toMatch(/kipindi_function_requests_total\{service="api",method="GET",status="2xx"\} [1-9]/)
    expect(text).toContain('kipindi_function_request_duration_seconds_bucket')
    expect(text).toMatch(/kipindi_queue_depth\{queue="outbox"\} \d+/)
    expect(text).toMatch(/kipindi_db_connections\{state="[a-z ]+"\} \d+/)
    const helps = text
      .split('\n')
      .filter((l) => l.startsWith('# HELP '))
      .map((l) => l.split(' ')[2])
    expect(new Set(helps).size).toBe(helps.length)
  })
})

// What each layer of the api app costs per request on Node: the same constant answer served by
// @hono/node-server through one more layer at a time (security headers, CORS, the body limit, JWT
// verification, then the api app itself with its router of every feature), sequential keep-alive
// requests from this process. CPU of this process (server and client) per request; the client's
// share is the same in every step, so the differences are the layers'.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { Hono, type MiddlewareHandler } from 'hono'
import { createApiApp } from '../../../edge/api/app.ts'
import { requireUser } from '../../../edge/lib/auth-middleware.ts'
import { EdgeEnv, issuerOf, parseEnv } from '../../../edge/lib/env.ts'
import { apiSecurityHeaders, corsFromAllowList, limitBody } from '../../../edge/lib/http.ts'
import { createVerifier } from '../../../edge/lib/jwt.ts'

export interface MiddlewareRow {
  step: string
  /** CPU microseconds per request (this process), and what the step adds to the one above. */
  cpuUs: number
  addedUs: number
}

type Fetch = (req: Request) => Response | Promise<Response>

/** A bare Hono app answering GET /api/x with a constant, behind `layers`. */
function layered(layers: MiddlewareHandler[]): Fetch {
  const app = new Hono()
  for (const layer of layers) app.use('*', layer)
  app.get('/api/x', (c) => c.json({ ok: true }))
  return app.fetch
}

/** Sequential keep-alive GETs; CPU µs of this process per request. */
async function cpuPerRequest(fetch: Fetch, headers: Record<string, string>, n: number): Promise<number> {
  const server = serve({ fetch, hostname: '127.0.0.1', port: 0 })
  await new Promise((r) => server.once('listening', r))
  const { port } = server.address() as AddressInfo
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 })
  const once = () =>
    new Promise<void>((resolve, reject) => {
      const req = http.get({ host: '127.0.0.1', port, path: '/api/x', headers, agent }, (res) => {
        if (res.statusCode !== 200) reject(new Error(`status ${res.statusCode}`))
        res.resume().on('end', resolve)
      })
      req.on('error', reject)
    })
  try {
    for (let i = 0; i < 500; i++) await once()
    const before = process.cpuUsage()
    for (let i = 0; i < n; i++) await once()
    const used = process.cpuUsage(before)
    return (used.user + used.system) / n
  } finally {
    agent.destroy()
    await new Promise((r) => server.close(r))
  }
}

/** Measures each layer; `env` is the api function's environment, `token` a signed-in user's. */
export async function measureMiddleware(
  env: Record<string, string>,
  token: string,
  n = 5000,
): Promise<MiddlewareRow[]> {
  const edge = parseEnv(EdgeEnv, env)
  const verifier = createVerifier({
    issuer: issuerOf(edge.SUPABASE_URL),
    jwks: edge.SUPABASE_JWKS ? JSON.parse(edge.SUPABASE_JWKS) : undefined,
  })
  const headers = apiSecurityHeaders()
  const cors = corsFromAllowList(['http://localhost:3000'])
  const body = limitBody()
  const auth = requireUser(verifier) as MiddlewareHandler
  const api = createApiApp(env)
  api.app.get('/x', auth, (c) => c.json({ ok: true }))
  const steps: [string, Fetch][] = [
    ['constant answer, bare Hono', layered([])],
    ['+ security headers', layered([headers])],
    ['+ CORS (allow-list)', layered([headers, cors])],
    ['+ body limit', layered([headers, cors, body])],
    ['+ JWT verification (requireUser)', layered([headers, cors, body, auth])],
    ['the api app: its router of every feature', api.app.fetch],
  ]
  const rows: MiddlewareRow[] = []
  try {
    for (const [step, fetch] of steps) {
      const cpuUs = await cpuPerRequest(
        fetch,
        { authorization: `Bearer ${token}`, origin: 'http://localhost:3000' },
        n,
      )
      rows.push({ step, cpuUs, addedUs: cpuUs - (rows.at(-1)?.cpuUs ?? cpuUs) })
    }
  } finally {
    await api.close()
  }
  return rows
}

// The scale benchmark (`npm run bench -- scale`, issue 18): the pages people open most, timed at 1×, 10× and
// 100× the seed. At N×: N schools, each of N seed-sized units (grow.ts), the demo school among them — so the
// demo people's school grows N-fold around them and the platform N²-fold. Migrated and seeded embedded Postgres,
// grown set-based, ANALYZE; the api's routers in process (Node) with real tokens (JWT verified, `withUser`, RLS),
// pool of 10. After every page 50 times, each page's requests as its demo person, one at a time: 20 warm-up,
// then BENCH_REQUESTS (200).
// BENCH_SCALE=1,10 runs fewer sizes.

import type { ApiDeps } from '../../../edge/api/core/router.ts'
import { requireUser } from '../../../edge/lib/auth-middleware.ts'
import { createDb } from '../../../edge/lib/db.ts'
import { createVerifier } from '../../../edge/lib/jwt.ts'
import { benchSigner, startBenchPostgres } from '../bench-db.ts'
import { type Dist, dist } from '../payments/load.ts'
import { growTo, type Size, tableSizes } from './grow.ts'
import { DEMO, demoSessions, PAGES, pagesApp } from './pages.ts'

export interface ScaleCase {
  page: string
  role: string
  /** Milliseconds per page open, per size. */
  bySize: Record<number, Dist>
}

export interface ScaleBenchResult {
  sizes: number[]
  requests: number
  rows: Record<number, Record<string, number>>
  growS: Record<number, number>
  cases: ScaleCase[]
  machine: { cpus: number }
}

export async function runScaleBench(o: {
  root: string
  sizes: number[]
  requests: number
  log: (l: string) => void
}): Promise<ScaleBenchResult> {
  const db = await startBenchPostgres(o.root, 'scale', o.log, 4)
  const api = createDb(db.dbUrl, { max: 10 })
  try {
    const signer = await benchSigner()
    const sessions = await demoSessions(db.sql)
    const tokens = new Map<string, string>()
    for (const id of Object.values(DEMO)) {
      const [u] = await db.sql<{ email: string }[]>`select email from auth.users where id = ${id}`
      tokens.set(id, await signer.tokenFor({ id, email: u?.email ?? '', sessionId: sessions.get(id) ?? '' }))
    }
    const verifier = createVerifier({ issuer: signer.issuer, jwks: JSON.parse(signer.jwks) })
    const app = pagesApp({ sql: api, auth: requireUser(verifier) } as ApiDeps)
    const open = async (paths: string[], token: string) => {
      for (const path of paths) {
        const res = await app.request(path, { headers: { authorization: `Bearer ${token}` } })
        if (res.status !== 200)
          throw new Error(`${path} answered ${res.status}: ${(await res.text()).slice(0, 300)}`)
        await res.arrayBuffer()
      }
    }
    const cases: ScaleCase[] = PAGES.map((p) => ({ page: p.page, role: p.role, bySize: {} }))
    const rows: ScaleBenchResult['rows'] = {}
    const growS: ScaleBenchResult['growS'] = {}
    let at: Size = { schools: 1, units: 1 }
    // The process, the pool's prepared statements and Postgres's caches warm up on every page first, so
    // that the first size measured is not also the first code run.
    o.log('warming up: every page 50 times')
    for (let w = 0; w < 50; w++)
      for (const p of PAGES) await open(p.paths, tokens.get(DEMO[p.role]) as string)
    for (const n of o.sizes) {
      const t0 = performance.now()
      if (n > 1) await growTo(db.sql, at, { schools: n, units: n }, o.log)
      else await db.sql`analyze`
      at = { schools: n, units: n }
      growS[n] = (performance.now() - t0) / 1000
      rows[n] = await tableSizes(db.sql)
      o.log(
        `${n}×: ${Object.entries(rows[n])
          .map(([k, v]) => `${k} ${v.toLocaleString('en-US')}`)
          .join(', ')}`,
      )
      for (const [i, p] of PAGES.entries()) {
        const token = tokens.get(DEMO[p.role]) as string
        for (let w = 0; w < 20; w++) await open(p.paths, token)
        const ms: number[] = []
        for (let r = 0; r < o.requests; r++) {
          const t = performance.now()
          await open(p.paths, token)
          ms.push(performance.now() - t)
        }
        const d = dist(ms)
        ;(cases[i] as ScaleCase).bySize[n] = d
        o.log(`  ${n}× ${p.page} as ${p.role}: p50 ${d.p50.toFixed(1)} ms, p95 ${d.p95.toFixed(1)} ms`)
      }
    }
    return {
      sizes: o.sizes,
      requests: o.requests,
      rows,
      growS,
      cases,
      machine: { cpus: (await import('node:os')).cpus().length },
    }
  } finally {
    await api.end()
    await db.stop()
  }
}

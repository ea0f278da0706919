// The API benchmark: for Node and Deno, the same routes under autocannon, plus a count of the
// Postgres round trips and statements one request costs. Every process it starts is stopped.

import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import os from 'node:os'
import path from 'node:path'
import autocannon from 'autocannon'
import postgres from 'postgres'
import { stopChild } from '../../../scripts/lib/services.ts'
import { stopOnSignal } from '../bench-db.ts'
import { createBenchApp, ROUTES } from './bench-app.ts'
import { type BreakdownRow, measureBreakdown } from './breakdown.ts'
import { machineBusyMs, postmasterPid, snapshotProcs, treeCpuDeltaMs } from './cpu.ts'
import { type MiddlewareRow, measureMiddleware } from './middleware.ts'
import { startPgProxy, type WireCounts } from './pg-proxy.ts'
import { type BenchDb, setupBenchDb } from './setup.ts'

export type CaseKey = keyof typeof ROUTES
export type Runtime = 'node' | 'deno'

/** The measured cases; b' and b'' are experimental variants of withUser (with-user-variants.ts). */
export const CASES: { key: CaseKey; label: string; auth: boolean }[] = [
  { key: 'constant', label: '(a) constant JSON', auth: false },
  { key: 'me', label: '(b) GET /api/me under RLS (withUserRead)', auth: true },
  { key: 'meBare', label: '(b0) withUserRead, same SQL, bare Hono route', auth: true },
  { key: 'meNoRls', label: '(c) same SQL as superuser, no RLS', auth: true },
  { key: 'meTwoTrips', label: "(b') withUser: commit in a 2nd round trip", auth: true },
  { key: 'meSimple', label: "(b'') one simple-protocol message", auth: true },
]

export interface LoadResult {
  runtime: Runtime
  key: CaseKey
  /** Requests served over the measured seconds of all rounds. */
  rps: number
  /** Slowest and fastest round, req/s. */
  rpsMin: number
  rpsMax: number
  /** Median over the rounds of each round's percentile, ms. */
  p50: number
  p99: number
  requests: number
  failed: number
  /** CPU milliseconds per request of the server process tree and of Postgres. */
  serverCpuMs: number
  pgCpuMs: number
  /** Cores busy with other work on the machine meanwhile (it is shared), on average. */
  otherCores: number
}

/** One case in one round. */
interface Sample {
  runtime: Runtime
  key: CaseKey
  rps: number
  p50: number
  p99: number
  requests: number
  seconds: number
  non2xx: number
  errors: number
  serverMs: number
  pgMs: number
  otherMs: number
}

export interface WireResult {
  key: CaseKey
  requests: number
  roundTrips: number
  statements: number
  parses: number
  transactions: number
  counts: WireCounts
}

export interface ApiBenchResult {
  date: string
  machine: {
    cpus: number
    cpuModel: string
    memoryGiB: number
    os: string
    node: string
    deno: string
    postgres: string
  }
  durationS: number
  rounds: number
  warmupS: number
  connections: number
  poolMax: number
  load: LoadResult[]
  wire: WireResult[]
  breakdown: BreakdownRow[]
  middleware: MiddlewareRow[]
}

export interface ApiBenchOptions {
  root: string
  /** Seconds per case per round. */
  durationS: number
  rounds: number
  connections: number
  /** Connections in each server pool (DB_POOL_MAX). */
  poolMax: number
  /** Runtimes to measure (both by default). */
  runtimes?: Runtime[]
  log: (line: string) => void
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** Runs the whole benchmark; stops Postgres and both servers whatever happens. */
export async function runApiBench(opts: ApiBenchOptions): Promise<ApiBenchResult> {
  const { root, log } = opts
  const children = new Set<ChildProcess>()
  let db: BenchDb | undefined
  const release = stopOnSignal(children, () => db?.stop())
  try {
    db = await setupBenchDb(root, (m) => log(`  ${m}`), opts.poolMax)
    const warmupS = Math.max(1, Math.min(3, Math.round(opts.durationS / 4)))
    const runtimes = opts.runtimes ?? (['node', 'deno'] as const)
    const servers = new Map<Runtime, { url: string; pid: number }>()
    for (const runtime of runtimes) {
      log(`${runtime}: starting the bench server`)
      const child = startServer(runtime, root, db.env)
      children.add(child.process)
      const url = await child.ready
      await checkRoutes(url, db.token)
      servers.set(runtime, { url, pid: child.process.pid! })
    }
    // Rounds interleave the cases, so that a burst of other work on this shared machine does not
    // fall on one case only.
    const samples: Sample[] = []
    for (let round = 1; round <= opts.rounds; round++) {
      for (const runtime of runtimes) {
        const server = servers.get(runtime)!
        log(`round ${round}/${opts.rounds}, ${runtime}`)
        for (const c of CASES) {
          const url = server.url + ROUTES[c.key]
          const headers: Record<string, string> = c.auth ? { authorization: `Bearer ${db.token}` } : {}
          if (round === 1) await cannon(url, headers, opts.connections, warmupS)
          const s = await measure(url, headers, opts, server.pid, postmasterPid(db.dataDir))
          samples.push({ runtime, key: c.key, ...s })
          log(
            `  ${c.label.padEnd(42)} ${fmtRps(s.rps)} req/s  p50 ${s.p50} ms  p99 ${s.p99} ms  CPU ms/req: ` +
              `server ${(s.serverMs / s.requests).toFixed(3)}, postgres ${(s.pgMs / s.requests).toFixed(3)}; ` +
              `others ${(s.otherMs / s.seconds / 1000).toFixed(2)} cores`,
          )
          if (s.non2xx || s.errors) log(`  !! ${s.non2xx} non-2xx, ${s.errors} errors`)
        }
      }
    }
    const load = aggregate(samples, runtimes)
    for (const runtime of runtimes) {
      const child = [...children].find((c) => c.pid === servers.get(runtime)!.pid)
      if (child) {
        await stopChild(child)
        children.delete(child)
      }
    }
    log('wire: counting round trips and statements per request')
    const wire = await measureWire(db, log)
    log('postgres: CPU of each step of withUser (sequential, one connection)')
    const breakdown = await measureBreakdown(db)
    for (const b of breakdown)
      log(`  ${b.step.padEnd(50)} ${b.pgCpuMs.toFixed(3)} ms CPU, ${b.wallMs.toFixed(3)} ms wall`)
    log('node: CPU of each layer of the api app (sequential, in this process)')
    const middleware = await measureMiddleware(db.env, db.token)
    for (const m of middleware)
      log(`  ${m.step.padEnd(50)} ${m.cpuUs.toFixed(1)} µs (+${m.addedUs.toFixed(1)})`)
    return {
      date: new Date().toISOString(),
      machine: await machineFacts(root, db.dbUrl),
      durationS: opts.durationS,
      rounds: opts.rounds,
      warmupS,
      connections: opts.connections,
      poolMax: opts.poolMax,
      load,
      wire,
      breakdown,
      middleware,
    }
  } finally {
    release()
    await Promise.allSettled([...children].map((c) => stopChild(c)))
    await db?.stop()
  }
}

/** Spawns the bench server of a runtime; `ready` resolves with its base URL. */
function startServer(runtime: Runtime, root: string, env: Record<string, string>) {
  const file = path.join('test/bench/api', `${runtime}-server.ts`)
  const [cmd, args] =
    runtime === 'node'
      ? [process.execPath, ['--import', 'tsx', file]]
      : [path.join(root, 'node_modules/.bin/deno'), ['run', '-A', '--quiet', file]]
  const child = spawn(cmd, args, {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  })
  const ready = new Promise<string>((resolve, reject) => {
    let stderr = ''
    let up = false
    const timer = setTimeout(
      () => reject(new Error(`${runtime} bench server did not start in 60 s\n${stderr}`)),
      60_000,
    )
    child.stdout!.on('data', (chunk: Buffer) => {
      const m = /listening (\d+)/.exec(chunk.toString())
      if (m && !up) {
        up = true
        clearTimeout(timer)
        resolve(`http://127.0.0.1:${m[1]}`)
      }
    })
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr += chunk.toString()
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      if (!up) reject(new Error(`${runtime} bench server exited (code ${code})\n${stderr.slice(-2000)}`))
    })
  })
  return { process: child, ready }
}

/** Every case answers 200, and the /me variants answer exactly what GET /api/me answers. */
async function checkRoutes(baseUrl: string, token: string) {
  const bodies: Partial<Record<CaseKey, unknown>> = {}
  for (const c of CASES) {
    const res = await fetch(baseUrl + ROUTES[c.key], {
      headers: c.auth ? { authorization: `Bearer ${token}` } : {},
    })
    if (res.status !== 200) throw new Error(`${ROUTES[c.key]} answered ${res.status}: ${await res.text()}`)
    bodies[c.key] = await res.json()
  }
  const me = JSON.stringify(bodies.me)
  const memberships = (bodies.me as { memberships: unknown[] }).memberships.length
  if (memberships !== 3) throw new Error(`GET /api/me shows ${memberships} memberships, expected 3`)
  for (const key of ['meBare', 'meNoRls', 'meTwoTrips', 'meSimple'] as const) {
    if (JSON.stringify(bodies[key]) !== me)
      throw new Error(`${ROUTES[key]} differs from /api/me: ${JSON.stringify(bodies[key])}`)
  }
}

/** One measured run of autocannon, with the CPU that the server, Postgres and others spent. */
async function measure(
  url: string,
  headers: Record<string, string>,
  opts: ApiBenchOptions,
  serverPid: number,
  pgPid: number,
): Promise<Omit<Sample, 'runtime' | 'key'>> {
  const procs0 = snapshotProcs()
  const busy0 = machineBusyMs()
  const own0 = process.cpuUsage()
  const r = await cannon(url, headers, opts.connections, opts.durationS)
  const own = process.cpuUsage(own0)
  const busy = machineBusyMs() - busy0
  const procs1 = snapshotProcs()
  const serverMs = treeCpuDeltaMs(procs0, procs1, serverPid)
  const pgMs = treeCpuDeltaMs(procs0, procs1, pgPid)
  return {
    rps: r.requests.total / r.duration,
    p50: r.latency.p50,
    p99: r.latency.p99,
    requests: r.requests.total,
    seconds: r.duration,
    non2xx: r.non2xx,
    errors: r.errors,
    serverMs,
    pgMs,
    otherMs: Math.max(0, busy - serverMs - pgMs - (own.user + own.system) / 1000),
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  const mid = Math.floor(s.length / 2)
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2
}

/** Sums the rounds of each case: req/s over all measured seconds, median percentiles. */
function aggregate(samples: Sample[], runtimes: readonly Runtime[]): LoadResult[] {
  return runtimes.flatMap((runtime) =>
    CASES.map(({ key }) => {
      const mine = samples.filter((s) => s.runtime === runtime && s.key === key)
      const sum = (f: (s: Sample) => number) => mine.reduce((a, s) => a + f(s), 0)
      const requests = sum((s) => s.requests)
      return {
        runtime,
        key,
        rps: requests / sum((s) => s.seconds),
        rpsMin: Math.min(...mine.map((s) => s.rps)),
        rpsMax: Math.max(...mine.map((s) => s.rps)),
        p50: median(mine.map((s) => s.p50)),
        p99: median(mine.map((s) => s.p99)),
        requests,
        failed: sum((s) => s.non2xx + s.errors),
        serverCpuMs: sum((s) => s.serverMs) / requests,
        pgCpuMs: sum((s) => s.pgMs) / requests,
        otherCores: sum((s) => s.otherMs) / sum((s) => s.seconds) / 1000,
      }
    }),
  )
}

function cannon(url: string, headers: Record<string, string>, connections: number, duration: number) {
  return autocannon({ url, connections, duration, headers, pipelining: 1 })
}

/**
 * Sends N sequential requests per /me case through a counting proxy (pool of one connection) and
 * reads the transactions from pg_stat_database, which a backend flushes when it exits.
 */
async function measureWire(db: BenchDb, log: (l: string) => void): Promise<WireResult[]> {
  const N = 500
  const WARMUP = 10
  const pgPort = Number(new URL(db.dbUrl).port)
  const proxy = await startPgProxy(pgPort)
  const results: WireResult[] = []
  try {
    const proxied = new URL(db.dbUrl)
    proxied.port = String(proxy.port)
    // A fresh connection per read: its own transaction is flushed when it exits, so it adds
    // exactly one to the next read.
    const xacts = async () => {
      const admin = postgres(db.dbUrl, { max: 1, onnotice: () => {} })
      const [row] = await admin`select (xact_commit + xact_rollback)::int as n from pg_stat_database
        where datname = current_database()`
      await admin.end()
      return row.n as number
    }
    for (const key of ['me', 'meBare', 'meNoRls', 'meTwoTrips', 'meSimple'] as const) {
      const before = await xacts()
      const app = createBenchApp({ ...db.env, SUPABASE_DB_URL: proxied.toString(), DB_POOL_MAX: '1' })
      const request = () =>
        app.fetch(
          new Request(`http://bench${ROUTES[key]}`, { headers: { authorization: `Bearer ${db.token}` } }),
        )
      for (let i = 0; i < WARMUP; i++) await (await request()).arrayBuffer()
      proxy.reset()
      for (let i = 0; i < N; i++) {
        const res = await request()
        if (res.status !== 200) throw new Error(`${ROUTES[key]} answered ${res.status}`)
        await res.arrayBuffer()
      }
      const counts = proxy.counts()
      await app.close()
      await sleep(500)
      // Minus the `before` read's own transaction.
      const transactions = (await xacts()) - before - 1
      const r: WireResult = {
        key,
        requests: N,
        roundTrips: counts.roundTrips / N,
        statements: (counts.completed + counts.errors) / N,
        parses: counts.parses / N,
        transactions: transactions / (N + WARMUP),
        counts,
      }
      results.push(r)
      log(
        `  ${key.padEnd(10)} ${r.statements.toFixed(2)} statements, ${r.roundTrips.toFixed(2)} round trips, ` +
          `${r.transactions.toFixed(2)} transactions per request`,
      )
    }
  } finally {
    await proxy.close()
  }
  return results
}

async function machineFacts(root: string, dbUrl: string): Promise<ApiBenchResult['machine']> {
  const sql = postgres(dbUrl, { max: 1, onnotice: () => {} })
  try {
    const [{ version }] = await sql`select current_setting('server_version') as version`
    const deno = execFileSync(path.join(root, 'node_modules/.bin/deno'), ['--version'])
      .toString()
      .split('\n')[0]
    return {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown',
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
      os: `${os.type()} ${os.release()} ${os.arch()}`,
      node: process.version,
      deno: deno.replace(/^deno /, '').replace(/ \(.*$/, ''),
      postgres: version as string,
    }
  } finally {
    await sql.end()
  }
}

export const fmtRps = (n: number) => Math.round(n).toLocaleString('en-US').padStart(7)

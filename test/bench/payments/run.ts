// The payments benchmark (`npm run bench -- payments`, issue 15). First the Stripe webhook: signed
// checkout.session.completed events at 200/s for 30 s (BENCH_DURATION shortens it), 20% of the sends
// duplicates, open-loop to the deployed stripe-webhook entry under Deno, against the same deliveries to
// a bare Deno.serve that only verifies the signature (the baseline, in the same run); afterwards SQL
// checks that every payment took effect exactly once. Then the ledger: an instructor with 100,000
// entries and the wallet's balance query under RLS against the same aggregate without it (ledger.ts).
import { type ChildProcess, spawn } from 'node:child_process'
import os from 'node:os'
import path from 'node:path'
import type postgres from 'postgres'
import { stopChild } from '../../../scripts/lib/services.ts'
import { type StripeSimulator, startStripeSimulator } from '../../../scripts/lib/stripe-simulator.ts'
import { machineBusyMs, postmasterPid, snapshotProcs, treeCpuDeltaMs } from '../api/cpu.ts'
import { benchSigner, SUPABASE_URL, startBenchPostgres, stopOnSignal } from '../bench-db.ts'
import { type LedgerResult, runLedgerBench } from './ledger.ts'
import {
  checkoutCompleted,
  type Delivery,
  type DeliveryKind,
  type Dist,
  dist,
  drive,
  oneByOne,
  type Sent,
  schedule,
} from './load.ts'
import { type Check, COURSES, checkEffects, prepareSchool } from './setup.ts'

export interface SideResult {
  /** One delivery at a time (closed loop, new events): the time with no queue. */
  oneByOne: Dist
  /** The open-loop run. */
  latency: Dist
  /** Answers other than 200 (and broken connections). */
  errors: number
  /** What the answers said (queued, duplicate; received for the baseline), by count. */
  outcomes: Record<string, number>
  /** How late the generator sent against its schedule, worst case (ms): small means truly open-loop. */
  maxLag: number
  /** Deliveries over the time from the first send to the last answer: below the rate, a queue grew. */
  answeredPerS: number
  /** CPU per delivery (ms) of the Deno process and of Postgres, and the machine's other work (cores). */
  cpu: { serverMs: number; postgresMs: number; otherCores: number }
  /** When the open-loop run began. */
  startedAt: Date
}

export interface FunctionTime {
  name: string
  /** Calls and milliseconds (own, and with what it calls) per applied event. */
  calls: number
  selfMs: number
  totalMs: number
}

export interface PaymentsBenchResult {
  rate: number
  durationS: number
  sends: number
  events: number
  duplicates: Record<Exclude<DeliveryKind, 'original'>, number>
  baseline: SideResult
  webhook: SideResult
  inbox: InboxFigures
  /** Where Postgres spent its time during stripe-webhook's deliveries, per applied event (track_functions). */
  functions: FunctionTime[]
  /** The database's and the answers' account of the effects; all must match for the run to pass. */
  checks: Check[]
  payments: number
  ledger: LedgerResult
  machine: { cpus: number; cpuModel: string; load: number }
}

const SECRET = 'whsec_bench_kipindi_payments_0123456789'
const WARMUP_EVENTS = 100
const SERIAL_EVENTS = 200

/** Starts `file` under Deno on a free port (DENO_SERVE_ADDRESS); resolves with the port it printed. */
function startDeno(
  root: string,
  label: string,
  file: string,
  env: Record<string, string>,
  children: Set<ChildProcess>,
) {
  const child = spawn(path.join(root, 'node_modules/.bin/deno'), ['run', '-A', file], {
    cwd: root,
    env: { ...process.env, ...env, DENO_SERVE_ADDRESS: 'tcp:127.0.0.1:0' },
    stdio: ['pipe', 'pipe', 'pipe'],
  })
  children.add(child)
  return new Promise<{ child: ChildProcess; port: number }>((resolve, reject) => {
    let output = ''
    const timer = setTimeout(() => reject(new Error(`${label} did not start in 60 s: ${output}`)), 60_000)
    const read = (d: Buffer) => {
      output = (output + d.toString()).slice(-4000)
      const m = /Listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(output)
      if (m) {
        clearTimeout(timer)
        resolve({ child, port: Number(m[1]) })
      }
    }
    child.stdout!.on('data', read)
    child.stderr!.on('data', read)
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`${label} exited (${code}): ${output.slice(-2000)}`))
    })
  })
}

/**
 * One server's figures: `serial` new events one at a time, then the open-loop deliveries with the CPU
 * of the server (its process tree), of Postgres and of the rest of the machine over the run.
 */
async function measure(
  label: string,
  server: { child: ChildProcess; port: number },
  postgresPid: number,
  run: { deliveries: Delivery[]; serial: number[]; payloadOf: (event: number) => string },
  log: (l: string) => void,
  /** Waits for work the server does after answering (the webhook's inbox), inside the CPU window. */
  settle: () => Promise<void> = async () => {},
): Promise<SideResult> {
  const serial = await oneByOne(server.port, run.serial, run.payloadOf, SECRET)
  if (serial.failed) throw new Error(`${label}: ${serial.failed} of the one-by-one deliveries failed`)
  await settle()
  const d1 = dist(serial.ms)
  log(
    `  ${label}: ${run.serial.length} one at a time, p50 ${d1.p50.toFixed(1)} ms, p99 ${d1.p99.toFixed(1)} ms`,
  )
  const progress = (done: Sent[], s: number) => {
    const d = dist(done.map((x) => x.ms))
    const errors = done.filter((x) => x.status !== 200).length
    log(
      `  ${label}: ${s} s, ${done.length} answered, p50 ${d.p50.toFixed(1)} ms, p99 ${d.p99.toFixed(1)} ms` +
        (errors ? `, ${errors} errors` : ''),
    )
  }
  const before = snapshotProcs()
  const busyBefore = machineBusyMs()
  const benchBefore = process.cpuUsage()
  const startedAt = new Date()
  const start = performance.now()
  const sent = await drive(server.port, run.deliveries, run.payloadOf, SECRET, progress)
  const elapsed = performance.now() - start
  await settle()
  const cpuElapsed = performance.now() - start
  const after = snapshotProcs()
  const busy = machineBusyMs() - busyBefore
  const bench = process.cpuUsage(benchBefore)
  const serverMs = treeCpuDeltaMs(before, after, server.child.pid!)
  const postgresMs = treeCpuDeltaMs(before, after, postgresPid)
  const outcomes: Record<string, number> = {}
  for (const x of sent) outcomes[x.outcome] = (outcomes[x.outcome] ?? 0) + 1
  const n = sent.length
  return {
    oneByOne: d1,
    latency: dist(sent.map((x) => x.ms)),
    errors: sent.filter((x) => x.status !== 200).length,
    outcomes,
    maxLag: sent.reduce((m, x) => Math.max(m, x.lag), 0),
    answeredPerS: n / (elapsed / 1000),
    cpu: {
      serverMs: serverMs / n,
      postgresMs: postgresMs / n,
      otherCores: Math.max(0, busy - serverMs - postgresMs - (bench.user + bench.system) / 1000) / cpuElapsed,
    },
    startedAt,
  }
}

/**
 * The functions Postgres spent most time in (own time) since the last reset, and
 * record_payment_success, per applied event.
 */
async function functionTimes(sql: postgres.Sql, applied: number): Promise<FunctionTime[]> {
  const rows = await sql`
    select schemaname || '.' || funcname as name, calls::int, self_time, total_time
    from pg_stat_user_functions order by self_time desc`
  return rows
    .filter((r, i) => i < 8 || r.name === 'private.record_payment_success')
    .map((r) => ({
      name: r.name,
      calls: r.calls / applied,
      selfMs: r.self_time / applied,
      totalMs: r.total_time / applied,
    }))
}

/** Waits until the webhook's inbox has applied every stored event (polling, as an operator would). */
async function inboxDrained(sql: postgres.Sql, timeoutMs = 120_000): Promise<void> {
  const until = Date.now() + timeoutMs
  for (;;) {
    const [r] = await sql`select count(*)::int as n from private.stripe_inbox where state = 'pending'`
    if (r?.n === 0) return
    if (Date.now() > until) throw new Error(`the inbox still has ${r?.n} events to apply`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

/** Receipt → applied, per event stored since `since` (ms), and how the events ended. */
async function inboxFigures(sql: postgres.Sql, since: Date): Promise<InboxFigures> {
  const lag = await sql<{ ms: number }[]>`
    select extract(epoch from done_at - received_at)::float8 * 1000 as ms
    from private.stripe_inbox where received_at >= ${since} and done_at is not null`
  const states = await sql<{ state: string; n: number }[]>`
    select state, count(*)::int as n from private.stripe_inbox group by state`
  return {
    applyLag: dist(lag.map((r) => r.ms)),
    states: Object.fromEntries(states.map((r) => [r.state, r.n])),
  }
}

export interface InboxFigures {
  /** From the ack's insert to the effect's commit being marked, over the open-loop run's events. */
  applyLag: Dist
  /** Every stored event (warm-up, one at a time, the run) by how it ended. */
  states: Record<string, number>
}

export async function runPaymentsBench(o: {
  root: string
  durationS: number
  rate?: number
  log: (l: string) => void
}): Promise<PaymentsBenchResult> {
  const rate = o.rate ?? 200
  const { deliveries, events } = schedule(rate, o.durationS * 1000)
  const db = await startBenchPostgres(o.root, 'payments', o.log)
  const children = new Set<ChildProcess>()
  const release = stopOnSignal(children, () => db.stop())
  let stripe: StripeSimulator | null = null
  try {
    o.log(
      `preparing ${events + WARMUP_EVENTS + SERIAL_EVENTS} pending Stripe payments over ${COURSES} instructor courses`,
    )
    const { school, instructor, payments } = await prepareSchool(
      db.sql,
      events + WARMUP_EVENTS + SERIAL_EVENTS,
    )
    // Per-function timings of the bench's own Postgres (see functionTimes).
    await db.sql`alter system set track_functions = 'all'`
    await db.sql`select pg_reload_conf()`
    const signer = await benchSigner()
    // The local Stripe's API, as on a stack with STRIPE_SECRET_KEY: the function's reconciliation pass
    // reads GET /v1/events (empty here) at start, as it would in production.
    stripe = await startStripeSimulator()
    const env = {
      STRIPE_SECRET_KEY: stripe.env.STRIPE_SECRET_KEY,
      STRIPE_API_BASE: stripe.env.STRIPE_API_BASE,
      SUPABASE_URL,
      SUPABASE_DB_URL: db.dbUrl,
      SUPABASE_ANON_KEY: signer.keys.anonKey,
      SUPABASE_SERVICE_ROLE_KEY: signer.keys.serviceRoleKey,
      SUPABASE_JWKS: signer.jwks,
      STRIPE_WEBHOOK_SECRET: SECRET,
    }
    const [baseline, webhook] = await Promise.all([
      startDeno(
        o.root,
        'the verify-only baseline',
        'test/bench/payments/verify-only-server.ts',
        env,
        children,
      ),
      startDeno(o.root, 'stripe-webhook', 'test/bench/payments/webhook-server.ts', env, children),
    ])
    o.log(`stripe-webhook under Deno on port ${webhook.port}, the verify-only baseline on ${baseline.port}`)

    // Each event's body is made at its first send (created = then) and sent unchanged by its duplicates.
    const bodies = new Map<number, string>()
    const payloadOf = (event: number) => {
      let body = bodies.get(event)
      if (!body) {
        body = checkoutCompleted(
          `evt_1Bench${String(event).padStart(8, '0')}`,
          payments[event],
          Math.floor(Date.now() / 1000),
        )
        bodies.set(event, body)
      }
      return body
    }
    // Warm-up (JIT, sockets, pools, plans): the spare payments, each sent twice at once, to both servers.
    const warmup: Delivery[] = Array.from({ length: WARMUP_EVENTS }, (_, i) => [
      { event: events + i, at: i * 10, kind: 'original' as const },
      { event: events + i, at: i * 10, kind: 'concurrent' as const },
    ]).flat()
    o.log(`warming up both servers: ${WARMUP_EVENTS} events, each sent twice at once`)
    await drive(baseline.port, warmup, payloadOf, SECRET)
    const warm = await drive(webhook.port, warmup, payloadOf, SECRET)
    if (warm.some((s) => s.status !== 200))
      throw new Error(`warm-up: ${warm.filter((s) => s.status !== 200).length} deliveries failed`)
    await inboxDrained(db.sql)

    const dupes = deliveries.length - events
    const run = {
      deliveries,
      serial: Array.from({ length: SERIAL_EVENTS }, (_, i) => events + WARMUP_EVENTS + i),
      payloadOf,
    }
    const pgPid = postmasterPid(db.dataDir)
    o.log(
      `baseline: ${SERIAL_EVENTS} deliveries one at a time, then ${deliveries.length} at ${rate}/s for ${o.durationS} s ` +
        `(${dupes} duplicates), to the verify-only server`,
    )
    const base = await measure('baseline', baseline, pgPid, run, o.log)
    o.log('stripe-webhook: the same deliveries')
    await db.sql`select pg_stat_reset()`
    const hook = await measure('stripe-webhook', webhook, pgPid, run, o.log, () => inboxDrained(db.sql))
    const inbox = await inboxFigures(db.sql, hook.startedAt)
    o.log(
      `  stripe-webhook: applied after the ack in p50 ${inbox.applyLag.p50.toFixed(1)} ms, p99 ${inbox.applyLag.p99.toFixed(1)} ms`,
    )
    // Closing its connections makes Postgres flush their function statistics.
    await Promise.allSettled([...children].map((c) => stopChild(c)))
    const functions = await functionTimes(db.sql, SERIAL_EVENTS + events)

    o.log('checking the effects in the database')
    const checks = await checkEffects(db.sql, school, instructor, payments.length)
    checks.push(
      { name: 'deliveries answered as new (stored)', expected: events, found: hook.outcomes.queued ?? 0 },
      { name: 'deliveries answered as duplicates', expected: dupes, found: hook.outcomes.duplicate ?? 0 },
      {
        name: 'events applied from the inbox',
        expected: events + WARMUP_EVENTS + SERIAL_EVENTS,
        found: inbox.states.applied ?? 0,
      },
      {
        name: 'events not applied (pending, failed, ignored, duplicate)',
        expected: 0,
        found: Object.entries(inbox.states).reduce((n, [k, v]) => (k === 'applied' ? n : n + v), 0),
      },
    )
    const wrong = checks.filter((c) => c.found !== c.expected)
    for (const c of checks) {
      o.log(
        `  ${c.found === c.expected ? 'ok' : 'WRONG'} ${c.name}: ${c.found}${c.found === c.expected ? '' : ` (expected ${c.expected})`}`,
      )
    }
    if (wrong.length) {
      throw new Error(
        `double (or missing) effects: ${wrong.map((c) => `${c.name} ${c.found}, expected ${c.expected}`).join('; ')}`,
      )
    }
    o.log('0 double effects')

    const ledger = await runLedgerBench(db, { log: o.log })
    const count = (k: DeliveryKind) => deliveries.filter((d) => d.kind === k).length
    return {
      rate,
      durationS: o.durationS,
      sends: deliveries.length,
      events,
      duplicates: { concurrent: count('concurrent'), next: count('next'), replay: count('replay') },
      baseline: base,
      webhook: hook,
      inbox,
      functions,
      checks,
      payments: payments.length,
      ledger,
      machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? 'unknown', load: os.loadavg()[0] },
    }
  } finally {
    release()
    await stripe?.close()
    await Promise.allSettled([...children].map((c) => stopChild(c)))
    await db.stop()
  }
}

// The live benchmark (issue 4): 500 open tickets, each with its requester's and a staff member's
// socket subscribed on our realtime server (`realtime/main.ts` as deployed); 50 messages per second
// in all, posted through the API (`POST /api/tickets/:id/messages`, the api function served by
// @hono/node-server as in the API benchmark), each timed from the POST to its arrival on the other
// party's socket. The baseline, in the same run: a bare `ws` relay moving the same messages between
// as many socket pairs at the same rate. Every process it starts is stopped, whatever happens.

import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import os from 'node:os'
import type WebSocket from 'ws'
import { stopChild } from '../../../scripts/lib/services.ts'
import { machineBusyMs, postmasterPid, snapshotProcs, treeCpuDeltaMs } from '../api/cpu.ts'
import { stopOnSignal } from '../bench-db.ts'
import {
  drive,
  heard,
  inBatches,
  messageBody,
  newRecorder,
  openSocket,
  percentile,
  type Recorder,
  receive,
} from './load.ts'
import { type LiveBenchDb, setupLiveBenchDb } from './setup.ts'

export const TICKETS = 500
export const STAFF = 50
export const RATE = 50

export type ServerKind = 'kipindi' | 'relay'

export interface CaseResult {
  server: ServerKind
  connectS: number
  /** Messages sent during the measured phase, and how many reached the other party. */
  messages: number
  delivered: number
  failed: number
  p50: number
  p99: number
  max: number
  /** The API's answer to the POST (ours): p50 and p99, ms. */
  answerP50?: number
  answerP99?: number
  /** From the NOTIFY (heard by the bench's own LISTEN) to the other party's socket (ours): p50, p99. */
  hopP50?: number
  hopP99?: number
  /** CPU milliseconds of the measured phase: the server process, and (ours) the API and Postgres. */
  serverCpuMs: number
  apiCpuMs?: number
  pgCpuMs?: number
  /** Cores busy with work that is not this benchmark's meanwhile (the machine is shared), on average. */
  otherCores: number
}

export interface LiveBenchResult {
  date: string
  machine: { cpus: number; cpuModel: string; memoryGiB: number; os: string; node: string; postgres: string }
  durationS: number
  warmupS: number
  tickets: number
  staff: number
  rate: number
  cases: CaseResult[]
}

export interface LiveBenchOptions {
  root: string
  durationS: number
  log: (line: string) => void
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))

/** Starts one server process; resolves with its port once it says it listens. */
export function startProcess(label: string, root: string, args: string[], env: Record<string, string>) {
  // BENCH_LIVE_PROFILE=<dir>: each server writes a V8 CPU profile there when it stops.
  const profile = process.env.BENCH_LIVE_PROFILE
  const prof = profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}/${label.replace(/\W+/g, '-')}`] : []
  const child = spawn(process.execPath, [...prof, '--import', 'tsx', ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    // stdin stays open: the api bench server stops when it ends (the benchmark died).
    stdio: ['pipe', 'pipe', 'pipe'],
  })
  let output = ''
  const ready = new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${label} did not start\n${output}`)), 60_000)
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      const m = /listening (?:on ws:\/\/[^:]+:)?(\d+)/.exec(output)
      if (m) {
        clearTimeout(timer)
        resolve(Number(m[1]))
      }
    }
    child.stdout!.on('data', onData)
    child.stderr!.on('data', (c: Buffer) => {
      output += c.toString()
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`${label} exited (${code})\n${output.slice(-2000)}`))
    })
  })
  ready.catch(() => {})
  return { child, ready, output: () => output }
}

/** The measured phase: CPU of the given processes around `drive`, then a wait for stragglers. */
async function measure(
  rec: Recorder,
  opts: LiveBenchOptions & { warmupS: number },
  label: string,
  pids: { server: number; api?: number; pg?: number },
  send: (seq: number, ticket: number, side: 0 | 1) => void,
): Promise<Omit<CaseResult, 'server' | 'connectS'>> {
  const { log } = opts
  log(`  ${label}: warming up ${opts.warmupS} s`)
  await drive(rec, TICKETS, RATE, opts.warmupS * 1000, send)
  await sleep(500)
  rec.recording = true
  const failedBefore = rec.failed
  const before = snapshotProcs()
  const busyBefore = machineBusyMs()
  const benchBefore = process.cpuUsage()
  const startedAt = performance.now()
  const progress = (s: number) =>
    log(
      `  ${label}: ${s.toFixed(0)} s, ${rec.samples.length} delivered, p50 ${percentile(rec.samples, 50).toFixed(1)} ms, ` +
        `p99 ${percentile(rec.samples, 99).toFixed(1)} ms` +
        (rec.answers.length
          ? ` (API answered p50 ${percentile(rec.answers, 50).toFixed(1)} / p99 ${percentile(rec.answers, 99).toFixed(1)} ms;` +
            ` NOTIFY → socket p50 ${percentile(rec.hops, 50).toFixed(1)} / p99 ${percentile(rec.hops, 99).toFixed(1)} ms)`
          : '') +
        `${rec.failed > failedBefore ? `, ${rec.failed - failedBefore} failed` : ''}`,
    )
  const messages = await drive(rec, TICKETS, RATE, opts.durationS * 1000, send, progress)
  // Stragglers: wait (up to 3 s) for the last messages to arrive, then read the CPU.
  const until = performance.now() + 3000
  while ([...rec.pending.values()].some((p) => p.recorded) && performance.now() < until) await sleep(20)
  const after = snapshotProcs()
  const busy = machineBusyMs() - busyBefore
  const bench = process.cpuUsage(benchBefore)
  const elapsed = performance.now() - startedAt
  rec.recording = false
  const cpu = (pid?: number) => (pid === undefined ? undefined : treeCpuDeltaMs(before, after, pid))
  const ours = [pids.server, pids.api, pids.pg].reduce<number>((sum, pid) => sum + (cpu(pid) ?? 0), 0)
  return {
    otherCores: Math.max(0, busy - ours - (bench.user + bench.system) / 1000) / elapsed,
    messages,
    delivered: rec.samples.length,
    failed: rec.failed - failedBefore,
    p50: percentile(rec.samples, 50),
    p99: percentile(rec.samples, 99),
    max: rec.samples.reduce((a, b) => Math.max(a, b), 0),
    answerP50: rec.answers.length ? percentile(rec.answers, 50) : undefined,
    answerP99: rec.answers.length ? percentile(rec.answers, 99) : undefined,
    hopP50: rec.hops.length ? percentile(rec.hops, 50) : undefined,
    hopP99: rec.hops.length ? percentile(rec.hops, 99) : undefined,
    serverCpuMs: cpu(pids.server)!,
    apiCpuMs: cpu(pids.api),
    pgCpuMs: cpu(pids.pg),
  }
}

/** Our stack: the API posts, Postgres notifies, the realtime server delivers. */
async function runKipindi(
  db: LiveBenchDb,
  opts: LiveBenchOptions & { warmupS: number },
  children: Set<ChildProcess>,
): Promise<CaseResult> {
  const { log, root } = opts
  const api = startProcess('api bench server', root, ['test/bench/api/node-server.ts'], db.env)
  const realtime = startProcess('realtime server', root, ['realtime/main.ts'], {
    ...db.env,
    DB_POOL_MAX: '4',
    INSTANCE_ID: 'bench-live',
  })
  children.add(api.child)
  children.add(realtime.child)
  const [apiPort, rtPort] = await Promise.all([api.ready, realtime.ready])
  const apiUrl = `http://127.0.0.1:${apiPort}/api`
  const rec = newRecorder()
  const sockets: [WebSocket, WebSocket][] = []
  // The bench's own LISTEN: when each message's NOTIFY left Postgres, to split the latency.
  const listener = await db.sql.listen('live', (payload) => heard(rec, payload))
  try {
    log(`  kipindi: connecting ${TICKETS * 2} sockets, each subscribing to its ticket`)
    const t0 = performance.now()
    const opened = await inBatches(
      db.tickets.flatMap((ticket, i) =>
        ([0, 1] as const).map((side) => () => {
          const token = side === 0 ? ticket.requesterToken : ticket.staffToken
          const topic = `ticket:${ticket.id}`
          return openSocket(
            `ws://127.0.0.1:${rtPort}/realtime/v1/live?token=${token}`,
            (frame) => receive(rec, side, frame),
            (ws, frame) => {
              if (frame === undefined) {
                ws.send(JSON.stringify({ type: 'subscribe', topic, id: i }))
                return false
              }
              const m = JSON.parse(frame)
              if (m.type === 'error') throw new Error(`subscribe ${topic}: ${m.message}`)
              return m.type === 'subscribed'
            },
          )
        }),
      ),
      50,
    )
    for (let i = 0; i < opened.length; i += 2) sockets.push([opened[i], opened[i + 1]])
    const connectS = (performance.now() - t0) / 1000
    log(`  kipindi: ${opened.length} sockets subscribed in ${connectS.toFixed(1)} s`)

    const send = (seq: number, ticket: number, side: 0 | 1) => {
      const t = db.tickets[ticket]
      const at = performance.now()
      const recording = rec.recording
      fetch(`${apiUrl}/tickets/${t.id}/messages`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${side === 0 ? t.requesterToken : t.staffToken}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ body: messageBody(seq) }),
      }).then(
        async (res) => {
          if (res.status === 201) {
            await res.arrayBuffer()
            if (recording) rec.answers.push(performance.now() - at)
            return
          }
          rec.failed++
          rec.pending.delete(seq)
          rec.lastError = `${res.status} ${(await res.text()).slice(0, 200)}`
        },
        (error) => {
          rec.failed++
          rec.pending.delete(seq)
          rec.lastError = String(error)
        },
      )
    }
    const result = await measure(
      rec,
      opts,
      'kipindi',
      { server: realtime.child.pid!, api: api.child.pid!, pg: postmasterPid(db.dataDir) },
      send,
    )
    if (rec.lastError) log(`  kipindi: last failure: ${rec.lastError}`)
    return { server: 'kipindi', connectS, ...result }
  } finally {
    await listener.unlisten()
    for (const pair of sockets) for (const ws of pair) ws.terminate()
    for (const p of [api, realtime]) {
      await stopChild(p.child)
      children.delete(p.child)
    }
  }
}

/** The bare relay: the same messages, as the frames our server would deliver, between socket pairs. */
async function runRelay(
  db: LiveBenchDb,
  opts: LiveBenchOptions & { warmupS: number },
  children: Set<ChildProcess>,
): Promise<CaseResult> {
  const { log, root } = opts
  const relay = startProcess('relay server', root, ['test/bench/live/relay-server.ts'], {})
  children.add(relay.child)
  const port = await relay.ready
  const rec = newRecorder()
  const sockets: [WebSocket, WebSocket][] = []
  try {
    log(`  relay: connecting ${TICKETS * 2} sockets in ${TICKETS} pairs`)
    const t0 = performance.now()
    const opened = await inBatches(
      db.tickets.flatMap((_t, i) =>
        ([0, 1] as const).map(
          (side) => () =>
            openSocket(
              `ws://127.0.0.1:${port}/?pair=${i}`,
              (frame) => receive(rec, side, frame),
              () => true,
            ),
        ),
      ),
      50,
    )
    for (let i = 0; i < opened.length; i += 2) sockets.push([opened[i], opened[i + 1]])
    const connectS = (performance.now() - t0) / 1000
    const send = (seq: number, ticket: number, side: 0 | 1) => {
      const t = db.tickets[ticket]
      // What our server delivers for a message, with the same body.
      sockets[ticket][side].send(
        JSON.stringify({
          type: 'event',
          topic: `ticket:${t.id}`,
          event: 'message',
          data: {
            id: seq + 1,
            ticket_id: t.id,
            author_id: '00000000-0000-4000-a000-000000000006',
            author_name: 'Live 1',
            author_is_staff: side === 1,
            body: messageBody(seq),
            internal: false,
            system: false,
            created_at: new Date().toISOString(),
          },
        }),
      )
    }
    const result = await measure(rec, opts, 'relay', { server: relay.child.pid! }, send)
    return { server: 'relay', connectS, ...result }
  } finally {
    for (const pair of sockets) for (const ws of pair) ws.terminate()
    await stopChild(relay.child)
    children.delete(relay.child)
  }
}

/** Runs the whole benchmark; stops Postgres and the servers whatever happens. */
export async function runLiveBench(opts: LiveBenchOptions): Promise<LiveBenchResult> {
  const { root, log } = opts
  const children = new Set<ChildProcess>()
  let db: LiveBenchDb | undefined
  const release = stopOnSignal(children, () => db?.stop())
  try {
    db = await setupLiveBenchDb(root, (m) => log(`  ${m}`), { tickets: TICKETS, staff: STAFF })
    const warmupS = Math.max(3, Math.min(5, Math.round(opts.durationS / 6)))
    const o = { ...opts, warmupS }
    log(`kipindi: API → Postgres NOTIFY → realtime server, ${RATE} messages/s over ${TICKETS} tickets`)
    const kipindi = await runKipindi(db, o, children)
    log(`relay: bare ws relay, ${RATE} messages/s over ${TICKETS} socket pairs`)
    const relay = await runRelay(db, o, children)
    const [version] = await db.sql`show server_version`
    return {
      date: new Date().toISOString(),
      machine: machineFacts(version?.server_version ?? '?'),
      durationS: opts.durationS,
      warmupS,
      tickets: TICKETS,
      staff: STAFF,
      rate: RATE,
      cases: [kipindi, relay],
    }
  } finally {
    release()
    await Promise.allSettled([...children].map((c) => stopChild(c)))
    await db?.stop()
  }
}

function machineFacts(postgres: string) {
  const cpus = os.cpus()
  let osName = `${os.type()} ${os.release()} ${os.arch()}`
  try {
    osName = `${execFileSync('uname', ['-srm']).toString().trim()}`
  } catch {}
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model ?? 'unknown',
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    os: osName,
    node: process.version,
    postgres,
  }
}

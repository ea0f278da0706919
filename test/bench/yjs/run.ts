// The Yjs benchmark: our realtime server (`realtime/main.ts`: JWT + database access check,
// persistence to Postgres) against the plain in-memory `@y/websocket-server` and against Hocuspocus
// with its Database extension storing in the same Postgres, each as its own process, driven by stock
// providers in this process (y-websocket's; Hocuspocus's own for Hocuspocus). The servers take turns
// in alternating order. Every process it starts is stopped, whatever happens.
// BENCH_YJS_PROFILE=<dir> runs each server with --cpu-prof and writes its V8 CPU profile there
// (`<kind>-<scenario>.cpuprofile`); the profiler slows the servers, so such a run is a diagnosis.

import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { mkdirSync, readdirSync, readFileSync, renameSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { stopChild } from '../../../scripts/lib/services.ts'
import { postmasterPid, snapshotProcs, treeCpuDeltaMs } from '../api/cpu.ts'
import { stopOnSignal } from '../bench-db.ts'
import { type ColdLoad, type CompactionStall, measureColdLoads, storeLessonOfSize } from './cold-load.ts'
import {
  type BenchClient,
  connectRooms,
  disconnectAll,
  drive,
  hocuspocusClient,
  type Latencies,
  percentile,
  yWebsocketClient,
} from './load.ts'
import type { MemoryReading } from './memory-probe.ts'
import { setupYjsBenchDb, type YjsBenchDb } from './setup.ts'

export type ServerKind = 'baseline' | 'kipindi' | 'hocuspocus'

const SERVER_FILES: Record<ServerKind, string> = {
  baseline: 'test/bench/yjs/baseline-server.ts',
  kipindi: 'test/bench/yjs/kipindi-server.ts',
  hocuspocus: 'test/bench/yjs/hocuspocus-server.ts',
}

/** The order the servers take turns in, scenario by scenario (alternating, so none always goes first). */
export const SERVER_ORDER: ServerKind[][] = [
  ['baseline', 'kipindi', 'hocuspocus'],
  ['hocuspocus', 'kipindi', 'baseline'],
]

export interface Scenario {
  key: 'rooms' | 'crowd'
  label: string
  rooms: number
  perRoom: number
  /** Updates per second, all clients together. */
  rate: number
}

export const SCENARIOS: Scenario[] = [
  { key: 'rooms', label: '500 rooms × 3 clients, 350 updates/s', rooms: 500, perRoom: 3, rate: 350 },
  { key: 'crowd', label: '1 room × 50 editors, 5 updates/s each', rooms: 1, perRoom: 50, rate: 250 },
]

export interface ScenarioResult {
  server: ServerKind
  scenario: Scenario['key']
  connectS: number
  updates: number
  deliveries: number
  p50: number
  p99: number
  /** CPU seconds of the server process and of Postgres during the measured phase. */
  serverCpuS: number
  pgCpuS: number
  /**
   * Server memory after a full collection: before the clients came (after a warm-up), with one
   * idle client per room, and with all of them.
   */
  memory: { before: MemoryReading; one: MemoryReading; all: MemoryReading }
  /** Sockets the server closed (or that failed) during the measured phase. */
  closes: number
}

export interface YjsBenchResult {
  date: string
  machine: { cpus: number; cpuModel: string; memoryGiB: number; os: string; node: string; postgres: string }
  /** Versions of the servers we compare with. */
  versions: { hocuspocus: string; yWebsocketServer: string }
  durationS: number
  warmupS: number
  scenarios: ScenarioResult[]
  coldLoads: ColdLoad[]
  compaction: CompactionStall
}

export interface YjsBenchOptions {
  root: string
  durationS: number
  log: (line: string) => void
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))

const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(1)

// 1,500 providers each add a process 'exit' listener (y-websocket in Node).
process.setMaxListeners(0)

/** A server's heap and RSS after a full collection (see memory-probe.ts). */
function memoryOf(child: ChildProcess): Promise<MemoryReading> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the server did not report its memory')), 10_000)
    child.once('message', (m) => {
      clearTimeout(timer)
      resolve(m as MemoryReading)
    })
    child.send('memory')
  })
}

/** Starts one server process; resolves with its port once it listens. */
function startServer(kind: ServerKind, root: string, env: Record<string, string>, profileDir?: string) {
  const profile = profileDir ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : []
  const child = spawn(process.execPath, ['--expose-gc', ...profile, '--import', 'tsx', SERVER_FILES[kind]], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  })
  let output = ''
  const ready = new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${kind} server did not start\n${output}`)), 60_000)
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
      reject(new Error(`${kind} server exited (${code})\n${output.slice(-2000)}`))
    })
  })
  ready.catch(() => {})
  return { child, ready, output: () => output }
}

export async function runScenario(
  kind: ServerKind,
  scenario: Scenario,
  db: YjsBenchDb,
  lessons: string[],
  warmup: string[],
  opts: YjsBenchOptions & { warmupS: number },
  children: Set<ChildProcess>,
): Promise<ScenarioResult> {
  const { log } = opts
  const profileDir = process.env.BENCH_YJS_PROFILE
    ? path.resolve(process.env.BENCH_YJS_PROFILE, `${kind}-${scenario.key}`)
    : undefined
  if (profileDir) mkdirSync(profileDir, { recursive: true })
  const server = startServer(kind, opts.root, { ...db.env, INSTANCE_ID: `bench-${kind}` }, profileDir)
  children.add(server.child)
  const port = await server.ready
  const pid = server.child.pid!
  const url = `ws://127.0.0.1:${port}/realtime/v1/yjs`
  const client = kind === 'hocuspocus' ? hocuspocusClient : yWebsocketClient
  const latencies: Latencies = { samples: [], recording: false }
  const rooms: BenchClient[][] = []
  try {
    // Warm-up on other lessons: code compiled, pools and buffers grown, before memory is read.
    const warm: BenchClient[][] = []
    await connectRooms(url, warmup, db.tokens, scenario.perRoom, latencies, warm, 0, scenario.perRoom, client)
    await disconnectAll(warm)
    await sleep(1000)
    const before = await memoryOf(server.child)
    // First one client per room, then the others: a room and a socket apart.
    let t = performance.now()
    await connectRooms(url, lessons, db.tokens, scenario.perRoom, latencies, rooms, 0, 1, client)
    const connectOneS = (performance.now() - t) / 1000
    await sleep(1000)
    const one = await memoryOf(server.child)
    t = performance.now()
    await connectRooms(
      url,
      lessons,
      db.tokens,
      scenario.perRoom,
      latencies,
      rooms,
      1,
      scenario.perRoom,
      client,
    )
    const connectS = connectOneS + (performance.now() - t) / 1000
    await sleep(1000)
    const all = await memoryOf(server.child)
    let closes = 0
    for (const c of rooms.flat()) c.transport.onClose(() => closes++)
    const clients = rooms.flat()
    log(`  ${kind}: ${clients.length} clients in ${connectS.toFixed(1)} s; warming up ${opts.warmupS} s`)
    await drive(clients, scenario.rate, opts.warmupS * 1000)
    await sleep(500)
    latencies.recording = true
    const pgPid = postmasterPid(db.dataDir)
    const procs0 = snapshotProcs()
    t = performance.now()
    const updates = await drive(clients, scenario.rate, opts.durationS * 1000)
    await sleep(1000) // the last edits arrive
    const procs1 = snapshotProcs()
    latencies.recording = false
    const result: ScenarioResult = {
      server: kind,
      scenario: scenario.key,
      connectS,
      updates,
      deliveries: latencies.samples.length,
      p50: percentile(latencies.samples, 50),
      p99: percentile(latencies.samples, 99),
      serverCpuS: treeCpuDeltaMs(procs0, procs1, pid) / 1000,
      pgCpuS: treeCpuDeltaMs(procs0, procs1, pgPid) / 1000,
      memory: { before, one, all },
      closes,
    }
    log(
      `  ${kind}: ${updates} updates, ${result.deliveries} deliveries, p50 ${result.p50.toFixed(2)} ms, ` +
        `p99 ${result.p99.toFixed(2)} ms, server CPU ${result.serverCpuS.toFixed(1)} s, Postgres CPU ` +
        `${result.pgCpuS.toFixed(1)} s, heap ${mib(before.heapUsed)} → ${mib(one.heapUsed)} → ${mib(all.heapUsed)} MiB, ` +
        `RSS ${mib(before.rss)} → ${mib(one.rss)} → ${mib(all.rss)} MiB` +
        (closes ? `, ${closes} sockets closed` : ''),
    )
    return result
  } finally {
    await disconnectAll(rooms)
    await stopChild(server.child)
    children.delete(server.child)
    // Node names a profile CPU.<date>.<time>.<pid>.<thread>.<seq>: the main thread's (0) takes the
    // run's name; tsx's loader thread's stays in the folder.
    const main =
      profileDir && readdirSync(profileDir).find((f) => /^CPU\.\d+\.\d+\.\d+\.0\.\d+\.cpuprofile$/.test(f))
    if (profileDir && main) renameSync(path.join(profileDir, main), `${profileDir}.cpuprofile`)
  }
}

/** Runs the whole benchmark; stops Postgres and the servers whatever happens. */
export async function runYjsBench(opts: YjsBenchOptions): Promise<YjsBenchResult> {
  const { root, log } = opts
  const children = new Set<ChildProcess>()
  let db: YjsBenchDb | undefined
  const release = stopOnSignal(children, () => db?.stop())
  try {
    const rooms = SCENARIOS[0].rooms
    // Lessons: one set per scenario and server (fresh rooms each time), plus the cold-load ones.
    const WARMUP_ROOMS = 20
    const servers = SERVER_ORDER[0].length
    db = await setupYjsBenchDb(root, (m) => log(`  ${m}`), {
      lessons: servers * (rooms + 1 + 2 * WARMUP_ROOMS) + 3,
      users: 1500,
    })
    const warmupS = Math.max(2, Math.min(5, Math.round(opts.durationS / 10)))
    const scenarios: ScenarioResult[] = []
    let offset = 0
    for (const [i, scenario] of SCENARIOS.entries()) {
      for (const kind of SERVER_ORDER[i % SERVER_ORDER.length]) {
        log(`${scenario.label}: ${kind}`)
        const lessons = db.lessons.slice(offset, offset + scenario.rooms)
        const warmup = db.lessons.slice(offset + scenario.rooms, offset + scenario.rooms + WARMUP_ROOMS)
        offset += scenario.rooms + WARMUP_ROOMS
        scenarios.push(await runScenario(kind, scenario, db, lessons, warmup, { ...opts, warmupS }, children))
      }
    }

    log('cold load: 160 KB and 16 MB lessons from Postgres vs Y.applyUpdate')
    const server = startServer('kipindi', root, { ...db.env, INSTANCE_ID: 'bench-cold' })
    children.add(server.child)
    const port = await server.ready
    const [coldA, coldB, compactLesson] = db.lessons.slice(offset, offset + 3)
    const token = db.tokens[1]
    const coldLoads = await measureColdLoads(
      db.sql,
      [
        { label: '160 KB', bytes: 160 * 1024, lessonId: coldA, repeats: 15 },
        { label: '16 MB', bytes: 16 * 1024 * 1024, lessonId: coldB, repeats: 3 },
      ],
      20,
      (lessonId) => `ws://127.0.0.1:${port}/realtime/v1/yjs/lesson:${lessonId}?token=${token}`,
      () => sleep(300),
    )
    for (const c of coldLoads)
      log(
        `  ${c.label}: Y.applyUpdate ${c.applyMs.toFixed(1)} ms, from Postgres ${c.fromPostgresMs.toFixed(1)} ms ` +
          `(${(c.fromPostgresMs / c.applyMs).toFixed(2)}×; reading ${c.readMs.toFixed(1)} ms), ` +
          `first frame through the server ${c.firstFrameMs?.toFixed(1)} ms`,
      )
    await stopChild(server.child)
    children.delete(server.child)
    log('compaction of a 16 MB lesson with 250 log rows')
    const stateBytes = await storeLessonOfSize(db.sql, compactLesson, 16 * 1024 * 1024, 250)
    const compaction = {
      stateBytes,
      logRows: 250,
      ...(await compactionInOwnProcess(root, db, compactLesson)),
    }
    log(
      `  ${compaction.compactMs.toFixed(0)} ms, longest event-loop stall ${compaction.maxStallMs.toFixed(1)} ms`,
    )

    return {
      date: new Date().toISOString(),
      machine: machineFacts(root, await db.sql`show server_version`),
      versions: {
        hocuspocus: packageVersion(root, '@hocuspocus/server'),
        yWebsocketServer: packageVersion(root, '@y/websocket-server'),
      },
      durationS: opts.durationS,
      warmupS,
      scenarios,
      coldLoads,
      compaction,
    }
  } finally {
    release()
    await Promise.allSettled([...children].map((c) => stopChild(c)))
    await db?.stop()
  }
}

/** Runs compaction-probe.ts and reads its JSON line. */
function compactionInOwnProcess(
  root: string,
  db: YjsBenchDb,
  lessonId: string,
): Promise<Pick<CompactionStall, 'compactMs' | 'maxStallMs'>> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/bench/yjs/compaction-probe.ts'], {
    cwd: root,
    env: {
      ...process.env,
      DB_URL: db.dbUrl,
      LESSON_ID: lessonId,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  child.stdout!.on('data', (c: Buffer) => {
    out += c.toString()
  })
  child.stderr!.on('data', (c: Buffer) => {
    out += c.toString()
  })
  return new Promise((resolve, reject) =>
    child.once('exit', (code) => {
      const line = out.trim().split('\n').pop() ?? ''
      try {
        if (code !== 0) throw new Error(`exit ${code}`)
        resolve(JSON.parse(line))
      } catch (error) {
        reject(new Error(`compaction probe failed (${(error as Error).message}):\n${out.slice(-2000)}`))
      }
    }),
  )
}

function packageVersion(root: string, name: string): string {
  try {
    return JSON.parse(readFileSync(path.join(root, 'node_modules', name, 'package.json'), 'utf8')).version
  } catch {
    return '?'
  }
}

function machineFacts(_root: string, version: { server_version: string }[]) {
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
    postgres: version[0]?.server_version ?? '?',
  }
}

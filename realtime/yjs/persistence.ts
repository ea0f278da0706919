// Lesson drafts in Postgres: a snapshot (`lesson_docs.state`) plus an append-only log of Yjs updates
// (`lesson_doc_updates`). Updates are batched for all lessons into one insert at most `flushMs` after
// they arrive; compaction merges a lesson's log into its snapshot in the background.
//
// Compaction deletes exactly the rows it merged (not "every id <= n"): a row whose transaction
// commits after a compaction read the log, with a smaller id than the ones merged, stays in the log
// and is merged next time. Hence a load reads the snapshot and every row still in the log, in one
// statement (one MVCC snapshot), and never loses such a late row. Bytes travel as base64: decoding a
// multi-megabyte hex bytea would block the event loop for ~100 ms.
//
// Each update is stored as its own row (batched per statement, not merged with Y.mergeUpdates):
// applied one by one, updates in any order give byte-identical state, which merged updates (or
// one transaction for all) do not always do.
import type { Sql } from '../../edge/lib/db.ts'
import type { Logger } from '../log.ts'
import type { Compactor } from './compaction-worker.ts'

export interface PersistenceOptions {
  sql: Sql
  /** Written as `origin` of every row, so instances skip their own notifications. */
  instanceId: string
  log: Logger
  /** Runs compactions off the main thread. */
  compactor: Compactor
  /** Longest an update waits in memory before its insert starts. Default 50 ms. */
  flushMs?: number
  /** Compact a lesson once its log holds more rows than this. Default 200. */
  compactAfterUpdates?: number
  /** …or more bytes than this. Default 1 MiB. */
  compactAfterBytes?: number
  /** Least time between two compactions of one lesson. Default 5 s. */
  compactIntervalMs?: number
  /** A lesson was deleted while updates were queued for it; they were dropped. */
  onLessonGone?(lessonId: string): void
}

/** A lesson draft as stored: the snapshot (if any) first, then the log rows in id order. */
export interface StoredDoc {
  updates: Uint8Array[]
  /** Rows in the log (not yet compacted) and their bytes. */
  rows: number
  bytes: number
}

export type CompactResult = 'compacted' | 'locked' | 'empty'

export interface Persistence {
  load(lessonId: string): Promise<StoredDoc>
  /** The rows with these ids that still exist (compaction may have merged the others). */
  fetchRows(ids: number[]): Promise<{ id: number; lessonId: string; update: Uint8Array }[]>
  /** Queues an update; it is inserted within `flushMs`. */
  append(lessonId: string, update: Uint8Array): void
  /** Inserts everything queued and resolves once committed (or once a failed attempt is requeued). */
  flush(): Promise<void>
  /** Merges a lesson's log into its snapshot, unless another instance is compacting it. */
  compact(lessonId: string): Promise<CompactResult>
  /** Starts counting a loaded lesson's log size, to compact it when it grows. */
  track(lessonId: string, rows: number, bytes: number): void
  /** Rows written by someone else (another instance, the API) joined the log. */
  noteRows(lessonId: string, rows: number, bytes: number): void
  untrack(lessonId: string): void
  readonly stats: { queued: number; written: number; compactions: number; failedWrites: number }
  /** Waits for a running compaction. */
  idle(): Promise<void>
  /** Flushes what is queued (retrying for up to `timeoutMs`), waits for compaction, stops. */
  close(timeoutMs?: number): Promise<void>
}

/** Rows per insert statement are cut off past this many bytes. */
const STATEMENT_BYTES = 8 * 1024 * 1024

const b64 = (u: Uint8Array) => Buffer.from(u.buffer, u.byteOffset, u.byteLength).toString('base64')
const fromB64 = (s: string) => new Uint8Array(Buffer.from(s, 'base64'))

export function createPersistence(opts: PersistenceOptions): Persistence {
  const { sql, instanceId, log, compactor } = opts
  const flushMs = opts.flushMs ?? 50
  const compactRows = opts.compactAfterUpdates ?? 200
  const compactBytes = opts.compactAfterBytes ?? 1024 * 1024
  const compactIntervalMs = opts.compactIntervalMs ?? 5000

  let queue = new Map<string, Uint8Array[]>()
  let queued = 0
  let timer: NodeJS.Timeout | undefined
  let writing: Promise<void> = Promise.resolve()
  let retryMs = 0
  const stats = { queued: 0, written: 0, compactions: 0, failedWrites: 0 }

  const tracked = new Map<string, { rows: number; bytes: number; lastCompaction: number }>()
  const compactQueue = new Set<string>()
  let compacting: Promise<void> | undefined
  let closed = false

  function schedule(ms: number) {
    if (timer || closed) return
    timer = setTimeout(() => {
      timer = undefined
      void flush()
    }, ms)
  }

  const rowsOf = (batch: Map<string, Uint8Array[]>) =>
    [...batch].flatMap(([lessonId, updates]) => updates.map((u): [string, Uint8Array] => [lessonId, u]))

  async function insert(rows: [string, Uint8Array][]) {
    for (let i = 0; i < rows.length; ) {
      const lessons: string[] = []
      const updates: string[] = []
      let size = 0
      for (; i < rows.length && (lessons.length === 0 || size < STATEMENT_BYTES); i++) {
        lessons.push(rows[i][0])
        updates.push(b64(rows[i][1]))
        size += rows[i][1].byteLength
      }
      await sql`
        insert into public.lesson_doc_updates (lesson_id, update, origin)
        select t.l, decode(t.u, 'base64'), ${instanceId}
        from unnest(${lessons}::uuid[], ${updates}::text[]) with ordinality as t(l, u, n)
        order by t.n`
    }
  }

  /** Inserts a batch; a deleted lesson's rows are dropped, any other failure requeues the batch. */
  async function write(batch: Map<string, Uint8Array[]>) {
    const rows = rowsOf(batch)
    try {
      await insert(rows)
    } catch (error) {
      if ((error as { code?: string }).code !== '23503') throw error
      // A lesson was deleted: write lesson by lesson to keep the others.
      const byLesson = new Map<string, [string, Uint8Array][]>()
      for (const row of rows) byLesson.set(row[0], [...(byLesson.get(row[0]) ?? []), row])
      for (const [lessonId, lessonRows] of byLesson) {
        try {
          await insert(lessonRows)
        } catch (e) {
          if ((e as { code?: string }).code !== '23503') throw e
          for (const r of lessonRows) rows.splice(rows.indexOf(r), 1)
          log.info('lesson deleted; dropped its queued updates', { lessonId })
          opts.onLessonGone?.(lessonId)
        }
      }
    }
    stats.written += rows.length
    for (const [lessonId, update] of rows) {
      const t = tracked.get(lessonId)
      if (!t) continue
      t.rows++
      t.bytes += update.byteLength
      considerCompaction(lessonId)
    }
  }

  async function writeQueued() {
    if (queue.size === 0) return
    const batch = queue
    const count = queued
    queue = new Map()
    queued = 0
    try {
      await write(batch)
      retryMs = 0
    } catch (error) {
      stats.failedWrites++
      // Keep the updates (ahead of newer ones) and try again with backoff.
      for (const [lessonId, updates] of queue)
        batch.set(lessonId, [...(batch.get(lessonId) ?? []), ...updates])
      queue = batch
      queued += count
      retryMs = Math.min(Math.max(retryMs * 2, 100), 5000)
      log.warn('writing lesson updates failed; retrying', { error, queued, retryMs })
      schedule(retryMs)
    }
  }

  function flush(): Promise<void> {
    clearTimeout(timer)
    timer = undefined
    writing = writing.then(writeQueued)
    return writing
  }

  function considerCompaction(lessonId: string) {
    const t = tracked.get(lessonId)
    if (!t || closed || (t.rows <= compactRows && t.bytes <= compactBytes)) return
    if (Date.now() - t.lastCompaction < compactIntervalMs) return
    compactQueue.add(lessonId)
    runCompactions()
  }

  function runCompactions() {
    if (compacting) return
    compacting = (async () => {
      while (compactQueue.size > 0 && !closed) {
        const [lessonId] = compactQueue
        compactQueue.delete(lessonId)
        const t = tracked.get(lessonId)
        if (t) t.lastCompaction = Date.now()
        try {
          await compact(lessonId)
        } catch (error) {
          log.warn('compaction failed', { lessonId, error })
        }
      }
    })().finally(() => {
      compacting = undefined
    })
  }

  async function compact(lessonId: string): Promise<CompactResult> {
    const result = await compactor.compact(lessonId)
    if (result.outcome === 'compacted') {
      stats.compactions++
      const t = tracked.get(lessonId)
      if (t) {
        t.rows = Math.max(0, t.rows - result.rows)
        t.bytes = Math.max(0, t.bytes - result.bytes)
      }
    }
    return result.outcome
  }

  return {
    async load(lessonId) {
      // One statement: one snapshot of both tables, even while a compaction commits.
      const rows = await sql`
        select 0 as kind, 0::bigint as id, encode(state, 'base64') as data
        from public.lesson_docs where lesson_id = ${lessonId}
        union all
        select 1, id, encode(update, 'base64') from public.lesson_doc_updates where lesson_id = ${lessonId}
        order by kind, id`
      const updates = rows.map((r) => fromB64(r.data as string))
      const logRows = rows.filter((r) => r.kind === 1)
      const bytes = updates.slice(rows.length - logRows.length).reduce((n, u) => n + u.byteLength, 0)
      return { updates, rows: logRows.length, bytes }
    },

    async fetchRows(ids) {
      if (ids.length === 0) return []
      const rows = await sql`
        select id, lesson_id::text as lesson_id, encode(update, 'base64') as u
        from public.lesson_doc_updates where id = any(${ids.map(String)}::bigint[]) order by id`
      return rows.map((r) => ({ id: Number(r.id), lessonId: r.lesson_id as string, update: fromB64(r.u) }))
    },

    append(lessonId, update) {
      let list = queue.get(lessonId)
      if (!list) {
        list = []
        queue.set(lessonId, list)
      }
      list.push(update)
      queued++
      stats.queued++
      schedule(retryMs || flushMs)
    },

    flush,
    compact,

    track(lessonId, rows, bytes) {
      tracked.set(lessonId, { rows, bytes, lastCompaction: 0 })
      considerCompaction(lessonId)
    },

    noteRows(lessonId, rows, bytes) {
      const t = tracked.get(lessonId)
      if (!t) return
      t.rows += rows
      t.bytes += bytes
      considerCompaction(lessonId)
    },

    untrack(lessonId) {
      tracked.delete(lessonId)
    },

    stats,

    async idle() {
      await compacting
    },

    async close(timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs
      compactQueue.clear()
      await flush()
      while (queued > 0 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, Math.min(retryMs || 100, 1000)))
        await flush()
      }
      closed = true
      clearTimeout(timer)
      if (queued > 0) log.error('could not write queued lesson updates before closing', { queued })
      await compacting
    },
  }
}

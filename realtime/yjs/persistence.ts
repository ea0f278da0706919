// Lesson drafts of the rooms in Postgres, through the draft store (edge/lesson-draft/store.ts: the
// snapshot plus the update log, its SQL and why it is read and compacted that way). This adds what a
// server holding many rooms needs: updates are queued and written for all lessons in one insert at
// most `flushMs` after they arrive (retried with backoff; a deleted lesson's are dropped), and a
// lesson's log is compacted in the background, on a worker thread (compactor.ts), once it grows.
import {
  appendLessonUpdates,
  type LoggedUpdate,
  readLessonDoc,
  readLessonUpdates,
} from '../../edge/lesson-draft/store.ts'
import type { Sql } from '../../edge/lib/db.ts'
import type { Logger } from '../core/log.ts'
import type { Compactor } from './compactor.ts'

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
  fetchRows(ids: number[]): Promise<LoggedUpdate[]>
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

  const insert = (rows: [string, Uint8Array][]) => appendLessonUpdates(sql, rows, instanceId)

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
      const stored = await readLessonDoc(sql, lessonId)
      const logged = stored.updates.map((u) => u.update)
      const bytes = logged.reduce((n, u) => n + u.byteLength, 0)
      return { updates: stored.snapshot ? [stored.snapshot, ...logged] : logged, rows: logged.length, bytes }
    },

    fetchRows: (ids) => readLessonUpdates(sql, ids),

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

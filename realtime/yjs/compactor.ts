// Compaction runs on a worker thread (compaction-job.ts) with its own Postgres connection: reading a
// lesson's snapshot and log, merging them (a 16 MB state takes ~1 s) and writing the result move
// tens of megabytes, and on the main thread even the bytes alone (decoding, copying, the collections
// they cause) would stall the event loop that serves every socket for 50 ms and more. What a
// compaction does is the draft store's (edge/lesson-draft/store.ts, compactLessonDoc). The thread
// starts at compaction-worker.mjs, which gives it a TypeScript loader.
import { Worker } from 'node:worker_threads'
import type { CompactOutcome } from '../../edge/lesson-draft/store.ts'
import type { Sql } from '../../edge/lib/db.ts'
import type { CompactionReply, CompactionRequest, CompactionWorkerData } from './compaction-job.ts'

/** The worker thread's entry. */
const ENTRY = new URL('./compaction-worker.mjs', import.meta.url)

export interface Compactor {
  /** Compacts one lesson on the worker; rejects if the worker cannot (the next try starts a new one). */
  compact(lessonId: string): Promise<CompactOutcome>
  close(): Promise<void>
}

/** The connection settings of a postgres.js pool, for the worker's own connection. */
function connectionOf(sql: Sql): Record<string, unknown> {
  const o = sql.options as unknown as Record<string, unknown>
  const picked = {
    host: o.host,
    port: o.port,
    path: o.path,
    database: o.database,
    user: o.user,
    pass: o.pass,
    ssl: o.ssl,
    prepare: o.prepare,
    connection: o.connection,
    target_session_attrs: o.target_session_attrs,
  }
  // A password given as a function, or TLS options with callbacks, cannot cross to a thread.
  return structuredClone(picked)
}

interface Job {
  resolve(result: CompactOutcome): void
  reject(error: Error): void
}

/** One lazily started worker thread; a crashed worker fails its jobs and is replaced on next use. */
export function createCompactor(sql: Sql): Compactor {
  let workerData: CompactionWorkerData | undefined
  let unusable: Error | undefined
  try {
    workerData = { db: connectionOf(sql) }
  } catch (error) {
    unusable = new Error(`the database settings cannot be passed to the compaction worker: ${error}`)
  }
  let worker: Worker | undefined
  const jobs = new Map<number, Job>()
  let nextId = 0

  function failAll(error: Error) {
    for (const job of jobs.values()) job.reject(error)
    jobs.clear()
  }

  function start(): Worker {
    const w = new Worker(ENTRY, { workerData: workerData! })
    w.unref()
    w.on('message', (msg: CompactionReply) => {
      if (!('id' in msg)) return
      const job = jobs.get(msg.id)
      jobs.delete(msg.id)
      if ('result' in msg) job?.resolve(msg.result)
      else job?.reject(new Error(`compaction failed: ${msg.error}`))
    })
    w.on('error', (error) => failAll(error))
    w.on('exit', (code) => {
      if (worker === w) worker = undefined
      failAll(new Error(`compaction worker exited (${code})`))
    })
    return w
  }

  return {
    compact(lessonId) {
      if (unusable) return Promise.reject(unusable)
      worker ??= start()
      const id = nextId++
      const w = worker
      return new Promise((resolve, reject) => {
        jobs.set(id, { resolve, reject })
        w.postMessage({ id, lessonId } satisfies CompactionRequest)
      })
    },
    async close() {
      const w = worker
      worker = undefined
      if (!w) return
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 5000)
        w.on('message', (msg: CompactionReply) => {
          if (!('closed' in msg)) return
          clearTimeout(timer)
          resolve()
        })
        w.postMessage({ close: true } satisfies CompactionRequest)
      })
      await w.terminate()
      failAll(new Error('compaction worker closed'))
    },
  }
}

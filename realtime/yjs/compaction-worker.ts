// Compaction runs on a worker thread with its own Postgres connection: reading a lesson's snapshot
// and log, merging them (a 16 MB state takes ~1 s) and writing the result move tens of megabytes,
// and on the main thread even the bytes alone (decoding, copying, the collections they cause)
// would stall the event loop that serves every socket for 50 ms and more.
//
// One transaction, under `pg_try_advisory_xact_lock(hashtext('lesson:'||id))` so that only one
// instance compacts a lesson at a time: read the snapshot and every row of the log, apply them to a
// fresh Y.Doc one by one (as clients do; the encoded result is garbage-collected and canonical),
// upsert lesson_docs with compacted_through = the highest id merged, delete exactly those rows. A
// row committed meanwhile, even with a smaller id, is not deleted: it is merged next time.
import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'
import type { Sql } from '../../edge/lib/db.ts'

// Plain CommonJS, so that the worker needs no TypeScript loader (tsx, vitest): yjs and postgres only.
const SOURCE = `
const { parentPort, workerData } = require('node:worker_threads')
const Y = require(workerData.yjs)
const postgres = require(workerData.postgres)
const sql = postgres({ ...workerData.db, max: 1, idle_timeout: 60, onnotice: () => {} })

async function compact(lessonId) {
  return sql.begin(async (tx) => {
    const [{ locked }] = await tx\`
      select pg_try_advisory_xact_lock(hashtext('lesson:' || \${lessonId}::text)) as locked\`
    if (!locked) return { outcome: 'locked' }
    const [snapshot] = await tx\`select state from public.lesson_docs where lesson_id = \${lessonId} for update\`
    const rows = await tx\`
      select id, update from public.lesson_doc_updates where lesson_id = \${lessonId} order by id\`
    if (rows.length === 0) return { outcome: 'empty' }
    const doc = new Y.Doc()
    if (snapshot) Y.applyUpdate(doc, snapshot.state)
    for (const row of rows) Y.applyUpdate(doc, row.update)
    const state = Buffer.from(Y.encodeStateAsUpdate(doc))
    doc.destroy()
    const ids = rows.map((r) => String(r.id))
    const maxId = ids.reduce((m, id) => (BigInt(id) > BigInt(m) ? id : m), ids[0])
    await tx\`
      insert into public.lesson_docs (lesson_id, state, compacted_through, updated_at)
      values (\${lessonId}, \${state}, \${maxId}, now())
      on conflict (lesson_id) do update
        set state = excluded.state,
            compacted_through = greatest(public.lesson_docs.compacted_through, excluded.compacted_through),
            updated_at = now()\`
    await tx\`delete from public.lesson_doc_updates where id = any(\${ids}::bigint[])\`
    return { outcome: 'compacted', rows: rows.length, bytes: rows.reduce((n, r) => n + r.update.length, 0) }
  })
}

parentPort.on('message', async (msg) => {
  if (msg.close) {
    await sql.end({ timeout: 5 }).catch(() => {})
    parentPort.postMessage({ closed: true })
    return
  }
  try {
    parentPort.postMessage({ id: msg.id, result: await compact(msg.lessonId) })
  } catch (error) {
    parentPort.postMessage({ id: msg.id, error: String((error && error.message) || error) })
  }
})
`

export type CompactOutcome =
  | { outcome: 'locked' | 'empty' }
  | { outcome: 'compacted'; rows: number; bytes: number }

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
  const require = createRequire(import.meta.url)
  let workerData: { yjs: string; postgres: string; db: Record<string, unknown> } | undefined
  let unusable: Error | undefined
  try {
    workerData = { yjs: require.resolve('yjs'), postgres: require.resolve('postgres'), db: connectionOf(sql) }
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
    const w = new Worker(SOURCE, { eval: true, workerData: workerData! })
    w.unref()
    w.on('message', (msg: { id?: number; result?: CompactOutcome; error?: string }) => {
      if (msg.id === undefined) return
      const job = jobs.get(msg.id)
      jobs.delete(msg.id)
      if (msg.result) job?.resolve(msg.result)
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
        w.postMessage({ id, lessonId })
      })
    },
    async close() {
      const w = worker
      worker = undefined
      if (!w) return
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 5000)
        w.on('message', (msg: { closed?: boolean }) => {
          if (!msg.closed) return
          clearTimeout(timer)
          resolve()
        })
        w.postMessage({ close: true })
      })
      await w.terminate()
      failAll(new Error('compaction worker closed'))
    },
  }
}

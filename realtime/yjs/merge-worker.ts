// Compaction merges a lesson's snapshot and update log into one state. For big documents that takes
// hundreds of milliseconds (a 16 MB state: ~1 s), so it runs on a worker thread and the event loop
// keeps serving sockets meanwhile. The bytes travel as base64 text, as Postgres sends and takes
// them: decoding and encoding 16 MB (~20 ms each) happens on the worker too.
import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'

// Plain CommonJS so that the worker needs no TypeScript loader (tsx, vitest): it only uses yjs.
const SOURCE = `
const { parentPort, workerData } = require('node:worker_threads')
const Y = require(workerData.yjs)
parentPort.on('message', ({ id, updates }) => {
  try {
    const doc = new Y.Doc()
    for (const u of updates) Y.applyUpdate(doc, Buffer.from(u, 'base64'))
    const state = Buffer.from(Y.encodeStateAsUpdate(doc)).toString('base64')
    doc.destroy()
    parentPort.postMessage({ id, state })
  } catch (error) {
    parentPort.postMessage({ id, error: String((error && error.message) || error) })
  }
})
`

export interface Merger {
  /**
   * The state (base64) of a fresh document after applying `updates` (base64) one by one, as clients do (one
   * transaction each keeps the bytes identical to theirs; garbage-collected, so compact).
   */
  merge(updates: string[]): Promise<string>
  close(): Promise<void>
}

interface Job {
  resolve(state: string): void
  reject(error: Error): void
}

/** One lazily started worker thread; a crashed worker fails its jobs and is replaced on next use. */
export function createMerger(): Merger {
  const yjs = createRequire(import.meta.url).resolve('yjs')
  let worker: Worker | undefined
  const jobs = new Map<number, Job>()
  let nextId = 0

  function failAll(error: Error) {
    for (const job of jobs.values()) job.reject(error)
    jobs.clear()
  }

  function start(): Worker {
    const w = new Worker(SOURCE, { eval: true, workerData: { yjs } })
    w.unref()
    w.on('message', (msg: { id: number; state?: string; error?: string }) => {
      const job = jobs.get(msg.id)
      jobs.delete(msg.id)
      if (!job) return
      if (msg.state !== undefined) job.resolve(msg.state)
      else job.reject(new Error(`merge failed: ${msg.error}`))
    })
    w.on('error', (error) => failAll(error))
    w.on('exit', (code) => {
      if (worker === w) worker = undefined
      failAll(new Error(`merge worker exited (${code})`))
    })
    return w
  }

  return {
    merge(updates) {
      worker ??= start()
      const id = nextId++
      const w = worker
      return new Promise((resolve, reject) => {
        jobs.set(id, { resolve, reject })
        w.postMessage({ id, updates })
      })
    },
    async close() {
      const w = worker
      worker = undefined
      if (w) await w.terminate()
      failAll(new Error('merge worker closed'))
    },
  }
}

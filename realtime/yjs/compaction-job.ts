// The compaction worker thread (started by compactor.ts): its own Postgres connection, and the draft
// store's compaction (edge/lesson-draft/store.ts) for each lesson the main thread asks for. A
// 16 MB draft moves tens of megabytes through memory (read, merge, encode, write); here that stalls
// no socket.
import { parentPort, workerData } from 'node:worker_threads'
import postgres from 'postgres'
import { type CompactOutcome, compactLessonDoc } from '../../edge/lesson-draft/store.ts'

/** What the main thread passes to the worker: the pool's connection settings (compactor.ts). */
export interface CompactionWorkerData {
  db: Record<string, unknown>
}

/** A request: compact one lesson (`id` answers it), or close the connection and say so. */
export type CompactionRequest = { id: number; lessonId: string } | { close: true }

/** The answer to a request. */
export type CompactionReply =
  | { id: number; result: CompactOutcome }
  | { id: number; error: string }
  | { closed: true }

if (!parentPort) throw new Error('compaction-job.ts runs on a worker thread (see compactor.ts)')
const port = parentPort
const { db } = workerData as CompactionWorkerData
const sql = postgres({
  ...(db as postgres.Options<Record<string, never>>),
  max: 1,
  idle_timeout: 60,
  onnotice: () => {},
})

const reply = (message: CompactionReply) => port.postMessage(message)

port.on('message', async (msg: CompactionRequest) => {
  if ('close' in msg) {
    await sql.end({ timeout: 5 }).catch(() => {})
    reply({ closed: true })
    return
  }
  try {
    reply({ id: msg.id, result: await compactLessonDoc(sql, msg.lessonId) })
  } catch (error) {
    reply({ id: msg.id, error: error instanceof Error ? error.message : String(error) })
  }
})

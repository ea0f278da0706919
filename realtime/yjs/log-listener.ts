// Updates written by others — the API (a restore), other realtime instances — reach the rooms loaded
// here. The update log's insert trigger NOTIFYs `lesson_doc_updates` with {lesson_id, id, origin};
// a notification with another origin for a loaded room is fetched by id (those of 5 ms together)
// and applied with a non-persisting origin, which broadcasts it to the room's sockets. A row already
// compacted away makes the room re-read its lesson (idempotent), and so does every loaded room
// after the LISTEN connection came back (notifications in between are lost).
import type { Sql } from '../../edge/lib/db.ts'
import type { Logger } from '../core/log.ts'
import type { Persistence } from './persistence.ts'
import { Origin, type Room } from './room.ts'

/** The NOTIFY channel of the lesson update log. */
export const UPDATES_CHANNEL = 'lesson_doc_updates'

export interface LogListenerOptions {
  sql: Sql
  log: Logger
  /** This instance's `origin`: its own writes are skipped. */
  instanceId: string
  persistence: Persistence
  /** The loaded room of a lesson, if any. */
  roomOf(lessonId: string): Room | undefined
  /** The loaded lessons (re-read after the LISTEN came back). */
  lessonIds(): Iterable<string>
}

export interface LogListener {
  /** Resolves once the LISTEN is in place (or failed and was logged). */
  readonly listening: Promise<void>
  /** Stops retrying and ends the LISTEN. */
  close(): Promise<void>
}

export function listenToUpdateLog(opts: LogListenerOptions): LogListener {
  const { sql, log, instanceId, persistence, roomOf } = opts
  const notified = new Map<number, string>()
  let fetchTimer: NodeJS.Timeout | undefined
  let closed = false

  function onNotify(payload: string) {
    let n: { lesson_id?: string; id?: number; origin?: string }
    try {
      n = JSON.parse(payload)
    } catch {
      return
    }
    if (n.origin === instanceId || !n.lesson_id || !roomOf(n.lesson_id) || typeof n.id !== 'number') return
    notified.set(n.id, n.lesson_id)
    fetchTimer ??= setTimeout(() => void fetchNotified(), 5)
  }

  async function fetchNotified() {
    fetchTimer = undefined
    const wanted = new Map(notified)
    notified.clear()
    try {
      const rows = await persistence.fetchRows([...wanted.keys()])
      for (const row of rows) {
        wanted.delete(row.id)
        roomOf(row.lessonId)?.applyRemote(row.update, Origin.db)
        persistence.noteRows(row.lessonId, 1, row.update.byteLength)
      }
      // Rows gone already were merged into the snapshot by a compaction: read the lesson again.
      for (const lessonId of new Set(wanted.values())) await catchUp(lessonId)
    } catch (error) {
      // Try again shortly: a notification is not repeated, the rows stay in the log.
      log.warn('fetching notified updates failed; retrying', { error })
      for (const [id, lessonId] of wanted) if (roomOf(lessonId)) notified.set(id, lessonId)
      if (!closed) fetchTimer ??= setTimeout(() => void fetchNotified(), 1000)
    }
  }

  /** Applies a lesson's whole stored state to its room (idempotent; after a missed notification). */
  async function catchUp(lessonId: string) {
    const room = roomOf(lessonId)
    if (!room) return
    const stored = await persistence.load(lessonId)
    for (const u of stored.updates) room.applyRemote(u, Origin.db)
  }

  let listenedOnce = false
  const listener = sql
    .listen(UPDATES_CHANNEL, onNotify, () => {
      if (listenedOnce) void catchUpAll()
      listenedOnce = true
    })
    .catch((error) => {
      log.error('LISTEN lesson_doc_updates failed; updates written elsewhere reach clients on reload', {
        error,
      })
      return undefined
    })

  async function catchUpAll() {
    for (const lessonId of [...opts.lessonIds()]) await catchUp(lessonId).catch(() => {})
  }

  return {
    listening: listener.then(() => {}),
    async close() {
      closed = true
      clearTimeout(fetchTimer)
      await (await listener)?.unlisten().catch(() => {})
    },
  }
}

// The Yjs rooms at /realtime/v1/yjs/lesson:<uuid>, y-websocket protocol. A Route of the realtime
// core: the auth extension has verified the token before onAuthenticate here asks the database
// what this user may do with the lesson; onConnect waits for the room to load before the socket
// is served (the core queues its frames meanwhile).
import { hostname } from 'node:os'
import * as Y from 'yjs'
import type { Sql } from '../../edge/lib/db.ts'
import type { AccessSignals } from '../access-signals.ts'
import { CloseCode, CloseError } from '../close-codes.ts'
import type { Connection } from '../connection.ts'
import type { Logger } from '../log.ts'
import type { Route } from '../types.ts'
import { lessonAccess, lessonIdOf, refusal } from './access.ts'
import { watchLessonAccess } from './access-watch.ts'
import { createCompactor } from './compaction-worker.ts'
import { createPersistence, type Persistence } from './persistence.ts'
import { parseClientMessage, YJS_MAX_FRAME_BYTES, YJS_PATH } from './protocol.ts'
import { createRedisRelay, type Relay } from './redis.ts'
import { Origin, type Rights, Room } from './room.ts'

export interface YjsOptions {
  sql: Sql
  log: Logger
  /** Names this instance in the update log (`origin`) and on Redis. Default host:pid:random. */
  instanceId?: string
  /** Relay rooms between instances through Redis pub/sub. */
  redisUrl?: string
  /** Longest an update waits before its insert starts. Default 50 ms. */
  flushMs?: number
  compactAfterUpdates?: number
  compactAfterBytes?: number
  compactIntervalMs?: number
  /** Every open socket's access is re-checked within this period (spread over ticks). Default 3 s. */
  accessCheckMs?: number
  /** Access changes from the database: the user's sockets are re-checked at once. */
  signals?: AccessSignals
}

export interface YjsRoute extends Route {
  readonly instanceId: string
  readonly persistence: Persistence
  /** Rooms held in memory. */
  readonly rooms: number
  /** The in-memory document of a loaded lesson (tests, benchmarks). */
  docOf(lessonId: string): Y.Doc | undefined
  /** The room of a loaded lesson (tests). */
  roomOf(lessonId: string): Room | undefined
  /** Re-checks every socket's access now (it also happens within every `accessCheckMs`). */
  recheck(): Promise<void>
}

const PREFIX = `${YJS_PATH}/`

/** A default instance id: unique per process, readable in the update log. */
export function defaultInstanceId(): string {
  return `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`.slice(0, 100)
}

export function createYjsRoute(opts: YjsOptions): YjsRoute {
  const { sql, log } = opts
  const instanceId = opts.instanceId ?? defaultInstanceId()
  const compactor = createCompactor(sql)
  const rooms = new Map<string, Room>()
  const rights = new WeakMap<Connection, { lessonId: string; rights: Rights }>()
  const roomOfConn = new Map<Connection, Room>()
  const readiness = new WeakMap<Room, Promise<void>>()
  let destroyed = false

  const persistence = createPersistence({
    sql,
    instanceId,
    log,
    compactor,
    flushMs: opts.flushMs,
    compactAfterUpdates: opts.compactAfterUpdates,
    compactAfterBytes: opts.compactAfterBytes,
    compactIntervalMs: opts.compactIntervalMs,
    onLessonGone: (lessonId) =>
      rooms.get(lessonId)?.closeAll(CloseCode.UNKNOWN_DOCUMENT, 'lesson was deleted'),
  })
  const relay: Relay | undefined = opts.redisUrl
    ? createRedisRelay({ url: opts.redisUrl, instanceId, log })
    : undefined

  // Section: LISTEN — updates written by others (the API, other instances) reach loaded rooms.

  let listenedOnce = false
  const listening = sql
    .listen('lesson_doc_updates', onNotify, () => {
      if (listenedOnce) void catchUpAll()
      listenedOnce = true
    })
    .catch((error) => {
      log.error('LISTEN lesson_doc_updates failed; updates written elsewhere reach clients on reload', {
        error,
      })
      return undefined
    })
  const notified = new Map<number, string>()
  let fetchTimer: NodeJS.Timeout | undefined

  function onNotify(payload: string) {
    let n: { lesson_id?: string; id?: number; origin?: string }
    try {
      n = JSON.parse(payload)
    } catch {
      return
    }
    if (n.origin === instanceId || !n.lesson_id || !rooms.has(n.lesson_id) || typeof n.id !== 'number') return
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
        rooms.get(row.lessonId)?.applyRemote(row.update, Origin.db)
        persistence.noteRows(row.lessonId, 1, row.update.byteLength)
      }
      // Rows gone already were merged into the snapshot by a compaction: read the lesson again.
      for (const lessonId of new Set(wanted.values())) await catchUp(lessonId)
    } catch (error) {
      // Try again shortly: a notification is not repeated, the rows stay in the log.
      log.warn('fetching notified updates failed; retrying', { error })
      for (const [id, lessonId] of wanted) if (rooms.has(lessonId)) notified.set(id, lessonId)
      if (!destroyed) fetchTimer ??= setTimeout(() => void fetchNotified(), 1000)
    }
  }

  /** Applies a lesson's whole stored state to its room (idempotent; after a missed notification). */
  async function catchUp(lessonId: string) {
    const room = rooms.get(lessonId)
    if (!room) return
    const stored = await persistence.load(lessonId)
    for (const u of stored.updates) room.applyRemote(u, Origin.db)
  }

  async function catchUpAll() {
    for (const lessonId of rooms.keys()) await catchUp(lessonId).catch(() => {})
  }

  // Section: rooms

  function acquire(lessonId: string, docName: string): { room: Room; ready: Promise<void> } {
    const existing = rooms.get(lessonId)
    if (existing) return { room: existing, ready: readiness.get(existing)! }
    const room = new Room(lessonId, docName, {
      log,
      persist: (update) => persistence.append(lessonId, update),
      publish: (kind, payload) => relay?.publish(docName, kind, payload),
    })
    rooms.set(lessonId, room)
    const joined = relay?.join(docName, (msg) => room.relayed(msg))
    const ready = (async () => {
      await listening
      const stored = await persistence.load(lessonId)
      room.load(stored.updates)
      persistence.track(lessonId, stored.rows, stored.bytes)
      if (joined) askOthers(joined, lessonId, docName)
    })()
    readiness.set(room, ready)
    ready.catch(() => {
      if (rooms.get(lessonId) === room) unload(room)
    })
    return { room, ready }
  }
  /**
   * Once subscribed, asks the other instances for edits they hold but have not written yet.
   * Defined outside acquire() so that a subscription pending while Redis is down does not keep
   * an unloaded room in memory.
   */
  function askOthers(joined: Promise<void>, lessonId: string, docName: string) {
    void joined.then(() => {
      const room = rooms.get(lessonId)
      if (room?.loaded) relay?.publish(docName, 'sync-step1', Y.encodeStateVector(room.doc))
    })
  }

  function unload(room: Room) {
    if (rooms.get(room.lessonId) === room) rooms.delete(room.lessonId)
    relay?.leave(room.docName)
    persistence.untrack(room.lessonId)
    room.destroy()
  }

  /** Unloads a room nobody uses any more, after its pending updates are written. */
  async function release(room: Room) {
    if (room.peers.size > 0 || room.joining > 0 || room.unloading || !room.loaded || destroyed) return
    room.unloading = true
    try {
      await persistence.flush()
    } finally {
      room.unloading = false
    }
    if (room.peers.size > 0 || room.joining > 0 || rooms.get(room.lessonId) !== room) return
    unload(room)
  }

  // Section: access — re-checked on the database's signal and periodically (access-watch.ts).

  const access = watchLessonAccess({
    sql,
    log,
    signals: opts.signals,
    accessCheckMs: opts.accessCheckMs,
    roomOf: (conn) => roomOfConn.get(conn),
  })

  return {
    name: 'yjs',
    instanceId,
    persistence,
    maxPayload: YJS_MAX_FRAME_BYTES,

    get rooms() {
      return rooms.size
    },
    docOf: (lessonId) => rooms.get(lessonId)?.doc,
    roomOf: (lessonId) => rooms.get(lessonId),
    recheck: () => access.recheckAll(),

    match(pathname) {
      if (!pathname.startsWith(PREFIX)) return undefined
      try {
        return { doc: decodeURIComponent(pathname.slice(PREFIX.length)) }
      } catch {
        return { doc: '' }
      }
    },

    async onAuthenticate(conn) {
      const lessonId = lessonIdOf(conn.params.doc ?? '')
      if (!lessonId)
        throw new CloseError(CloseCode.UNKNOWN_DOCUMENT, 'unknown document: expected lesson:<uuid>')
      const answer = await lessonAccess(sql, conn.claims, lessonId)
      const refused = refusal(answer)
      if (refused) throw refused
      rights.set(conn, { lessonId, rights: answer as Rights })
    },

    async onConnect(conn) {
      const granted = rights.get(conn)
      if (!granted || destroyed) throw new CloseError(CloseCode.GOING_AWAY, 'server shutting down')
      const { room, ready } = acquire(granted.lessonId, conn.params.doc)
      room.joining++
      try {
        await ready
      } finally {
        room.joining--
      }
      if (conn.state !== 'open' || conn.socket.readyState !== conn.socket.OPEN) {
        void release(room)
        return
      }
      room.join(conn, granted.rights)
      roomOfConn.set(conn, room)
      access.watch(conn)
    },

    onMessage(conn, data, isBinary) {
      if (!isBinary) throw new CloseError(CloseCode.MALFORMED, 'y-websocket frames are binary')
      const msg = parseClientMessage(data)
      // After an access signal this user's frames wait for the re-check (the core keeps their order).
      const pending = access.pending(conn.claims.sub)
      if (!pending) return roomOfConn.get(conn)?.receive(conn, msg)
      return pending.then(() => {
        if (conn.state === 'open') roomOfConn.get(conn)?.receive(conn, msg)
      })
    },

    async onDisconnect(conn) {
      const room = roomOfConn.get(conn)
      if (!room) return
      roomOfConn.delete(conn)
      access.unwatch(conn)
      room.leave(conn)
      await release(room)
    },

    async onDestroy() {
      destroyed = true
      access.close()
      clearTimeout(fetchTimer)
      for (const room of rooms.values()) room.closeAll(CloseCode.GOING_AWAY, 'server shutting down')
      await persistence.close()
      for (const room of [...rooms.values()]) unload(room)
      roomOfConn.clear()
      const listener = await listening
      await listener?.unlisten().catch(() => {})
      await relay?.close()
      await compactor.close()
    },
  }
}

// The Yjs rooms at /realtime/v1/yjs/lesson:<uuid>, y-websocket protocol: a Route of the realtime
// core, put together from parts each in its own file — the rooms held in memory (rooms.ts), their
// storage (persistence.ts, compaction on a worker: compactor.ts), the updates written elsewhere
// (log-listener.ts), the Redis relay between instances (core/redis-relay.ts) and the access
// re-check (access-watch.ts). The core's auth extension has verified the token before
// onAuthenticate here asks the database what this user may do with the lesson; onConnect waits for
// the room to load before the socket is served (the core queues its frames meanwhile).
import type * as Y from 'yjs'
import type { Sql } from '../../edge/lib/db.ts'
import type { AccessSignals } from '../access-signals.ts'
import { CloseCode, CloseError } from '../core/close-codes.ts'
import type { Connection } from '../core/connection.ts'
import { defaultInstanceId } from '../core/instance-id.ts'
import type { Logger } from '../core/log.ts'
import { createRedisRelay } from '../core/redis-relay.ts'
import type { Route } from '../core/types.ts'
import { lessonAccess, lessonIdOf, refusal } from './access.ts'
import { watchLessonAccess } from './access-watch.ts'
import { createCompactor } from './compactor.ts'
import { listenToUpdateLog } from './log-listener.ts'
import { createPersistence, type Persistence } from './persistence.ts'
import { createPresence } from './presence.ts'
import { parseClientMessage, RELAY_KINDS, RELAY_PREFIX, YJS_MAX_FRAME_BYTES, YJS_PATH } from './protocol.ts'
import type { Rights, Room } from './room.ts'
import { createRooms } from './rooms.ts'

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

export function createYjsRoute(opts: YjsOptions): YjsRoute {
  const { sql, log } = opts
  const instanceId = opts.instanceId ?? defaultInstanceId()
  const compactor = createCompactor(sql)
  const presence = createPresence(sql, instanceId, log)
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
  const relay = opts.redisUrl
    ? createRedisRelay({ url: opts.redisUrl, instanceId, log, prefix: RELAY_PREFIX, kinds: RELAY_KINDS })
    : undefined
  const updateLog = listenToUpdateLog({
    sql,
    log,
    instanceId,
    persistence,
    roomOf: (lessonId) => rooms.get(lessonId),
    lessonIds: () => rooms.lessonIds(),
  })
  const rooms = createRooms({ log, persistence, relay, listening: updateLog.listening })
  /** What each socket may do, from onAuthenticate until it is in its room. */
  const rights = new WeakMap<Connection, { lessonId: string; rights: Rights }>()
  const roomOfConn = new Map<Connection, Room>()
  // Re-checked on the database's signal and periodically.
  const access = watchLessonAccess({
    sql,
    log,
    signals: opts.signals,
    accessCheckMs: opts.accessCheckMs,
    roomOf: (conn) => roomOfConn.get(conn),
  })
  let destroyed = false

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
      const { room, ready } = rooms.acquire(granted.lessonId, conn.params.doc)
      room.joining++
      try {
        await ready
      } finally {
        room.joining--
      }
      if (conn.state !== 'open' || conn.socket.readyState !== conn.socket.OPEN) {
        void rooms.release(room)
        return
      }
      room.join(conn, granted.rights)
      roomOfConn.set(conn, room)
      access.watch(conn)
      if (granted.rights === 'edit') presence.enter(granted.lessonId, conn.claims.sub)
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
      const granted = rights.get(conn)
      if (granted?.rights === 'edit') presence.leave(granted.lessonId, conn.claims.sub)
      room.leave(conn)
      await rooms.release(room)
    },

    async onDestroy() {
      destroyed = true
      access.close()
      rooms.closeAll(CloseCode.GOING_AWAY, 'server shutting down')
      const unlistened = updateLog.close()
      await persistence.close()
      rooms.unloadAll()
      roomOfConn.clear()
      await unlistened
      await relay?.close()
      await compactor.close()
      await presence.close()
    },
  }
}

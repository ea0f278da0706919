// The lessons this instance holds in memory, one Room each. A room is loaded for its first socket —
// only once the LISTEN on the update log is in place, so that nothing written meanwhile is missed
// — joins its Redis channel and asks the other instances for what they hold but have not written
// yet; it is unloaded once nobody uses it and its pending updates are written.
import * as Y from 'yjs'
import type { Logger } from '../core/log.ts'
import type { Relay } from '../core/redis-relay.ts'
import type { Persistence } from './persistence.ts'
import type { RelayKind } from './protocol.ts'
import { Room } from './room.ts'

export interface RoomsOptions {
  log: Logger
  persistence: Persistence
  relay?: Relay<RelayKind>
  /** Resolves once updates written elsewhere are heard (log-listener.ts); loads wait for it. */
  listening: Promise<unknown>
}

export interface Rooms {
  readonly size: number
  get(lessonId: string): Room | undefined
  /** The ids of the loaded lessons. */
  lessonIds(): IterableIterator<string>
  /** The lesson's room, loaded on first use; `ready` resolves once it is loaded (rejects if it cannot be). */
  acquire(lessonId: string, docName: string): { room: Room; ready: Promise<void> }
  /** Unloads a room nobody uses any more, after its pending updates are written. */
  release(room: Room): Promise<void>
  /** Closes every room's sockets with a code (the server is closing); no room is unloaded from now on but by unloadAll. */
  closeAll(code: number, reason: string): void
  /** Unloads every room (after the pending updates were written). */
  unloadAll(): void
}

export function createRooms({ log, persistence, relay, listening }: RoomsOptions): Rooms {
  const rooms = new Map<string, Room>()
  const readiness = new WeakMap<Room, Promise<void>>()
  let closing = false

  function acquire(lessonId: string, docName: string): { room: Room; ready: Promise<void> } {
    const existing = rooms.get(lessonId)
    if (existing) return { room: existing, ready: readiness.get(existing)! }
    const room = new Room(lessonId, docName, {
      log,
      persist: (update) => persistence.append(lessonId, update),
      publish: (kind, payload) => relay?.publish(docName, kind, payload),
    })
    rooms.set(lessonId, room)
    const joined = relay
      ?.join(docName, (msg) => room.relayed(msg))
      .then((subscribed) => {
        // Ask the instances already serving this room for their clients' presence.
        if (subscribed) relay?.publish(docName, 'query-awareness')
      })
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

  return {
    get size() {
      return rooms.size
    },
    get: (lessonId) => rooms.get(lessonId),
    lessonIds: () => rooms.keys(),
    acquire,

    async release(room) {
      if (room.peers.size > 0 || room.joining > 0 || room.unloading || !room.loaded || closing) return
      room.unloading = true
      try {
        await persistence.flush()
      } finally {
        room.unloading = false
      }
      if (room.peers.size > 0 || room.joining > 0 || rooms.get(room.lessonId) !== room) return
      unload(room)
    },

    closeAll(code, reason) {
      closing = true
      for (const room of rooms.values()) room.closeAll(code, reason)
    },

    unloadAll() {
      for (const room of [...rooms.values()]) unload(room)
    },
  }
}

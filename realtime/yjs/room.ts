// One lesson draft held in memory: its Y.Doc, the presence of its clients (awareness), and who is
// connected with which rights. Updates from editors are applied, broadcast, persisted and relayed;
// updates from viewers are dropped; updates from elsewhere (Redis, the database) are applied and
// broadcast only.
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as Y from 'yjs'
import { CloseCode, CloseError } from '../core/close-codes.ts'
import { Connection } from '../core/connection.ts'
import type { Logger } from '../core/log.ts'
import type { RelayMessage } from '../core/redis-relay.ts'
import {
  awarenessMessage,
  type ClientMessage,
  type RelayKind,
  syncStep1,
  syncStep2,
  updateMessage,
} from './protocol.ts'

/** Transaction origins of changes that did not come from one of this room's sockets. */
export const Origin = { load: 'load', redis: 'redis', db: 'db' } as const

/** Unsent bytes a socket may hold beyond the big frames (initial sync) we sent it. */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024

export type Rights = 'edit' | 'view'
type RemoteOrigin = typeof Origin.redis | typeof Origin.db

interface Peer {
  rights: Rights
  /** Awareness client ids this socket has announced; removed when it leaves. */
  awarenessIds: Set<number>
  /** Bytes of large frames sent to it, allowed to sit in its send buffer. */
  allowance: number
}

export interface RoomHooks {
  log: Logger
  /** An editor's update, to be written to the database. */
  persist(update: Uint8Array): void
  /** Something for the other instances serving this room. */
  publish(kind: RelayKind, payload?: Uint8Array): void
}

export class Room {
  readonly doc = new Y.Doc()
  readonly awareness = new awarenessProtocol.Awareness(this.doc)
  readonly peers = new Map<Connection, Peer>()
  /** Sockets waiting for the document to load; the room is not unloaded meanwhile. */
  joining = 0
  /** Set while the room is being flushed for unloading. */
  unloading = false
  /** Editors' updates dropped because the sender was read-only (for tests and logs). */
  dropped = 0
  /** Awareness entries dropped because they named a client id the sender did not introduce. */
  spoofed = 0
  /** Which socket introduced each awareness client id (only that socket may change or remove it). */
  private owners = new Map<number, Connection>()
  private ready = false
  private early: [Uint8Array, RemoteOrigin][] = []

  constructor(
    readonly lessonId: string,
    readonly docName: string,
    private readonly hooks: RoomHooks,
  ) {
    this.awareness.setLocalState(null)
    this.awareness.on('update', this.onAwareness)
  }

  get loaded(): boolean {
    return this.ready
  }

  /**
   * Applies the stored state, then whatever arrived from elsewhere while it loaded. One
   * transaction per update, as the clients applied them: that keeps the state byte-identical.
   * The update listener comes after: with one, Yjs would re-encode everything loaded as an update
   * (for a 16 MB lesson, a third more time).
   */
  load(updates: Uint8Array[]) {
    for (const u of updates) {
      try {
        Y.applyUpdate(this.doc, u, Origin.load)
      } catch (error) {
        // One bad row must not make the lesson unreadable; the rest still applies.
        this.hooks.log.error('skipped a stored update that does not apply', {
          lessonId: this.lessonId,
          error,
        })
      }
    }
    this.doc.on('update', this.onUpdate)
    this.ready = true
    for (const [u, origin] of this.early.splice(0)) this.applyRemote(u, origin)
  }

  /** An update from Redis or the database: applied and broadcast, neither persisted nor relayed. */
  applyRemote(update: Uint8Array, origin: RemoteOrigin) {
    if (!this.ready) {
      this.early.push([update, origin])
      return
    }
    try {
      Y.applyUpdate(this.doc, update, origin)
    } catch (error) {
      this.hooks.log.warn('ignored an update that does not apply', { lessonId: this.lessonId, origin, error })
    }
  }

  /** Adds a socket: sends our state vector and everyone's presence; the client answers with step 2. */
  join(conn: Connection, rights: Rights) {
    this.peers.set(conn, { rights, awarenessIds: new Set(), allowance: 0 })
    this.send(conn, syncStep1(this.doc))
    const states = this.awareness.getStates()
    if (states.size > 0)
      this.send(
        conn,
        awarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...states.keys()])),
      )
  }

  /** Removes a socket and the presence it announced. */
  leave(conn: Connection) {
    const peer = this.peers.get(conn)
    if (!peer) return
    this.peers.delete(conn)
    for (const id of peer.awarenessIds) if (this.owners.get(id) === conn) this.owners.delete(id)
    awarenessProtocol.removeAwarenessStates(this.awareness, [...peer.awarenessIds], null)
  }

  setRights(conn: Connection, rights: Rights) {
    const peer = this.peers.get(conn)
    if (peer) peer.rights = rights
  }

  rightsOf(conn: Connection): Rights | undefined {
    return this.peers.get(conn)?.rights
  }

  /** One decoded frame from a socket of this room. */
  receive(conn: Connection, msg: ClientMessage) {
    const peer = this.peers.get(conn)
    if (!peer) return
    switch (msg.type) {
      case 'sync-step1': {
        let reply: Uint8Array
        try {
          reply = syncStep2(this.doc, msg.stateVector)
        } catch {
          throw new CloseError(CloseCode.MALFORMED, 'malformed y-websocket frame: bad state vector')
        }
        peer.allowance = Math.max(peer.allowance, reply.byteLength)
        this.send(conn, reply)
        return
      }
      case 'sync-update':
        if (peer.rights !== 'edit') {
          this.dropped++
          return
        }
        try {
          // Decoding first is cheap and safe; applying a crafted update can allocate huge arrays
          // (a struct count in its header) before it fails.
          Y.decodeUpdate(msg.update)
          Y.applyUpdate(this.doc, msg.update, conn)
        } catch {
          throw new CloseError(CloseCode.MALFORMED, 'malformed y-websocket frame: update does not decode')
        }
        return
      case 'awareness': {
        const own = this.ownEntries(conn, msg.update)
        if (own) awarenessProtocol.applyAwarenessUpdate(this.awareness, own, conn)
        return
      }
      case 'query-awareness': {
        const ids = [...this.awareness.getStates().keys()]
        this.send(conn, awarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids)))
        return
      }
    }
  }

  /**
   * The part of an awareness update a socket may send: entries for client ids it introduced, or
   * new ids nobody holds (here or, through Redis, elsewhere). A viewer cannot move an editor's
   * caret, rename it or remove it. Stock y-websocket clients echo every change they hear, others'
   * included: those entries are dropped here without closing anything. Undefined when nothing is left.
   */
  private ownEntries(conn: Connection, update: Uint8Array): Uint8Array | undefined {
    const kept: [number, number, string][] = []
    let total = 0
    try {
      const decoder = decoding.createDecoder(update)
      total = decoding.readVarUint(decoder)
      for (let i = 0; i < total; i++) {
        const entry: [number, number, string] = [
          decoding.readVarUint(decoder),
          decoding.readVarUint(decoder),
          decoding.readVarString(decoder),
        ]
        JSON.parse(entry[2])
        const owner = this.owners.get(entry[0])
        // A state of null removes; only the socket that introduced an id may remove it.
        const fresh = !owner && entry[2] !== 'null' && !this.awareness.getStates().has(entry[0])
        if (owner === conn || fresh) kept.push(entry)
      }
    } catch {
      throw new CloseError(CloseCode.MALFORMED, 'malformed y-websocket frame: bad awareness update')
    }
    this.spoofed += total - kept.length
    if (kept.length === 0) return undefined
    for (const [id] of kept) this.owners.set(id, conn)
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, kept.length)
    for (const [id, clock, state] of kept) {
      encoding.writeVarUint(encoder, id)
      encoding.writeVarUint(encoder, clock)
      encoding.writeVarString(encoder, state)
    }
    return encoding.toUint8Array(encoder)
  }

  /** A message another instance published for this room. */
  relayed({ kind, payload }: RelayMessage<RelayKind>) {
    if (kind === 'update') this.applyRemote(payload, Origin.redis)
    else if (kind === 'awareness') {
      try {
        awarenessProtocol.applyAwarenessUpdate(this.awareness, payload, Origin.redis)
      } catch (error) {
        this.hooks.log.warn('ignored a bad relayed awareness update', { lessonId: this.lessonId, error })
      }
    } else if (kind === 'query-awareness') {
      const ids = [...this.peers.values()].flatMap((p) => [...p.awarenessIds])
      if (ids.length > 0)
        this.hooks.publish('awareness', awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids))
    } else if (kind === 'sync-step1' && this.ready && this.peers.size > 0) {
      let missing: Uint8Array
      try {
        missing = Y.encodeStateAsUpdate(this.doc, payload)
      } catch {
        return
      }
      // An empty update is 2 bytes (no structs, no deletions): nothing to send.
      if (missing.byteLength > 2) this.hooks.publish('update', missing)
    }
  }

  /** Closes every socket of the room with a code (e.g. the lesson was deleted). */
  closeAll(code: number, reason: string) {
    for (const conn of this.peers.keys()) conn.close(code, reason)
  }

  destroy() {
    this.doc.off('update', this.onUpdate)
    this.awareness.off('update', this.onAwareness)
    this.awareness.destroy()
    this.doc.destroy()
    this.peers.clear()
    this.owners.clear()
    this.early = []
  }

  private onUpdate = (update: Uint8Array, origin: unknown) => {
    const frame = updateMessage(update)
    for (const conn of this.peers.keys()) if (conn !== origin) this.send(conn, frame)
    // An editor's update, or one the document made itself: after a remote change Yjs cleans up
    // redundant text formatting in a transaction of its own (origin null), and which markers it
    // deletes depends on arrival order. Stored and relayed like an edit, so everyone converges.
    if (origin instanceof Connection || origin == null) {
      this.hooks.persist(update)
      this.hooks.publish('update', update)
    }
  }

  private onAwareness = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ) => {
    if (origin instanceof Connection) {
      const peer = this.peers.get(origin)
      if (peer) {
        for (const id of added) peer.awarenessIds.add(id)
        for (const id of updated) peer.awarenessIds.add(id)
        for (const id of removed) peer.awarenessIds.delete(id)
      }
    }
    const changed = [...added, ...updated, ...removed]
    const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed)
    const frame = awarenessMessage(update)
    // Also to the sender, as y-websocket-server does: it keeps the client's idle watchdog fed.
    for (const conn of this.peers.keys()) this.send(conn, frame)
    if (origin !== Origin.redis && origin !== 'timeout') this.hooks.publish('awareness', update)
  }

  /** Sends a frame; a socket that stops reading is closed rather than buffered without end. */
  private send(conn: Connection, frame: Uint8Array) {
    const socket = conn.socket
    if (socket.readyState !== socket.OPEN) return
    const peer = this.peers.get(conn)
    if (socket.bufferedAmount > MAX_BUFFERED_BYTES + (peer?.allowance ?? 0)) {
      conn.close(CloseCode.POLICY_VIOLATION, 'not reading fast enough')
      return
    }
    socket.send(frame, () => {})
  }
}

// Scale-out: instances serving the same lesson relay document updates and awareness through Redis
// pub/sub, one channel per room. Pub/sub is at-most-once; updates also reach other instances through
// Postgres (LISTEN on the update log), so a lost message delays an edit but never loses it.
import { Redis } from 'ioredis'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import type { Logger } from '../log.ts'

/**
 * `update` and `awareness` as on the wire; `query-awareness` asks the others for their clients'
 * presence; `sync-step1` carries a state vector and asks the others for what it lacks (sent by an
 * instance that has just loaded a room, so edits not yet in Postgres reach it too).
 */
export type RelayKind = 'update' | 'awareness' | 'query-awareness' | 'sync-step1'
const KINDS: RelayKind[] = ['update', 'awareness', 'query-awareness', 'sync-step1']

/** What another instance published to a room. */
export interface RelayMessage {
  kind: RelayKind
  payload: Uint8Array
  /** The instance that published it. */
  from: string
}

export interface Relay {
  /**
   * Subscribes to a room's channel; other instances' messages go to `handler`. Resolves once
   * subscribed (never rejects: without Redis the room still works alone).
   */
  join(docName: string, handler: (message: RelayMessage) => void): Promise<void>
  leave(docName: string): void
  /** Publishes to a room (dropped, not queued, while Redis is unreachable). */
  publish(docName: string, kind: RelayKind, payload?: Uint8Array): void
  close(): Promise<void>
}

export interface RedisRelayOptions {
  url: string
  instanceId: string
  log: Logger
  /** Channel name prefix; the document name follows. */
  prefix?: string
}

/** A Redis relay with a publishing and a subscribing connection (ioredis reconnects both). */
export function createRedisRelay({
  url,
  instanceId,
  log,
  prefix = 'kipindi:yjs:',
}: RedisRelayOptions): Relay {
  const pub = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: false })
  const sub = new Redis(url, { maxRetriesPerRequest: null, autoResubscribe: true })
  const handlers = new Map<string, (message: RelayMessage) => void>()
  let reported = false
  const onError = (error: Error) => {
    if (reported) return
    reported = true
    log.warn('redis unreachable; rooms are not relayed between instances until it is back', {
      error: error.message,
    })
  }
  pub.on('error', onError)
  sub.on('error', onError)
  sub.on('ready', () => {
    if (reported) log.info('redis reachable again')
    reported = false
  })
  sub.on('messageBuffer', (channel: Buffer, message: Buffer) => {
    const handler = handlers.get(channel.toString())
    if (!handler) return
    try {
      const decoder = decoding.createDecoder(message)
      const from = decoding.readVarString(decoder)
      if (from === instanceId) return
      const kind = KINDS[decoding.readVarUint(decoder)]
      const payload = decoding.readVarUint8Array(decoder)
      if (kind) handler({ kind, payload, from })
    } catch (error) {
      log.warn('ignored a malformed relay message', { channel: channel.toString(), error })
    }
  })

  function publish(docName: string, kind: RelayKind, payload = new Uint8Array()) {
    if (pub.status !== 'ready') return
    const encoder = encoding.createEncoder()
    encoding.writeVarString(encoder, instanceId)
    encoding.writeVarUint(encoder, KINDS.indexOf(kind))
    encoding.writeVarUint8Array(encoder, payload)
    pub.publish(prefix + docName, Buffer.from(encoding.toUint8Array(encoder))).catch(() => {})
  }

  return {
    publish,

    join(docName, handler) {
      const channel = prefix + docName
      handlers.set(channel, handler)
      return sub.subscribe(channel).then(
        // Ask the instances already serving this room for their clients' presence.
        () => {
          if (handlers.has(channel)) publish(docName, 'query-awareness')
        },
        (error) => log.warn('redis subscribe failed', { channel, error }),
      )
    },

    leave(docName) {
      const channel = prefix + docName
      if (!handlers.delete(channel)) return
      sub.unsubscribe(channel).catch(() => {})
    },

    async close() {
      handlers.clear()
      // Not quit(): with Redis unreachable it would wait for a reconnection that may never come.
      pub.disconnect()
      sub.disconnect()
    },
  }
}

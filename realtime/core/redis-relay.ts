// Scale-out: realtime instances relay what their own clients send to the other instances through
// Redis pub/sub, one channel per room or topic family (`<prefix><channel>`). Used by the Yjs rooms
// (updates, awareness) and the live channel (client events). Pub/sub is at-most-once: a feature
// that must not lose anything has a second path (the Yjs rooms' updates also go through Postgres).
//
// A message is `from` (the publishing instance, whose own messages are skipped), the index of its
// kind in the feature's `kinds`, and the payload, each lib0-encoded.
import { Redis } from 'ioredis'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import type { Logger } from './log.ts'

/** What another instance published on a channel. */
export interface RelayMessage<K extends string = string> {
  kind: K
  payload: Uint8Array
  /** The instance that published it. */
  from: string
}

export interface Relay<K extends string = string> {
  /**
   * Subscribes to a channel; other instances' messages go to `handler`. Resolves once subscribed,
   * with false when the subscription failed or the channel was left meanwhile (never rejects:
   * without Redis the instance still works alone).
   */
  join(channel: string, handler: (message: RelayMessage<K>) => void): Promise<boolean>
  leave(channel: string): void
  /** Publishes on a channel (dropped, not queued, while Redis is unreachable). */
  publish(channel: string, kind: K, payload?: Uint8Array): void
  close(): Promise<void>
}

export interface RedisRelayOptions<K extends string> {
  url: string
  instanceId: string
  log: Logger
  /** Channel name prefix, e.g. `kipindi:yjs:`; the channel's name follows. */
  prefix: string
  /** The message kinds, in wire order (a kind travels as its index: never reorder, only append). */
  kinds: readonly K[]
}

/** A Redis relay with a publishing and a subscribing connection (ioredis reconnects both). */
export function createRedisRelay<K extends string>({
  url,
  instanceId,
  log,
  prefix,
  kinds,
}: RedisRelayOptions<K>): Relay<K> {
  const pub = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: false })
  const sub = new Redis(url, { maxRetriesPerRequest: null, autoResubscribe: true })
  const handlers = new Map<string, (message: RelayMessage<K>) => void>()
  let reported = false
  const onError = (error: Error) => {
    if (reported) return
    reported = true
    log.warn('redis unreachable; nothing is relayed between instances until it is back', {
      channels: `${prefix}*`,
      error: error.message,
    })
  }
  pub.on('error', onError)
  sub.on('error', onError)
  sub.on('ready', () => {
    if (reported) log.info('redis reachable again', { channels: `${prefix}*` })
    reported = false
  })
  sub.on('messageBuffer', (channel: Buffer, message: Buffer) => {
    const handler = handlers.get(channel.toString())
    if (!handler) return
    try {
      const decoder = decoding.createDecoder(message)
      const from = decoding.readVarString(decoder)
      if (from === instanceId) return
      const kind = kinds[decoding.readVarUint(decoder)]
      const payload = decoding.readVarUint8Array(decoder)
      if (kind) handler({ kind, payload, from })
    } catch (error) {
      log.warn('ignored a malformed relay message', { channel: channel.toString(), error })
    }
  })

  return {
    publish(channel, kind, payload = new Uint8Array()) {
      if (pub.status !== 'ready') return
      const encoder = encoding.createEncoder()
      encoding.writeVarString(encoder, instanceId)
      encoding.writeVarUint(encoder, kinds.indexOf(kind))
      encoding.writeVarUint8Array(encoder, payload)
      pub.publish(prefix + channel, Buffer.from(encoding.toUint8Array(encoder))).catch(() => {})
    },

    join(channel, handler) {
      const name = prefix + channel
      handlers.set(name, handler)
      return sub.subscribe(name).then(
        () => handlers.has(name),
        (error) => {
          log.warn('redis subscribe failed', { channel: name, error })
          return false
        },
      )
    },

    leave(channel) {
      const name = prefix + channel
      if (!handlers.delete(name)) return
      sub.unsubscribe(name).catch(() => {})
    },

    async close() {
      handlers.clear()
      // Not quit(): with Redis unreachable it would wait for a reconnection that may never come.
      pub.disconnect()
      sub.disconnect()
    },
  }
}

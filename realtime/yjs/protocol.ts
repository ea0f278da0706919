// The y-websocket wire format (see yjs/y-websocket-server `src/utils.js`): every frame is a varUint
// message type followed by its payload. Parsing never trusts a length prefix and turns anything it
// cannot read into a CloseError 4400, so bad input closes one socket and nothing else.
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as Y from 'yjs'
import { CloseCode, CloseError } from '../core/close-codes.ts'

/** Path prefix of the Yjs rooms; the document name follows: `/realtime/v1/yjs/lesson:<uuid>`. */
export const YJS_PATH = '/realtime/v1/yjs'

/** Largest frame a Yjs client may send (a big paste or an offline client's catch-up). */
export const YJS_MAX_FRAME_BYTES = 8 * 1024 * 1024

/**
 * What the instances serving a room relay to each other through Redis (core/redis-relay.ts), in
 * wire order: `update` and `awareness` as on the socket; `query-awareness` asks the others for their
 * clients' presence; `sync-step1` carries a state vector and asks the others for what it lacks
 * (sent by an instance that has just loaded a room, so edits not yet in Postgres reach it too).
 */
export const RELAY_KINDS = ['update', 'awareness', 'query-awareness', 'sync-step1'] as const
export type RelayKind = (typeof RELAY_KINDS)[number]
/** Redis channel prefix of the rooms; the document name follows (`kipindi:yjs:lesson:<uuid>`). */
export const RELAY_PREFIX = 'kipindi:yjs:'

export const MessageType = { sync: 0, awareness: 1, auth: 2, queryAwareness: 3 } as const
export const SyncType = { step1: 0, step2: 1, update: 2 } as const

/** One frame from a client, decoded. */
export type ClientMessage =
  | { type: 'sync-step1'; stateVector: Uint8Array }
  | { type: 'sync-update'; update: Uint8Array }
  | { type: 'awareness'; update: Uint8Array }
  | { type: 'query-awareness' }

const malformed = (why: string) => new CloseError(CloseCode.MALFORMED, `malformed y-websocket frame: ${why}`)

/** Decodes one binary frame; throws CloseError 4400 for anything outside the protocol. */
export function parseClientMessage(data: Uint8Array): ClientMessage {
  try {
    const decoder = decoding.createDecoder(data)
    const type = decoding.readVarUint(decoder)
    switch (type) {
      case MessageType.sync: {
        const sync = decoding.readVarUint(decoder)
        const payload = decoding.readVarUint8Array(decoder)
        if (sync === SyncType.step1) return { type: 'sync-step1', stateVector: payload }
        if (sync === SyncType.step2 || sync === SyncType.update)
          return { type: 'sync-update', update: payload }
        throw malformed(`unknown sync message ${sync}`)
      }
      case MessageType.awareness:
        return { type: 'awareness', update: decoding.readVarUint8Array(decoder) }
      case MessageType.queryAwareness:
        return { type: 'query-awareness' }
      default:
        throw malformed(`unknown message type ${type}`)
    }
  } catch (error) {
    if (error instanceof CloseError) throw error
    throw malformed((error as Error).message)
  }
}

function frame(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder()
  write(encoder)
  return encoding.toUint8Array(encoder)
}

/** Sync step 1: our state vector, asking the peer for what we lack. */
export const syncStep1 = (doc: Y.Doc) =>
  frame((e) => {
    encoding.writeVarUint(e, MessageType.sync)
    encoding.writeVarUint(e, SyncType.step1)
    encoding.writeVarUint8Array(e, Y.encodeStateVector(doc))
  })

/** Sync step 2: what the peer lacks, given its state vector (throws on a malformed vector). */
export const syncStep2 = (doc: Y.Doc, stateVector: Uint8Array) =>
  frame((e) => {
    encoding.writeVarUint(e, MessageType.sync)
    encoding.writeVarUint(e, SyncType.step2)
    encoding.writeVarUint8Array(e, Y.encodeStateAsUpdate(doc, stateVector))
  })

/** A document update, as broadcast to every peer of a room. */
export const updateMessage = (update: Uint8Array) =>
  frame((e) => {
    encoding.writeVarUint(e, MessageType.sync)
    encoding.writeVarUint(e, SyncType.update)
    encoding.writeVarUint8Array(e, update)
  })

/** An awareness update (presence: names, colours, cursors). */
export const awarenessMessage = (update: Uint8Array) =>
  frame((e) => {
    encoding.writeVarUint(e, MessageType.awareness)
    encoding.writeVarUint8Array(e, update)
  })

// Defensive parsing of what reaches the hub from outside this process: NOTIFY payloads on channel
// `live` (written by triggers) and client events relayed by other instances through Redis. Anything
// not in shape is dropped (undefined), never thrown.
import { isObject } from './topics.ts'

/** One event from the database: `{topic, event, audience, data}` or, when too big, `ref.message_id`. */
export interface LiveNotification {
  topic: string
  event: string
  audience?: string
  data?: unknown
  /** Set when `data` was replaced by `ref: {message_id}` (payloads over NOTIFY's 8000 bytes). */
  messageId?: number
}

/** A client's (or a server presence) event relayed between instances. */
export interface Relayed {
  topic: string
  event: string
  data: unknown
  from?: string
  to?: string
  audience?: string | readonly string[]
}

const TOPIC = /^[a-z][a-z0-9_-]*(:[A-Za-z0-9_-]+)*$/
const EVENT = /^[a-z][a-z_]{0,31}$/
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

const isTopic = (v: unknown): v is string => typeof v === 'string' && v.length <= 200 && TOPIC.test(v)
const isEvent = (v: unknown): v is string => typeof v === 'string' && EVENT.test(v)
const isAudience = (v: unknown): v is string => typeof v === 'string' && v.length > 0 && v.length <= 32

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}

export function parseNotification(payload: string): LiveNotification | undefined {
  const raw = parseJson(payload)
  if (!isObject(raw) || !isTopic(raw.topic) || !isEvent(raw.event)) return undefined
  if (raw.audience !== undefined && !isAudience(raw.audience)) return undefined
  const n: LiveNotification = { topic: raw.topic, event: raw.event, audience: raw.audience }
  if ((raw.data === undefined || raw.data === null) && raw.ref !== undefined) {
    const id = isObject(raw.ref) ? raw.ref.message_id : undefined
    if (typeof id !== 'number' || !Number.isSafeInteger(id) || id <= 0) return undefined
    n.messageId = id
    return n
  }
  n.data = raw.data ?? null
  return n
}

export function parseRelayed(payload: Uint8Array): Relayed | undefined {
  const raw = parseJson(Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength).toString('utf8'))
  if (!isObject(raw) || !isTopic(raw.topic) || !isEvent(raw.event)) return undefined
  if (raw.from !== undefined && (typeof raw.from !== 'string' || !UUID.test(raw.from))) return undefined
  if (raw.to !== undefined && (typeof raw.to !== 'string' || !UUID.test(raw.to))) return undefined
  const audience = raw.audience
  if (
    audience !== undefined &&
    !isAudience(audience) &&
    !(Array.isArray(audience) && audience.every(isAudience))
  )
    return undefined
  return {
    topic: raw.topic,
    event: raw.event,
    data: raw.data ?? null,
    from: raw.from,
    to: raw.to,
    audience: audience as Relayed['audience'],
  }
}

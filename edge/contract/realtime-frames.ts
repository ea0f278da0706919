// Reads a frame the realtime server sent, without zod: the web app's live client runs on every
// signed-in page, and building zod's schemas there cost a phone more main-thread time than the rest
// of the client together. It accepts exactly what `LiveServerMessage` (realtime.ts) accepts and
// returns the same value; realtime-frames.test.ts holds the two to that.
import type { LiveServerMessage } from './realtime.ts'
import {
  EVENT_NAME_PATTERN,
  LIVE_ERROR_CODES,
  MESSAGE_ID_MAX_LENGTH,
  TOPIC_MAX_LENGTH,
  TOPIC_PATTERN,
} from './realtime-values.ts'

type Fields = Record<string, unknown>

// zod's `z.uuid()`: RFC 9562 versions 1–8 with the variant bits, or the nil and max UUIDs.
const UUID =
  /^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-8][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}|00000000-0000-0000-0000-000000000000|ffffffff-ffff-ffff-ffff-ffffffffffff)$/

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v)
const isString = (v: unknown): v is string => typeof v === 'string'
const isTopic = (v: unknown): v is string =>
  isString(v) && v.length >= 1 && v.length <= TOPIC_MAX_LENGTH && TOPIC_PATTERN.test(v)
const isMessageId = (v: unknown): v is string | number =>
  (isString(v) && v.length <= MESSAGE_ID_MAX_LENGTH) || (isNumber(v) && Number.isSafeInteger(v))
const isErrorCode = (v: unknown): v is (typeof LIVE_ERROR_CODES)[number] =>
  (LIVE_ERROR_CODES as readonly unknown[]).includes(v)

/** Copies the fields of `frame` that its type has (zod drops the others), checking each. */
function pick(
  frame: Fields,
  required: Record<string, (v: unknown) => boolean>,
  optional: Record<string, (v: unknown) => boolean> = {},
): Fields | undefined {
  const out: Fields = { type: frame.type }
  for (const [key, ok] of Object.entries(required)) {
    if (!ok(frame[key])) return undefined
    out[key] = frame[key]
  }
  for (const [key, ok] of Object.entries(optional)) {
    if (frame[key] === undefined) continue
    if (!ok(frame[key])) return undefined
    out[key] = frame[key]
  }
  return out
}

const withId = { id: isMessageId }

const SHAPES: Record<LiveServerMessage['type'], (frame: Fields) => Fields | undefined> = {
  pong: (f) => pick(f, { at: isNumber }, withId),
  subscribed: (f) => pick(f, { topic: isTopic }, withId),
  unsubscribed: (f) => pick(f, { topic: isTopic }, withId),
  event: (f) => {
    if (!('data' in f)) return undefined // present, whatever it is
    const out = pick(
      f,
      { topic: isTopic, event: (v) => isString(v) && EVENT_NAME_PATTERN.test(v) },
      { from: (v) => isString(v) && UUID.test(v) },
    )
    if (out) out.data = f.data
    return out
  },
  authenticated: (f) => pick(f, { exp: isNumber }, withId),
  error: (f) => pick(f, { code: isErrorCode, message: isString }, { ...withId, topic: isTopic }),
}

/** The frame as a `LiveServerMessage`, or undefined when it is not one (then it is ignored). */
export function readLiveServerFrame(value: unknown): LiveServerMessage | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined
  const frame = value as Fields
  if (!isString(frame.type) || !Object.hasOwn(SHAPES, frame.type)) return undefined
  return SHAPES[frame.type as LiveServerMessage['type']](frame) as LiveServerMessage | undefined
}

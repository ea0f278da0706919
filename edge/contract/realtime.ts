import { z } from 'zod'

import {
  EVENT_NAME_PATTERN,
  LIVE_ERROR_CODES,
  MESSAGE_ID_MAX_LENGTH,
  TOPIC_MAX_LENGTH,
  TOPIC_PATTERN,
} from './realtime-values.ts'

// The channel's plain values live in realtime-values.ts (no zod), re-exported here. The web app
// reads server frames without zod (realtime-frames.ts, tested to agree with LiveServerMessage).
export { LIVE_PATH, MAX_FRAME_BYTES } from './realtime-values.ts'

/** A client-chosen correlation id, echoed in the reply. */
const MessageId = z.union([z.string().max(MESSAGE_ID_MAX_LENGTH), z.number().int().safe()])

/** A topic name such as `ticket:<uuid>` or `tenant:<uuid>:notifications`. */
export const Topic = z
  .string()
  .min(1)
  .max(TOPIC_MAX_LENGTH)
  .regex(TOPIC_PATTERN, 'A topic is lowercase words joined by colons.')
export type Topic = z.infer<typeof Topic>

/** The name of a live event, e.g. `message`, `typing`, `seen`, `notification`, `signal`. */
export const LiveEventName = z
  .string()
  .regex(EVENT_NAME_PATTERN, 'An event name is a lowercase word (letters and _), at most 32 characters.')

/** What a client may send on the live channel; anything else closes the socket with 4400. */
export const LiveClientMessage = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('ping'), id: MessageId.optional() }),
  z.strictObject({ type: z.literal('subscribe'), topic: Topic, id: MessageId.optional() }),
  z.strictObject({ type: z.literal('unsubscribe'), topic: Topic, id: MessageId.optional() }),
  /**
   * An ephemeral event to the other subscribers of a topic the socket is subscribed to (typing,
   * WebRTC signalling). Each topic family accepts its own events; `to` limits delivery to one user.
   */
  z.strictObject({
    type: z.literal('publish'),
    topic: Topic,
    event: LiveEventName,
    data: z.unknown().optional(),
    to: z.uuid().optional(),
    id: MessageId.optional(),
  }),
  /** A fresh access token (after a refresh), so the socket outlives the one it opened with. */
  z.strictObject({ type: z.literal('auth'), token: z.string().min(1).max(8192), id: MessageId.optional() }),
])
export type LiveClientMessage = z.infer<typeof LiveClientMessage>

/** Error codes the live channel answers with while keeping the socket open. */
export const LiveErrorCode = z.enum(LIVE_ERROR_CODES)
export type LiveErrorCode = z.infer<typeof LiveErrorCode>

/** What the server sends on the live channel. */
export const LiveServerMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('pong'), id: MessageId.optional(), at: z.number() }),
  z.object({ type: z.literal('subscribed'), topic: Topic, id: MessageId.optional() }),
  z.object({ type: z.literal('unsubscribed'), topic: Topic, id: MessageId.optional() }),
  /**
   * Something happened on a subscribed topic. Events from the database (messages, ticket changes,
   * notifications) have no `from`; events published by a client carry the sender's user id.
   */
  z.object({
    type: z.literal('event'),
    topic: Topic,
    event: LiveEventName,
    data: z.unknown(),
    from: z.uuid().optional(),
  }),
  /** The new token was accepted; the socket now lives until `exp` (seconds since the epoch). */
  z.object({ type: z.literal('authenticated'), exp: z.number(), id: MessageId.optional() }),
  z.object({
    type: z.literal('error'),
    code: LiveErrorCode,
    message: z.string(),
    id: MessageId.optional(),
    topic: Topic.optional(),
  }),
])
export type LiveServerMessage = z.infer<typeof LiveServerMessage>

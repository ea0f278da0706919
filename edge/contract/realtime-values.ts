// The live channel's fixed values, apart from the schemas in realtime.ts so that the web app's live
// client runs without zod (it reads the server's frames with realtime-frames.ts).

/** Path of the JSON live channel (tickets, notifications, session events); `?token=<JWT>`. */
export const LIVE_PATH = '/realtime/v1/live'

/** Largest frame the realtime server accepts (64 KiB); bigger frames close the socket with 1009. */
export const MAX_FRAME_BYTES = 64 * 1024

/** A topic name such as `ticket:<uuid>` or `tenant:<uuid>:notifications`, at most 200 characters. */
export const TOPIC_PATTERN = /^[a-z][a-z0-9_-]*(:[A-Za-z0-9_-]+)*$/
export const TOPIC_MAX_LENGTH = 200

/** The name of a live event, e.g. `message`, `typing`, `seen`: a lowercase word of at most 32. */
export const EVENT_NAME_PATTERN = /^[a-z][a-z_]{0,31}$/

/** A client-chosen correlation id: a string of at most 64 characters, or a safe integer. */
export const MESSAGE_ID_MAX_LENGTH = 64

/** Error codes the live channel answers with while keeping the socket open. */
export const LIVE_ERROR_CODES = [
  'unknown_topic',
  'forbidden',
  'invalid_token',
  /** publish to a topic the socket has not subscribed to */
  'not_subscribed',
  /** an event the topic does not accept, or data not in its shape */
  'bad_event',
  /** too many publishes; the socket stays open */
  'rate_limited',
] as const

// The live channel's fixed values, apart from the schemas in realtime.ts so that the web app's live
// client can start without loading zod (it loads the schemas on its first connection).

/** Path of the JSON live channel (tickets, notifications, session events); `?token=<JWT>`. */
export const LIVE_PATH = '/realtime/v1/live'

/** Largest frame the realtime server accepts (64 KiB); bigger frames close the socket with 1009. */
export const MAX_FRAME_BYTES = 64 * 1024

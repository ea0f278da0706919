// An answer as it streams in, and how it resumes after the connection dropped: every delta says
// where it starts (`offset`, in UTF-16 characters, as JavaScript counts), so text already on screen
// is never repeated and a gap is never papered over.

/** A piece of an answer (the `delta` event). */
export interface Delta {
  offset: number
  text: string
}

/**
 * The answer with `delta` added: the part of it already shown is skipped (a resumed stream may
 * start earlier than what we have); undefined when it starts after the end (a piece went missing:
 * ask again from `text.length`).
 */
export function mergeDelta(text: string, delta: Delta): string | undefined {
  if (delta.offset > text.length) return undefined
  const overlap = text.length - delta.offset
  if (overlap >= delta.text.length) return text
  return text + delta.text.slice(overlap)
}

/** Where a resumed answer continues: the function's `GET /chat/<message_id>?offset=<characters we have>`. */
export function resumePath(messageId: string, received: string): string {
  return `/chat/${encodeURIComponent(messageId)}?offset=${received.length}`
}

/** How many times in a row to try resuming before giving up (each waits longer, see lib/reconnect.ts). */
export const MAX_RESUMES = 6

/**
 * Whether a failed resume is worth another try: the network or the server's own trouble (no
 * status, 408, 429, 5xx) is; a refusal (401, 403, 404 …) is not.
 */
export function retryable(status: number): boolean {
  return status === 0 || status === 408 || status === 429 || status >= 500
}

/**
 * WebSocket close codes the realtime server uses, in one place. 4xxx mirror HTTP statuses so a
 * browser, which cannot read the status of a failed upgrade, can still tell why it was closed.
 */
export const CloseCode = {
  /** Server shutting down or restarting: reconnect later. */
  GOING_AWAY: 1001,
  /** Too many messages before the connection was ready. */
  POLICY_VIOLATION: 1008,
  /** A frame over the size limit (ws sends it itself for frames over maxPayload). */
  TOO_BIG: 1009,
  /** Unexpected server error; the socket is closed, the server keeps running. */
  INTERNAL_ERROR: 1011,
  /** A message that is not valid JSON, not text, or not in the contract. */
  MALFORMED: 4400,
  /** Missing, invalid or expired token, or a signed-out session. */
  UNAUTHORIZED: 4401,
  /** Signed in but not allowed here. */
  FORBIDDEN: 4403,
  /** No such path or document. */
  UNKNOWN_DOCUMENT: 4404,
} as const
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode]

/** A close code with a reason, thrown by hooks to refuse or end a connection. */
export class CloseError extends Error {
  constructor(
    readonly code: CloseCode,
    readonly reason: string,
  ) {
    super(reason)
  }
}

/** Close reasons are at most 123 bytes on the wire; longer ones are cut. */
export function closeReason(reason: string): string {
  const bytes = new TextEncoder().encode(reason)
  if (bytes.length <= 123) return reason
  return new TextDecoder().decode(bytes.slice(0, 120)).replace(/\uFFFD$/, '') + '…'
}

// WebSocket close codes of the realtime server, shared with every client (the web app reads them
// to decide whether to refresh the token, reconnect or give up).
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

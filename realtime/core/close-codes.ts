// The realtime server's side of the close codes (edge/contract/close-codes.ts): the error hooks
// throw to close a socket, and the byte limit of a close reason.
import { CloseCode } from '../../edge/contract/close-codes.ts'

export { CloseCode }

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

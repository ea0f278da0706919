import { CloseCode } from '../../../../edge/contract/close-codes.ts'

/** What the connection indicator of a live lesson says. */
export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'offline' | 'ended'

/** Why a lesson session stopped for good (the server said reconnecting cannot help). */
export type EndReason = 'revoked' | 'gone' | 'signed-out' | 'too-big' | 'refused'

/** The indicator state from what the browser and the provider report. */
export function connectionState(s: {
  ended: boolean
  online: boolean
  connected: boolean
  synced: boolean
  everSynced: boolean
}): ConnectionState {
  if (s.ended) return 'ended'
  if (!s.online) return 'offline'
  if (s.connected && s.synced) return 'connected'
  return s.everSynced ? 'reconnecting' : 'connecting'
}

/** Labels of the indicator (announced politely when they change). */
export const CONNECTION_LABELS: Record<ConnectionState, string> = {
  connecting: 'Connecting…',
  connected: 'Connected',
  reconnecting: 'Reconnecting…',
  offline: 'Offline',
  ended: 'Disconnected',
}

/**
 * What a close code from the realtime server means for the session: `reauth` (unauthorised: the
 * reconnect policy of lib/reconnect.ts refreshes the token), an end reason (stop reconnecting), or
 * `retry` (transient: the provider reconnects with backoff).
 */
export function closeAction(code: number): 'retry' | 'reauth' | EndReason {
  if (code === CloseCode.UNAUTHORIZED) return 'reauth'
  if (code === CloseCode.FORBIDDEN) return 'revoked'
  if (code === CloseCode.UNKNOWN_DOCUMENT) return 'gone'
  if (code === CloseCode.TOO_BIG) return 'too-big'
  // Any other 44xx (malformed, and codes added later) mirrors an HTTP 4xx: trying again cannot help.
  if (code >= 4400 && code < 4500) return 'refused'
  return 'retry'
}

/** What to tell the person when a session ended. */
export const END_MESSAGES: Record<EndReason, { title: string; text: string }> = {
  revoked: {
    title: 'Your access to this lesson was removed',
    text: 'A course manager changed who can open this lesson. Its draft was removed from this browser.',
  },
  gone: {
    title: 'This lesson no longer exists',
    text: 'It was deleted by one of its authors. Its draft was removed from this browser.',
  },
  'signed-out': {
    title: 'Your session has ended',
    text: 'Sign in again to keep working on this lesson. Changes made here are kept in this browser.',
  },
  'too-big': {
    title: 'A change was too large to send',
    text: 'Something you added (for example a very long paste) is over the size limit. Undo it, then reload the page.',
  },
  refused: {
    title: 'The lesson server refused the connection',
    text: 'Reload the page to try again. Changes made here are kept in this browser.',
  },
}

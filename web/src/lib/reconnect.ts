import { CloseCode } from '../../../edge/contract/close-codes.ts'

// How a realtime socket of this app comes back after it closed — the same rules for the lesson
// draft (y-websocket) and the live channel: reconnect with exponential backoff and jitter; when the
// server says the token is no good (4401), reconnect with a refreshed token, and give up (signed
// out) after MAX_AUTH_RETRIES refusals in a row; while the browser is offline, do not try at all
// (the socket is closed at once and opened again when the network is back).

/** Reconnects after 4401, each with a refreshed token, before giving up until the next sign-in. */
export const MAX_AUTH_RETRIES = 3

/** The delay before reconnect attempt `attempt` (0-based): exponential, capped, with jitter. */
export function backoffDelay(attempt: number, min: number, max: number, random = Math.random): number {
  const base = Math.min(max, min * 2 ** Math.min(attempt, 20))
  return Math.round(base * (0.5 + random() / 2))
}

/**
 * What to do after the server closed the socket: `reauth` (4401: reconnect with a refreshed token),
 * `signed-out` (4401 more than MAX_AUTH_RETRIES times in a row: stop until signed in again), or
 * `reconnect` (any other code: the caller's own rules, usually backoff).
 */
export type CloseVerdict = 'reconnect' | 'reauth' | 'signed-out'

/** Counts refused tokens between two accepted connections; see CloseVerdict. */
export function createReauthPolicy(maxRetries = MAX_AUTH_RETRIES) {
  let refused = 0
  return {
    /** The verdict for a close code (counts a 4401). */
    afterClose(code: number): CloseVerdict {
      if (code !== CloseCode.UNAUTHORIZED) return 'reconnect'
      return ++refused > maxRetries ? 'signed-out' : 'reauth'
    },
    /** The server let us in (synced, subscribed): refusals count from zero again. */
    accepted() {
      refused = 0
    },
    /** Starts over (another sign-in). */
    reset() {
      refused = 0
    },
  }
}

export type ReauthPolicy = ReturnType<typeof createReauthPolicy>

/** The part of supabase-js's `auth` a socket needs for its token. */
export interface TokenAuth {
  getSession(): Promise<{ data: { session: { access_token: string } | null } }>
  refreshSession(): Promise<{ data: { session: { access_token: string } | null } }>
}

/**
 * The access token to connect with: the current session's, or (`refresh`, after a 4401) a new one
 * from the auth server. Undefined when signed out.
 */
export function sessionToken(auth: TokenAuth): (refresh: boolean) => Promise<string | undefined> {
  return async (refresh) => {
    const { data } = refresh ? await auth.refreshSession() : await auth.getSession()
    return data.session?.access_token
  }
}

/**
 * Calls `offline` when the browser loses the network (a dead socket can look open for a while and
 * swallow messages, so close it now) and `online` when it is back; returns the function that stops.
 */
export function watchNetwork(
  handlers: { online: () => void; offline: () => void },
  target: Pick<Window, 'addEventListener' | 'removeEventListener'> = window,
): () => void {
  target.addEventListener('online', handlers.online)
  target.addEventListener('offline', handlers.offline)
  return () => {
    target.removeEventListener('online', handlers.online)
    target.removeEventListener('offline', handlers.offline)
  }
}

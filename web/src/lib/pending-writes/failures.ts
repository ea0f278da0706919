import type { PendingWrite } from './store.ts'

// What a failed send means for a pending write: try again (and when), or wait for the person.

/** Server errors (5xx) in a row before a write is marked failed rather than tried again. */
export const MAX_SERVER_ERRORS = 5
/** Backoff between tries while the server cannot be reached. */
export const RETRY_MIN_MS = 2_000
export const RETRY_MAX_MS = 60_000

/**
 * What a failed send means, from its HTTP status: `offline` (no answer at all), `later` (timeout,
 * rate limit), `server` (5xx: tried again, a few times) or `refused` (any other 4xx: the same
 * write would be refused again, so it waits for the person).
 */
export function failureKind(status: number | undefined): 'offline' | 'later' | 'server' | 'refused' {
  if (status === undefined || status === 0) return 'offline'
  if (status === 408 || status === 429) return 'later'
  if (status >= 500) return 'server'
  return 'refused'
}

/** The HTTP status an error carries (the API client's errors; 0 for no answer), if any. */
export const statusOf = (error: unknown): number | undefined => {
  const status = (error as { status?: unknown } | null)?.status
  return typeof status === 'number' ? status : undefined
}

/** What is kept of a refusal to show the person: the server's code and message. */
export function reasonOf(
  error: unknown,
  status: number | undefined,
): NonNullable<PendingWrite<unknown>['error']> {
  const e = error as { code?: unknown; message?: unknown } | null
  return {
    status: status ?? 0,
    code: typeof e?.code === 'string' ? e.code : 'error',
    message: typeof e?.message === 'string' ? e.message : '',
  }
}

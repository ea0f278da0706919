// Access changes from the database (issue 9): triggers on memberships, co-authors, enrolments,
// bookings, admissions, removals and ticket assignment send `pg_notify('access', {user_id})`
// (supabase/migrations/20261205000100_access_signals.sql). Every realtime instance LISTENs, and the
// live hub and the Yjs rooms re-check that user's open subscriptions and sockets at once.
//
// The LISTEN shares the pool's one listening connection with channel `live`, so a signal reaches
// its listeners in commit order with the live events around it: an event committed after
// someone's removal is handled after the signal that removed them. An extension of the core: the
// server listens once the LISTEN is in place, and it ends with the server.
import type { Sql } from '../edge/lib/db.ts'
import type { Logger } from './core/log.ts'
import type { Extension } from './core/types.ts'

/** The NOTIFY channel of access changes. */
export const ACCESS_CHANNEL = 'access'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

/** One signal: whose access changed, and why (the table that changed: `memberships`, `enrolments`…). */
export interface AccessSignal {
  userId: string
  reason: string
}

export type AccessListener = (userId: string, reason: string) => void

export interface AccessSignals extends Extension {
  /** Resolves once the LISTEN is in place (or failed and was logged). */
  readonly listening: Promise<void>
  /** Calls `listener` with the user id and reason of every access change; returns the function that stops it. */
  on(listener: AccessListener): () => void
  close(): Promise<void>
}

const REASON = /^[a-z_]{1,63}$/

/** The user id and reason of a signal's payload (reason `unknown` when absent), or undefined for anything else. */
export function parseAccessSignal(payload: string): AccessSignal | undefined {
  try {
    const raw = JSON.parse(payload) as { user_id?: unknown; reason?: unknown }
    if (typeof raw?.user_id !== 'string' || !UUID.test(raw.user_id)) return undefined
    const reason = typeof raw.reason === 'string' && REASON.test(raw.reason) ? raw.reason : 'unknown'
    return { userId: raw.user_id, reason }
  } catch {
    return undefined
  }
}

export function listenAccessSignals(sql: Sql, log: Logger): AccessSignals {
  const listeners = new Set<AccessListener>()
  const listener = sql
    .listen(ACCESS_CHANNEL, (payload) => {
      const signal = parseAccessSignal(payload)
      if (!signal) return log.warn('ignored a malformed access signal', { payload: payload.slice(0, 200) })
      for (const l of listeners) {
        try {
          l(signal.userId, signal.reason)
        } catch (error) {
          log.error('an access re-check failed to start', { userId: signal.userId, error })
        }
      }
    })
    .catch((error) => {
      log.error('LISTEN access failed; access changes apply at the periodic re-check only', { error })
      return undefined
    })
  const listening = listener.then(() => {})
  async function close() {
    listeners.clear()
    await (await listener)?.unlisten().catch(() => {})
  }
  return {
    name: 'access-signals',
    listening,
    beforeListen: () => listening,
    onDestroy: close,
    on(l) {
      listeners.add(l)
      return () => void listeners.delete(l)
    },
    close,
  }
}

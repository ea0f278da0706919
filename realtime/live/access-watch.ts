// Live subscriptions follow access while they last (issue 9): when the database signals that a
// user's access changed, that user's subscriptions on this instance are re-checked at once — the
// hub holds database events behind the re-check meanwhile — and every subscription is re-checked
// every `recheckMs` as a backstop. A subscription the answer no longer allows ends (`forbidden`,
// then `unsubscribed`; a tutoring room sees the person leave the roster); an access that changed
// but still allows (staff → requester) is updated, so audience filtering follows it.
//
// Once a signal's re-check is done, the person's own open sockets hear it too: event `access
// {reason}` on their `user:<id>` topic (only they may subscribe to it), the web app's cue to reload
// their schools and the page they are on (issue 12). Every instance LISTENs, so each tells its own
// sockets; nothing is relayed.
import { userTopic } from '../../edge/contract/support-values.ts'
import type { Sql } from '../../edge/lib/db.ts'
import type { AccessSignals } from '../access-signals.ts'
import type { Logger } from '../core/log.ts'
import type { LiveHub } from './hub.ts'
import { liveAccess } from './recheck.ts'
import type { Subscription } from './registry.ts'

export interface LiveAccessWatchOptions {
  hub: LiveHub
  sql: Sql
  log: Logger
  signals?: AccessSignals
  /** Every subscription is re-checked this often. Default 30 s; 0 turns the backstop off. */
  recheckMs?: number
}

export interface LiveAccessWatch {
  /** Re-checks one user's subscriptions on this instance now. */
  recheckUser(userId: string): Promise<void>
  /** Re-checks every subscription on this instance now. */
  recheckAll(): Promise<void>
  close(): void
}

const NO_LONGER = 'You no longer have access to this.'

/** The event on `user:<id>` that tells a person their access changed. */
export const ACCESS_EVENT = 'access'

export function watchLiveAccess({
  hub,
  sql,
  log,
  signals,
  recheckMs = 30_000,
}: LiveAccessWatchOptions): LiveAccessWatch {
  /** Still the hub's subscription for its socket and topic (not ended meanwhile). */
  const current = (sub: Subscription) => hub.get(sub.conn, sub.topic) === sub

  function revoke(sub: Subscription) {
    sub.conn.sendJson({ type: 'error', code: 'forbidden', message: NO_LONGER, topic: sub.topic })
    return hub.end(sub, 'revoked', true)
  }

  async function recheck(subs: Subscription[], failClosed: boolean) {
    if (subs.length === 0) return
    let answers: string[]
    try {
      answers = await liveAccess(
        sql,
        subs.map((s) => ({ claims: s.conn.claims, topic: s.topic })),
      )
    } catch (error) {
      // After a signal, an unanswered re-check ends the subscriptions: better a resubscribe than a leak.
      log.warn('re-checking live access failed', { error, subscriptions: subs.length, failClosed })
      if (failClosed) await Promise.all(subs.filter(current).map(revoke))
      return
    }
    const ending: Promise<void>[] = []
    subs.forEach((sub, i) => {
      if (!current(sub)) return
      const access = answers[i]
      if (!sub.handler.allows(access)) ending.push(revoke(sub))
      else sub.access = access
    })
    await Promise.all(ending)
  }

  function recheckUser(userId: string): Promise<void> {
    const subs = hub.subscriptionsOf(userId)
    if (subs.length === 0) return Promise.resolve()
    const done = recheck(subs, true)
    hub.hold(userId, done)
    return done
  }

  let running: Promise<void> | undefined
  function recheckAll(): Promise<void> {
    running ??= recheck(hub.all(), false).finally(() => {
      running = undefined
    })
    return running
  }

  /** After the re-check (the person is no longer held), so the event reaches their sockets. */
  const tell = (userId: string, reason: string) =>
    void recheckUser(userId)
      .catch(() => {})
      .then(() => hub.deliver(userTopic(userId), ACCESS_EVENT, { reason }))
  const stop = signals?.on(tell)
  const timer = recheckMs > 0 ? setInterval(() => void recheckAll(), recheckMs) : undefined
  timer?.unref()

  return {
    recheckUser,
    recheckAll,
    close() {
      stop?.()
      clearInterval(timer)
    },
  }
}

// Lesson access follows changes while sockets are open. Two ways in:
// - the database signals that a user's access changed (NOTIFY access, realtime/access-signals.ts):
//   that user's sockets are re-checked at once, and their updates wait for the answer, so an edit
//   sent after a co-author was removed is never applied nor stored;
// - a periodic re-check as the backstop: each user once per `accessCheckMs`, a slice of the users
//   at each tick, so thousands of users make a steady trickle of small queries rather than one
//   burst that would stall the event loop.
// A refused socket is closed (4403; 4404 when the lesson is gone; 4401 when its session was signed
// out while it was open); otherwise its rights follow the answer (an editor turned viewer can no
// longer write).
import type { Sql } from '../../edge/lib/db.ts'
import type { Claims } from '../../edge/lib/jwt.ts'
import type { AccessSignals } from '../access-signals.ts'
import { CloseCode } from '../core/close-codes.ts'
import type { Connection } from '../core/connection.ts'
import type { Logger } from '../core/log.ts'
import { type AccessQuery, type LessonAccess, recheckAccess, refusal } from './access.ts'
import type { Rights, Room } from './room.ts'

export interface LessonAccessWatchOptions {
  sql: Sql
  log: Logger
  /** The room a socket is in (undefined once it left). */
  roomOf(conn: Connection): Room | undefined
  signals?: AccessSignals
  /** Every socket's access is re-checked within this period. Default 3 s. */
  accessCheckMs?: number
}

export interface LessonAccessWatch {
  watch(conn: Connection): void
  unwatch(conn: Connection): void
  /** Re-checks every socket now. */
  recheckAll(): Promise<void>
  /** Re-checks one user's sockets now. */
  recheckUser(userId: string): Promise<void>
  /** The re-check of this user in flight after an access signal: their updates wait for it. */
  pending(userId: string): Promise<void> | undefined
  close(): void
}

/** Why a re-check closed a socket, in the close frame. */
function closeReason(access: LessonAccess): string {
  if (access === 'missing') return 'lesson was deleted'
  if (access === 'signed_out') return 'session has ended'
  return 'access to this lesson was revoked'
}

interface Watched {
  claims: Claims
  conns: Set<Connection>
  due: number
}

export function watchLessonAccess(opts: LessonAccessWatchOptions): LessonAccessWatch {
  const { sql, log, roomOf } = opts
  const accessCheckMs = opts.accessCheckMs ?? 3000
  const tickMs = Math.min(1000, Math.max(25, Math.floor(accessCheckMs / 10)))
  const users = new Map<string, Watched>()
  const inFlight = new Map<string, Promise<void>>()

  function apply(user: Watched, answers: Map<string, Map<string, LessonAccess>>) {
    for (const conn of user.conns) {
      const room = roomOf(conn)
      const access = room && answers.get(conn.claims.sub)?.get(room.lessonId)
      if (!room || !access) continue
      const refused = refusal(access)
      if (!refused) {
        room.setRights(conn, access as Rights)
        continue
      }
      room.setRights(conn, 'view')
      conn.close(refused.code, closeReason(access))
    }
  }

  /** Asks the database about these users' open lessons and applies the answers. */
  async function check(due: Watched[]) {
    const queries: AccessQuery[] = due.map((u) => ({
      claims: u.claims,
      lessons: [...new Set([...u.conns].flatMap((c) => roomOf(c)?.lessonId ?? []))],
    }))
    const answers = await recheckAccess(sql, queries)
    for (const user of due) apply(user, answers)
  }

  let checking = false
  async function tick(everyone: boolean) {
    if (checking) return
    checking = true
    try {
      const now = Date.now()
      // Twice the even share per tick, so that users who joined in a burst catch up.
      const cap = Math.max(50, Math.ceil((2 * users.size * tickMs) / accessCheckMs))
      const due: Watched[] = []
      for (const user of users.values()) {
        if (!everyone && (user.due > now || due.length >= cap)) continue
        user.due = now + accessCheckMs
        due.push(user)
      }
      if (due.length > 0) await check(due)
    } catch (error) {
      log.warn('access re-check failed; trying again next time', { error })
    } finally {
      checking = false
    }
  }

  function recheckUser(userId: string): Promise<void> {
    const user = users.get(userId)
    if (!user) return Promise.resolve()
    const previous = inFlight.get(userId) ?? Promise.resolve()
    const done = previous
      .then(() => check([user]))
      .catch((error) => {
        // Unanswered after an access change: close rather than keep writing (the client reconnects).
        log.warn('access re-check after a signal failed; closing the user’s lesson sockets', {
          userId,
          error,
        })
        for (const conn of user.conns) conn.close(CloseCode.INTERNAL_ERROR, 'access could not be checked')
      })
      .finally(() => {
        if (inFlight.get(userId) === done) inFlight.delete(userId)
      })
    inFlight.set(userId, done)
    return done
  }

  const stop = opts.signals?.on((userId) => void recheckUser(userId))
  const timer = setInterval(() => void tick(false), tickMs)
  timer.unref()

  return {
    watch(conn) {
      const sub = conn.claims.sub
      let user = users.get(sub)
      if (!user) {
        user = { claims: conn.claims, conns: new Set(), due: Date.now() + accessCheckMs }
        users.set(sub, user)
      }
      user.conns.add(conn)
    },
    unwatch(conn) {
      const user = users.get(conn.claims.sub)
      if (!user) return
      user.conns.delete(conn)
      if (user.conns.size === 0) users.delete(conn.claims.sub)
    },
    recheckAll: () => tick(true),
    recheckUser,
    pending: (userId) => inFlight.get(userId),
    close() {
      stop?.()
      clearInterval(timer)
      users.clear()
    },
  }
}

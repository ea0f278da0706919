import { type Sql, withUser } from '../../edge/lib/db.ts'
import { type Claims, TokenError, type Verifier } from '../../edge/lib/jwt.ts'
import { CloseCode, CloseError } from './close-codes.ts'
import type { Connection } from './connection.ts'
import type { Logger } from './log.ts'
import type { Extension } from './types.ts'

/** setTimeout's longest delay (~24.8 days); later expiries are re-armed when it fires. */
const MAX_TIMER_MS = 2 ** 31 - 1

export interface AuthOptions {
  verifier: Verifier
  /** When given, the token's session must be live in auth.sessions (checked at upgrade and each tick). */
  sql?: Sql
  log: Logger
}

export interface AuthExtension extends Extension {
  /** Replaces the socket's token with a fresh one for the same user; returns the new claims. */
  refresh(conn: Connection, token: string): Promise<Claims>
}

/**
 * JWT auth at upgrade (`?token=`), a database check that the session is live, a timer that closes
 * the socket with 4401 when the token expires, and a per-tick re-check of every socket's session
 * (one query) so that signing out ends open sockets too.
 */
export function createAuthExtension({ verifier, sql, log }: AuthOptions): AuthExtension {
  const timers = new Map<Connection, NodeJS.Timeout>()

  async function verify(token: string | null): Promise<Claims> {
    if (!token)
      throw new CloseError(CloseCode.UNAUTHORIZED, 'missing token: connect with ?token=<access token>')
    let claims: Claims
    try {
      claims = await verifier.verifyAccessToken(token)
    } catch (error) {
      throw new CloseError(CloseCode.UNAUTHORIZED, `invalid token: ${(error as Error).message}`)
    }
    if (sql) {
      try {
        // withUser refuses a signed-out session in the same round trip as the query.
        await withUser(sql, claims, (tx) => tx`select 1`)
      } catch (error) {
        if (error instanceof TokenError) throw new CloseError(CloseCode.UNAUTHORIZED, 'session has ended')
        throw error
      }
    }
    return claims
  }

  function armExpiry(conn: Connection) {
    clearTimeout(timers.get(conn))
    const exp = conn.claims.exp
    if (exp === undefined) return
    const ms = exp * 1000 - Date.now()
    const timer = setTimeout(
      () => {
        if (Date.now() >= exp * 1000) conn.close(CloseCode.UNAUTHORIZED, 'token expired')
        else armExpiry(conn)
      },
      Math.max(0, Math.min(ms, MAX_TIMER_MS)),
    )
    timer.unref()
    timers.set(conn, timer)
  }

  return {
    name: 'auth',

    async onAuthenticate(conn) {
      conn.setClaims(await verify(conn.token))
    },

    onConnect(conn) {
      armExpiry(conn)
    },

    onDisconnect(conn) {
      clearTimeout(timers.get(conn))
      timers.delete(conn)
    },

    async onTick(conns) {
      if (!sql || conns.size === 0) return
      const ids: string[] = []
      const subs: string[] = []
      for (const c of conns) {
        ids.push(c.claims.session_id)
        subs.push(c.claims.sub)
      }
      let live: Set<string>
      try {
        const rows = await sql`
          select s.id::text as id from auth.sessions s
          join unnest(${ids}::uuid[], ${subs}::uuid[]) as c(id, sub) on s.id = c.id and s.user_id = c.sub
          where s.not_after is null or s.not_after > now()`
        live = new Set(rows.map((r) => r.id as string))
      } catch (error) {
        // A database hiccup must not sign everyone out; the next tick checks again.
        log.warn('session re-check failed', { error })
        return
      }
      for (const c of conns) {
        if (c.state === 'open' && !live.has(c.claims.session_id))
          c.close(CloseCode.UNAUTHORIZED, 'session has ended')
      }
    },

    onDestroy() {
      for (const timer of timers.values()) clearTimeout(timer)
      timers.clear()
    },

    async refresh(conn, token) {
      let claims: Claims
      try {
        claims = await verify(token)
      } catch (error) {
        if (error instanceof CloseError) throw new TokenError(error.reason)
        throw error
      }
      if (claims.sub !== conn.claims.sub) throw new TokenError('the token is for another user')
      conn.setClaims(claims)
      armExpiry(conn)
      return claims
    },
  }
}

// The refresh-token grant with rotation and reuse detection, as GoTrue does it:
// - each use revokes the token and issues a child (parent = the old token);
// - a revoked token replayed within the reuse interval gets the session's active token back (a client
//   that lost the answer to a refresh can retry);
// - replayed later, it is treated as stolen: the whole session is deleted and the request refused.
import type { Sql } from '../lib/db.ts'
import { auditAuth } from './accounts.ts'
import { authError } from './errors.ts'
import {
  type ClientInfo,
  insertRefreshToken,
  type SessionJson,
  type SessionRow,
  sessionColumns,
  sessionJson,
  type TokenIssuer,
} from './sessions.ts'
import { findUserById, isBanned, type UserRow } from './users.ts'

interface TokenRow {
  token: string
  user_id: string
  revoked: boolean
  session_id: string
  revoked_for: number
  session_live: boolean
  created_at: Date
  tag: string | null
  aal: string | null
  mfa: SessionRow['mfa']
}

const notFound = () =>
  authError(400, 'refresh_token_not_found', 'Invalid Refresh Token: Refresh Token Not Found')

/** Exchanges a refresh token for a new session JSON; see the file comment for the rules. */
export async function refreshSession(
  sql: Sql,
  t: TokenIssuer,
  refreshToken: string,
  client: ClientInfo,
  reuseIntervalSeconds: number,
): Promise<SessionJson> {
  const outcome = await sql.begin(async (tx): Promise<SessionJson | 'reused'> => {
    // Locks the token and its session: concurrent refreshes of one session queue up here.
    const [row] = await tx<TokenRow[]>`
      select rt.token, rt.user_id, rt.revoked, rt.session_id,
             extract(epoch from now() - rt.updated_at)::float8 as revoked_for,
             (s.not_after is null or s.not_after > now()) as session_live, ${sessionColumns(tx)}
      from auth.refresh_tokens rt join auth.sessions s on s.id = rt.session_id
      where rt.token = ${refreshToken}
      for update of rt, s`
    if (!row) throw notFound()
    if (!row.session_live) throw authError(400, 'session_expired', 'Invalid Refresh Token: Session Expired')
    const user = await findUserById(tx, row.user_id)
    if (!user) throw notFound()
    if (isBanned(user)) throw authError(400, 'user_banned', 'Invalid Refresh Token: User Banned')
    const session: SessionRow = { ...row, id: row.session_id }

    let issued: string
    if (row.revoked) {
      if (row.revoked_for > reuseIntervalSeconds) {
        await tx`delete from auth.sessions where id = ${row.session_id}`
        await auditAuth(tx, 'auth.refresh_token_reused', user.id, null, { session_id: row.session_id })
        return 'reused' // committed: the revocation must outlive the refused request
      }
      const [active] = await tx<{ token: string }[]>`
        select token from auth.refresh_tokens where session_id = ${row.session_id} and revoked = false
        order by id desc limit 1`
      issued = active?.token ?? (await insertRefreshToken(tx, user.id, row.session_id, row.token))
    } else {
      await tx`update auth.refresh_tokens set revoked = true, updated_at = now() where token = ${row.token}`
      issued = await insertRefreshToken(tx, user.id, row.session_id, row.token)
    }
    await tx`update auth.sessions
             set refreshed_at = timezone('utc', now()), updated_at = now(), user_agent = ${client.userAgent},
                 ip = ${client.ip}::inet
             where id = ${row.session_id}`
    return sessionJson(t, user as UserRow, session, issued)
  })
  if (outcome === 'reused') {
    throw authError(400, 'refresh_token_already_used', 'Invalid Refresh Token: Already Used')
  }
  return outcome
}

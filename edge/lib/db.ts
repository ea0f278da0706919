import postgres from 'postgres'
import { type Claims, TokenError } from './jwt.ts'

export type Sql = postgres.Sql
export type Tx = postgres.TransactionSql | postgres.ReservedSql

/** A postgres.js pool. `prepare: false` is needed behind Supabase's transaction-mode pooler. */
export function createDb(url: string, opts: { max?: number; prepare?: boolean } = {}): Sql {
  return postgres(url, {
    max: opts.max ?? 10,
    prepare: opts.prepare ?? true,
    idle_timeout: 30,
    connect_timeout: 10,
    onnotice: () => {},
    connection: { application_name: 'kipindi-edge' },
  })
}

const CLIENT_IP = Symbol('client ip')

/**
 * The claims with the caller's address attached beside them (not in the claims JSON, which stays
 * what the token says): withUser hands it to Postgres as `request.ip`, which the audit log records.
 */
export function withClientIp(claims: Claims, ip: string): Claims {
  return Object.defineProperty({ ...claims }, CLIENT_IP, { value: ip })
}

const clientIpOf = (claims: Claims): string => (claims as { [CLIENT_IP]?: string })[CLIENT_IP] ?? ''

/**
 * Runs `fn` as the signed-in user: one transaction in which Postgres sees role `authenticated`
 * and the JWT claims, so RLS decides what the queries may read and write. `begin`, the claims
 * and the first query of `fn` are pipelined: one round trip for context + query.
 */
export async function withUser<T>(sql: Sql, claims: Claims, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return withRole(sql, 'authenticated', JSON.stringify(claims), claims.session_id, clientIpOf(claims), fn)
}

/**
 * Runs `fn` as a signed-in person outside any request (a background job acting for them, e.g. an
 * export): RLS and `auth.uid()` see `userId`, with no session to check, no IP and no app metadata.
 */
export async function withUserId<T>(sql: Sql, userId: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return withRole(sql, 'authenticated', JSON.stringify({ sub: userId, role: 'authenticated' }), null, '', fn)
}

/** Runs `fn` as the anon role (no user), under RLS. */
export async function withAnon<T>(sql: Sql, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return withRole(sql, 'anon', JSON.stringify({ role: 'anon' }), null, '', fn)
}

async function withRole<T>(
  sql: Sql,
  role: string,
  claimsJson: string,
  sessionId: string | null,
  ip: string,
  fn: (tx: Tx) => Promise<T>,
): Promise<T> {
  const conn = await sql.reserve()
  let open = false
  try {
    // Written to the socket back to back; only the caller's queries are awaited.
    const begin = conn`begin`.execute()
    // The session check rides in the same statement: a signed-out session's token is refused.
    const context = conn`select set_config('role', ${role}, true),
      set_config('request.jwt.claims', ${claimsJson}, true), set_config('request.ip', ${ip}, true),
      ${sessionId}::uuid is null or private.session_is_live(${sessionId}::uuid) as live`.execute()
    open = true
    const [result, , [ctx]] = await Promise.all([fn(conn), begin, context])
    if (!ctx.live) throw new TokenError('session has ended')
    await conn`commit`
    open = false
    return result
  } catch (error) {
    if (open) await conn`rollback`.catch(() => {})
    throw error
  } finally {
    conn.release()
  }
}

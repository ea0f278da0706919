import postgres from 'postgres'
import { type Claims, TokenError } from './jwt.ts'

export type Sql = postgres.Sql
export type Tx = postgres.TransactionSql | postgres.ReservedSql

/** A postgres.js pool. `prepare: false` is needed behind Supabase's transaction-mode pooler. */
export function createDb(
  url: string,
  opts: { max?: number; prepare?: boolean; settings?: Record<string, string> } = {},
): Sql {
  return postgres(url, {
    max: opts.max ?? 10,
    prepare: opts.prepare ?? true,
    idle_timeout: 30,
    connect_timeout: 10,
    onnotice: () => {},
    connection: { application_name: 'kipindi-edge', ...opts.settings },
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
 * and the first query of `fn` are pipelined: one round trip for context + query, one for commit.
 * Read routes whose queries do not depend on each other use withUserRead: one round trip.
 */
export async function withUser<T>(sql: Sql, claims: Claims, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return withRole(sql, 'authenticated', claims, undefined, fn)
}

/**
 * Runs `fn` as a signed-in person outside any request (a background job acting for them, e.g. an
 * export): RLS and `auth.uid()` see `userId`, with no session to check, no IP and no app metadata.
 */
export async function withUserId<T>(sql: Sql, userId: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return withRole(sql, 'authenticated', null, userId, fn)
}

/** Runs `fn` as the anon role (no user), under RLS. */
export async function withAnon<T>(sql: Sql, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return withRole(sql, 'anon', null, undefined, fn)
}

/** A postgres.js query not yet sent: postgres.js sends a query when it is awaited or executed. */
type Pending = PromiseLike<unknown> & { execute(): unknown }

/** What withUserRead answers for a tuple of unsent queries: each one's rows, in order. */
export type Answers<T> = { [K in keyof T]: Awaited<T[K]> }

/**
 * Reads as the signed-in user in one round trip: `fn` returns its queries unsent, and begin, the
 * claims with the session check, the queries and commit are written back to back. The check raises
 * inside the transaction when the session has ended: every later statement then fails and commit
 * rolls back, so a signed-out token reads nothing. Queries cannot depend on each other's results
 * (use withUser for that, or for writes).
 */
export async function withUserRead<T extends readonly Pending[]>(
  sql: Sql,
  claims: Claims,
  fn: (tx: Tx) => readonly [...T],
): Promise<Answers<T>> {
  const conn = await sql.reserve()
  try {
    const sent: PromiseLike<unknown>[] = [conn`begin`.execute(), setContext(conn, 'authenticated', claims)]
    let thrown: unknown = null
    try {
      for (const query of fn(conn)) sent.push(query.execute() as PromiseLike<unknown>)
    } catch (error) {
      thrown = error
    }
    sent.push((thrown ? conn`rollback` : conn`commit`).execute())
    const settled = await Promise.allSettled(sent)
    if (thrown) throw thrown
    const failed = settled.find((s) => s.status === 'rejected')
    if (failed) throw sessionErrorOr(failed.reason)
    return settled.slice(2, -1).map((s) => (s as PromiseFulfilledResult<unknown>).value) as Answers<T>
  } finally {
    conn.release()
  }
}

/** The role, the claims and the caller's IP for this transaction; raises if the session has ended. */
function setContext(conn: Tx, role: string, claims: Claims | null, userId?: string) {
  const claimsJson = JSON.stringify(claims ?? (userId ? { sub: userId, role } : { role }))
  const sessionId = claims?.session_id ?? null
  return conn`select set_config('role', ${role}, true),
    set_config('request.jwt.claims', ${claimsJson}, true),
    set_config('request.ip', ${claims ? clientIpOf(claims) : ''}, true),
    ${sessionId}::uuid is null or private.assert_session_live(${sessionId}::uuid)`.execute()
}

/** Postgres's "session has ended" (private.assert_session_live) as the TokenError it means. */
function sessionErrorOr(error: unknown): unknown {
  const e = error as { code?: string; message?: string } | null
  return e?.code === '28000' && e.message === 'session has ended'
    ? new TokenError('session has ended')
    : error
}

async function withRole<T>(
  sql: Sql,
  role: string,
  claims: Claims | null,
  userId: string | undefined,
  fn: (tx: Tx) => Promise<T>,
): Promise<T> {
  const conn = await sql.reserve()
  let open = false
  try {
    // Written to the socket back to back; only the caller's queries are awaited. The context
    // answers before any query of `fn`, so a refused session rejects first.
    const begin = conn`begin`.execute()
    const context = setContext(conn, role, claims, userId)
    open = true
    const [result] = await Promise.all([fn(conn), begin, context])
    await conn`commit`
    open = false
    return result
  } catch (error) {
    if (open) await conn`rollback`.catch(() => {})
    throw sessionErrorOr(error)
  } finally {
    conn.release()
  }
}

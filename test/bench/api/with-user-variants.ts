// Experimental variants of edge/lib/db.ts withUser, measured against it by the API benchmark.
// Web-standard (runs under Node and Deno). Not used by the product.
import type postgres from 'postgres'
import type { Sql, Tx } from '../../../edge/lib/db.ts'
import { type Claims, TokenError } from '../../../edge/lib/jwt.ts'

const SESSION_ENDED = 'session has ended'

/** A postgres.js query not yet sent. */
type Lazy = PromiseLike<unknown> & { execute(): PromiseLike<unknown> }

function isSessionEnded(error: unknown) {
  const e = error as { code?: string; message?: string }
  return e?.code === '22P02' && e.message?.includes(SESSION_ENDED)
}

/**
 * withUser with the commit pipelined too: `fn` returns its queries unsent (postgres.js queries are
 * lazy), and begin, the claims + session check, the queries and commit go out back to back — one
 * round trip. The session check raises (22P02) inside the transaction when the session is not live:
 * the cast fails only on the else branch, at run time. Safe as withUser: every query is written before commit, so none can run outside the
 * transaction; a failed session check aborts the transaction and commit then rolls back.
 */
export async function withUserBatched<T extends readonly Lazy[]>(
  sql: Sql,
  claims: Claims,
  fn: (tx: Tx) => readonly [...T],
): Promise<{ [K in keyof T]: Awaited<T[K]> }> {
  const conn = await sql.reserve()
  try {
    const begin = conn`begin`.execute()
    const context = conn`select set_config('role', 'authenticated', true),
      set_config('request.jwt.claims', ${JSON.stringify(claims)}, true),
      (case when private.session_is_live(${claims.session_id}::uuid) then 'true' else ${SESSION_ENDED} end)::boolean
        as live`.execute()
    const queries = fn(conn).map((q) => q.execute())
    const commit = conn`commit`.execute()
    const settled = await Promise.allSettled([begin, context, ...queries, commit])
    const failed = settled.find((s) => s.status === 'rejected')
    if (failed) throw isSessionEnded(failed.reason) ? new TokenError(SESSION_ENDED) : failed.reason
    return settled.slice(2, 2 + queries.length).map((s) => (s as PromiseFulfilledResult<unknown>).value) as {
      [K in keyof T]: Awaited<T[K]>
    }
  } finally {
    conn.release()
  }
}

/** Quotes a string as an E'' literal: safe whatever standard_conforming_strings is. */
function literal(s: string) {
  if (s.includes('\0')) throw new Error('NUL in a literal')
  return `E'${s.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * The whole request as one simple-protocol message: `set_config(...); <statements>` run by
 * Postgres as one implicit transaction (local settings end with it; an error rolls all back).
 * One round trip and no reserved connection, but `statements` must be constant SQL: they cannot
 * carry parameters, so this only fits queries keyed by auth.uid(). Upper bound, not a product API.
 */
export async function withUserSimple(
  sql: Sql,
  claims: Claims,
  statements: string[],
): Promise<postgres.Row[][]> {
  if (!UUID.test(claims.session_id)) throw new TokenError('bad session id')
  const text = [
    `select set_config('role', 'authenticated', true), set_config('request.jwt.claims', ${literal(JSON.stringify(claims))}, true),
      (case when private.session_is_live('${claims.session_id}'::uuid) then 'true' else '${SESSION_ENDED}' end)::boolean as live`,
    ...statements,
  ].join(';\n')
  try {
    const results = (await sql.unsafe(text)) as unknown as postgres.Row[][]
    return results.slice(1)
  } catch (error) {
    throw isSessionEnded(error) ? new TokenError(SESSION_ENDED) : error
  }
}

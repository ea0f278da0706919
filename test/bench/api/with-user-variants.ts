// An experimental variant of edge/lib/db.ts withUser, measured against it by the API benchmark
// (the other one, commit pipelined, became withUserRead).
// Web-standard (runs under Node and Deno). Not used by the product.
import type postgres from 'postgres'
import type { Sql } from '../../../edge/lib/db.ts'
import { type Claims, TokenError } from '../../../edge/lib/jwt.ts'

const SESSION_ENDED = 'session has ended'

function isSessionEnded(error: unknown) {
  const e = error as { code?: string; message?: string }
  return e?.code === '22P02' && e.message?.includes(SESSION_ENDED)
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

// Who is asking, from the request's token, and running their queries as them: the service role
// (bypasses RLS, as on hosted Supabase), anon, or a signed-in user under RLS (DESIGN §4).
import { type Sql, type Tx, withAnon, withUser } from '../lib/db.ts'
import { unauthorized } from '../lib/errors.ts'
import { type Claims, TokenError, type Verifier } from '../lib/jwt.ts'

export type Caller = { role: 'service_role' } | { role: 'anon' } | { role: 'authenticated'; claims: Claims }

/** The bearer token (or, without one, the apikey header) of a request. */
export function tokenOf(headers: Headers): string | undefined {
  const auth = headers.get('authorization')
  const bearer = auth?.match(/^Bearer\s+(\S+)$/i)?.[1]
  return bearer ?? headers.get('apikey') ?? undefined
}

/** Verified tokens, kept a minute at most (never past their expiry): a page of pictures is one check. */
const verified = new Map<string, { caller: Caller; until: number }>()
const KEEP_MS = 60_000
const KEEP_MAX = 5000

/**
 * The caller a token stands for; a missing, forged or expired token is a 401. A signed-out
 * session's token still fails: withUser checks the session in the database on every request.
 */
export async function callerOf(verifier: Verifier, token: string | undefined): Promise<Caller> {
  if (!token) throw unauthorized('Send an API key or an access token.')
  const now = Date.now()
  const hit = verified.get(token)
  if (hit && hit.until > now) return hit.caller
  const caller = await verify(verifier, token)
  const exp = caller.role === 'authenticated' ? (caller.claims.exp ?? 0) * 1000 : now + KEEP_MS
  if (verified.size >= KEEP_MAX) verified.clear()
  verified.set(token, { caller, until: Math.min(exp, now + KEEP_MS) })
  return caller
}

async function verify(verifier: Verifier, token: string): Promise<Caller> {
  try {
    const [, payload] = token.split('.')
    const role = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))).role
    if (role === 'authenticated') return { role, claims: await verifier.verifyAccessToken(token) }
    return { role: await verifier.verifyApiKey(token) }
  } catch (error) {
    if (error instanceof TokenError || error instanceof SyntaxError || error instanceof TypeError) {
      throw new TokenError('not a valid token')
    }
    throw error
  }
}

/** The user id a caller stands for (the owner of what they upload), if any. */
export const ownerOf = (caller: Caller): string | null =>
  caller.role === 'authenticated' ? caller.claims.sub : null

/** Runs `fn` in one transaction as the caller. */
export function runAs<T>(sql: Sql, caller: Caller, fn: (tx: Tx) => Promise<T>): Promise<T> {
  if (caller.role === 'authenticated') return withUser(sql, caller.claims, fn)
  if (caller.role === 'anon') return withAnon(sql, fn)
  return sql.begin((tx) => fn(tx)) as Promise<T>
}

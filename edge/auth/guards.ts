// Who may call what: the API key every request carries, a signed-in user, the service role.
import type { Context, MiddlewareHandler } from 'hono'
import { bearerToken } from '../lib/http.ts'
import { type Claims, TokenError } from '../lib/jwt.ts'
import type { AuthDeps } from './context.ts'
import { authError } from './errors.ts'
import { findUserById, type UserRow } from './users.ts'

/**
 * Requires the `apikey` header (or query parameter) to be the anon or service_role key, as Supabase's
 * gateway does in front of Auth. The Admin API additionally checks the bearer token (requireServiceRole).
 */
export function requireApiKey(deps: AuthDeps): MiddlewareHandler {
  const known = new Set([deps.env.SUPABASE_ANON_KEY, deps.env.SUPABASE_SERVICE_ROLE_KEY])
  return async (c, next) => {
    const key = c.req.header('apikey') ?? c.req.query('apikey')
    if (!key) throw authError(401, 'no_api_key', 'No API key found in request')
    if (!known.has(key)) {
      // Another key signed by this project (e.g. one issued before a restart) is fine too.
      await deps.verifier.verifyApiKey(key).catch(() => {
        throw authError(401, 'invalid_api_key', 'Invalid API key')
      })
    }
    await next()
  }
}

export interface SignedIn {
  claims: Claims
  user: UserRow
}

/** The signed-in user of the bearer access token, whose session must still exist (GoTrue's checks and codes). */
export async function requireUser(c: Context, deps: AuthDeps): Promise<SignedIn> {
  const token = bearerToken(c)
  if (!token) throw authError(401, 'no_authorization', 'This endpoint requires a valid Bearer token')
  const claims = await deps.verifier.verifyAccessToken(token).catch((e: unknown) => {
    throw authError(
      403,
      'bad_jwt',
      `invalid JWT: ${e instanceof TokenError ? e.message : 'unable to verify'}`,
    )
  })
  const [session] = await deps.sql`
    select 1 from auth.sessions
    where id = ${claims.session_id} and user_id = ${claims.sub} and (not_after is null or not_after > now())`
  if (!session)
    throw authError(403, 'session_not_found', 'Session from session_id claim in JWT does not exist')
  const user = await findUserById(deps.sql, claims.sub)
  if (!user) throw authError(403, 'user_not_found', 'User from sub claim in JWT does not exist')
  return { claims, user }
}

/** Requires the service_role key as the bearer token (the Admin API). */
export async function requireServiceRole(c: Context, deps: AuthDeps): Promise<void> {
  const token = bearerToken(c)
  if (!token) throw authError(401, 'no_authorization', 'This endpoint requires a valid Bearer token')
  const role =
    token === deps.env.SUPABASE_SERVICE_ROLE_KEY
      ? 'service_role'
      : await deps.verifier.verifyApiKey(token).catch(() => null)
  if (role !== 'service_role') throw authError(403, 'not_admin', 'User not allowed')
}

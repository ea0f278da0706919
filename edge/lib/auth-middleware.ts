import type { MiddlewareHandler } from 'hono'
import { withClientIp } from './db.ts'
import { ApiError } from './errors.ts'
import { bearerToken, clientIp } from './http.ts'
import { type Claims, TokenError, type Verifier } from './jwt.ts'

/** Hono env of a route behind requireUser: the verified claims are in `c.var.claims`. */
export type UserEnv = { Variables: { claims: Claims } }

/** 401 `invalid_token` with the RFC 6750 challenge header. */
export function invalidToken(message: string) {
  return new ApiError(401, 'invalid_token', message, undefined, {
    'WWW-Authenticate': 'Bearer error="invalid_token"',
  })
}

/**
 * Requires a signed-in user: verifies the Bearer access token and puts its claims in the context.
 * Missing, malformed, forged or expired tokens get 401 `invalid_token`. A signed-out session is
 * refused later, by withUser, in the same round trip as the request's first query.
 */
export function requireUser(verifier: Verifier): MiddlewareHandler<UserEnv> {
  return async (c, next) => {
    const token = bearerToken(c)
    if (!token) throw invalidToken('Sign in to continue: this request needs an access token.')
    let claims: Claims
    try {
      claims = await verifier.verifyAccessToken(token)
    } catch (error) {
      if (error instanceof TokenError) {
        throw invalidToken('Your session has ended or the token is not valid. Sign in again.')
      }
      throw error
    }
    // The address rides beside the claims to withUser, which gives it to the audit log.
    c.set('claims', withClientIp(claims, clientIp(c)))
    await next()
  }
}

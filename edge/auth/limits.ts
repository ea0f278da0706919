// Rate limits of local auth. A school is many people behind one NAT address, so per-IP limits are
// ceilings a class never reaches; what stops password guessing is counting failures per account and
// per (IP, account). A correct password takes its attempt back, so a class signing in is never slowed.
import type { Context } from 'hono'
import type { AuthErrorCode } from '../contract/error-codes.ts'
import { ApiError } from '../lib/errors.ts'
import { clientIp } from '../lib/http.ts'
import { createRateLimiter, type RateLimiter } from '../lib/rate-limit.ts'
import type { AuthEnv } from './env.ts'

/** The limiters of one auth app (in memory, per process). */
export function createLimits(env: AuthEnv) {
  const windowMs = env.AUTH_RATE_LIMIT_WINDOW_SECONDS * 1000
  const limiter = (limit: number) => createRateLimiter({ limit, windowMs })
  return {
    /** Password sign-ins and verifications per IP: the ceiling a whole school shares. */
    signin: limiter(env.AUTH_RATE_LIMIT_SIGNIN_PER_IP),
    /** Sign-ups and recovery requests per IP. */
    signup: limiter(env.AUTH_RATE_LIMIT_SIGNUP_PER_IP),
    /** Per address: requests that email it or try its code, and failed password sign-ins. */
    email: limiter(env.AUTH_RATE_LIMIT_PER_EMAIL),
    /** Failed password sign-ins per (IP, address). */
    ipEmail: limiter(env.AUTH_RATE_LIMIT_FAILURES_PER_IP_EMAIL),
    refresh: limiter(env.AUTH_RATE_LIMIT_REFRESH_PER_IP),
  }
}
export type AuthLimits = ReturnType<typeof createLimits>

type Route = 'signup' | 'recover' | 'verify' | 'refresh'

/** GoTrue's 429 codes, with our Retry-After. */
function asAuthError(e: unknown, code: AuthErrorCode): unknown {
  if (e instanceof ApiError && e.status === 429) {
    return new ApiError(429, code, 'Request rate limit reached. Try again later.', undefined, e.headers)
  }
  return e
}

function hit(limiter: RateLimiter, key: string, code: AuthErrorCode = 'over_request_rate_limit') {
  try {
    return limiter.hit(key)
  } catch (e) {
    throw asAuthError(e, code)
  }
}

/** Per-IP and (when an email is given) per-address limits for one route other than password sign-in. */
export function limitRequest(c: Context, limits: AuthLimits, route: Route, email?: string) {
  const ip = clientIp(c)
  if (route === 'refresh') return void hit(limits.refresh, `refresh:${ip}`)
  hit(route === 'verify' ? limits.signin : limits.signup, `${route}:${ip}`)
  if (!email) return
  const sendsEmail = route === 'signup' || route === 'recover'
  hit(
    limits.email,
    `${route}:${email.toLowerCase()}`,
    sendsEmail ? 'over_email_send_rate_limit' : 'over_request_rate_limit',
  )
}

/**
 * Admits one password sign-in for `email` or answers 429: every attempt counts against the IP's
 * ceiling; against the account and the (IP, account) pair it counts as a failure until `succeeded()`
 * takes it back. Counting before the password check means parallel guesses cannot overrun the limit.
 */
export function admitPasswordAttempt(c: Context, limits: AuthLimits, email: string) {
  const ip = clientIp(c)
  const account = email.toLowerCase()
  hit(limits.signin, `password:${ip}`)
  const failures: [RateLimiter, string][] = [
    [limits.email, `password:${account}`],
    [limits.ipEmail, `password:${ip}:${account}`],
  ]
  try {
    for (const [limiter, key] of failures) limiter.check(key)
  } catch (e) {
    throw asAuthError(e, 'over_request_rate_limit')
  }
  // Not over either limit (just checked, nothing awaited since), so these hits do not throw.
  const undo = failures.map(([limiter, key]) => limiter.hit(key))
  return {
    succeeded() {
      for (const u of undo) u()
    },
  }
}

// Local auth stands in for Supabase Auth, so its errors keep GoTrue's wire shape (which supabase-js
// parses into AuthApiError) rather than the `{error:{code,message}}` shape of our own functions:
//   X-Supabase-Api-Version >= 2024-01-01 (supabase-js sends it): { code, message } and the header echoed;
//   older clients: { code: <http status>, error_code, msg }.
// A weak password adds `weak_password: { reasons }` to either shape.
import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { AuthErrorCode } from '../contract/error-codes.ts'
import { ApiError } from '../lib/errors.ts'
import { TokenError } from '../lib/jwt.ts'

export const API_VERSION_HEADER = 'X-Supabase-Api-Version'
const API_VERSION_2024 = '2024-01-01'

/** An auth error with GoTrue's error code (e.g. invalid_credentials) and message. */
export const authError = (
  status: ContentfulStatusCode,
  code: AuthErrorCode | 'validation_failed' | 'not_found' | 'bad_request' | 'payload_too_large',
  message: string,
  details?: unknown,
) => new ApiError(status, code, message, details)

export const invalidCredentials = () => authError(400, 'invalid_credentials', 'Invalid login credentials')
export const otpExpired = () => authError(403, 'otp_expired', 'Token has expired or is invalid')
export const userNotFound = () => authError(404, 'user_not_found', 'User not found')
export const emailExists = () =>
  authError(422, 'email_exists', 'A user with this email address has already been registered')

/** Our shared helpers' codes, renamed to the codes GoTrue uses for the same failures. */
const GOTRUE_CODES: Record<string, string> = {
  invalid_json: 'bad_json',
  rate_limited: 'over_request_rate_limit',
  unauthorized: 'no_authorization',
}

function toAuthError(err: Error): ApiError | undefined {
  if (err instanceof ApiError) return err
  if (err instanceof TokenError) return authError(403, 'bad_jwt', `invalid JWT: ${err.message}`)
  if (err instanceof HTTPException && err.status < 500) {
    return authError(
      err.status as ContentfulStatusCode,
      err.status === 413 ? 'payload_too_large' : 'bad_request',
      err.message,
    )
  }
  return undefined
}

/** True when the client asked for the 2024-01-01 API (then it reads `code` as the error code). */
export function wantsApi2024(c: Context): boolean {
  const v = c.req.header(API_VERSION_HEADER)
  return !!v && /^\d{4}-\d{2}-\d{2}$/.test(v) && v >= API_VERSION_2024
}

/** The JSON body of an error in GoTrue's shape for this request's API version. */
export function authErrorBody(c: Context, status: number, code: string, message: string, details?: unknown) {
  const reasons =
    code === 'weak_password' ? (details as { reasons?: string[] } | undefined)?.reasons : undefined
  const base = wantsApi2024(c) ? { code, message } : { code: status, error_code: code, msg: message }
  return reasons ? { ...base, weak_password: { reasons } } : base
}

/** app.onError for local auth: known errors in GoTrue's shape, anything else a logged 500. */
export function handleAuthError(err: Error, c: Context) {
  if (wantsApi2024(c)) c.header(API_VERSION_HEADER, API_VERSION_2024)
  const known = toAuthError(err)
  if (known) {
    for (const [k, v] of Object.entries(known.headers ?? {})) c.header(k, v)
    const code = GOTRUE_CODES[known.code] ?? known.code
    return c.json(authErrorBody(c, known.status, code, known.message, known.details), known.status)
  }
  console.error('auth: unhandled error', c.req.method, c.req.path, err)
  const message = 'Unexpected failure, please check server logs for more information'
  return c.json(authErrorBody(c, 500, 'unexpected_failure', message), 500)
}

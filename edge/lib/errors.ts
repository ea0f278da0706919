import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { ZodError } from 'zod'
import { TokenError } from './jwt.ts'
import { crashFields, createLogger, REQUEST_ID_HEADER, requestIdFrom } from './log.ts'

const log = createLogger('edge')

/** The one error type of the edge functions: an HTTP status, a stable code and a readable message. */
export class ApiError extends HTTPException {
  constructor(
    status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    readonly headers?: Record<string, string>,
  ) {
    super(status, { message })
  }
}

export const badRequest = (message: string, details?: unknown) =>
  new ApiError(400, 'bad_request', message, details)
export const unauthorized = (message = 'Sign in to continue.') => new ApiError(401, 'unauthorized', message)
export const forbidden = (message = 'You do not have access to this.') =>
  new ApiError(403, 'forbidden', message)
export const notFound = (message = 'Not found.') => new ApiError(404, 'not_found', message)
export const conflict = (message: string, details?: unknown) =>
  new ApiError(409, 'conflict', message, details)
export const unprocessable = (message: string, details?: unknown) =>
  new ApiError(422, 'unprocessable', message, details)
export const tooManyRequests = (retryAfterSeconds: number) =>
  new ApiError(429, 'rate_limited', `Too many requests. Try again in ${retryAfterSeconds} s.`, undefined, {
    'Retry-After': String(retryAfterSeconds),
  })

/** Field paths and messages from a zod error, e.g. [{ path: "email", message: "Invalid email" }]. */
export function zodIssues(error: ZodError) {
  return error.issues.map((i) => ({ path: i.path.map(String).join('.') || '(body)', message: i.message }))
}

/** 400 with the field paths of a failed validation. */
export function validationError(error: ZodError) {
  const issues = zodIssues(error)
  const first = issues[0]
  const message = first ? `${first.path}: ${first.message}` : 'Invalid request.'
  return new ApiError(400, 'validation_failed', message, { issues })
}

interface PgError {
  code?: string
  message?: string
  hint?: string
  constraint_name?: string
}

/** Maps a Postgres error to an ApiError the user can read; undefined when it is not a user error. */
export function fromPostgres(error: unknown): ApiError | undefined {
  const e = error as PgError
  if (!e || typeof e.code !== 'string') return undefined
  switch (e.code) {
    case '42501': // insufficient_privilege, raised by RLS and our guards
      return forbidden(e.message?.startsWith('new row violates row-level security') ? undefined : e.message)
    case '23505':
      return conflict('That already exists.', { constraint: e.constraint_name })
    case '23503':
      return notFound('A record this refers to does not exist.')
    case '23514':
    case '22P02':
    case '22001':
      return badRequest('A value is not valid.', { constraint: e.constraint_name })
    case 'P0002':
      return notFound(e.message)
    case 'P0001':
      return new ApiError(
        e.hint === 'invitation_expired' || e.hint === 'invitation_used' ? 410 : 409,
        e.hint ?? 'conflict',
        e.message ?? 'Conflict.',
      )
    default:
      return undefined
  }
}

/** The JSON error body of DESIGN §4. */
export function errorBody(code: string, message: string, details?: unknown) {
  return { error: details === undefined ? { code, message } : { code, message, details } }
}

/** app.onError: ApiError and Postgres user errors become their JSON shape; anything else a logged 500. */
export function handleError(err: Error, c: Context) {
  const known =
    err instanceof ApiError
      ? err
      : err instanceof TokenError
        ? new ApiError(
            401,
            'invalid_token',
            'Your session has ended or the token is not valid. Sign in again.',
          )
        : fromPostgres(err)
  if (known) {
    for (const [k, v] of Object.entries(known.headers ?? {})) c.header(k, v)
    return c.json(errorBody(known.code, known.message, known.details), known.status)
  }
  if (err instanceof HTTPException) {
    const status = err.status
    const code = status === 413 ? 'payload_too_large' : status === 401 ? 'unauthorized' : 'http_error'
    return c.json(errorBody(code, err.message || 'Request failed.'), status)
  }
  log.error(
    'unhandled error',
    crashFields(err, {
      requestId: requestIdFrom(c.req.header(REQUEST_ID_HEADER)),
      method: c.req.method,
      path: c.req.path.slice(0, 200),
    }),
  )
  return c.json(errorBody('internal', 'Something went wrong on our side. Please try again.'), 500)
}

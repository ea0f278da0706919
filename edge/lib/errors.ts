import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { ZodError } from 'zod'
import { type ApiErrorCode, type ErrorCode, type IssueCode, isErrorCode } from '../contract/error-codes.ts'
import { TokenError } from './jwt.ts'
import { crashFields, createLogger, REQUEST_ID_HEADER, requestIdFrom } from './log.ts'

const log = createLogger('edge')

/** The one error type of the edge functions: an HTTP status, a stable code and a readable message. */
export class ApiError extends HTTPException {
  constructor(
    status: ContentfulStatusCode,
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    readonly headers?: Record<string, string>,
  ) {
    super(status, { message })
  }
}

// Each helper takes the specific code first: the web app translates by code (with the values in
// `details`), the English message is for API readers, logs and English-speaking users.
export const badRequest = (code: ApiErrorCode, message: string, details?: unknown) =>
  new ApiError(400, code, message, details)
export const unauthorized = (message = 'Sign in to continue.') => new ApiError(401, 'unauthorized', message)
export const forbidden = (
  code: ApiErrorCode = 'forbidden',
  message = 'You do not have access to this.',
  details?: unknown,
) => new ApiError(403, code, message, details)
export const notFound = (code: ApiErrorCode = 'not_found', message = 'Not found.', details?: unknown) =>
  new ApiError(404, code, message, details)
export const conflict = (code: ApiErrorCode, message: string, details?: unknown) =>
  new ApiError(409, code, message, details)
export const unprocessable = (code: ApiErrorCode, message: string, details?: unknown) =>
  new ApiError(422, code, message, details)
export const tooManyRequests = (retryAfterSeconds: number) =>
  new ApiError(
    429,
    'rate_limited',
    `Too many requests. Try again in ${retryAfterSeconds} s.`,
    { retry_after: retryAfterSeconds },
    { 'Retry-After': String(retryAfterSeconds) },
  )

/** One field problem: where, what (English), zod's issue code and the values a translation needs. */
export interface FieldIssue {
  path: string
  message: string
  code: IssueCode | ApiErrorCode
  params?: Record<string, string | number | boolean | string[]>
}

/** The values of a zod issue a translation needs (minimum, maximum, format, expected…), JSON-safe. */
function issueParams(issue: ZodError['issues'][number]): FieldIssue['params'] {
  const params: NonNullable<FieldIssue['params']> = {}
  const raw = issue as unknown as Record<string, unknown>
  for (const key of ['minimum', 'maximum', 'inclusive', 'origin', 'format', 'expected', 'divisor', 'keys']) {
    const value = raw[key]
    if (typeof value === 'bigint') params[key] = Number(value)
    else if (value instanceof Date) params[key] = value.toISOString()
    else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
      params[key] = value
    else if (Array.isArray(value)) params[key] = value.map(String)
  }
  if (Array.isArray(raw.values)) params.values = raw.values.map(String)
  const custom = raw.params
  if (custom && typeof custom === 'object') {
    for (const [key, value] of Object.entries(custom)) {
      if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
        params[key] = value
    }
  }
  return Object.keys(params).length > 0 ? params : undefined
}

/**
 * Field paths, messages, codes and params from a zod error, e.g.
 * [{ path: "name", message: "Too small…", code: "too_small", params: { minimum: 2, origin: "string" } }].
 */
export function zodIssues(error: ZodError): FieldIssue[] {
  return error.issues.map((i) => {
    const issue: FieldIssue = {
      path: i.path.map(String).join('.') || '(body)',
      message: i.message,
      code: i.code,
    }
    const params = issueParams(i)
    return params ? { ...issue, params } : issue
  })
}

/** 400 with the field paths of a failed validation. */
export function validationError(error: ZodError) {
  return fieldError(400, 'validation_failed', zodIssues(error))
}

/** An error about fields (400 validation_failed, 422 rules): `path: message` of the first, and every issue. */
export function fieldError(status: ContentfulStatusCode, code: ApiErrorCode, issues: FieldIssue[]) {
  const first = issues[0]
  const message = first ? `${first.path}: ${first.message}` : 'Invalid request.'
  return new ApiError(status, code, message, { issues })
}

interface PgError {
  code?: string
  message?: string
  hint?: string
  detail?: string
  constraint_name?: string
}

/** The status of a database rule's error by its SQLSTATE (410 for links that can no longer be used). */
function ruleStatus(e: PgError, code: ErrorCode): ContentfulStatusCode {
  if (code === 'invitation_expired' || code === 'invitation_used') return 410
  if (code === 'storage_quota_exceeded') return 413
  if (e.code === '42501') return 403
  if (e.code === 'P0002') return 404
  if (e.code === '23514' || e.code === '22023') return 422
  return 409
}

/** A database rule's `detail` when it carries the message's values as a JSON object. */
function ruleDetails(detail: string | undefined): Record<string, unknown> | undefined {
  if (!detail?.startsWith('{')) return undefined
  try {
    const parsed: unknown = JSON.parse(detail)
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined
  } catch {
    return undefined
  }
}

/** Maps a Postgres error to an ApiError the user can read; undefined when it is not a user error. */
export function fromPostgres(error: unknown): ApiError | undefined {
  const e = error as PgError
  if (!e || typeof e.code !== 'string') return undefined
  // Our rules name themselves: hint = an error code, detail = the message's values as JSON.
  if (isErrorCode(e.hint) && ['42501', 'P0001', 'P0002', '23514', '22023'].includes(e.code)) {
    return new ApiError(ruleStatus(e, e.hint), e.hint, e.message ?? 'Not allowed.', ruleDetails(e.detail))
  }
  switch (e.code) {
    case '42501': // insufficient_privilege, raised by RLS and our guards
      return e.message?.startsWith('new row violates row-level security')
        ? forbidden()
        : forbidden('forbidden', e.message)
    case '23505':
      return conflict('already_exists', 'That already exists.', { constraint: e.constraint_name })
    case '23503':
      return notFound('reference_not_found', 'A record this refers to does not exist.')
    case '23514':
    case '22P02':
    case '22001':
      return badRequest('invalid_value', 'A value is not valid.', { constraint: e.constraint_name })
    case 'P0002':
      return notFound('not_found', e.message)
    case 'P0001':
      return conflict('conflict', e.message ?? 'Conflict.')
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

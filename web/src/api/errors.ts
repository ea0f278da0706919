import { ErrorBody } from '../../../edge/contract/errors.ts'
import type { FieldErrors } from '../lib/forms.ts'

/** One field problem from a 400 (`details.issues`) or a 409 naming its field (`details.field`). */
export interface FieldIssue {
  path: string
  message: string
}

/** A failed API call, carrying what the server said (DESIGN §4 error shape). */
export class ApiError extends Error {
  readonly status: number
  readonly code: string
  readonly details: unknown
  readonly issues: FieldIssue[]

  constructor(init: {
    status: number
    code: string
    message: string
    details?: unknown
    issues?: FieldIssue[]
  }) {
    super(init.message)
    this.name = 'ApiError'
    this.status = init.status
    this.code = init.code
    this.details = init.details
    this.issues = init.issues ?? []
  }

  /** The issues by field path, for showing each next to its input. */
  fieldErrors(): FieldErrors {
    const errors: FieldErrors = {}
    for (const issue of this.issues) if (!(issue.path in errors)) errors[issue.path] = issue.message
    return errors
  }
}

const FALLBACK_MESSAGES: Record<number, string> = {
  0: "Can't reach Kipindi. Check your connection and try again.",
  400: 'The request was not valid.',
  401: 'Your session has ended. Sign in again.',
  403: 'You do not have access to this.',
  404: 'Not found.',
  409: 'That conflicts with something that already exists.',
  410: 'This is no longer available.',
  413: 'That is too large to send.',
  429: 'Too many requests. Wait a moment and try again.',
}

/** The message to show for a status when the server sent none. */
export function fallbackMessage(status: number): string {
  return (
    FALLBACK_MESSAGES[status] ??
    (status >= 500 ? 'Something went wrong on our side. Please try again.' : `Request failed (${status}).`)
  )
}

function issuesFrom(details: unknown): FieldIssue[] {
  if (!details || typeof details !== 'object') return []
  const d = details as { issues?: unknown; field?: unknown }
  const issues: FieldIssue[] = []
  if (Array.isArray(d.issues)) {
    for (const i of d.issues) {
      if (i && typeof i === 'object' && typeof i.message === 'string') {
        const path = Array.isArray(i.path) ? i.path.join('.') : typeof i.path === 'string' ? i.path : ''
        issues.push({ path: path || '(body)', message: i.message })
      }
    }
  }
  return issues
}

/** An ApiError from a failed response's status and (parsed JSON, or text, or nothing) body. */
export function apiErrorFrom(status: number, body: unknown): ApiError {
  const parsed = ErrorBody.safeParse(body)
  if (!parsed.success) {
    return new ApiError({
      status,
      code: status === 0 ? 'network' : `http_${status}`,
      message: fallbackMessage(status),
    })
  }
  const { code, message, details } = parsed.data.error
  const issues = issuesFrom(details)
  const field = (details as { field?: unknown } | undefined)?.field
  if (typeof field === 'string' && !issues.some((i) => i.path === field)) {
    issues.push({ path: field, message: message || fallbackMessage(status) })
  }
  return new ApiError({ status, code, message: message.trim() || fallbackMessage(status), details, issues })
}

/**
 * A readable sentence for anything thrown: an ApiError's message, a Supabase AuthError's message,
 * a network failure explained — never "undefined" or "[object Object]".
 */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message
  if (error instanceof TypeError && /fetch|network/i.test(error.message)) return fallbackMessage(0)
  if (error instanceof Error && error.message.trim()) return error.message
  if (typeof error === 'string' && error.trim()) return error
  if (
    error &&
    typeof error === 'object' &&
    'message' in error &&
    typeof error.message === 'string' &&
    error.message
  ) {
    return error.message
  }
  return 'Something went wrong. Please try again.'
}

/** The HTTP status of an error when it has one (ApiError, Supabase AuthApiError), else undefined. */
export function errorStatus(error: unknown): number | undefined {
  if (error instanceof ApiError) return error.status
  const s = (error as { status?: unknown } | null)?.status
  return typeof s === 'number' ? s : undefined
}

import type { z } from 'zod'
import { issueMessage } from '../api/errors.ts'

/** Field name → the first message about it; "" or "(body)" for the form as a whole. */
export type FieldErrors = Record<string, string>

export interface Issue {
  path: string | (string | number | symbol)[]
  message: string
  code?: string
  params?: unknown
}

/** Issues (from zod or from a 400's `details.issues`) as one message per field, in the reader's language. */
export function issuesToFieldErrors(issues: readonly Issue[]): FieldErrors {
  const errors: FieldErrors = {}
  for (const issue of issues) {
    const path = Array.isArray(issue.path) ? issue.path.map(String).join('.') : issue.path
    const key = path || '(body)'
    if (!(key in errors)) errors[key] = issueMessage(issue)
  }
  return errors
}

export type Validated<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors }

/** Checks a form's values against a contract schema, so the browser says what the API would. */
export function validate<S extends z.ZodType>(schema: S, values: unknown): Validated<z.output<S>> {
  const result = schema.safeParse(values)
  if (result.success) return { ok: true, data: result.data }
  return { ok: false, errors: issuesToFieldErrors(result.error.issues) }
}

/** True when there is at least one error. */
export const hasErrors = (errors: FieldErrors): boolean => Object.keys(errors).length > 0

/** A hand-written check's outcome: the errors found, or (none) the values to send. */
export function checked<T>(errors: FieldErrors, data: T): Validated<T> {
  return hasErrors(errors) ? { ok: false, errors } : { ok: true, data }
}

import type { ApiErrorCode } from '../../contract/error-codes.ts'
import { conflict } from '../../lib/errors.ts'

interface PgError {
  code?: string
  constraint_name?: string
}

/**
 * Turns a unique violation of one of the named constraints into a 409 with a readable message;
 * any other error passes through unchanged. Use as `.catch(onUnique({...}))`.
 */
export function onUnique(messages: Record<string, { code: ApiErrorCode; message: string; field?: string }>) {
  return (error: unknown): never => {
    const e = error as PgError
    const known = e?.code === '23505' && e.constraint_name ? messages[e.constraint_name] : undefined
    if (known) throw conflict(known.code, known.message, known.field ? { field: known.field } : undefined)
    throw error
  }
}

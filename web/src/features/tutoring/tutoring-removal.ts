import { ApiError } from '../../api/errors.ts'

// The tutor's removal of the reader from a session, as the API says it when it refuses them
// (403 `removed`, the tutor's reason in `details.reason`): the session itself does not carry it.

/** A removal and the reason the tutor gave ('' when none). */
export interface Removal {
  reason: string
}

/** The removal an API refusal tells of, or undefined for any other failure. */
export function removalFrom(error: unknown): Removal | undefined {
  if (!(error instanceof ApiError) || error.code !== 'removed') return undefined
  const details = error.details as { reason?: unknown } | null | undefined
  return { reason: typeof details?.reason === 'string' ? details.reason.trim() : '' }
}

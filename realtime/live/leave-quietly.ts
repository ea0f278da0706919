import { TokenError } from '../../edge/lib/jwt.ts'
import type { Logger } from '../core/log.ts'

/**
 * Runs a presence update as a user who is leaving. A session that has ended, or access taken away
 * meanwhile (42501), is expected then and not worth a warning; anything else is logged.
 */
export async function leaveQuietly(log: Logger, what: string, fn: () => Promise<unknown>): Promise<void> {
  try {
    await fn()
  } catch (error) {
    if (error instanceof TokenError || (error as { code?: string }).code === '42501') return
    log.warn(`${what} failed`, { error })
  }
}

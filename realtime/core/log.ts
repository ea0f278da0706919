// The realtime server's logging: the shared logger of edge/lib/log.ts, tagged "realtime", plus the
// last-resort handler of a Node server process.
import { crashFields, createLogger, type Logger } from '../../edge/lib/log.ts'

export { type Logger, silentLogger } from '../../edge/lib/log.ts'

/** Logs to stdout/stderr. */
export const consoleLogger: Logger = createLogger('realtime')

/**
 * Last resort for a Node server process: an uncaught exception or unhandled rejection is logged
 * and the process keeps serving. Every request and socket handler catches its own errors, so
 * reaching this is a bug to fix; taking every open socket down with it would be worse.
 */
export function keepRunningOnUncaught(log: Logger): void {
  process.on('uncaughtException', (error, origin) => {
    log.error('uncaught exception; still serving', crashFields(error, { origin }))
  })
  process.on('unhandledRejection', (reason) => {
    log.error('unhandled rejection; still serving', crashFields(reason))
  })
}

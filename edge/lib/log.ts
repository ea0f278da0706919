// The one logger concept of every server process (gateway, realtime, edge functions): one line per
// event, `<time> <component> <level> <message> {fields as JSON}`, or with LOG_FORMAT=json one JSON
// object per line. Web-standard only, so it runs in Node and Deno alike.

/** Where a server process writes what happens: one line per event, fields as JSON. */
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void
  warn(message: string, fields?: Record<string, unknown>): void
  error(message: string, fields?: Record<string, unknown>): void
}

function errorFields(_key: string, value: unknown) {
  return value instanceof Error ? { name: value.name, message: value.message } : value
}

/** Fields for a crash-level log line: the error and, when it has one, its stack. */
export function crashFields(error: unknown, more?: Record<string, unknown>): Record<string, unknown> {
  return { ...more, error, ...(error instanceof Error && error.stack ? { stack: error.stack } : {}) }
}

/** How lines are written: `text` (readable in a terminal) or `json` (one object per line, for collectors). */
export type LogFormat = 'text' | 'json'

function line(
  format: LogFormat,
  component: string,
  level: string,
  message: string,
  fields?: Record<string, unknown>,
) {
  const time = new Date().toISOString()
  if (format === 'json') {
    try {
      return JSON.stringify({ time, component, level, message, ...fields }, errorFields)
    } catch {
      return JSON.stringify({ time, component, level, message, fields: 'not serialisable' })
    }
  }
  let json = ''
  if (fields) {
    try {
      json = ` ${JSON.stringify(fields, errorFields)}`
    } catch {
      json = ' {"fields":"not serialisable"}'
    }
  }
  return `${time} ${component} ${level} ${message}${json}`
}

/** LOG_FORMAT=json in the environment (Node or Deno) asks for JSON lines; anything else is text. */
export function logFormatFromEnv(): LogFormat {
  const g = globalThis as {
    process?: { env?: Record<string, string | undefined> }
    Deno?: { env: { get(k: string): string | undefined } }
  }
  let value: string | undefined
  try {
    value = g.process?.env?.LOG_FORMAT ?? g.Deno?.env.get('LOG_FORMAT')
  } catch {
    value = undefined // Deno without --allow-env
  }
  return value === 'json' ? 'json' : 'text'
}

/**
 * A logger writing to stdout/stderr, each line tagged with `component` (e.g. "gateway"); with
 * LOG_FORMAT=json each line is one JSON object `{time, component, level, message, ...fields}` (the
 * request id is the field `requestId` wherever a request is concerned).
 */
export function createLogger(component: string, format: LogFormat = logFormatFromEnv()): Logger {
  return {
    info: (m, f) => console.log(line(format, component, 'info', m, f)),
    warn: (m, f) => console.warn(line(format, component, 'warn', m, f)),
    error: (m, f) => console.error(line(format, component, 'error', m, f)),
  }
}

/** Logs nothing (tests). */
export const silentLogger: Logger = { info() {}, warn() {}, error() {} }

/** The header that carries a request's id from the gateway to every service behind it. */
export const REQUEST_ID_HEADER = 'x-request-id'

const WELL_FORMED_ID = /^[A-Za-z0-9._:-]{8,128}$/

/** The incoming request id when it is well-formed (so it is safe in logs and headers), else a new one. */
export function requestIdFrom(incoming: string | string[] | null | undefined): string {
  const id = Array.isArray(incoming) ? incoming[0] : incoming
  return id && WELL_FORMED_ID.test(id) ? id : crypto.randomUUID()
}

/**
 * Last resort for a Deno (or any Web-standard) process: an uncaught error or unhandled rejection is
 * logged and the process keeps serving instead of exiting. Node processes use realtime/core/log.ts's
 * `keepRunningOnUncaught` (process events) instead.
 */
export function keepServingOnUncaught(log: Logger): void {
  const target = globalThis as unknown as {
    addEventListener?: (
      type: string,
      listener: (e: Event & { error?: unknown; reason?: unknown }) => void,
    ) => void
  }
  if (typeof target.addEventListener !== 'function') return
  target.addEventListener('error', (e) => {
    e.preventDefault()
    log.error('uncaught exception; still serving', crashFields(e.error))
  })
  target.addEventListener('unhandledrejection', (e) => {
    e.preventDefault()
    log.error('unhandled rejection; still serving', crashFields(e.reason))
  })
}

/** Where the realtime server writes what happens: one line per event, fields as JSON. */
export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void
  warn(message: string, fields?: Record<string, unknown>): void
  error(message: string, fields?: Record<string, unknown>): void
}

const line = (level: string, message: string, fields?: Record<string, unknown>) =>
  `${new Date().toISOString()} realtime ${level} ${message}${fields ? ` ${JSON.stringify(fields, errorFields)}` : ''}`

function errorFields(_key: string, value: unknown) {
  return value instanceof Error ? { name: value.name, message: value.message } : value
}

/** Logs to stdout/stderr. */
export const consoleLogger: Logger = {
  info: (m, f) => console.log(line('info', m, f)),
  warn: (m, f) => console.warn(line('warn', m, f)),
  error: (m, f) => console.error(line('error', m, f)),
}

/** Logs nothing (tests). */
export const silentLogger: Logger = { info() {}, warn() {}, error() {} }

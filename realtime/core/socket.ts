// One socket's flow through the hooks: its frames are held until it is authenticated and
// connected (capped), then handed to the extensions and its route one at a time, in order; a
// failing hook closes that socket with a code, never the server.
import type { RawData } from 'ws'
import { CloseCode, CloseError } from './close-codes.ts'
import type { Connection } from './connection.ts'
import type { Logger } from './log.ts'
import type { Extension, Hooks, Route } from './types.ts'

/** Frames a client may send before its socket is ready (authentication, document load). */
const MAX_PENDING_MESSAGES = 32
/** Frames waiting for the previous one's handler; past this the client is flooding us. */
const MAX_QUEUED_MESSAGES = 256
/** Bytes a client may send before its socket is ready (routes with big frames, e.g. Yjs). */
const MAX_PENDING_BYTES = 2 * 1024 * 1024

/** What a socket's flow needs from the server that accepted it. */
export interface SocketContext {
  log: Logger
  extensions: Extension[]
  /** A socket not authenticated by then is closed with 4401. */
  authTimeoutMs: number
  /** Work in flight that the server's close() waits for. */
  track(p: Promise<unknown>): void
  /** Runs one hook of the extensions and a route (or every route), logging failures. */
  runHooks(name: keyof Hooks, route: Route | undefined, call: (h: Hooks) => unknown): Promise<void>
  /** The socket is authenticated and served (it gets ticks). */
  opened(conn: Connection): void
  /** The socket closed. */
  closed(conn: Connection): void
}

/** Closes one socket for an error in its hooks; the server carries on. */
export function failSocket(log: Logger, conn: Connection, error: unknown) {
  if (error instanceof CloseError) {
    conn.close(error.code, error.reason)
    return
  }
  log.error('hook failed; closing the socket', { id: conn.id, error })
  conn.close(CloseCode.INTERNAL_ERROR, 'internal error')
}

/** Serves one accepted socket: a known route's hooks, or a 4404 close for an unknown path. */
export function serveSocket(ctx: SocketContext, conn: Connection, route: Route | undefined) {
  const { log, extensions, authTimeoutMs, track, runHooks } = ctx
  const ws = conn.socket
  const fail = (error: unknown) => failSocket(log, conn, error)
  const pending: [Buffer, boolean][] = []
  let pendingBytes = 0
  let flowing = false
  let queued = 0
  let chain = Promise.resolve()
  let authTimer: NodeJS.Timeout | undefined

  ws.on('error', (error) => log.info('socket error', { id: conn.id, error }))
  ws.on('pong', () => {
    conn.alive = true
  })
  ws.on('close', (code, reason) => {
    const wasOpen = conn.state === 'open'
    conn.state = 'closed'
    clearTimeout(authTimer)
    ctx.closed(conn)
    if (wasOpen && route)
      track(runHooks('onDisconnect', route, (h) => h.onDisconnect?.(conn, code, reason.toString())))
  })
  ws.on('message', (data, isBinary) => {
    if (conn.state === 'closed') return
    if (!flowing) {
      const buffer = toBuffer(data)
      pendingBytes += buffer.length
      if (pending.length >= MAX_PENDING_MESSAGES || pendingBytes > MAX_PENDING_BYTES) {
        fail(new CloseError(CloseCode.POLICY_VIOLATION, 'too many messages before the connection was ready'))
      } else pending.push([buffer, isBinary])
      return
    }
    deliver(toBuffer(data), isBinary)
  })

  if (!route) {
    conn.close(CloseCode.UNKNOWN_DOCUMENT, `unknown path ${conn.url.pathname.slice(0, 80)}`)
    return
  }
  const r = route
  authTimer = setTimeout(() => {
    if (conn.state === 'authenticating') conn.close(CloseCode.UNAUTHORIZED, 'authentication timed out')
  }, authTimeoutMs)

  function deliver(data: Buffer, isBinary: boolean) {
    if (++queued > MAX_QUEUED_MESSAGES) {
      fail(new CloseError(CloseCode.POLICY_VIOLATION, 'too many messages in flight'))
      return
    }
    chain = chain
      .then(async () => {
        if (conn.state !== 'open' || ws.readyState !== ws.OPEN) return
        for (const h of [...extensions, r]) await h.onMessage?.(conn, data, isBinary)
      })
      .catch(fail)
      .finally(() => {
        queued--
      })
    track(chain)
  }

  track(
    (async () => {
      try {
        for (const h of [...extensions, r]) await h.onAuthenticate?.(conn)
        if (!conn.authenticated) throw new CloseError(CloseCode.UNAUTHORIZED, 'not authenticated')
        if (conn.state === 'closed' || ws.readyState !== ws.OPEN) return
        clearTimeout(authTimer)
        conn.state = 'open'
        ctx.opened(conn)
        for (const h of [...extensions, r]) await h.onConnect?.(conn)
        flowing = true
        for (const [data, isBinary] of pending.splice(0)) deliver(data, isBinary)
      } catch (error) {
        fail(error)
      }
    })(),
  )
}

function toBuffer(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data
  if (Array.isArray(data)) return Buffer.concat(data)
  return Buffer.from(data)
}

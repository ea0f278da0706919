// The realtime server core: a node:http server whose upgrades go to `ws` (noServer), a registry of
// connections, routing by path, the heartbeat, size limits, graceful shutdown and the last-resort
// handlers. It knows no feature: authentication, the live channel, the Yjs rooms and the jobs are
// extensions and routes (types.ts) that realtime/app.ts mounts. No input from a client can take it down.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Duplex } from 'node:stream'
import { WebSocketServer } from 'ws'
import { MAX_FRAME_BYTES } from '../../edge/contract/realtime.ts'
import { crashFields, REQUEST_ID_HEADER, requestIdFrom } from '../../edge/lib/log.ts'
import { mayScrape } from '../../edge/lib/metrics.ts'
import { CloseCode } from './close-codes.ts'
import { Connection } from './connection.ts'
import { consoleLogger, type Logger } from './log.ts'
import { type SocketContext, serveSocket } from './socket.ts'
import type { Extension, Hooks, Route } from './types.ts'

/** Path of the health check (plain HTTP GET). */
export const HEALTH_PATH = '/realtime/v1/health'
/** Path of the Prometheus metrics (plain HTTP GET with the metrics token; app.ts fills them). */
export const METRICS_PATH = '/realtime/v1/metrics'

export interface CoreOptions {
  port: number
  host?: string
  log?: Logger
  /**
   * Cross-cutting behaviour, in order, before the route's own hooks: authentication first (it must
   * set the connection's claims, or the socket is closed with 4401), then logging, jobs…
   */
  extensions?: Extension[]
  /** Path families; the first whose `match` answers serves the socket (unknown paths: 4404). */
  routes: Route[]
  /** Prometheus metrics at METRICS_PATH for a scraper with `Authorization: Bearer <token>`. */
  metrics?: { token?: string; render: () => Promise<{ contentType: string; text: string }> }
  /** Ping interval; a socket that missed the previous pong is terminated. Default 30 s. */
  heartbeatMs?: number
  /** A socket not authenticated by then is closed with 4401. Default 10 s. */
  authTimeoutMs?: number
  /** Largest frame accepted; bigger ones close the socket with 1009. Default 64 KiB. */
  maxPayload?: number
}

export interface CoreServer {
  /** The port it listens on (the OS's choice when given 0). */
  readonly port: number
  /** Open sockets, authenticated or not. */
  readonly connections: number
  /** Stops accepting, runs beforeClose hooks, closes every socket with 1001, then runs onDestroy hooks. */
  close(): Promise<void>
}

/**
 * Starts the core: runs every `beforeListen` hook, then listens. Resolves once it accepts sockets.
 */
export async function startCore(opts: CoreOptions): Promise<CoreServer> {
  const log = opts.log ?? consoleLogger
  const extensions = opts.extensions ?? []
  const routes = opts.routes
  const heartbeatMs = opts.heartbeatMs ?? 30_000
  const authTimeoutMs = opts.authTimeoutMs ?? 10_000

  const all = new Set<Connection>()
  const open = new Set<Connection>()
  /** Hooks still running (authentication, messages, disconnects): close() waits for them. */
  const busy = new Set<Promise<unknown>>()
  const track = (p: Promise<unknown>) => {
    busy.add(p)
    void p.finally(() => busy.delete(p))
  }
  let closing = false
  let onDrained: (() => void) | undefined

  // One WebSocketServer per frame limit: `ws` refuses an oversized frame (1009) before buffering it.
  const servers = new Map<number, WebSocketServer>()
  const wssFor = (route: Route | undefined) => {
    const maxPayload = route?.maxPayload ?? opts.maxPayload ?? MAX_FRAME_BYTES
    let wss = servers.get(maxPayload)
    if (!wss) {
      wss = new WebSocketServer({
        noServer: true,
        maxPayload,
        clientTracking: false,
        perMessageDeflate: false,
      })
      servers.set(maxPayload, wss)
    }
    return wss
  }
  /** What each socket's flow needs from the server (socket.ts). */
  const session: SocketContext = {
    log,
    extensions,
    authTimeoutMs,
    track,
    runHooks,
    opened: (conn) => open.add(conn),
    closed(conn) {
      all.delete(conn)
      open.delete(conn)
      if (all.size === 0) onDrained?.()
    },
  }
  const http = createServer(onRequest)
  http.on('upgrade', onUpgrade)
  http.on('clientError', (_error, socket) => socket.destroy())

  /** Last resort of a plain HTTP request: logged with its request id, answered 500; the server carries on. */
  function onRequest(req: IncomingMessage, res: ServerResponse) {
    try {
      serveHttp(req, res)
    } catch (error) {
      log.error('request failed', crashFields(error, requestFields(req)))
      if (res.headersSent) res.destroy()
      else res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify(INTERNAL_ERROR))
    }
  }

  function serveHttp(req: IncomingMessage, res: ServerResponse) {
    const url = parseUrl(req)
    const path = url?.pathname ?? ''
    if (path === METRICS_PATH && opts.metrics) return serveMetrics(req, res, opts.metrics)
    const [status, body] = !url
      ? [400, { error: { code: 'bad_request', message: 'The request URL is not valid.' } }]
      : path === HEALTH_PATH
        ? [200, { status: closing ? 'closing' : 'ok', connections: all.size }]
        : routes.some((r) => r.match(path))
          ? [426, { error: { code: 'upgrade_required', message: 'Connect with a WebSocket.' } }]
          : [404, { error: { code: 'not_found', message: 'Not found.' } }]
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body))
  }

  function serveMetrics(
    req: IncomingMessage,
    res: ServerResponse,
    metrics: NonNullable<CoreOptions['metrics']>,
  ) {
    if (!mayScrape(req.headers.authorization, metrics.token)) {
      res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify(METRICS_REFUSED))
      return
    }
    metrics.render().then(
      ({ contentType, text }) => res.writeHead(200, { 'content-type': contentType }).end(text),
      (error) => {
        log.error('metrics failed', crashFields(error, requestFields(req)))
        res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify(INTERNAL_ERROR))
      },
    )
  }

  /** Last resort of an upgrade: logged with its request id; the socket is refused or dropped, the server carries on. */
  function onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer) {
    socket.on('error', () => socket.destroy())
    const upgraded = { done: false }
    try {
      upgrade(req, socket, head, upgraded)
    } catch (error) {
      log.error('upgrade failed', crashFields(error, requestFields(req)))
      if (upgraded.done) socket.destroy()
      else socket.end(INTERNAL_ERROR_RESPONSE)
    }
  }

  function upgrade(req: IncomingMessage, socket: Duplex, head: Buffer, upgraded: { done: boolean }) {
    if (closing) {
      socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n')
      return
    }
    const url = parseUrl(req)
    if (!url) {
      socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n')
      return
    }
    let route: Route | undefined
    let params: Record<string, string> | undefined
    for (const r of routes) {
      params = r.match(url.pathname)
      if (params) {
        route = r
        break
      }
    }
    // Accept even unknown paths and bad tokens, then close with a code: browsers cannot read the
    // HTTP status of a refused upgrade, but they can read a close code.
    wssFor(route).handleUpgrade(req, socket, head, (ws) => {
      upgraded.done = true
      const conn = new Connection(ws, req, url, params ?? {})
      all.add(conn)
      serveSocket(session, conn, route)
    })
  }

  async function runHooks(name: keyof Hooks, route: Route | undefined, call: (h: Hooks) => unknown) {
    for (const h of route ? [...extensions, route] : [...extensions, ...routes]) {
      try {
        await call(h)
      } catch (error) {
        log.error(`${name} hook failed`, { hook: h.name, error })
      }
    }
  }

  let ticking = false
  const heartbeat = setInterval(() => {
    for (const conn of all) {
      if (!conn.alive) {
        conn.socket.terminate()
        continue
      }
      conn.alive = false
      conn.socket.ping()
    }
    if (ticking) return
    ticking = true
    void runHooks('onTick', undefined, (h) => h.onTick?.(open)).finally(() => {
      ticking = false
    })
  }, heartbeatMs)
  heartbeat.unref()

  // What must be in place before the first socket (e.g. a LISTEN: events written once the server
  // is up reach the sockets that subscribe). A hook that fails stops the start.
  for (const h of [...extensions, ...routes]) await h.beforeListen?.()
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject)
    http.listen(opts.port, opts.host ?? '127.0.0.1', () => {
      http.off('error', reject)
      resolve()
    })
  })
  const port = (http.address() as AddressInfo).port

  return {
    port,
    get connections() {
      return all.size
    },
    async close() {
      if (closing) return
      closing = true
      clearInterval(heartbeat)
      await runHooks('beforeClose', undefined, (h) => h.beforeClose?.())
      const stopped = new Promise<void>((resolve) => http.close(() => resolve()))
      const drained = new Promise<void>((resolve) => {
        onDrained = resolve
        if (all.size === 0) resolve()
      })
      for (const conn of all) conn.close(CloseCode.GOING_AWAY, 'server shutting down')
      const timeout = new Promise((resolve) => setTimeout(resolve, 2000).unref())
      await Promise.race([drained, timeout])
      for (const conn of all) conn.socket.terminate()
      // Let authentications, document loads and disconnect hooks in flight finish first.
      await Promise.race([Promise.allSettled([...busy]), new Promise((r) => setTimeout(r, 5000).unref())])
      await runHooks('onDestroy', undefined, (h) => h.onDestroy?.())
      http.closeAllConnections()
      await stopped
    },
  }
}

const INTERNAL_ERROR = { error: { code: 'internal', message: 'Something went wrong on our side.' } }
const METRICS_REFUSED = { error: { code: 'unauthorized', message: 'Metrics need the metrics token.' } }
const INTERNAL_ERROR_RESPONSE =
  'HTTP/1.1 500 Internal Server Error\r\nConnection: close\r\nContent-Length: 0\r\n\r\n'

/** What a failed request's log line says about it: its id (the gateway's, or a new one), method and URL. */
function requestFields(req: IncomingMessage): Record<string, unknown> {
  return {
    requestId: requestIdFrom(req.headers[REQUEST_ID_HEADER]),
    method: req.method,
    url: req.url?.slice(0, 200),
  }
}

/** The request URL, or undefined when it does not parse. */
function parseUrl(req: IncomingMessage): URL | undefined {
  try {
    return new URL(req.url ?? '/', 'http://localhost')
  } catch {
    return undefined
  }
}

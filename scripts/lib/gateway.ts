import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs'
import http from 'node:http'
import net from 'node:net'
import path from 'node:path'
import { collectDefaultMetrics } from 'prom-client'
import {
  crashFields,
  createLogger,
  type Logger,
  REQUEST_ID_HEADER,
  requestIdFrom,
} from '../../edge/lib/log.ts'
import { createHttpMetrics, METRICS_PATH, mayScrape, Registry } from '../../edge/lib/metrics.ts'
import { addVary, compressAnswer, precompressed } from './compression.ts'
import { createIndexPage, type IndexPage, ROUTE_PRELOADS_FILE, type RoutePreload } from './index-html.ts'
import { cspUrlsOf, inlineScriptHashes, webSecurityHeaders } from './web-headers.ts'

/** Where the gateway sends each part of Supabase's URL layout (DESIGN §3). */
export interface GatewayTargets {
  /** Deno process serving /auth/v1/* and /<function>/*. */
  functionsPort: number
  /** Realtime server (WebSocket upgrades under /realtime/v1/). */
  realtimePort?: number
  /** The local store (scripts/lib/storage-host.ts), answering /storage/v1/* in this process. */
  storage?: (req: http.IncomingMessage, res: http.ServerResponse) => void
  /** Built web app; when absent only the APIs are served. */
  webDist?: string
  /** `npm run dev`: Vite's dev middleware serves the app instead of web/dist (it owns other upgrades, for HMR). */
  devMiddleware?: (req: http.IncomingMessage, res: http.ServerResponse, next: () => void) => void
  /** Public runtime config for the web app: inline in every index.html, and at /config.json (its URLs also feed the CSP). */
  config: Record<string, unknown>
  /** Environment with SITE_URL, SUPABASE_URL, REALTIME_URL, LIVEKIT_URL, STORAGE_URL; default process.env. */
  env?: Record<string, string | undefined>
  /** Where failures are logged; default the console, tagged "gateway". */
  log?: Logger
  /**
   * Prometheus metrics at /metrics for a scraper with `Authorization: Bearer <token>`: the gateway's
   * own, then each source's (the realtime server's, the functions' host's), fetched with the same
   * token. No token: /metrics is refused.
   */
  metrics?: { token?: string; sources?: string[] }
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.webmanifest': 'application/manifest+json',
  '.txt': 'text/plain; charset=utf-8',
}

function sendJson(
  res: http.ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  res.writeHead(status, {
    'content-type': 'application/json',
    'x-content-type-options': 'nosniff',
    ...headers,
  })
  res.end(JSON.stringify(body))
}

const jsonError = (code: string, message: string) => ({ error: { code, message } })
const BAD_URL = jsonError('bad_request', 'The request URL is not valid.')
const NOT_FOUND = jsonError('not_found', 'Not found.')
const HEADERS_TOO_LARGE = jsonError('headers_too_large', 'The request headers are too large.')
const INTERNAL = jsonError('internal', 'Something went wrong on our side. Please try again.')

/** A complete raw HTTP response with a JSON error body, for sockets outside node:http's response object. */
function rawJsonResponse(status: number, reason: string, body: unknown): string {
  const json = JSON.stringify(body)
  return (
    `HTTP/1.1 ${status} ${reason}\r\ncontent-type: application/json\r\n` +
    `content-length: ${Buffer.byteLength(json)}\r\nconnection: close\r\n\r\n${json}`
  )
}

/** The request target as a URL, or undefined when it does not parse (e.g. `//[`). */
function parseTarget(url: string | undefined): URL | undefined {
  try {
    return new URL(url ?? '/', 'http://gateway.invalid')
  } catch {
    return undefined
  }
}

/**
 * Headers that describe one connection (RFC 9110 §7.6.1): never passed on, and refused in an
 * HTTP/2 answer (the TLS front's clients).
 */
const HOP_BY_HOP = ['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade']

function endToEnd(headers: http.IncomingHttpHeaders): http.IncomingHttpHeaders {
  const out = { ...headers }
  for (const name of HOP_BY_HOP) delete out[name]
  return out
}

/** A request's headers to pass on over HTTP/1.1: an HTTP/2 request's pseudo-headers (`:path`…) left out. */
function forwardable(headers: http.IncomingHttpHeaders): http.IncomingHttpHeaders {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !name.startsWith(':')))
}

function proxy(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  port: number,
  pathName: string,
  requestId: string,
) {
  const headers = {
    ...forwardable(req.headers),
    'x-forwarded-for': req.socket.remoteAddress ?? '',
    'x-forwarded-host': req.headers.host ?? '',
    [REQUEST_ID_HEADER]: requestId,
  }
  const upstream = http.request(
    { host: '127.0.0.1', port, method: req.method, path: pathName, headers },
    (up) => {
      up.on('error', () => res.destroy())
      const compressed = compressAnswer(req, up)
      if (!compressed) {
        res.writeHead(up.statusCode ?? 502, endToEnd(up.headers))
        return void up.pipe(res)
      }
      res.writeHead(up.statusCode ?? 502, endToEnd(compressed.headers))
      compressed.stream.on('error', () => res.destroy())
      up.pipe(compressed.stream).pipe(res)
    },
  )
  upstream.on('error', () => {
    if (!res.headersSent)
      sendJson(res, 502, {
        error: {
          code: 'bad_gateway',
          message: 'The service is starting or unavailable. Try again in a moment.',
        },
      })
    else res.destroy()
  })
  // A client that goes away mid-request takes its upstream request with it.
  req.on('error', () => upstream.destroy())
  res.on('close', () => {
    if (!res.writableFinished) upstream.destroy()
  })
  req.pipe(upstream)
}

/** True when `file` is a regular file (false for anything that cannot be stat'ed: too long, NUL, ENOTDIR…). */
function isFile(file: string): boolean {
  try {
    return statSync(file).isFile()
  } catch {
    return false
  }
}

function serveStatic(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  dist: string,
  pathname: string,
  headers: Record<string, string>,
  indexPage: IndexPage | undefined,
) {
  let urlPath: string
  try {
    urlPath = decodeURIComponent(pathname)
  } catch {
    return sendJson(res, 400, BAD_URL)
  }
  if (urlPath.includes('\0')) return sendJson(res, 400, BAD_URL)
  // Source maps would publish our sources; the build makes none, and none is ever served.
  if (/\.map$/i.test(urlPath)) return sendJson(res, 404, NOT_FOUND)
  const file = path.join(dist, path.normalize(urlPath).replace(/^(\.\.[/\\])+/, ''))
  const isAsset = file.startsWith(dist + path.sep) && isFile(file)
  const target = isAsset ? file : path.join(dist, 'index.html')
  if (!isAsset && path.extname(urlPath) && urlPath.startsWith('/assets/'))
    return sendJson(res, 404, NOT_FOUND)
  if (target === path.join(dist, 'index.html')) return serveIndex(req, res, headers, indexPage, urlPath)
  const immutable = isAsset && urlPath.startsWith('/assets/')
  const encoded = precompressed(target, req.headers['accept-encoding'])
  res.writeHead(200, {
    'content-type': MIME[path.extname(target)] ?? 'application/octet-stream',
    'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    vary: addVary(undefined),
    ...(encoded ? { 'content-encoding': encoded.encoding } : {}),
    ...headers,
  })
  if (req.method === 'HEAD') return res.end()
  createReadStream(encoded?.file ?? target)
    .on('error', () => res.destroy())
    .pipe(res)
}

/**
 * index.html with the runtime config inline, built by this process (so never the build's
 * precompressed index.html.br/.gz, which lack the config); `no-cache` so a new build or config shows.
 */
function serveIndex(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  headers: Record<string, string>,
  indexPage: IndexPage | undefined,
  urlPath: string,
) {
  if (!indexPage) return sendJson(res, 404, jsonError('not_found', 'No web app is built.'))
  const { body, encoding } = indexPage.answer(req.headers['accept-encoding'], urlPath)
  res.writeHead(200, {
    'content-type': MIME['.html'],
    'content-length': String(body.length),
    'cache-control': 'no-cache',
    vary: addVary(undefined),
    ...(encoding ? { 'content-encoding': encoding } : {}),
    ...headers,
  })
  res.end(req.method === 'HEAD' ? undefined : body)
}

/** Pipes a WebSocket upgrade to the realtime server byte for byte, with the request id added. */
function proxyUpgrade(
  req: http.IncomingMessage,
  socket: net.Socket,
  head: Buffer,
  port: number,
  requestId: string,
) {
  const upstream = net.connect(port, '127.0.0.1', () => {
    const headers = {
      ...req.headers,
      'x-forwarded-for': req.socket.remoteAddress ?? '',
      [REQUEST_ID_HEADER]: requestId,
    }
    const lines = Object.entries(headers).flatMap(([k, v]) =>
      Array.isArray(v) ? v.map((x) => `${k}: ${x}`) : [`${k}: ${v}`],
    )
    upstream.write(`${req.method} ${req.url} HTTP/1.1\r\n${lines.join('\r\n')}\r\n\r\n`)
    if (head.length) upstream.write(head)
    upstream.pipe(socket)
    socket.pipe(upstream)
  })
  const close = () => {
    upstream.destroy()
    socket.destroy()
  }
  upstream.on('error', close)
  socket.on('error', close)
  upstream.on('close', () => socket.destroy())
  socket.on('close', () => upstream.destroy())
}

/** The build's route preloads (none for a build made before they existed). */
function routePreloadsOf(dist: string | undefined): RoutePreload[] {
  const file = dist && path.join(dist, ROUTE_PRELOADS_FILE)
  return file && existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as RoutePreload[]) : []
}

/**
 * The one local origin: web app, /auth/v1, /functions/v1/<name>, /realtime/v1 (DESIGN §3). No
 * request may stop it: malformed targets answer 400, and a handler that throws is logged with the
 * request id and answered 500 while the server carries on.
 */
export function createGateway(targets: GatewayTargets): http.Server {
  const log = targets.log ?? createLogger('gateway')
  const dist = targets.webDist && path.resolve(targets.webDist)
  const indexFile = dist && path.join(dist, 'index.html')
  // The CSP's script hashes and the served page come from the same read of the built index.html.
  const indexHtml = indexFile && existsSync(indexFile) ? readFileSync(indexFile, 'utf8') : undefined
  const hashes = indexHtml ? inlineScriptHashes(indexHtml) : []
  const indexPage =
    indexHtml === undefined ? undefined : createIndexPage(indexHtml, targets.config, routePreloadsOf(dist))
  const webHeaders = webSecurityHeaders(hashes, ...cspUrlsOf(targets.config, targets.env ?? process.env))

  function route(req: http.IncomingMessage, res: http.ServerResponse, requestId: string) {
    const url = req.url ?? '/'
    const target = parseTarget(url)
    if (!target) return sendJson(res, 400, BAD_URL)
    if (url === '/auth/v1' || url.startsWith('/auth/v1/') || url.startsWith('/auth/v1?')) {
      return proxy(req, res, targets.functionsPort, url, requestId)
    }
    if (url.startsWith('/functions/v1/')) {
      return proxy(req, res, targets.functionsPort, url.slice('/functions/v1'.length), requestId)
    }
    if (targets.storage && url.startsWith('/storage/v1/')) {
      res.setHeader(REQUEST_ID_HEADER, requestId)
      return targets.storage(req, res)
    }
    if (url.startsWith('/realtime/v1/')) {
      return sendJson(res, 426, jsonError('upgrade_required', 'Connect with a WebSocket.'))
    }
    if (url === '/config.json') {
      return sendJson(res, 200, targets.config, { 'cache-control': 'no-store' })
    }
    if (targets.devMiddleware) {
      return targets.devMiddleware(req, res, () => sendJson(res, 404, NOT_FOUND))
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return sendJson(res, 405, jsonError('method_not_allowed', 'Method not allowed.'))
    }
    if (!dist) return sendJson(res, 404, jsonError('not_found', 'No web app is built.'))
    serveStatic(req, res, dist, target.pathname, webHeaders, indexPage)
  }

  const metrics = createGatewayMetrics(targets.metrics, log)
  const server = http.createServer((req, res) => {
    const requestId = requestIdFrom(req.headers[REQUEST_ID_HEADER])
    res.setHeader(REQUEST_ID_HEADER, requestId)
    try {
      if (req.url === METRICS_PATH) return metrics.serve(req, res)
      metrics.measure(req, res)
      route(req, res, requestId)
    } catch (err) {
      log.error(
        'request failed',
        crashFields(err, { requestId, method: req.method, url: req.url?.slice(0, 200) }),
      )
      if (res.headersSent) res.destroy()
      else sendJson(res, 500, INTERNAL)
    }
  })
  server.on('upgrade', (req: http.IncomingMessage, socket: net.Socket, head: Buffer) => {
    const requestId = requestIdFrom(req.headers[REQUEST_ID_HEADER])
    socket.on('error', () => socket.destroy())
    try {
      if (!parseTarget(req.url)) return socket.end(rawJsonResponse(400, 'Bad Request', BAD_URL))
      if (targets.realtimePort && req.url?.startsWith('/realtime/v1/')) {
        return proxyUpgrade(req, socket, head, targets.realtimePort, requestId)
      }
      if (targets.devMiddleware) return // Vite's HMR socket listens on this server too
      socket.end(rawJsonResponse(404, 'Not Found', NOT_FOUND))
    } catch (err) {
      log.error('upgrade failed', crashFields(err, { requestId, url: req.url?.slice(0, 200) }))
      socket.destroy()
    }
  })
  // Requests node:http cannot parse (bad request line, overlong headers…) never reach a handler.
  server.on('clientError', (err: NodeJS.ErrnoException, socket: net.Socket) => {
    if (!socket.writable || socket.writableEnded) return socket.destroy()
    socket.end(
      err.code === 'HPE_HEADER_OVERFLOW'
        ? rawJsonResponse(431, 'Request Header Fields Too Large', HEADERS_TOO_LARGE)
        : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? rawJsonResponse(
              408,
              'Request Timeout',
              jsonError('timeout', 'The request took too long to arrive.'),
            )
          : rawJsonResponse(400, 'Bad Request', jsonError('bad_request', 'The request is not valid HTTP.')),
    )
  })
  return server
}

/** The part of the URL layout a request is for: a small, fixed set of label values. */
export function serviceOf(url: string): string {
  if (url.startsWith('/auth/v1')) return 'auth'
  if (url.startsWith('/functions/v1/')) {
    const name = url.slice('/functions/v1/'.length).split(/[/?#]/)[0] ?? ''
    return FUNCTION_NAMES.has(name) ? `function:${name}` : 'function:unknown'
  }
  if (url.startsWith('/storage/v1/')) return 'storage'
  if (url.startsWith('/realtime/v1/')) return 'realtime'
  return 'web'
}

/** The edge functions in supabase/functions (a name outside them must not become a new series). */
const FUNCTION_NAMES = new Set(['api', 'ai-tutor', 'livekit-webhook', 'mpesa-callback', 'stripe-webhook'])

/** The gateway's requests and latencies, and /metrics with the other processes' metrics after them. */
function createGatewayMetrics(opts: GatewayTargets['metrics'], log: Logger) {
  const registry = new Registry()
  collectDefaultMetrics({ register: registry, prefix: 'kipindi_gateway_' })
  const requests = createHttpMetrics(registry, 'kipindi_http')

  async function exposition(): Promise<string> {
    const parts = [await registry.metrics()]
    for (const source of opts?.sources ?? []) {
      try {
        const answer = await fetch(source, {
          headers: { authorization: `Bearer ${opts?.token}` },
          signal: AbortSignal.timeout(5_000),
        })
        if (answer.ok) parts.push(await answer.text())
        else log.warn('metrics: a source refused', { source, status: answer.status })
      } catch (error) {
        log.warn('metrics: a source did not answer', { source, error })
      }
    }
    return parts.join('\n')
  }

  return {
    measure(req: http.IncomingMessage, res: http.ServerResponse) {
      const started = performance.now()
      res.once('finish', () =>
        requests.observe(
          serviceOf(req.url ?? '/'),
          req.method ?? '',
          res.statusCode,
          (performance.now() - started) / 1000,
        ),
      )
    },
    serve(req: http.IncomingMessage, res: http.ServerResponse) {
      if (!mayScrape(req.headers.authorization, opts?.token)) {
        return sendJson(res, 401, jsonError('unauthorized', 'Metrics need the metrics token.'))
      }
      exposition().then(
        (text) => {
          res.writeHead(200, { 'content-type': registry.contentType, 'cache-control': 'no-store' })
          res.end(text)
        },
        (error) => {
          log.error('metrics failed', crashFields(error))
          if (!res.headersSent) sendJson(res, 500, INTERNAL)
        },
      )
    },
  }
}

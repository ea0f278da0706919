import { createHash } from 'node:crypto'
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs'
import http from 'node:http'
import net from 'node:net'
import path from 'node:path'

/** Where the gateway sends each part of Supabase's URL layout (DESIGN §3). */
export interface GatewayTargets {
  /** Deno process serving /auth/v1/* and /<function>/*. */
  functionsPort: number
  /** Realtime server (WebSocket upgrades under /realtime/v1/). */
  realtimePort?: number
  /** Built web app; when absent only the APIs are served. */
  webDist?: string
  /** `npm run dev`: Vite's dev middleware serves the app instead of web/dist (it owns other upgrades, for HMR). */
  devMiddleware?: (req: http.IncomingMessage, res: http.ServerResponse, next: () => void) => void
  /** Public runtime config for the web app, served at /config.json. */
  config: Record<string, unknown>
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

/** Hashes of the inline scripts of index.html, so the CSP can allow exactly those. */
function inlineScriptHashes(indexHtml: string): string[] {
  const hashes: string[] = []
  for (const m of indexHtml.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)) {
    hashes.push(`'sha256-${createHash('sha256').update(m[1]).digest('base64')}'`)
  }
  return hashes
}

/** Security headers for the web app: a strict CSP, nosniff, referrer policy, no framing. */
/** LiveKit's client also calls its server over https (e.g. LiveKit Cloud's region list). */
function liveKitOrigin(url: string | undefined): string {
  if (!url) return ''
  try {
    return new URL(url.replace(/^ws/, 'http')).origin
  } catch {
    return ''
  }
}

export function webSecurityHeaders(
  scriptHashes: string[],
  liveKitUrl = process.env.LIVEKIT_URL,
): Record<string, string> {
  const csp = [
    "default-src 'self'",
    `script-src 'self' ${scriptHashes.join(' ')}`.trim(),
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob: https:",
    "media-src 'self' blob:",
    `connect-src 'self' ws: wss: ${liveKitOrigin(liveKitUrl)}`.trim(),
    "font-src 'self' data:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ')
  return {
    'content-security-policy': csp,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'strict-origin-when-cross-origin',
    'x-frame-options': 'DENY',
    'permissions-policy': 'camera=(self), microphone=(self), display-capture=(self), geolocation=()',
  }
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

function proxy(req: http.IncomingMessage, res: http.ServerResponse, port: number, pathName: string) {
  const headers = {
    ...req.headers,
    'x-forwarded-for': req.socket.remoteAddress ?? '',
    'x-forwarded-host': req.headers.host ?? '',
  }
  const upstream = http.request(
    { host: '127.0.0.1', port, method: req.method, path: pathName, headers },
    (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers)
      up.pipe(res)
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
  req.pipe(upstream)
}

function serveStatic(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  dist: string,
  headers: Record<string, string>,
) {
  const urlPath = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)
  const file = path.join(dist, path.normalize(urlPath).replace(/^(\.\.[/\\])+/, ''))
  const isAsset = file.startsWith(dist) && existsSync(file) && statSync(file).isFile()
  const target = isAsset ? file : path.join(dist, 'index.html')
  if (!isAsset && path.extname(urlPath) && urlPath.startsWith('/assets/')) {
    res.writeHead(404, { 'content-type': 'text/plain' })
    res.end('Not found')
    return
  }
  const immutable = isAsset && urlPath.startsWith('/assets/')
  res.writeHead(200, {
    'content-type': MIME[path.extname(target)] ?? 'application/octet-stream',
    'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    ...headers,
  })
  if (req.method === 'HEAD') return res.end()
  createReadStream(target).pipe(res)
}

/** Pipes a WebSocket upgrade to the realtime server byte for byte. */
function proxyUpgrade(req: http.IncomingMessage, socket: net.Socket, head: Buffer, port: number) {
  const upstream = net.connect(port, '127.0.0.1', () => {
    const headers = { ...req.headers, 'x-forwarded-for': req.socket.remoteAddress ?? '' }
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

/** The one local origin: web app, /auth/v1, /functions/v1/<name>, /realtime/v1 (DESIGN §3). */
export function createGateway(targets: GatewayTargets): http.Server {
  const indexFile = targets.webDist && path.join(targets.webDist, 'index.html')
  const hashes = indexFile && existsSync(indexFile) ? inlineScriptHashes(readFileSync(indexFile, 'utf8')) : []
  const webHeaders = webSecurityHeaders(hashes)

  const server = http.createServer((req, res) => {
    const url = req.url ?? '/'
    if (url === '/auth/v1' || url.startsWith('/auth/v1/') || url.startsWith('/auth/v1?')) {
      return proxy(req, res, targets.functionsPort, url)
    }
    if (url.startsWith('/functions/v1/')) {
      return proxy(req, res, targets.functionsPort, url.slice('/functions/v1'.length))
    }
    if (url.startsWith('/realtime/v1/')) {
      return sendJson(res, 426, { error: { code: 'upgrade_required', message: 'Connect with a WebSocket.' } })
    }
    if (url === '/config.json') {
      return sendJson(res, 200, targets.config, { 'cache-control': 'no-store' })
    }
    if (targets.devMiddleware) {
      return targets.devMiddleware(req, res, () =>
        sendJson(res, 404, { error: { code: 'not_found', message: 'Not found.' } }),
      )
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return sendJson(res, 405, { error: { code: 'method_not_allowed', message: 'Method not allowed.' } })
    }
    if (!targets.webDist)
      return sendJson(res, 404, { error: { code: 'not_found', message: 'No web app is built.' } })
    serveStatic(req, res, targets.webDist, webHeaders)
  })
  server.on('upgrade', (req, socket, head) => {
    if (targets.realtimePort && req.url?.startsWith('/realtime/v1/')) {
      return proxyUpgrade(req, socket as net.Socket, head, targets.realtimePort)
    }
    if (targets.devMiddleware) return // Vite's HMR socket listens on this server too
    socket.end('HTTP/1.1 404 Not Found\r\nconnection: close\r\n\r\n')
  })
  server.on('clientError', (_err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\n\r\n')
  })
  return server
}

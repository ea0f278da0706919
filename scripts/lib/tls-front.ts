// HTTPS for the local origin, with HTTP/2. A school that runs `npm start` on its LAN needs it: a
// browser registers a service worker (offline lessons, installing the app) only on a secure origin,
// and http://<the server's LAN address> is not one. It is also how students reach any public
// deployment, and over HTTP/2 a page's many small files share one connection instead of queueing
// six at a time behind a round trip each.
//
// The front terminates TLS and hands every request and WebSocket upgrade to the gateway's own
// handlers, so both origins answer the same. HTTP/1.1 clients (and WebSockets, which Chromium opens
// over HTTP/1.1 to a server without RFC 8441) are served on the same port.
import { readFileSync } from 'node:fs'
import type http from 'node:http'
import http2 from 'node:http2'

export interface TlsFiles {
  /** PEM certificate chain (the server's certificate first). */
  cert: string
  /** PEM private key of that certificate. */
  key: string
}

/**
 * The certificate and key named by KIPINDI_TLS_CERT and KIPINDI_TLS_KEY (paths to PEM files), or
 * undefined when neither is set. One without the other, or a file that cannot be read, is an error
 * that says which.
 */
export function tlsFilesFrom(env: Record<string, string | undefined>): TlsFiles | undefined {
  const certPath = env.KIPINDI_TLS_CERT?.trim()
  const keyPath = env.KIPINDI_TLS_KEY?.trim()
  if (!certPath && !keyPath) return undefined
  if (!certPath || !keyPath) {
    throw new Error('HTTPS needs both KIPINDI_TLS_CERT and KIPINDI_TLS_KEY (paths to PEM files).')
  }
  const read = (name: string, file: string) => {
    try {
      return readFileSync(file, 'utf8')
    } catch (error) {
      throw new Error(`${name}: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? error}).`)
    }
  }
  return { cert: read('KIPINDI_TLS_CERT', certPath), key: read('KIPINDI_TLS_KEY', keyPath) }
}

/**
 * The authority of an HTTP/2 request as its `host`, which the gateway's handlers read. (The
 * pseudo-headers stay: node's compatibility layer reads the method and path from them; the gateway
 * drops them where it passes headers on.)
 */
function addHost(req: http2.Http2ServerRequest) {
  const authority = req.headers[':authority']
  if (typeof authority === 'string' && !req.headers.host) req.headers.host = authority
}

/** The TLS front of `gateway` (not yet listening). */
export function createTlsFront(gateway: http.Server, tls: TlsFiles): http2.Http2SecureServer {
  const front = http2.createSecureServer({ cert: tls.cert, key: tls.key, allowHTTP1: true })
  front.on('request', (req: http2.Http2ServerRequest, res: http2.Http2ServerResponse) => {
    if (req.httpVersionMajor === 2) addHost(req)
    gateway.emit('request', req, res)
  })
  front.on('upgrade', (req: http.IncomingMessage, socket, head) => gateway.emit('upgrade', req, socket, head))
  // A failed handshake (a client that distrusts the certificate, a port scan) ends that connection only.
  front.on('tlsClientError', () => {})
  front.on('sessionError', () => {})
  return front
}

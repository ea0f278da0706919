// The TLS front on port 0 before a gateway, itself before a fake function server and a WebSocket
// echo standing in for the realtime server: HTTP/2 and HTTP/1.1 over TLS reach the same handlers,
// an upstream's connection headers never reach an HTTP/2 answer, WebSockets pass, and the
// certificate settings fail with their reason. The certificate is test/fixtures/tls's.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import http from 'node:http'
import http2 from 'node:http2'
import https from 'node:https'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket, { WebSocketServer } from 'ws'
import { createGateway } from './gateway.ts'
import { createTlsFront, tlsFilesFrom } from './tls-front.ts'

const FIXTURES = path.resolve(import.meta.dirname, '../../test/fixtures/tls')
const CERT_FILE = path.join(FIXTURES, 'localhost-cert.pem')
const KEY_FILE = path.join(FIXTURES, 'localhost-key.pem')

const listen = (server: http.Server | http2.Http2SecureServer) =>
  new Promise<number>((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)),
  )
const close = (server: { close(cb: () => void): unknown }) =>
  new Promise<void>((r) => server.close(() => r()))

let functions: http.Server
let realtime: http.Server
let gateway: http.Server
let front: http2.Http2SecureServer
let port: number
let ca: string

beforeAll(async () => {
  // Answers the way a Deno or Node upstream does over HTTP/1.1: keep-alive and chunked, and says
  // what it received.
  functions = http.createServer((req, res) => {
    res.writeHead(200, {
      'content-type': 'application/json',
      connection: 'keep-alive',
      'keep-alive': 'timeout=5',
      'transfer-encoding': 'chunked',
    })
    res.end(
      JSON.stringify({
        url: req.url,
        host: req.headers.host,
        pseudo: Object.keys(req.headers).filter((h) => h.startsWith(':')),
      }),
    )
  })
  realtime = http.createServer()
  const echo = new WebSocketServer({ server: realtime })
  echo.on('connection', (socket) => socket.on('message', (m) => socket.send(`echo ${m}`)))
  const webDist = await mkdtemp(path.join(tmpdir(), 'kipindi-tls-front-'))
  await writeFile(path.join(webDist, 'index.html'), '<!doctype html><html><body>app</body></html>')
  gateway = createGateway({
    functionsPort: await listen(functions),
    realtimePort: await listen(realtime),
    webDist,
    config: { supabaseUrl: 'https://localhost', anonKey: 'anon' },
    env: {},
  })
  await listen(gateway)
  ca = await readFile(CERT_FILE, 'utf8')
  front = createTlsFront(gateway, { cert: ca, key: await readFile(KEY_FILE, 'utf8') })
  port = await listen(front)
})

afterAll(async () => {
  await close(front)
  await close(gateway)
  await close(functions)
  await close(realtime)
})

/** One HTTP/2 request on a fresh session: status, headers and body. */
async function h2Get(pathName: string) {
  const session = http2.connect(`https://localhost:${port}`, { ca })
  try {
    return await new Promise<{ status: number; headers: http2.IncomingHttpHeaders; body: string }>(
      (resolve, reject) => {
        const req = session.request({ ':path': pathName, 'accept-encoding': 'identity' })
        let headers: http2.IncomingHttpHeaders = {}
        let body = ''
        req.on('response', (h) => {
          headers = h
        })
        req.setEncoding('utf8')
        req.on('data', (chunk: string) => {
          body += chunk
        })
        req.on('end', () => resolve({ status: Number(headers[':status']), headers, body }))
        req.on('error', reject)
        req.end()
      },
    )
  } finally {
    session.close()
  }
}

describe('the TLS front', () => {
  it('serves HTTP/2: the app and a proxied function, without the upstream connection headers', async () => {
    const page = await h2Get('/courses')
    expect(page.status).toBe(200)
    expect(page.body).toContain('app')
    expect(page.headers['content-security-policy']).toBeTruthy()

    const api = await h2Get('/functions/v1/api/health')
    expect(api.status).toBe(200)
    // The upstream saw an HTTP/1.1 request: the authority as its host, no pseudo-headers.
    expect(JSON.parse(api.body)).toEqual({ url: '/api/health', host: `localhost:${port}`, pseudo: [] })
    expect(api.headers.connection).toBeUndefined()
    expect(api.headers['transfer-encoding']).toBeUndefined()
  })

  it('serves HTTP/1.1 over TLS on the same port', async () => {
    const body = await new Promise<string>((resolve, reject) => {
      https
        .get(`https://localhost:${port}/functions/v1/api/health`, { ca }, (res) => {
          expect(res.statusCode).toBe(200)
          let text = ''
          res.setEncoding('utf8')
          res.on('data', (c: string) => {
            text += c
          })
          res.on('end', () => resolve(text))
        })
        .on('error', reject)
    })
    expect(JSON.parse(body)).toMatchObject({ url: '/api/health', host: `localhost:${port}` })
  })

  it('passes WebSockets to the realtime server', async () => {
    const socket = new WebSocket(`wss://localhost:${port}/realtime/v1/live`, { ca })
    const reply = await new Promise<string>((resolve, reject) => {
      socket.once('open', () => socket.send('hello'))
      socket.once('message', (m) => resolve(String(m)))
      socket.once('error', reject)
    })
    socket.close()
    expect(reply).toBe('echo hello')
  })

  it('survives a client that does not trust the certificate, and keeps serving', async () => {
    const refused = await new Promise<string>((resolve) => {
      https
        .get(`https://localhost:${port}/`, (res) => resolve(`answered ${res.statusCode}`))
        .on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'))
    })
    expect(refused).toMatch(/CERT|SELF_SIGNED/)
    expect((await h2Get('/')).status).toBe(200)
  })
})

describe('tlsFilesFrom', () => {
  it('is off with neither variable, and reads both files when both are set', () => {
    expect(tlsFilesFrom({})).toBeUndefined()
    const files = tlsFilesFrom({ KIPINDI_TLS_CERT: CERT_FILE, KIPINDI_TLS_KEY: KEY_FILE })
    expect(files?.cert).toContain('BEGIN CERTIFICATE')
    expect(files?.key).toContain('PRIVATE KEY')
  })

  it('says which is missing or unreadable', () => {
    expect(() => tlsFilesFrom({ KIPINDI_TLS_CERT: CERT_FILE })).toThrow(
      /both KIPINDI_TLS_CERT and KIPINDI_TLS_KEY/,
    )
    expect(() =>
      tlsFilesFrom({ KIPINDI_TLS_CERT: CERT_FILE, KIPINDI_TLS_KEY: '/nonexistent/key.pem' }),
    ).toThrow(/KIPINDI_TLS_KEY: cannot read \/nonexistent\/key.pem \(ENOENT\)/)
  })
})

// Raw HTTP over TCP for tests that must send what fetch and node:http refuse to: malformed request
// lines, bare `%`, NUL bytes, overlong headers.
import net from 'node:net'

/** What came back on one connection: the status (when a response line arrived) and the parts. */
export interface RawResponse {
  /** The HTTP status, or undefined when the server closed without answering (or timed out). */
  status?: number
  headers: Record<string, string>
  body: string
  /** True when the connection was still open at the timeout (destroyed by us). */
  timedOut: boolean
}

/** Decodes a chunked body; returns the input when it is not well-formed chunks. */
function dechunk(body: Buffer): Buffer {
  const parts: Buffer[] = []
  let at = 0
  while (at < body.length) {
    const eol = body.indexOf('\r\n', at)
    if (eol < 0) return body
    const size = Number.parseInt(body.subarray(at, eol).toString('latin1'), 16)
    if (!Number.isFinite(size)) return body
    if (size === 0) break
    parts.push(body.subarray(eol + 2, eol + 2 + size))
    at = eol + 2 + size + 2
  }
  return Buffer.concat(parts)
}

function parse(raw: Buffer, timedOut: boolean): RawResponse {
  const end = raw.indexOf('\r\n\r\n')
  const head = (end < 0 ? raw : raw.subarray(0, end)).toString('latin1')
  const [statusLine, ...lines] = head.split('\r\n')
  const m = /^HTTP\/1\.[01] (\d{3})/.exec(statusLine ?? '')
  const headers: Record<string, string> = {}
  for (const l of lines) {
    const i = l.indexOf(':')
    if (i > 0) headers[l.slice(0, i).trim().toLowerCase()] = l.slice(i + 1).trim()
  }
  let body = end < 0 ? Buffer.alloc(0) : raw.subarray(end + 4)
  if (/chunked/i.test(headers['transfer-encoding'] ?? '')) body = dechunk(body)
  return { status: m ? Number(m[1]) : undefined, headers, body: body.toString('utf8'), timedOut }
}

/**
 * Writes `request` byte for byte (`string`s as latin1, so any byte can be written) to
 * 127.0.0.1:`port` and collects the answer until the server
 * closes, the first response is complete (Content-Length), or `timeoutMs` passes. Never rejects.
 */
export function rawRequest(
  port: number,
  request: string | Buffer,
  timeoutMs = 2000,
  /** Half-close after writing (the peer sees end of input at once, as from a client that gave up). */
  opts: { halfClose?: boolean } = {},
): Promise<RawResponse> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = []
    let done = false
    const socket = net.connect(port, '127.0.0.1')
    const finish = (timedOut: boolean) => {
      if (done) return
      done = true
      clearTimeout(timer)
      socket.destroy()
      resolve(parse(Buffer.concat(chunks), timedOut))
    }
    const timer = setTimeout(() => finish(true), timeoutMs)
    socket.on('connect', () => {
      socket.write(typeof request === 'string' ? Buffer.from(request, 'latin1') : request)
      if (opts.halfClose) socket.end()
    })
    socket.on('data', (c) => {
      chunks.push(c)
      const raw = Buffer.concat(chunks)
      const end = raw.indexOf('\r\n\r\n')
      if (end < 0) return
      const { status, headers } = parse(raw, false)
      if (status === 101) return finish(false) // switched protocols: the HTTP part is over
      const length = Number(headers['content-length'])
      if (Number.isInteger(length) && raw.length - end - 4 >= length) finish(false)
      else if (
        /chunked/i.test(headers['transfer-encoding'] ?? '') &&
        raw.subarray(end).includes('\r\n0\r\n\r\n')
      )
        finish(false)
    })
    socket.on('error', () => finish(false))
    socket.on('close', () => finish(false))
  })
}

/** A GET with the request target exactly as given (no normalisation, no escaping). */
export const rawGet = (
  port: number,
  target: string,
  headers: Record<string, string> = {},
  timeoutMs?: number,
) =>
  rawRequest(
    port,
    `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\n${Object.entries(headers)
      .map(([k, v]) => `${k}: ${v}\r\n`)
      .join('')}Connection: close\r\n\r\n`,
    timeoutMs,
  )

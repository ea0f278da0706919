// Compression for the one local origin (also what a school runs on its LAN, where the last mile is
// often a phone's mobile data). Built assets are compressed once, at build time, next to the
// originals (`app.js.br`, `app.js.gz`); API answers (JSON, text) are compressed on the fly.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import type http from 'node:http'
import path from 'node:path'
import type { Transform } from 'node:stream'
import zlib from 'node:zlib'

export type Encoding = 'br' | 'gzip'

/** Files worth compressing (text); images and fonts are compressed already. */
const TEXT = /\.(js|mjs|css|html|svg|json|webmanifest|txt|xml)$/
/** Below this, compression costs more than it saves. */
const MIN_BYTES = 1024

/** The best encoding the client accepts (Brotli first), or undefined. Honours `q=0`. */
export function negotiate(acceptEncoding: string | string[] | undefined): Encoding | undefined {
  const header = Array.isArray(acceptEncoding) ? acceptEncoding.join(',') : (acceptEncoding ?? '')
  const accepted = new Set<string>()
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';')
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='))
    if (name && !(q && Number(q.slice(2)) === 0)) accepted.add(name)
  }
  if (accepted.has('br')) return 'br'
  if (accepted.has('gzip') || accepted.has('*')) return 'gzip'
  return undefined
}

const EXTENSION: Record<Encoding, string> = { br: '.br', gzip: '.gz' }

/** Writes `.br` and `.gz` next to every text file of a build that lacks them; answers how many files. */
export function precompress(dir: string): number {
  let count = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name)
    if (entry.isDirectory()) {
      count += precompress(file)
      continue
    }
    if (!TEXT.test(entry.name) || statSync(file).size < MIN_BYTES) continue
    if (existsSync(file + '.br') && existsSync(file + '.gz')) continue
    const data = readFileSync(file)
    writeFileSync(
      file + '.br',
      zlib.brotliCompressSync(data, {
        params: {
          [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
          [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length,
        },
      }),
    )
    writeFileSync(file + '.gz', zlib.gzipSync(data, { level: 9 }))
    count++
  }
  return count
}

/** The precompressed sibling of a built file for this request, if there is one. */
export function precompressed(
  file: string,
  acceptEncoding: string | string[] | undefined,
): { file: string; encoding: Encoding } | undefined {
  const encoding = negotiate(acceptEncoding)
  if (!encoding) return undefined
  const sibling = file + EXTENSION[encoding]
  return existsSync(sibling) ? { file: sibling, encoding } : undefined
}

const COMPRESSIBLE = /^(application\/(json|problem\+json|javascript)|text\/)/

/**
 * A stream that compresses an upstream answer for this client, with the headers to send; or
 * undefined when it should pass as is (already encoded, not text, small, or a stream of events).
 */
export function compressAnswer(
  req: http.IncomingMessage,
  upstream: http.IncomingMessage,
): { stream: Transform; headers: http.IncomingHttpHeaders } | undefined {
  const type = String(upstream.headers['content-type'] ?? '')
  const length = Number(upstream.headers['content-length'] ?? Number.NaN)
  if (upstream.headers['content-encoding'] || !COMPRESSIBLE.test(type)) return undefined
  if (type.startsWith('text/event-stream') || length < MIN_BYTES || req.method === 'HEAD') return undefined
  if (upstream.statusCode === 204 || upstream.statusCode === 304) return undefined
  const encoding = negotiate(req.headers['accept-encoding'])
  if (!encoding) return undefined
  const stream =
    encoding === 'br'
      ? zlib.createBrotliCompress({ params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5 } })
      : zlib.createGzip({ level: 6 })
  const { 'content-length': _, ...rest } = upstream.headers
  return {
    stream,
    headers: { ...rest, 'content-encoding': encoding, vary: addVary(upstream.headers.vary) },
  }
}

/** `Vary` with Accept-Encoding added once. */
export function addVary(vary: string | string[] | undefined): string {
  const list = (Array.isArray(vary) ? vary.join(',') : (vary ?? '')).split(',').map((v) => v.trim())
  const kept = list.filter((v) => v && v.toLowerCase() !== 'accept-encoding')
  return [...kept, 'Accept-Encoding'].join(', ')
}

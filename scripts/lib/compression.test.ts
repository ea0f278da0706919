import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import zlib from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addVary, negotiate, precompress } from './compression.ts'
import { createGateway } from './gateway.ts'

describe('negotiate', () => {
  it('prefers Brotli, falls back to gzip, honours q=0', () => {
    expect(negotiate('gzip, deflate, br, zstd')).toBe('br')
    expect(negotiate('gzip;q=1.0, br;q=0')).toBe('gzip')
    expect(negotiate('*')).toBe('gzip')
    expect(negotiate('identity')).toBeUndefined()
    expect(negotiate(undefined)).toBeUndefined()
  })

  it('adds Accept-Encoding to Vary once', () => {
    expect(addVary(undefined)).toBe('Accept-Encoding')
    expect(addVary('Origin, accept-encoding')).toBe('Origin, Accept-Encoding')
  })
})

describe('the gateway compresses', () => {
  const dist = mkdtempSync(path.join(tmpdir(), 'kipindi-dist-'))
  const script = `export const words = ${JSON.stringify('habari ya asubuhi '.repeat(400))}\n`
  const json = JSON.stringify({
    items: Array.from({ length: 200 }, (_, i) => ({ id: i, title: `Somo la ${i}` })),
  })
  let upstream: http.Server
  let gateway: http.Server
  let base = ''

  const get = (url: string, acceptEncoding?: string) =>
    new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
      const req = http.get(
        base + url,
        { headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} },
        (res) => {
          const chunks: Buffer[] = []
          res.on('data', (c) => chunks.push(c))
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
          )
        },
      )
      req.on('error', reject)
    })

  beforeAll(async () => {
    writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>Kipindi</title>')
    const assets = path.join(dist, 'assets')
    mkdirSync(assets)
    writeFileSync(path.join(assets, 'app-1a2b3c.js'), script)
    expect(precompress(dist)).toBe(1) // index.html is too small to be worth it
    expect(precompress(dist)).toBe(0) // nothing left to do
    upstream = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json) })
      res.end(json)
    })
    await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r))
    gateway = createGateway({
      functionsPort: (upstream.address() as AddressInfo).port,
      webDist: dist,
      config: {},
    })
    await new Promise<void>((r) => gateway.listen(0, '127.0.0.1', r))
    base = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}`
  })
  afterAll(() => {
    gateway.close()
    upstream.close()
    rmSync(dist, { recursive: true, force: true })
  })

  it('sends built assets precompressed, Brotli when accepted, gzip otherwise, plain to who asks for neither', async () => {
    const br = await get('/assets/app-1a2b3c.js', 'gzip, br')
    expect(br.headers['content-encoding']).toBe('br')
    expect(br.headers.vary).toContain('Accept-Encoding')
    expect(br.headers['cache-control']).toContain('immutable')
    expect(br.body.length).toBeLessThan(script.length / 10)
    expect(zlib.brotliDecompressSync(br.body).toString()).toBe(script)
    const gz = await get('/assets/app-1a2b3c.js', 'gzip')
    expect(gz.headers['content-encoding']).toBe('gzip')
    expect(zlib.gunzipSync(gz.body).toString()).toBe(script)
    const plain = await get('/assets/app-1a2b3c.js')
    expect(plain.headers['content-encoding']).toBeUndefined()
    expect(plain.body.toString()).toBe(script)
    expect(readFileSync(path.join(dist, 'assets/app-1a2b3c.js'), 'utf8')).toBe(script)
  })

  it('compresses API answers on the fly', async () => {
    const br = await get('/functions/v1/api/courses', 'br')
    expect(br.headers['content-encoding']).toBe('br')
    expect(br.headers['content-length']).toBeUndefined()
    expect(JSON.parse(zlib.brotliDecompressSync(br.body).toString())).toEqual(JSON.parse(json))
    const plain = await get('/functions/v1/api/courses')
    expect(plain.headers['content-encoding']).toBeUndefined()
    expect(plain.body.toString()).toBe(json)
  })
})

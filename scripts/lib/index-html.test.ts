// index.html as the gateway serves it: the runtime config inline (values intact, none able to
// close the block), the CSP the same whatever the config, the page never the build's stale
// precompressed copy, hashed assets still precompressed.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import zlib from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { precompress } from './compression.ts'
import { createGateway } from './gateway.ts'
import { configBlock, injectConfig } from './index-html.ts'
import { inlineScriptHashes } from './web-headers.ts'

const THEME = "document.documentElement.dataset.theme = 'dark'"
const INDEX = `<!doctype html><html><head><title>Kipindi</title><script>${THEME}</script></head><body>${'<p>somo</p>'.repeat(120)}<script type="module" src="/assets/app-1.js"></script></body></html>`
const CONFIG = { supabaseUrl: 'http://localhost:3000', anonKey: 'anon-1', localMailbox: true }
const HOSTILE = {
  ...CONFIG,
  anonKey: 'x</script><script>alert(1)</script>',
  note: '<!-- <script> </SCRIPT >',
}

/** The JSON text inside the config block of a page (up to the first `</script>`, as a browser reads it). */
function blockText(html: string): string | undefined {
  const start = html.indexOf('<script type="application/json" id="kipindi-config">')
  if (start < 0) return undefined
  const open = html.indexOf('>', start) + 1
  return html.slice(open, html.toLowerCase().indexOf('</script', open))
}

type Answer = { status: number; headers: http.IncomingHttpHeaders; body: Buffer }
const request = (port: number, url: string, headers: Record<string, string> = {}, method = 'GET') =>
  new Promise<Answer>((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: url, method, headers }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c) => chunks.push(c))
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      )
    })
    req.on('error', reject)
    req.end()
  })

describe('injectConfig', () => {
  it('puts the block at the end of the head, and at the start of a page without one', () => {
    expect(injectConfig('<html><head><title>t</title></head><body></body></html>', { a: 1 })).toBe(
      '<html><head><title>t</title><script type="application/json" id="kipindi-config">{"a":1}</script></head><body></body></html>',
    )
    expect(injectConfig('<p>x</p>', { a: 1 })).toBe(`${configBlock({ a: 1 })}<p>x</p>`)
  })

  it('writes every < as \\u003c, so no value can close the block, and the JSON reads back the same', () => {
    const html = injectConfig(INDEX, HOSTILE)
    const text = blockText(html)!
    expect(text).not.toContain('<')
    expect(JSON.parse(text)).toEqual(HOSTILE)
    // One more script element than the build's (the block), none from the values.
    expect(html.match(/<script/gi)?.length).toBe(INDEX.match(/<script/gi)!.length + 1)
  })

  it('leaves the CSP hashes alone: JSON data blocks are not scripts', () => {
    const hashes = inlineScriptHashes(INDEX)
    expect(hashes).toHaveLength(1)
    expect(inlineScriptHashes(injectConfig(INDEX, CONFIG))).toEqual(hashes)
    expect(inlineScriptHashes(injectConfig(INDEX, HOSTILE))).toEqual(hashes)
    expect(inlineScriptHashes('<script type="application/ld+json">{}</script>')).toEqual([])
  })
})

describe('the gateway serves index.html with the config inline', () => {
  const dist = mkdtempSync(path.join(tmpdir(), 'kipindi-index-'))
  const servers: http.Server[] = []
  let port = 0
  let hostilePort = 0

  async function start(config: Record<string, unknown>): Promise<number> {
    const gateway = createGateway({ functionsPort: 9, webDist: dist, config, env: {} })
    servers.push(gateway)
    await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve))
    return (gateway.address() as AddressInfo).port
  }

  beforeAll(async () => {
    writeFileSync(path.join(dist, 'index.html'), INDEX)
    mkdirSync(path.join(dist, 'assets'))
    writeFileSync(path.join(dist, 'assets/app-1.js'), `export const w = '${'habari '.repeat(400)}'\n`)
    expect(precompress(dist)).toBe(2) // the build's index.html.br/.gz exist, without the config
    port = await start(CONFIG)
    hostilePort = await start(HOSTILE)
  })

  afterAll(async () => {
    for (const s of servers) await new Promise((r) => s.close(r))
  })

  it('has the config block with the right values, at / and at any app route', async () => {
    for (const url of ['/', '/index.html', '/t/demo-academy/courses']) {
      const res = await request(port, url)
      expect(res.status).toBe(200)
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8')
      expect(res.headers['cache-control']).toBe('no-cache')
      expect(JSON.parse(blockText(res.body.toString())!)).toEqual(CONFIG)
    }
    // /config.json is still served, the same config.
    expect(JSON.parse((await request(port, '/config.json')).body.toString())).toEqual(CONFIG)
  })

  it('keeps a value containing </script> inside the block', async () => {
    const html = (await request(hostilePort, '/')).body.toString()
    expect(JSON.parse(blockText(html)!)).toEqual(HOSTILE)
    expect(html).not.toContain('<script>alert(1)')
  })

  it('sends the same CSP whatever the config values', async () => {
    const a = (await request(port, '/')).headers['content-security-policy']
    const b = (await request(hostilePort, '/')).headers['content-security-policy']
    expect(a).toBeTruthy()
    expect(b).toBe(a)
    expect(a).toContain(inlineScriptHashes(INDEX)[0])
  })

  it('compresses the injected page, never the build’s precompressed index.html', async () => {
    for (const [accept, decode] of [
      ['br', zlib.brotliDecompressSync],
      ['gzip', zlib.gunzipSync],
    ] as const) {
      const res = await request(port, '/', { 'accept-encoding': accept })
      expect(res.headers['content-encoding']).toBe(accept)
      expect(res.headers.vary).toBe('Accept-Encoding')
      expect(JSON.parse(blockText(decode(res.body).toString())!)).toEqual(CONFIG)
    }
    const plain = await request(port, '/', { 'accept-encoding': 'identity' })
    expect(plain.headers['content-encoding']).toBeUndefined()
    expect(plain.body.toString()).toBe(injectConfig(INDEX, CONFIG))
    const head = await request(port, '/', {}, 'HEAD')
    expect(head.status).toBe(200)
    expect(head.body.length).toBe(0)
  })

  it('still serves hashed assets from their precompressed files, cached for good', async () => {
    const res = await request(port, '/assets/app-1.js', { 'accept-encoding': 'br' })
    expect(res.headers['content-encoding']).toBe('br')
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable')
    expect(res.body.equals(readFileSync(path.join(dist, 'assets/app-1.js.br')))).toBe(true)
  })
})

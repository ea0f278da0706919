// The web app's index.html as the gateway serves it: with the runtime config (the body of
// /config.json) inline, so the app needs no extra round trip before it can start. Built once per
// process (the config does not change while it runs) and compressed once.
import zlib from 'node:zlib'
import { RUNTIME_CONFIG_ELEMENT_ID } from '../../edge/contract/runtime-config.ts'
import { type Encoding, negotiate } from './compression.ts'

/**
 * The config as a JSON data block. `<` is written `\u003c` (still the same JSON), so no value can
 * close the element (`</script>`) or open a comment in it.
 */
export function configBlock(config: Record<string, unknown>): string {
  const json = JSON.stringify(config).replace(/</g, '\\u003c')
  return `<script type="application/json" id="${RUNTIME_CONFIG_ELEMENT_ID}">${json}</script>`
}

/** `html` with the config block at the end of its head (or at the start when it has no `</head>`). */
export function injectConfig(html: string, config: Record<string, unknown>): string {
  const block = configBlock(config)
  const at = html.search(/<\/head\s*>/i)
  return at < 0 ? block + html : html.slice(0, at) + block + html.slice(at)
}

/** The served index.html: the injected page, and its Brotli and gzip forms made once. */
export interface IndexPage {
  /** The bytes for a request's Accept-Encoding, and their encoding when compressed. */
  answer(acceptEncoding: string | string[] | undefined): { body: Buffer; encoding?: Encoding }
}

/** Builds the page served for index.html from the built file's text and the runtime config. */
export function createIndexPage(html: string, config: Record<string, unknown>): IndexPage {
  const body = Buffer.from(injectConfig(html, config))
  const encoded: Record<Encoding, Buffer> = {
    br: zlib.brotliCompressSync(body),
    gzip: zlib.gzipSync(body, { level: 9 }),
  }
  return {
    answer(acceptEncoding) {
      const encoding = negotiate(acceptEncoding)
      return encoding ? { body: encoded[encoding], encoding } : { body }
    },
  }
}

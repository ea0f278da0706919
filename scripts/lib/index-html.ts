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
  return beforeHeadEnd(html, configBlock(config))
}

/** The build's list of each page's scripts (written by scripts/lib/route-preloads.ts). */
export const ROUTE_PRELOADS_FILE = 'route-preloads.json'

/** One page: its full path pattern (`/t/:slug/courses/:courseId`) and its scripts, the entry's excluded. */
export interface RoutePreload {
  path: string
  files: string[]
}

/**
 * The page a URL path opens, as the router picks it: every segment matches (`:name` any one), and
 * of several the one with the most literal segments (`/courses/new` before `/courses/:courseId`).
 */
export function matchRoute(routes: readonly RoutePreload[], pathname: string): RoutePreload | undefined {
  const segments = pathname.split('/').filter(Boolean)
  let best: { route: RoutePreload; literal: number } | undefined
  for (const route of routes) {
    const pattern = route.path.split('/').filter(Boolean)
    if (pattern.length !== segments.length) continue
    if (!pattern.every((p, i) => p.startsWith(':') || p === segments[i])) continue
    const literal = pattern.filter((p) => !p.startsWith(':')).length
    if (!best || literal > best.literal) best = { route, literal }
  }
  return best?.route
}

/** `<link rel="modulepreload">` for each file (paths from our own build: no escaping needed beyond quotes). */
export function preloadLinks(files: readonly string[]): string {
  return files.map((f) => `<link rel="modulepreload" crossorigin href="${f.replace(/"/g, '%22')}">`).join('')
}

/** `html` with `extra` at the end of its head. */
function beforeHeadEnd(html: string, extra: string): string {
  const at = html.search(/<\/head\s*>/i)
  return at < 0 ? extra + html : html.slice(0, at) + extra + html.slice(at)
}

/** The served index.html: the injected page, and its Brotli and gzip forms made once per page. */
export interface IndexPage {
  /** The bytes for a request's path and Accept-Encoding, and their encoding when compressed. */
  answer(
    acceptEncoding: string | string[] | undefined,
    pathname?: string,
  ): { body: Buffer; encoding?: Encoding }
}

interface Encoded {
  plain: Buffer
  br: Buffer
  gzip: Buffer
}

function encode(text: string): Encoded {
  const plain = Buffer.from(text)
  return { plain, br: zlib.brotliCompressSync(plain), gzip: zlib.gzipSync(plain, { level: 9 }) }
}

/**
 * Builds the page served for index.html from the built file's text, the runtime config and the
 * build's route preloads: the page for a URL names that page's scripts, so the browser fetches
 * them beside the entry rather than after it has run (one round trip less before the page shows).
 */
export function createIndexPage(
  html: string,
  config: Record<string, unknown>,
  routes: readonly RoutePreload[] = [],
): IndexPage {
  const base = injectConfig(html, config)
  const plain = encode(base)
  // One variant per page of the app (a few dozen), made on first request.
  const byRoute = new Map<RoutePreload, Encoded>()
  const variant = (pathname: string | undefined): Encoded => {
    const route = pathname === undefined ? undefined : matchRoute(routes, pathname)
    if (!route?.files.length) return plain
    let page = byRoute.get(route)
    if (!page) {
      page = encode(beforeHeadEnd(base, preloadLinks(route.files)))
      byRoute.set(route, page)
    }
    return page
  }
  return {
    answer(acceptEncoding, pathname) {
      const page = variant(pathname)
      const encoding = negotiate(acceptEncoding)
      return encoding ? { body: page[encoding], encoding } : { body: page.plain }
    },
  }
}

// The web app's security headers: a CSP that allows exactly the inline scripts of index.html and
// exactly the origins the app talks to (never a bare scheme such as `https:` or `wss:`).
import { createHash } from 'node:crypto'

/** A JSON data block (`type="application/json"`, `application/ld+json`): never executed, so not a script for the CSP. */
const DATA_BLOCK = /\btype\s*=\s*["']?application\/(?:ld\+)?json\b/i

/**
 * Hashes of the inline scripts of index.html, so the CSP can allow exactly those. JSON data blocks
 * (the runtime config the gateway puts in) are skipped: the list must not change with the config.
 */
export function inlineScriptHashes(indexHtml: string): string[] {
  const hashes: string[] = []
  for (const m of indexHtml.matchAll(/<script(?![^>]*\bsrc=)([^>]*)>([\s\S]*?)<\/script>/g)) {
    if (DATA_BLOCK.test(m[1])) continue
    hashes.push(`'sha256-${createHash('sha256').update(m[2]).digest('base64')}'`)
  }
  return hashes
}

/** The URLs the web app talks to besides its own origin; each may be absent or not a URL (then skipped). */
export interface CspUrls {
  /** Our public URL (SITE_URL): 'self' already, plus its ws(s):// form, which 'self' misses in some browsers. */
  publicUrl?: string
  /** Supabase: auth, functions, storage (images) and, in its URL layout, the realtime server. */
  supabaseUrl?: string
  /** A realtime server on another origin (REALTIME_URL). */
  realtimeUrl?: string
  /** LiveKit: its signalling socket, and https calls of its client (e.g. LiveKit Cloud's region list). */
  liveKitUrl?: string
  /** Storage (files, images) on another origin, e.g. a CDN (STORAGE_URL). */
  storageUrl?: string
}

/** The http(s) and ws(s) forms of a URL's origin, or undefined for anything else (no CSP injection). */
function originForms(url: unknown): { http: string; ws: string } | undefined {
  if (typeof url !== 'string' || !url) return undefined
  try {
    const u = new URL(url)
    const secure = u.protocol === 'https:' || u.protocol === 'wss:'
    if (!secure && u.protocol !== 'http:' && u.protocol !== 'ws:') return undefined
    const host = u.host
    return { http: `${secure ? 'https' : 'http'}://${host}`, ws: `${secure ? 'wss' : 'ws'}://${host}` }
  } catch {
    return undefined
  }
}

/** connect-src and img-src sources for these URLs: exact origins, never a bare scheme. */
export function cspSources(...all: CspUrls[]): { connect: string[]; img: string[] } {
  const connect = new Set(["'self'"])
  const img = new Set(["'self'", 'data:', 'blob:'])
  const add = (url: string | undefined, into: { http?: boolean; ws?: boolean; img?: boolean }) => {
    const o = originForms(url)
    if (!o) return
    if (into.http) connect.add(o.http)
    if (into.ws) connect.add(o.ws)
    if (into.img) img.add(o.http)
  }
  for (const urls of all) {
    add(urls.publicUrl, { http: true, ws: true })
    add(urls.supabaseUrl, { http: true, ws: true, img: true })
    add(urls.realtimeUrl, { ws: true })
    add(urls.liveKitUrl, { http: true, ws: true })
    add(urls.storageUrl, { http: true, img: true })
  }
  return { connect: [...connect], img: [...img] }
}

/** Security headers for the web app: a strict CSP (exact origins only), nosniff, referrer policy, no framing. */
export function webSecurityHeaders(scriptHashes: string[], ...urls: CspUrls[]): Record<string, string> {
  const sources = cspSources(...urls)
  const csp = [
    "default-src 'self'",
    `script-src 'self' ${scriptHashes.join(' ')}`.trim(),
    "style-src 'self' 'unsafe-inline'",
    `img-src ${sources.img.join(' ')}`,
    "media-src 'self' blob:",
    `connect-src ${sources.connect.join(' ')}`,
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

/** The CSP URLs of a gateway: those of the runtime config it serves (/config.json), then the environment's. */
export function cspUrlsOf(
  config: Record<string, unknown>,
  env: Record<string, string | undefined>,
): CspUrls[] {
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined)
  return [
    {
      supabaseUrl: str(config.supabaseUrl),
      realtimeUrl: str(config.realtimeUrl),
      liveKitUrl: str(config.liveKitUrl),
      storageUrl: str(config.storageUrl),
    },
    {
      publicUrl: env.SITE_URL,
      supabaseUrl: env.SUPABASE_URL,
      realtimeUrl: env.REALTIME_URL,
      liveKitUrl: env.LIVEKIT_URL,
      storageUrl: env.STORAGE_URL,
    },
  ]
}

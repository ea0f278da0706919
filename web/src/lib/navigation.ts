/**
 * A safe place to go after sign-in: only a path on this origin ("/invite/abc"), never another site
 * ("//evil.example", "https://…", "/\\evil"), so a crafted link cannot bounce people elsewhere.
 */
export function safeNext(next: string | null | undefined, fallback = '/app'): string {
  if (!next || typeof next !== 'string') return fallback
  if (!next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return fallback
  if ([...next].some((c) => c.charCodeAt(0) < 32)) return fallback
  return next
}

/** A path with a query string built from the defined values only. */
export function withQuery(path: string, params: Record<string, string | null | undefined>): string {
  const search = new URLSearchParams()
  for (const [key, value] of Object.entries(params)) if (value) search.set(key, value)
  const qs = search.toString()
  return qs ? `${path}?${qs}` : path
}

const SCHOOL_PATH = /^\/t\/([^/]+)(\/.*)?$/

/** The school slug of an app path (`/t/<slug>/…`), or undefined outside a school. */
export function schoolSlugOf(pathname: string): string | undefined {
  const m = SCHOOL_PATH.exec(pathname)
  return m ? decodeURIComponent(m[1]) : undefined
}

/** The rest of an app path after `/t/<slug>` ("/courses/…"), or undefined outside a school. */
export function schoolSubpath(pathname: string): string | undefined {
  const m = SCHOOL_PATH.exec(pathname)
  return m ? (m[2] ?? '') : undefined
}

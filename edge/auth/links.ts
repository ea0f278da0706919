// Where email links point and where they may send the browser afterwards.

/** Origins a `redirect_to` may point at: the site's and the CORS allow-list's. */
export function allowedOrigins(siteUrl: string, corsOrigins: string[]): string[] {
  const origins = new Set<string>()
  for (const u of [siteUrl, ...corsOrigins]) {
    try {
      origins.add(new URL(u).origin)
    } catch {
      // not a URL: ignored
    }
  }
  return [...origins]
}

/**
 * `candidate` when it is an http(s) URL on an allowed origin, else `fallback`: a link can never send
 * the browser (with tokens in the fragment) to someone else's site.
 */
export function safeRedirect(
  candidate: string | undefined | null,
  origins: string[],
  fallback: string,
): string {
  const fallbackUrl = new URL(fallback).toString()
  if (!candidate) return fallbackUrl
  try {
    const url = new URL(candidate)
    const allowed = (url.protocol === 'http:' || url.protocol === 'https:') && origins.includes(url.origin)
    if (!allowed) return fallbackUrl
    url.hash = ''
    return url.toString()
  } catch {
    return fallbackUrl
  }
}

/** The link of an auth email: GET /auth/v1/verify with the token, its type and where to land. */
export function verifyLink(supabaseUrl: string, token: string, type: string, redirectTo: string): string {
  const q = new URLSearchParams({ token, type, redirect_to: redirectTo })
  return `${supabaseUrl.replace(/\/$/, '')}/auth/v1/verify?${q}`
}

/** `url` with `params` as its fragment (implicit-flow redirects: tokens never reach a server log). */
export function withFragment(url: string, params: Record<string, string | number>): string {
  const u = new URL(url)
  u.hash = new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)])).toString()
  return u.toString()
}

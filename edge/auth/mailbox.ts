// Who may use the local mailbox. It shows every email's links (password resets, invitations), so
// whoever reads it can take over any account: it is a development tool, on only when the whole stack
// is on this machine, and it answers only requests from this machine.
import type { Context } from 'hono'
import { isLoopbackAddress, isLoopbackHost, isLoopbackUrl } from '../lib/loopback.ts'

/** What decides whether a configuration may have the mailbox. */
export interface MailboxSetting {
  NODE_ENV?: string
  /** The address the gateway listens on (the launcher knows it; the edge functions do not). */
  HOST?: string
  SUPABASE_URL?: string
  SITE_URL?: string
}

/**
 * Why this configuration must not have the mailbox (e.g. "HOST is 0.0.0.0"), or null when it may:
 * not production, listening on loopback, and the public URLs on this machine.
 */
export function mailboxRefusal(s: MailboxSetting): string | null {
  if (s.NODE_ENV === 'production') return 'NODE_ENV=production'
  if (s.HOST !== undefined && !isLoopbackHost(s.HOST)) return `HOST is ${s.HOST}`
  if (s.SUPABASE_URL && !isLoopbackUrl(s.SUPABASE_URL))
    return `SUPABASE_URL ${s.SUPABASE_URL} is not on this machine`
  if (s.SITE_URL && !isLoopbackUrl(s.SITE_URL)) return `SITE_URL ${s.SITE_URL} is not on this machine`
  return null
}

/**
 * True when the request comes from this machine. A remote peer is refused outright (a header cannot
 * vouch for it). Through a loopback peer, i.e. the gateway, which replaces x-forwarded-for with the
 * address of its client, every listed hop must be loopback; an empty value (the gateway could not
 * tell) is refused. With neither a peer nor the header the request did not come over a network: the
 * Deno process listens on 127.0.0.1 only, so anything from outside arrives through the gateway.
 */
export function requestFromThisMachine(c: Context): boolean {
  const peer = peerAddress(c.env)
  if (peer !== undefined && !isLoopbackAddress(peer)) return false
  const forwarded = c.req.header('x-forwarded-for')
  if (forwarded === undefined) return true
  return forwarded.split(',').every((hop) => isLoopbackAddress(hop))
}

/**
 * The connection's remote address when the runtime hands it to the app: Deno.serve's handler info
 * (`remoteAddr.hostname`) or @hono/node-server's `incoming.socket.remoteAddress`. An unknown shape
 * with an address-like field we cannot read counts as not loopback.
 */
function peerAddress(env: unknown): string | undefined {
  if (!env || typeof env !== 'object') return undefined
  if ('remoteAddr' in env) {
    const addr = (env as { remoteAddr?: { hostname?: unknown } }).remoteAddr
    return typeof addr?.hostname === 'string' ? addr.hostname : ''
  }
  if ('incoming' in env) {
    const remote = (env as { incoming?: { socket?: { remoteAddress?: unknown } } }).incoming?.socket
      ?.remoteAddress
    return typeof remote === 'string' ? remote : ''
  }
  return undefined
}

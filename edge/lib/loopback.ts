// Loopback: addresses and names that only this machine can reach. Development tools (the local
// mailbox) are offered only there. Web-standard code: runs under Node and Deno alike.

const IPV4_LOOPBACK = /^127(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/

/** True for an IP literal in 127.0.0.0/8, ::1, or 127.x.x.x written as an IPv4-mapped IPv6 address. */
export function isLoopbackAddress(ip: string): boolean {
  const a = ip
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1')
  if (IPV4_LOOPBACK.test(a)) return true
  if (a.startsWith('::ffff:')) return IPV4_LOOPBACK.test(a.slice('::ffff:'.length))
  return a === '::1' || a === '0:0:0:0:0:0:0:1'
}

/** True for a host a server may listen on, or a URL may name, that is reachable from this machine only. */
export function isLoopbackHost(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/\.$/, '')
  return h === 'localhost' || h.endsWith('.localhost') || isLoopbackAddress(h)
}

/** True when the URL parses and its host is loopback (see isLoopbackHost). */
export function isLoopbackUrl(url: string): boolean {
  try {
    return isLoopbackHost(new URL(url).hostname)
  } catch {
    return false
  }
}

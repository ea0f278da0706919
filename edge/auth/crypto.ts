// Random tokens and hashes for local auth, on Web Crypto only (runs in Deno and Node).

const ALPHANUMERIC = 'abcdefghijklmnopqrstuvwxyz0123456789'

/** A random string of `length` characters from [a-z0-9] (refresh tokens: 24 chars ≈ 124 bits). */
export function randomAlphanumeric(length: number): string {
  // 252 = 7 * 36: bytes at or above it are dropped so every character is equally likely.
  let out = ''
  while (out.length < length) {
    for (const b of crypto.getRandomValues(new Uint8Array(length * 2))) {
      if (b < 252 && out.length < length) out += ALPHANUMERIC[b % 36]
    }
  }
  return out
}

/** A random base64url string from `bytes` random bytes (email link tokens: 32 bytes). */
export function randomUrlToken(bytes = 32): string {
  const raw = crypto.getRandomValues(new Uint8Array(bytes))
  return btoa(String.fromCharCode(...raw))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '')
}

/** A random numeric code of `length` digits (the email OTP). */
export function randomDigits(length = 6): string {
  let out = ''
  while (out.length < length) {
    for (const b of crypto.getRandomValues(new Uint8Array(length * 2))) {
      if (b < 250 && out.length < length) out += String(b % 10)
    }
  }
  return out
}

/** Hex SHA-256 of a UTF-8 string: how one-time tokens are stored (never the token itself). */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('')
}

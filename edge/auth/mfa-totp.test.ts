import * as OTPAuth from 'otpauth'
import { describe, expect, it } from 'vitest'
import {
  base32Decode,
  base32Encode,
  matchTotp,
  newTotpSecret,
  stepAt,
  totpCode,
  totpUri,
} from './mfa-totp.ts'

// RFC 6238 appendix B: the SHA-1 secret is the ASCII "12345678901234567890" (8-digit codes there;
// the last 6 digits are the 6-digit codes).
const RFC_SECRET = base32Encode(new TextEncoder().encode('12345678901234567890'))

describe('TOTP', () => {
  it('computes the RFC 6238 test vectors (last 6 digits)', async () => {
    const vectors: [number, string][] = [
      [59, '94287082'],
      [1111111109, '07081804'],
      [1111111111, '14050471'],
      [1234567890, '89005924'],
      [2000000000, '69279037'],
      [20000000000, '65353130'],
    ]
    for (const [seconds, code] of vectors) {
      expect(await totpCode(RFC_SECRET, stepAt(seconds * 1000))).toBe(code.slice(2))
    }
  })

  it('agrees with otpauth for a new secret', async () => {
    const secret = newTotpSecret()
    expect(secret).toMatch(/^[A-Z2-7]{32}$/)
    const now = Date.now()
    const expected = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret) }).generate({
      timestamp: now,
    })
    expect(await totpCode(secret, stepAt(now))).toBe(expected)
  })

  it('accepts one step of skew either way, not two, and never a step already used', async () => {
    const secret = newTotpSecret()
    const now = 1_800_000_000_000
    const step = stepAt(now)
    for (const d of [-1, 0, 1]) {
      expect(await matchTotp(secret, await totpCode(secret, step + d), now, null)).toBe(step + d)
    }
    expect(await matchTotp(secret, await totpCode(secret, step - 2), now, null)).toBeNull()
    expect(await matchTotp(secret, await totpCode(secret, step + 2), now, null)).toBeNull()
    expect(await matchTotp(secret, await totpCode(secret, step), now, step)).toBeNull()
    expect(await matchTotp(secret, await totpCode(secret, step + 1), now, step)).toBe(step + 1)
    expect(await matchTotp(secret, 'abcdef', now, null)).toBeNull()
    expect(await matchTotp(secret, '1234567', now, null)).toBeNull()
  })

  it('round-trips base32 and refuses other characters', () => {
    const bytes = crypto.getRandomValues(new Uint8Array(13))
    expect(base32Decode(base32Encode(bytes))).toEqual(bytes)
    expect(base32Decode('mzxw 6ytb oi======')).toEqual(new TextEncoder().encode('foobar'))
    expect(() => base32Decode('A1')).toThrow()
  })

  it('writes the otpauth URI authenticator apps read', () => {
    const uri = totpUri('JBSWY3DPEHPK3PXP', 'Kipindi', 'amina@example.com')
    expect(uri).toBe(
      'otpauth://totp/Kipindi:amina%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=Kipindi&algorithm=SHA1&digits=6&period=30',
    )
    const parsed = OTPAuth.URI.parse(uri) as OTPAuth.TOTP
    expect(parsed.secret.base32).toBe('JBSWY3DPEHPK3PXP')
  })
})

import type { Session } from '@supabase/auth-js'
import { describe, expect, it } from 'vitest'
import { needsSecondFactor } from './mfa-level.ts'

const token = (claims: object) =>
  `x.${btoa(JSON.stringify(claims)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}.y`
const session = (aal: string, statuses: string[]) =>
  ({
    access_token: token({ aal, sub: 'u' }),
    user: { factors: statuses.map((status, i) => ({ id: `f${i}`, status, factor_type: 'totp' })) },
  }) as unknown as Session

describe('needsSecondFactor', () => {
  it('is true at aal1 with a verified factor only', () => {
    expect(needsSecondFactor(session('aal1', ['verified']))).toBe(true)
    expect(needsSecondFactor(session('aal2', ['verified']))).toBe(false)
    expect(needsSecondFactor(session('aal1', ['unverified']))).toBe(false)
    expect(needsSecondFactor(session('aal1', []))).toBe(false)
    expect(needsSecondFactor(null)).toBe(false)
  })

  it('asks for the step when the token cannot be read', () => {
    const broken = { ...session('aal1', ['verified']), access_token: 'not-a-jwt' } as Session
    expect(needsSecondFactor(broken)).toBe(true)
  })
})

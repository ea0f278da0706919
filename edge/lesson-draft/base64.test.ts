import { describe, expect, it } from 'vitest'
import { fromBase64, toBase64 } from './base64.ts'

describe('base64 between Postgres and the draft store', () => {
  it('round-trips bytes of every value, also from a slice of a bigger buffer', () => {
    const all = Uint8Array.from({ length: 256 * 3 + 1 }, (_, i) => i % 256)
    expect([...fromBase64(toBase64(all))]).toEqual([...all])
    const slice = all.subarray(10, 20)
    expect(toBase64(slice)).toBe('CgsMDQ4PEBESEw==')
    expect([...fromBase64('CgsMDQ4PEBESEw==')]).toEqual([...slice])
  })

  it('reads the line breaks Postgres puts every 76 characters', () => {
    const text = 'aGVsbG8gd29y\nbGQ='
    expect(new TextDecoder().decode(fromBase64(text))).toBe('hello world')
  })
})

import { describe, expect, it } from 'vitest'
import { exponentOf, formatMinor, toMajor, toMinor } from './money.ts'

describe('money', () => {
  it('reads minor units with the exponent of the currency', () => {
    expect(exponentOf('KES')).toBe(2)
    expect(toMajor(150_000, 'KES')).toBe(1500)
    expect(toMajor(1250, 'USD')).toBe(12.5)
  })

  it('formats KES as "KES 1,500" and keeps cents only when there are some', () => {
    expect(formatMinor(150_000, 'KES', 'en-KE')).toBe('KES 1,500')
    expect(formatMinor(1250, 'USD', 'en-KE')).toBe('USD 12.50')
    expect(formatMinor(999, 'GBP', 'en-GB')).toBe('GBP 9.99')
    expect(formatMinor(1_000_000, 'EUR', 'en-KE')).toBe('EUR 10,000')
  })

  it('keeps the sign of money going out', () => {
    expect(formatMinor(-30_000, 'KES', 'en-KE')).toMatch(/^-KES 300$/)
  })

  it('survives a code newer than this build', () => {
    expect(formatMinor(500, 'XYZ', 'en-KE')).toMatch(/XYZ/)
  })

  it('turns typed amounts into minor units', () => {
    expect(toMinor('1,500', 'KES')).toBe(150_000)
    expect(toMinor(' 12.5 ', 'USD')).toBe(1250)
    expect(toMinor('0.1', 'USD')).toBe(10)
    expect(toMinor('abc', 'KES')).toBeUndefined()
    expect(toMinor('-5', 'KES')).toBeUndefined()
    expect(toMinor('', 'KES')).toBeUndefined()
  })
})

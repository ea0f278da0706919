import { describe, expect, it } from 'vitest'
import { formatPhone, normalizeKenyanPhone, normalizePhone, PhoneNumber } from './phone-number.ts'

describe('normalizePhone', () => {
  it('reads Kenyan numbers written nationally or with the country code', () => {
    for (const typed of [
      '0712345678',
      '0712 345 678',
      '0712-345-678',
      '(0712) 345.678',
      '712345678',
      '+254712345678',
      '+254 712 345 678',
      '254712345678',
      '00254712345678',
      '+2540712345678',
    ]) {
      expect(normalizePhone(typed), typed).toBe('254712345678')
    }
    expect(normalizePhone('0110 123 456')).toBe('254110123456')
    expect(normalizePhone('+254 110 123 456')).toBe('254110123456')
  })

  it('keeps other countries in E.164 digits and refuses what is not a number', () => {
    expect(normalizePhone('+44 7700 900123')).toBe('447700900123')
    expect(normalizePhone('0044 7700 900123')).toBe('447700900123')
    expect(normalizePhone('+255 754 123 456')).toBe('255754123456')
    for (const bad of [
      '',
      '0',
      '0812345678',
      '07123456789',
      '071234567',
      '+0712345678',
      'phone',
      '+1234567',
      '1'.repeat(16),
      '0'.repeat(41),
    ]) {
      expect(normalizePhone(bad), bad).toBeNull()
    }
  })

  it('formats stored numbers for people, and the field schema says what is wrong', () => {
    expect(formatPhone('254712345678')).toBe('+254 712 345 678')
    expect(formatPhone('447700900123')).toBe('+447700900123')
    expect(PhoneNumber.parse(' 0712 345 678 ')).toBe('254712345678')
    const bad = PhoneNumber.safeParse('12')
    expect(bad.success).toBe(false)
    expect(bad.error?.issues[0].message).toBe('Invalid phone number format (E.164 required)')
  })
})

describe('normalizeKenyanPhone', () => {
  it.each([
    ['0712345678', '254712345678'],
    ['0712 345 678', '254712345678'],
    ['+254712345678', '254712345678'],
    ['254712345678', '254712345678'],
    ['+254 (712) 345-678', '254712345678'],
    ['712345678', '254712345678'],
    ['0110123456', '254110123456'],
    ['+254110123456', '254110123456'],
    ['254101234567', '254101234567'],
    ['+2540712345678', '254712345678'],
    [' 0799.000.111 ', '254799000111'],
  ])('%s → %s', (input, out) => {
    expect(normalizeKenyanPhone(input)).toBe(out)
  })

  it.each([
    '',
    '071234567',
    '07123456789',
    '0212345678',
    '+255712345678',
    '0812345678',
    'abc0712345678',
    '07123456x8',
    '0'.repeat(100),
  ])('refuses %j', (input) => {
    expect(normalizeKenyanPhone(input)).toBeNull()
  })
})

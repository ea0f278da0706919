import { describe, expect, it } from 'vitest'
import { formatSchoolTime as formatWhen } from './school-time.ts'

describe('times on the school clock', () => {
  const now = Date.parse('2026-11-20T12:00:00Z')
  it('are shown on the school’s clock', () => {
    const nairobi = formatWhen('2026-11-23T13:00:00Z', 'Africa/Nairobi', now, 'en-GB')
    expect(nairobi).toContain('16:00')
    expect(nairobi).toContain('23 Nov')
    expect(nairobi).not.toContain('2026')
    expect(formatWhen('2026-11-23T13:00:00Z', 'UTC', now, 'en-GB')).toContain('13:00')
  })

  it('name the year when it is not this one, and say nothing is set with a dash', () => {
    expect(formatWhen('2027-01-05T08:00:00Z', 'UTC', now, 'en-GB')).toContain('2027')
    expect(formatWhen(null, 'UTC', now)).toBe('—')
    expect(formatWhen('soon', 'UTC', now)).toBe('soon')
  })
})

describe('due times on the school clock', () => {
  const now = Date.parse('2026-12-01T08:00:00Z')
  it('are shown on the school clock, with the year only when it differs', () => {
    const thisYear = formatWhen('2026-12-10T12:00:00Z', 'Africa/Nairobi', now, 'en-GB')
    expect(thisYear).toMatch(/10 Dec.*15:00/)
    expect(thisYear).not.toContain('2026')
    expect(formatWhen('2027-01-05T12:00:00Z', 'Africa/Nairobi', now, 'en-GB')).toMatch(/5 Jan 2027.*15:00/)
    expect(formatWhen('2026-12-10T12:00:00Z', 'UTC', now, 'en-GB')).toMatch(/12:00/)
    expect(formatWhen(null, 'Africa/Nairobi', now, 'en-GB')).toBe('—')
  })
})

import { describe, expect, it } from 'vitest'
import { formatDue } from './due-time.ts'

describe('due times', () => {
  const now = Date.parse('2026-12-01T08:00:00Z')
  it('are shown on the school clock, with the year only when it differs', () => {
    const thisYear = formatDue('2026-12-10T12:00:00Z', 'Africa/Nairobi', now, 'en-GB')
    expect(thisYear).toMatch(/10 Dec.*15:00/)
    expect(thisYear).not.toContain('2026')
    expect(formatDue('2027-01-05T12:00:00Z', 'Africa/Nairobi', now, 'en-GB')).toMatch(/5 Jan 2027.*15:00/)
    expect(formatDue('2026-12-10T12:00:00Z', 'UTC', now, 'en-GB')).toMatch(/12:00/)
    expect(formatDue(null, 'Africa/Nairobi', now, 'en-GB')).toBe('—')
  })
})

import { describe, expect, it } from 'vitest'
import { formatHours, formatTokens, hasPaidPlan, meters, share, toneOf } from './usage.ts'

const GiB = 1024 ** 3

describe('usage meters', () => {
  it('shows a share in whole percent, a little use as 1%, never over 100%', () => {
    expect(share(0, 50)).toBe(0)
    expect(share(1, 5000)).toBe(1)
    expect(share(25, 50)).toBe(50)
    expect(share(80, 50)).toBe(100)
    expect(share(0, 0)).toBe(0)
    expect(share(2, 0)).toBe(100)
    expect([toneOf(79), toneOf(80), toneOf(100)]).toEqual(['ok', 'warn', 'full'])
  })

  it('says tokens and hours in words people read, in both languages', () => {
    expect(formatTokens(1_234_567, 'en-KE')).toBe('1.2 million')
    expect(formatTokens(200_000_000, 'en-KE')).toBe('200 million')
    expect(formatTokens(812, 'en-KE')).toBe('812')
    expect(formatTokens(2_000_000, 'sw-KE')).toBe('milioni 2')
    expect(formatHours(3.25, 'en-KE')).toBe('3.3')
    expect(formatHours(100, 'en-KE', true)).toBe('100 hours')
  })

  it('builds the four meters from the billing answer', () => {
    const list = meters(
      {
        usage: { seats: 42, ai_tokens: 1_800_000, video_hours: 0, storage_bytes: 1.2 * GiB },
        limits: { seats: 50, ai_monthly_tokens: 2_000_000, video_hours: 0, storage_bytes: 50 * GiB },
      },
      'en-KE',
    )
    expect(list.map((m) => [m.key, m.share, m.tone])).toEqual([
      ['seats', 84, 'warn'],
      ['ai', 90, 'warn'],
      ['video', 0, 'ok'],
      ['storage', 2, 'ok'],
    ])
    expect(list.map((m) => `${m.usedText} of ${m.limitText}`)).toEqual([
      '42 of 50',
      '1.8 million of 2 million',
      '0 of 0 hours',
      '1.2 GB of 50 GB',
    ])
  })

  it('knows when a bought plan has arrived', () => {
    expect(hasPaidPlan({ plan: 'free', status: 'active' })).toBe(false)
    expect(hasPaidPlan({ plan: 'standard', status: 'active' })).toBe(true)
    expect(hasPaidPlan({ plan: 'standard', status: 'past_due' })).toBe(true)
    expect(hasPaidPlan({ plan: 'premium', status: 'cancelled' })).toBe(false)
  })
})

import { describe, expect, it } from 'vitest'
import { clockOffset, formatClock, milestone, remainingMs, timerPhase } from './timer.ts'

describe('the attempt timer', () => {
  it('counts on the server’s clock when the phone’s is wrong', () => {
    // The phone is 3 minutes slow: it read 10:00:00 when the server said 10:03:00.
    const received = Date.parse('2026-11-23T10:00:00Z')
    const offset = clockOffset('2026-11-23T10:03:00Z', received)
    expect(offset).toBe(180_000)
    // 10 minutes left on the server; 30 s later on the phone, 9:30 left.
    expect(remainingMs('2026-11-23T10:13:00Z', received + 30_000, offset)).toBe(570_000)
    // A phone 2 minutes fast.
    const fast = clockOffset('2026-11-23T10:00:00Z', Date.parse('2026-11-23T10:02:00Z'))
    expect(remainingMs('2026-11-23T10:05:00Z', Date.parse('2026-11-23T10:02:00Z'), fast)).toBe(300_000)
  })

  it('never goes below zero, and trusts the phone when the server time cannot be read', () => {
    expect(remainingMs('2026-11-23T10:00:00Z', Date.parse('2026-11-23T11:00:00Z'), 0)).toBe(0)
    expect(clockOffset('not a time', 5)).toBe(0)
  })

  it('warns in the last minute and is over at zero', () => {
    expect([61_000, 60_000, 1, 0].map(timerPhase)).toEqual(['running', 'warning', 'warning', 'over'])
  })

  it('shows whole seconds, rounded up', () => {
    expect([725_000, 3_723_000, 59_001, 400, 0].map(formatClock)).toEqual([
      '12:05',
      '1:02:03',
      '1:00',
      '0:01',
      '0:00',
    ])
  })

  it('names the minutes worth announcing once, as they are crossed', () => {
    expect(milestone(300_500, 299_500)).toBe(5)
    expect(milestone(299_500, 298_500)).toBeUndefined()
    expect(milestone(61_000, 60_000)).toBe(1)
    expect(milestone(500, 0)).toBe(0)
    // A tab asleep for minutes says only the latest.
    expect(milestone(700_000, 30_000)).toBe(1)
  })
})

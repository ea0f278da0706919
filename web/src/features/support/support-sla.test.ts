import { describe, expect, it } from 'vitest'
import type { TicketSlaClock } from '../../../../edge/contract/support.ts'
import {
  clockTone,
  countdownText,
  formatDuration,
  formatMinutes,
  latestClocks,
  slaText,
  slaTone,
  weekdayName,
} from './support-sla.ts'

const NOW = Date.parse('2026-11-23T10:00:00Z')
const at = (minutes: number) => new Date(NOW + minutes * 60_000).toISOString()

describe('SLA countdowns', () => {
  it('reads durations at a glance', () => {
    expect(formatDuration(42_000)).toBe('42s')
    expect(formatDuration(20 * 60_000)).toBe('20m')
    expect(formatDuration(72 * 60_000)).toBe('1h 12m')
    expect(formatDuration(120 * 60_000)).toBe('2h')
    expect(formatDuration(-(3 * 24 + 4) * 3_600_000)).toBe('3d 4h')
  })

  it('shows policy minutes as hours and minutes', () => {
    expect(formatMinutes(45)).toBe('45m')
    expect(formatMinutes(90)).toBe('1h 30m')
    expect(formatMinutes(1440)).toBe('24h')
    expect(formatMinutes(0)).toBe('0m')
  })

  it('names ISO weekdays in the given language', () => {
    expect(weekdayName(1, 'short', 'en-KE')).toBe('Mon')
    expect(weekdayName(7, 'long', 'en-KE')).toBe('Sunday')
    expect(weekdayName(1, 'long', 'sw-KE')).toBe('Jumatatu')
  })

  it('says due in or overdue', () => {
    expect(countdownText(at(72), NOW)).toBe('due in 1h 12m')
    expect(countdownText(at(-20), NOW)).toBe('overdue 20m')
    expect(countdownText(null, NOW)).toBeNull()
    expect(countdownText('nonsense', NOW)).toBeNull()
  })

  it('turns red as soon as the due moment passes, before the job has run', () => {
    expect(slaTone('ok', at(30), NOW)).toBe('ok')
    expect(slaTone('ok', at(-1), NOW)).toBe('breached')
    expect(slaTone('warning', at(10), NOW)).toBe('warning')
    expect(slaTone('ok', at(10), NOW, at(-5))).toBe('warning')
    expect(slaTone('breached', at(10), NOW)).toBe('breached')
    expect(slaTone('paused', at(-10), NOW)).toBe('paused')
    expect(slaTone('met', null, NOW)).toBe('met')
    expect(slaTone('ok', null, NOW)).toBe('none')
    expect(slaText('warning', at(15), NOW)).toBe('due in 15m')
    expect(slaText('paused', at(15), NOW)).toBe('Paused')
  })

  it('keeps the latest cycle of each clock, in a fixed order', () => {
    const clock = (target: TicketSlaClock['target'], cycle: number, extra: Partial<TicketSlaClock> = {}) => ({
      target,
      cycle,
      started_at: at(-60),
      warn_at: at(30),
      due_at: at(60),
      met_at: null,
      warned_at: null,
      breached_at: null,
      ...extra,
    })
    const clocks = [
      clock('resolution', 0),
      clock('next_response', 1),
      clock('next_response', 2),
      clock('first_response', 0, { met_at: at(-30) }),
    ]
    expect(latestClocks(clocks).map((c) => [c.target, c.cycle])).toEqual([
      ['first_response', 0],
      ['next_response', 2],
      ['resolution', 0],
    ])
    expect(clockTone(clocks[3], false, NOW)).toBe('met')
    expect(clockTone(clocks[0], true, NOW)).toBe('paused')
    expect(clockTone(clock('resolution', 0, { breached_at: at(-1) }), true, NOW)).toBe('breached')
    expect(clockTone(clock('resolution', 0, { warned_at: at(-1) }), false, NOW)).toBe('warning')
  })
})

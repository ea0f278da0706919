import { describe, expect, it } from 'vitest'
import {
  formatDate,
  formatMoney,
  formatNumber,
  initials,
  personName,
  relativeTime,
  roleLabel,
  roomRoleLabel,
} from './format.ts'

describe('format', () => {
  it('labels roles', () => {
    expect(roleLabel('instructor')).toBe('Instructor')
    expect(roomRoleLabel('moderator')).toBe('Tutor')
    expect(roomRoleLabel('participant')).toBe('Student')
    expect(roomRoleLabel(null)).toBeUndefined()
  })

  it('never shows undefined for a missing date', () => {
    expect(formatDate(null)).toBe('—')
    expect(formatDate('not a date')).toBe('not a date')
    expect(formatDate('2026-11-21T10:00:00Z', 'en-GB')).toBe('21 Nov 2026')
  })

  it('says how far away a time is', () => {
    const now = Date.parse('2026-11-21T10:00:00Z')
    expect(relativeTime('2026-11-28T10:00:00Z', now, 'en')).toBe('in 7 days')
    expect(relativeTime('2026-11-21T08:00:00Z', now, 'en')).toBe('2 hours ago')
  })

  it('names a person by display name, else the email they may see, never "null"', () => {
    expect(personName({ display_name: 'Grace Njeri', email: null })).toBe('Grace Njeri')
    expect(personName({ display_name: '', email: 'grace@x.org' })).toBe('grace@x.org')
    expect(personName({ display_name: ' ', email: null })).toBe('Unnamed member')
  })

  it('makes initials', () => {
    expect(initials('Grace Njeri')).toBe('GN')
    expect(initials('kevin@demo.kipindi.test')).toBe('K')
    expect(initials('')).toBe('?')
  })

  it('writes dates, relative times and money in Kiswahili', () => {
    const now = Date.parse('2026-11-21T10:00:00Z')
    expect(formatDate('2026-12-05T10:00:00Z', 'sw-KE')).toBe('5 Des 2026')
    expect(relativeTime('2026-11-21T08:00:00Z', now, 'sw-KE')).toBe('saa 2 zilizopita')
    expect(formatMoney(1500, 'KES', 'sw-KE')).toMatch(/^Ksh\s1,500\.00$/i)
    expect(formatNumber(12500, 'en-KE')).toBe('12,500')
  })
})

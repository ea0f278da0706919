import { describe, expect, it } from 'vitest'
import {
  cancelUntil,
  clocksDiffer,
  formatCountdown,
  formatDay,
  formatDuration,
  formatTimeRange,
  groupByDay,
  isoInZone,
  roomWindow,
  startOfDay,
  zonedToIso,
  zoneOffsetMinutes,
} from './tutoring-time.ts'

const NAIROBI = 'Africa/Nairobi'
const LONDON = 'Europe/London'

describe('session times in a school time zone', () => {
  it('turns a date and time on the school clock into a moment with its offset', () => {
    expect(zonedToIso('2026-11-23', '16:00', NAIROBI)).toBe('2026-11-23T16:00:00+03:00')
    expect(Date.parse(zonedToIso('2026-11-23', '16:00', NAIROBI)!)).toBe(Date.parse('2026-11-23T13:00:00Z'))
    expect(zonedToIso('2026-07-01', '09:30', LONDON)).toBe('2026-07-01T09:30:00+01:00')
    expect(zonedToIso('2026-12-01', '09:30', LONDON)).toBe('2026-12-01T09:30:00+00:00')
    expect(zonedToIso('2026-11-23', '10:00', 'America/New_York')).toBe('2026-11-23T10:00:00-05:00')
  })

  it('moves a time skipped by a daylight-saving change forward, and refuses impossible dates', () => {
    // 01:30 on 29 March 2026 does not exist in London: clocks jump from 01:00 to 02:00.
    expect(zonedToIso('2026-03-29', '01:30', LONDON)).toBe('2026-03-29T02:30:00+01:00')
    expect(zonedToIso('2026-02-30', '10:00', NAIROBI)).toBeUndefined()
    expect(zonedToIso('2026-11-23', '24:00', NAIROBI)).toBeUndefined()
    expect(zonedToIso('', '10:00', NAIROBI)).toBeUndefined()
    expect(zonedToIso('2026-11-23', '', NAIROBI)).toBeUndefined()
  })

  it('reads a moment back as the date and time on a zone clock', () => {
    expect(isoInZone('2026-11-23T13:00:00Z', NAIROBI)).toEqual({ date: '2026-11-23', time: '16:00' })
    expect(isoInZone('2026-11-23T22:30:00Z', NAIROBI)).toEqual({ date: '2026-11-24', time: '01:30' })
  })

  it('knows when two clocks differ', () => {
    const winter = Date.parse('2026-12-01T12:00:00Z')
    expect(zoneOffsetMinutes(NAIROBI, winter)).toBe(180)
    expect(clocksDiffer(NAIROBI, 'Africa/Addis_Ababa', winter)).toBe(false)
    expect(clocksDiffer(NAIROBI, LONDON, winter)).toBe(true)
  })

  it('formats days and time ranges on the school clock', () => {
    const now = Date.parse('2026-11-20T12:00:00Z')
    expect(formatDay('2026-11-23T22:30:00Z', NAIROBI, now, 'en-GB')).toBe('Tuesday 24 November')
    expect(formatDay('2027-01-05T10:00:00Z', NAIROBI, now, 'en-GB')).toBe('Tuesday, 5 January 2027')
    expect(formatTimeRange('2026-11-23T13:00:00Z', '2026-11-23T13:45:00Z', NAIROBI, 'en-GB')).toBe(
      '16:00–16:45 GMT+3',
    )
    expect(formatTimeRange('2026-11-23T13:00:00Z', '2026-11-23T13:45:00Z', LONDON, 'en-GB')).toBe(
      '13:00–13:45 GMT',
    )
  })

  it('groups sessions by their day in the school zone, in time order', () => {
    const sessions = [
      { id: 'c', starts_at: '2026-11-24T06:00:00Z' },
      { id: 'b', starts_at: '2026-11-23T22:00:00Z' },
      { id: 'a', starts_at: '2026-11-23T13:00:00Z' },
    ]
    // 22:00 UTC is already the 24th in Nairobi.
    expect(groupByDay(sessions, NAIROBI).map((d) => [d.day, d.items.map((s) => s.id)])).toEqual([
      ['2026-11-23', ['a']],
      ['2026-11-24', ['b', 'c']],
    ])
    expect(groupByDay(sessions, LONDON).map((d) => d.day)).toEqual(['2026-11-23', '2026-11-24'])
  })

  it('starts the schedule at midnight of today in the school zone', () => {
    expect(startOfDay(NAIROBI, Date.parse('2026-11-23T22:30:00Z'))).toBe('2026-11-24T00:00:00+03:00')
  })
})

describe('the room window', () => {
  const session = { starts_at: '2026-11-23T13:00:00Z', ends_at: '2026-11-23T13:45:00Z', status: 'scheduled' }
  const at = (iso: string) => Date.parse(iso)

  it('opens ten minutes before the start and closes at the end', () => {
    expect(roomWindow(session, at('2026-11-23T12:49:00Z'))).toEqual({
      phase: 'early',
      opensIn: 60_000,
      closesIn: 56 * 60_000,
    })
    expect(roomWindow(session, at('2026-11-23T12:50:00Z')).phase).toBe('open')
    expect(roomWindow(session, at('2026-11-23T13:44:59Z')).phase).toBe('open')
    expect(roomWindow(session, at('2026-11-23T13:45:00Z')).phase).toBe('over')
  })

  it('follows the server: joinable_from, an ended or cancelled status', () => {
    expect(
      roomWindow({ ...session, joinable_from: '2026-11-23T12:55:00Z' }, at('2026-11-23T12:52:00Z')).phase,
    ).toBe('early')
    expect(roomWindow({ ...session, status: 'ended' }, at('2026-11-23T13:10:00Z')).phase).toBe('over')
    expect(roomWindow({ ...session, status: 'cancelled' }, at('2026-11-23T12:00:00Z')).phase).toBe('over')
  })

  it('lets students cancel up to an hour before the start', () => {
    expect(cancelUntil(session)).toBe(at('2026-11-23T12:00:00Z'))
    expect(cancelUntil({ ...session, cancel_until: '2026-11-23T12:30:00Z' })).toBe(at('2026-11-23T12:30:00Z'))
  })
})

describe('countdowns and durations', () => {
  it('counts down', () => {
    expect(formatCountdown(245_000)).toBe('4:05')
    expect(formatCountdown(3_723_000)).toBe('1:02:03')
    expect(formatCountdown(86_400_000 * 2 + 5)).toBe('2 days')
    expect(formatCountdown(-5)).toBe('0:00')
  })

  it('says how long someone stayed', () => {
    expect(formatDuration(0)).toBe('0 min')
    expect(formatDuration(42)).toBe('42 s')
    expect(formatDuration(45 * 60)).toBe('45 min')
    expect(formatDuration(3600)).toBe('1 h')
    expect(formatDuration(3900)).toBe('1 h 5 min')
  })
})

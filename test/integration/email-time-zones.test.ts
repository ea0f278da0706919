import { afterAll, describe, expect, it } from 'vitest'
import { testDb } from '../support/fixtures.ts'

// The SQL that writes times into emails (private.local_time, used by the notification and invitation
// emails): the school's clock, the zone named, in English and Kiswahili.

const sql = testDb(1)
afterAll(() => sql.end())

const localTime = async (at: string, zone: string, locale: 'en' | 'sw') =>
  (await sql`select private.local_time(${at}::timestamptz, ${zone}, ${locale}) as text`)[0].text as string

describe('private.local_time', () => {
  it('shows a moment on the school clock with the zone named', async () => {
    const at = '2030-03-04T09:00:00Z'
    expect(await localTime(at, 'Africa/Nairobi', 'en')).toBe('Mon 4 Mar 2030, 12:00 Nairobi time (UTC+3)')
    expect(await localTime(at, 'Africa/Nairobi', 'sw')).toBe(
      'Jumatatu 4 Machi 2030, saa 12:00 kwa saa za Nairobi (UTC+3)',
    )
    expect(await localTime(at, 'UTC', 'en')).toBe('Mon 4 Mar 2030, 09:00 UTC')
  })

  it('follows offsets of half hours, west of Greenwich, summer time and the day line', async () => {
    expect(await localTime('2030-03-04T09:00:00Z', 'Asia/Kolkata', 'en')).toBe(
      'Mon 4 Mar 2030, 14:30 Kolkata time (UTC+5:30)',
    )
    expect(await localTime('2030-03-04T01:00:00Z', 'America/Sao_Paulo', 'en')).toBe(
      'Sun 3 Mar 2030, 22:00 Sao Paulo time (UTC-3)',
    )
    expect(await localTime('2030-07-01T09:00:00Z', 'Europe/London', 'en')).toBe(
      'Mon 1 Jul 2030, 10:00 London time (UTC+1)',
    )
    expect(await localTime('2030-01-01T09:00:00Z', 'Europe/London', 'sw')).toBe(
      'Jumanne 1 Januari 2030, saa 09:00 kwa saa za London (UTC+0)',
    )
    expect(await localTime('2030-03-04T09:00:00Z', 'Etc/GMT-3', 'en')).toBe('Mon 4 Mar 2030, 12:00 UTC+3')
  })
})

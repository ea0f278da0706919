import { describe, expect, it } from 'vitest'
import { backupName, nextRun, toPrune } from './daily-backup.ts'

describe('daily backups', () => {
  it('run next at 02:00: today before it, tomorrow from it on', () => {
    const at = (h: number, m = 0) => new Date(2026, 11, 6, h, m)
    expect(nextRun(at(1, 59))).toEqual(new Date(2026, 11, 6, 2))
    expect(nextRun(at(2))).toEqual(new Date(2026, 11, 7, 2))
    expect(nextRun(at(23, 30))).toEqual(new Date(2026, 11, 7, 2))
    expect(nextRun(new Date(2026, 11, 31, 12))).toEqual(new Date(2027, 0, 1, 2))
  })

  it('name backups by time so they sort, and prune only their own, oldest first', () => {
    expect(backupName(new Date(Date.UTC(2026, 11, 6, 2, 0, 5)))).toBe('kipindi-20261206-020005')
    const names = [
      'kipindi-20261203-020000',
      'notes.txt',
      'kipindi-20261205-020000',
      'kipindi-20261204-020000',
      'kipindi-monday',
    ]
    expect(toPrune(names, 2)).toEqual(['kipindi-20261203-020000'])
    expect(toPrune(names, 7)).toEqual([])
    expect(toPrune(names, 0)).toHaveLength(3)
  })
})

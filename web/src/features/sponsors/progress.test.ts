import { describe, expect, it } from 'vitest'
import type { SponsorshipProgress } from '../../../../edge/contract/sponsorships.ts'
import { groupShares, progressView } from './progress.ts'

const base: SponsorshipProgress = {
  seats: 6,
  enrolled: 6,
  lessons_total: 4,
  suppressed: false,
  min_group: 5,
  started: 4,
  average_completed: 1.2,
  completed: 1,
  distribution: { none: 3, some: 1, most: 1, all: 1 },
}

describe('sponsorship progress', () => {
  it('shows each group as a share of the enrolled students', () => {
    expect(groupShares(base)).toEqual([
      { group: 'none', count: 3, percent: 50 },
      { group: 'some', count: 1, percent: 17 },
      { group: 'most', count: 1, percent: 17 },
      { group: 'all', count: 1, percent: 17 },
    ])
  })

  it('says when the figures are withheld, or when nobody is enrolled yet', () => {
    expect(progressView(base)).toBe('figures')
    const few = { ...base, enrolled: 2, suppressed: true, distribution: null, started: null }
    expect(progressView(few)).toBe('suppressed')
    expect(groupShares(few)).toEqual([])
    expect(progressView({ ...base, enrolled: 0 })).toBe('empty')
  })
})

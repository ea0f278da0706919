import type { SponsorshipProgress } from '../../../../edge/contract/sponsorships.ts'

// The progress panel's arithmetic: the four groups of the distribution as shares of the enrolled
// students (bar widths), and whether there is anything to show at all.

export type Group = 'none' | 'some' | 'most' | 'all'

export const GROUPS: readonly Group[] = ['none', 'some', 'most', 'all']

/** Each group's count and its share of the enrolled students, in whole percent (0 when nobody is enrolled). */
export function groupShares(p: SponsorshipProgress): { group: Group; count: number; percent: number }[] {
  const d = p.distribution
  if (!d) return []
  return GROUPS.map((group) => ({
    group,
    count: d[group],
    percent: p.enrolled > 0 ? Math.round((d[group] / p.enrolled) * 100) : 0,
  }))
}

/** What the panel shows: figures, a note that they are withheld, or that nobody is enrolled yet. */
export function progressView(p: SponsorshipProgress): 'figures' | 'suppressed' | 'empty' {
  if (p.enrolled === 0) return 'empty'
  return p.suppressed ? 'suppressed' : 'figures'
}

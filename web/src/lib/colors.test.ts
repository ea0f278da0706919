import { describe, expect, it } from 'vitest'
import { colorForUser, contrast, USER_COLORS } from './colors.ts'

describe('colorForUser', () => {
  it('gives a user the same colour every time', () => {
    const id = '00000000-0000-4000-a000-000000000004'
    expect(colorForUser(id)).toBe(colorForUser(id))
    expect(USER_COLORS).toContain(colorForUser(id))
  })

  it('spreads the demo instructors and many ids over the palette', () => {
    expect(colorForUser('00000000-0000-4000-a000-000000000004')).not.toBe(
      colorForUser('00000000-0000-4000-a000-000000000005'),
    )
    const used = new Set(
      Array.from({ length: 200 }, (_, i) => colorForUser(`user-${i}-${(i * 7919).toString(16)}`)),
    )
    expect(used.size).toBe(USER_COLORS.length)
  })

  it('only uses #rrggbb colours that white name labels can be read on', () => {
    for (const c of USER_COLORS) {
      expect(c).toMatch(/^#[0-9a-f]{6}$/)
      expect(contrast(c, '#ffffff')).toBeGreaterThanOrEqual(4.5)
    }
  })
})

describe('contrast', () => {
  it('matches the WCAG extremes', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5)
    expect(contrast('#777777', '#777777')).toBe(1)
  })
})

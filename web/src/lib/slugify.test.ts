import { describe, expect, it } from 'vitest'
import { Slug } from '../../../edge/contract/tenancy.ts'
import { SLUG_MAX_LENGTH, slugify } from './slugify.ts'

describe('slugify', () => {
  it('lowercases and joins words with dashes', () => {
    expect(slugify('Kipindi Demo Academy')).toBe('kipindi-demo-academy')
  })

  it('drops apostrophes and accents, spells out ampersands', () => {
    expect(slugify("St. Mary's Girls' School")).toBe('st-marys-girls-school')
    expect(slugify('École Française')).toBe('ecole-francaise')
    expect(slugify('Maths & Science Hub')).toBe('maths-and-science-hub')
  })

  it('never starts or ends with a dash, even after truncation', () => {
    expect(slugify('  --Nairobi   Coding Club!!  ')).toBe('nairobi-coding-club')
    const long = slugify('a'.repeat(SLUG_MAX_LENGTH - 1) + ' b')
    expect(long.length).toBeLessThanOrEqual(SLUG_MAX_LENGTH)
    expect(long.endsWith('-')).toBe(false)
  })

  it('returns an empty string when nothing is usable', () => {
    expect(slugify('!!!')).toBe('')
    expect(slugify('')).toBe('')
  })

  it('produces addresses the shared contract accepts', () => {
    for (const name of ['Kisumu Day School', 'Brookhouse 2025', 'Ngong Road — Primary']) {
      expect(Slug.safeParse(slugify(name)).success).toBe(true)
    }
  })
})

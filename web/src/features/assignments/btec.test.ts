import { describe, expect, it } from 'vitest'
import { bandOf, btecGrade, byCode } from './btec.ts'

const unit = ['P1', 'P2', 'M1', 'D1']

describe('the BTEC unit grade', () => {
  it.each([
    { achieved: [], grade: 'Unclassified' },
    { achieved: ['P1'], grade: 'Unclassified' },
    { achieved: ['P1', 'M1', 'D1'], grade: 'Unclassified' },
    { achieved: ['P1', 'P2'], grade: 'Pass' },
    { achieved: ['P1', 'P2', 'D1'], grade: 'Pass' },
    { achieved: ['P1', 'P2', 'M1'], grade: 'Merit' },
    { achieved: ['P1', 'P2', 'M1', 'D1'], grade: 'Distinction' },
  ])('P1 P2 M1 D1 with $achieved achieved: $grade', ({ achieved, grade }) => {
    expect(btecGrade(unit, achieved)).toBe(grade)
  })

  it.each([
    { codes: ['P1'], achieved: ['P1'], grade: 'Pass' },
    { codes: ['P1', 'D1'], achieved: ['P1', 'D1'], grade: 'Pass' },
    { codes: ['P1', 'M1'], achieved: ['P1', 'M1'], grade: 'Merit' },
    { codes: ['P1', 'M1', 'M2', 'D1'], achieved: ['P1', 'M1', 'D1'], grade: 'Pass' },
  ])(
    'a band counts only when the rubric has it: $codes, $achieved → $grade',
    ({ codes, achieved, grade }) => {
      expect(btecGrade(codes, achieved)).toBe(grade)
    },
  )
})

describe('codes', () => {
  it('names the band and sorts P, M, D by number', () => {
    expect(bandOf('m2')).toBe('M')
    expect(bandOf('X1')).toBeUndefined()
    const sorted = byCode([{ code: 'D1' }, { code: 'P10' }, { code: 'M1' }, { code: 'P2' }])
    expect(sorted.map((c) => c.code)).toEqual(['P2', 'P10', 'M1', 'D1'])
  })
})

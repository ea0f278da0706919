import { describe, expect, it } from 'vitest'
import { suggestedMark } from './grading.ts'

const POINTS = {
  kind: 'points' as const,
  criteria: [{ id: 'arg', levels: [{ id: 'weak', title: 'Weak', points: 0 }] }],
}
const BTEC = { kind: 'btec' as const, criteria: [{ id: 'p1', code: 'P1' }] }

describe('suggestedMark', () => {
  it('is the mark an AI suggestion proposes, while the rubric still has its criterion and level', () => {
    expect(suggestedMark(POINTS, { criterion_id: 'arg', level_id: 'weak', achieved: null })).toEqual({
      level_id: 'weak',
    })
    expect(suggestedMark(POINTS, { criterion_id: 'arg', level_id: 'gone', achieved: null })).toBeUndefined()
    expect(suggestedMark(POINTS, { criterion_id: 'gone', level_id: 'weak', achieved: null })).toBeUndefined()
    expect(suggestedMark(BTEC, { criterion_id: 'p1', level_id: null, achieved: false })).toEqual({
      achieved: false,
    })
    expect(suggestedMark(BTEC, { criterion_id: 'p1', level_id: null, achieved: null })).toBeUndefined()
    expect(suggestedMark(null, { criterion_id: 'p1', level_id: null, achieved: true })).toBeUndefined()
  })
})

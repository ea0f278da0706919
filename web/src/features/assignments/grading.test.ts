import { describe, expect, it } from 'vitest'
import type { Grade, Rubric } from '../../../../edge/contract/assignments.ts'
import {
  afterPenalty,
  checkGrade,
  gradeDraft,
  gradePreview,
  nextUngraded,
  parsePoints,
  refusedField,
  rubricMax,
} from './grading.ts'

const words = {
  chooseLevel: 'level',
  markAchieved: 'achieved',
  points: (max: number) => `0-${max}`,
  tooLong: (max: number) => `max ${max}`,
}

const levels = (...points: number[]) => points.map((p, i) => ({ id: `l${i}`, title: `L${i}`, points: p }))
const points: Pick<Rubric, 'kind' | 'criteria'> = {
  kind: 'points',
  criteria: [
    { id: 'c1', title: 'Argument', levels: levels(0, 2.5, 5) },
    { id: 'c2', title: 'Evidence', levels: levels(1, 3, 4) },
  ],
}
const btec: Pick<Rubric, 'kind' | 'criteria'> = {
  kind: 'btec',
  criteria: [
    { id: 'p1', code: 'P1' },
    { id: 'm1', code: 'M1' },
    { id: 'd1', code: 'D1' },
  ],
}

describe('points and the late penalty', () => {
  it('reads typed points with at most two decimals', () => {
    expect(parsePoints('12')).toBe(12)
    expect(parsePoints(' 7,5 ')).toBe(7.5)
    expect(parsePoints('7.555')).toBeUndefined()
    expect(parsePoints('-1')).toBeUndefined()
    expect(parsePoints('')).toBeUndefined()
  })

  it.each([
    { raw: 80, late: false, pct: 10, points: 80 },
    { raw: 80, late: true, pct: 10, points: 72 },
    { raw: 7.5, late: true, pct: 15, points: 6.38 }, // 6.375 rounds half up, as numeric does
    { raw: 9.99, late: true, pct: 33, points: 6.69 },
    { raw: 50, late: true, pct: 0, points: 50 },
    { raw: 50, late: true, pct: 100, points: 0 },
  ])('$raw, late $late, $pct% → $points', ({ raw, late, pct, points: after }) => {
    expect(afterPenalty(raw, late, pct)).toBe(after)
  })

  it('totals the chosen levels, the best of each criterion as the maximum', () => {
    expect(rubricMax(points)).toBe(9)
    const draft = gradeDraft(points, null)
    draft.marks.c1.level_id = 'l1'
    expect(gradePreview(points, 0, draft, true, 20)).toEqual({
      kind: 'points',
      raw: 2.5,
      points: 2,
      max: 9,
      marked: 1,
      total: 2,
    })
    draft.marks.c2.level_id = 'l2'
    expect(gradePreview(points, 0, draft, false, 20)).toMatchObject({ raw: 6.5, points: 6.5, marked: 2 })
  })

  it('without a rubric takes the typed points out of the assignment maximum', () => {
    const draft = { marks: {}, points: '40', feedback: '' }
    expect(gradePreview(null, 50, draft, true, 10)).toEqual({
      kind: 'points',
      raw: 40,
      points: 36,
      max: 50,
      marked: 1,
      total: 1,
    })
    expect(gradePreview(null, 50, { ...draft, points: '' }, false, 0)).toMatchObject({
      raw: null,
      points: null,
    })
  })
})

describe('the BTEC preview', () => {
  it('gives the grade of the criteria achieved so far', () => {
    const draft = gradeDraft(btec, null)
    expect(gradePreview(btec, 0, draft, false, 0)).toEqual({
      kind: 'btec',
      grade: 'Unclassified',
      marked: 0,
      total: 3,
    })
    draft.marks.p1.achieved = true
    draft.marks.m1.achieved = true
    draft.marks.d1.achieved = false
    expect(gradePreview(btec, 0, draft, true, 50)).toEqual({
      kind: 'btec',
      grade: 'Merit',
      marked: 3,
      total: 3,
    })
  })
})

describe('form ↔ body', () => {
  const grade: Grade = {
    criteria: [{ criterion_id: 'c1', level_id: 'l2', feedback: 'Clear.' }],
    raw_points: 5,
    points: 5,
    max_points: 9,
    btec_grade: null,
    feedback: 'Good work',
    graded_by_name: 'Ms Wanjiru',
    graded_at: '2026-12-01T10:00:00Z',
  }

  it('starts from the saved grade', () => {
    expect(gradeDraft(points, grade)).toEqual({
      marks: {
        c1: { level_id: 'l2', achieved: null, feedback: 'Clear.' },
        c2: { level_id: null, achieved: null, feedback: '' },
      },
      points: '',
      feedback: 'Good work',
    })
    expect(gradeDraft(null, { ...grade, criteria: [], raw_points: 42.5 }).points).toBe('42.5')
  })

  it('names every criterion still unmarked', () => {
    expect(checkGrade(points, 0, gradeDraft(points, grade), words)).toEqual({
      ok: false,
      errors: { 'criteria.1': 'level' },
    })
    expect(checkGrade(btec, 0, gradeDraft(btec, null), words)).toEqual({
      ok: false,
      errors: { 'criteria.0': 'achieved', 'criteria.1': 'achieved', 'criteria.2': 'achieved' },
    })
  })

  it('sends every criterion with its feedback trimmed', () => {
    const draft = gradeDraft(points, grade)
    draft.marks.c2 = { level_id: 'l0', achieved: null, feedback: '  More sources. ' }
    draft.feedback = ' Well argued. '
    expect(checkGrade(points, 0, draft, words)).toEqual({
      ok: true,
      data: {
        criteria: [
          { criterion_id: 'c1', level_id: 'l2', feedback: 'Clear.' },
          { criterion_id: 'c2', level_id: 'l0', feedback: 'More sources.' },
        ],
        feedback: 'Well argued.',
      },
    })
    const b = gradeDraft(btec, null)
    for (const id of ['p1', 'm1', 'd1']) b.marks[id].achieved = id !== 'd1'
    const body = checkGrade(btec, 0, b, words)
    expect(body.ok && body.data.criteria?.map((c) => c.achieved)).toEqual([true, true, false])
  })

  it('checks typed points against the maximum', () => {
    const draft = { marks: {}, points: '51', feedback: '' }
    expect(checkGrade(null, 50, draft, words)).toEqual({ ok: false, errors: { points: '0-50' } })
    expect(checkGrade(null, 50, { ...draft, points: '50' }, words)).toEqual({
      ok: true,
      data: { points: 50, feedback: '' },
    })
  })

  it('puts a refusal at the criterion or the points it names', () => {
    expect(refusedField(points, { criterion_id: 'c2' })).toBe('criteria.1')
    expect(refusedField(null, { path: 'points' })).toBe('points')
    expect(refusedField(points, { criterion_id: 'gone' })).toBeUndefined()
    expect(refusedField(points, null)).toBeUndefined()
  })
})

describe('next ungraded', () => {
  const rows = [
    { id: 'a', graded: false },
    { id: 'b', graded: true },
    { id: 'c', graded: false },
  ]
  it('goes on down the list, then round to the top, never to itself', () => {
    expect(nextUngraded(rows, 'a')).toBe('c')
    expect(nextUngraded(rows, 'c')).toBe('a')
    expect(nextUngraded(rows, 'b')).toBe('c')
    expect(nextUngraded([{ id: 'a', graded: false }], 'a')).toBeUndefined()
    expect(nextUngraded(rows, 'x')).toBe('a')
  })
})

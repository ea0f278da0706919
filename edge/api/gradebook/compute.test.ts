import { describe, expect, it } from 'vitest'
import type { GradebookCategory, GradebookItem } from '../../contract/gradebook.ts'
import { cellOf, meanDropping, rowOf, totalOf } from './compute.ts'

const item = (id: string, o: Partial<GradebookItem> = {}): GradebookItem => ({
  id,
  kind: 'quiz',
  title: id,
  category_id: null,
  closed: false,
  released: true,
  btec: false,
  ...o,
})
const cat = (id: string, weight: number, item_ids: string[], drop_lowest = 0): GradebookCategory => ({
  id,
  name: id,
  weight,
  drop_lowest,
  item_ids,
})
const result = (points: number, max = 10) => ({ points, max_points: max, btec_grade: null })

describe('cellOf', () => {
  it('takes the override, else points over max; missing when closed; pending otherwise; BTEC has no percent', () => {
    expect(cellOf(item('a'), result(7), undefined)).toMatchObject({ percent: 70, status: 'graded' })
    expect(cellOf(item('a'), result(7), { percent: 95, reason: 'Re-marked', set_at: '' })).toMatchObject({
      percent: 95,
      override: { reason: 'Re-marked' },
    })
    expect(cellOf(item('a', { closed: true }), undefined, undefined)).toMatchObject({
      percent: null,
      status: 'missing',
    })
    expect(cellOf(item('a'), undefined, undefined)).toMatchObject({ percent: null, status: 'pending' })
    expect(
      cellOf(item('b', { btec: true }), { points: null, max_points: null, btec_grade: 'Merit' }, undefined),
    ).toMatchObject({
      percent: null,
      btec_grade: 'Merit',
      status: 'graded',
    })
  })
})

describe('meanDropping', () => {
  it.each([
    [[], 0, null],
    [[50, 70, 90], 0, 70],
    [[50, 70, 90], 1, 80],
    [[50], 3, 50],
    [[10, 20, 30, 40], 2, 35],
  ])('%j dropping %d → %s', (values, drop, expected) => {
    expect(meanDropping(values, drop)).toBe(expected)
  })
})

describe('totalOf', () => {
  const items = ['q1', 'q2', 'a1'].map((id) => item(id))
  const cells = [
    cellOf(items[0]!, result(5), undefined),
    cellOf(items[1]!, result(10), undefined),
    cellOf(items[2]!, result(8), undefined),
  ]

  it('is the plain mean without categories', () => {
    expect(totalOf([], cells).total).toBe(76.7)
  })
  it('weights categories, normalising over those with something counted, dropping the lowest', () => {
    const cats = [
      cat('quizzes', 40, ['q1', 'q2'], 1),
      cat('assignments', 60, ['a1']),
      cat('exams', 50, ['x']),
    ]
    const t = totalOf(cats, cells)
    expect(t.perCategory).toEqual([
      { category_id: 'quizzes', percent: 100 },
      { category_id: 'assignments', percent: 80 },
      { category_id: 'exams', percent: null },
    ])
    expect(t.total).toBe(88)
  })
  it('counts a missing closed item as 0', () => {
    const closed = item('late', { closed: true })
    const t = totalOf([], [...cells, cellOf(closed, undefined, undefined)])
    expect(t.total).toBe(57.5)
  })
})

describe('rowOf', () => {
  it('uses the total override when there is one', () => {
    const row = rowOf([], [item('q1')], {
      user_id: 'u',
      student_name: 'Kevin',
      results: new Map([['q1', result(4)]]),
      overrides: new Map([['total', { percent: 65, reason: 'Moderated', set_at: '' }]]),
      attendance: { attended: 3, booked: 4 },
    })
    expect(row).toMatchObject({
      total: 65,
      total_override: { reason: 'Moderated' },
      attendance: { attended: 3, booked: 4 },
    })
  })
})

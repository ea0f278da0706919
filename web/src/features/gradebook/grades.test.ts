import { describe, expect, it } from 'vitest'
import type { Gradebook, GradebookCell, GradebookRow } from '../../../../edge/contract/gradebook.ts'
import {
  attendanceText,
  btecShort,
  cellView,
  columnsOf,
  isoDay,
  onlyStudents,
  orderedItems,
  percentText,
  stableRows,
  targetFacts,
  totalOf,
  weightShares,
} from './grades.ts'
import { gradebook, row } from './test-fixtures.ts'

const cell = (over: Partial<GradebookCell> = {}): GradebookCell => ({
  item_id: 'i',
  percent: null,
  points: null,
  max_points: null,
  btec_grade: null,
  status: 'pending',
  override: null,
  ...over,
})

describe('columns', () => {
  it('puts items by category in the categories’ order, then those in none, then one average per category', () => {
    const gb = gradebook()
    expect(orderedItems(gb).map((i) => i.title)).toEqual(['Essay', 'Quiz 1', 'Quiz 2', 'Project'])
    expect(
      columnsOf(gb).map((c) => (c.kind === 'item' ? c.item.title : `avg ${c.category.name} ${c.share}`)),
    ).toEqual(['Essay', 'Quiz 1', 'Quiz 2', 'Project', 'avg Assignments 75', 'avg Quizzes 25'])
  })

  it('normalises weights into shares of the total', () => {
    expect(weightShares([{ weight: 2 }, { weight: 1 }, { weight: 1 }])).toEqual([50, 25, 25])
    expect(weightShares([{ weight: 0 }, { weight: 0 }])).toEqual([0, 0])
    expect(weightShares([])).toEqual([])
  })
})

describe('a cell', () => {
  it('shows the percentage (the override already in it), a BTEC grade, missing or nothing yet', () => {
    expect(cellView(cell({ percent: 83.333, status: 'graded' }), { btec: false })).toEqual({
      kind: 'percent',
      percent: 83.333,
    })
    expect(cellView(cell({ btec_grade: 'Merit', status: 'graded' }), { btec: true })).toEqual({
      kind: 'btec',
      grade: 'Merit',
    })
    expect(cellView(cell({ status: 'missing' }), { btec: false })).toEqual({ kind: 'missing' })
    expect(cellView(cell({ status: 'missing', percent: 40 }), { btec: false })).toEqual({
      kind: 'percent',
      percent: 40,
    })
    expect(cellView(cell(), { btec: false })).toEqual({ kind: 'pending' })
    expect(cellView(undefined, { btec: false })).toEqual({ kind: 'pending' })
  })

  it('writes percentages with one decimal, attendance as attended/booked, BTEC grades in short', () => {
    expect(percentText(83.333, 'en-GB')).toBe('83.3%')
    expect(percentText(100, 'en-GB')).toBe('100.0%')
    expect(attendanceText({ attended: 3, booked: 4 })).toBe('3/4')
    expect(attendanceText({ attended: 0, booked: 0 })).toBeUndefined()
    expect(btecShort('Distinction')).toBe('D')
  })

  it('counts the total override instead of the computed total', () => {
    expect(totalOf({ total: 70, total_override: null })).toBe(70)
    expect(totalOf({ total: 70, total_override: { percent: 75, reason: 'Appeal', set_at: '' } })).toBe(75)
  })
})

describe('after a save', () => {
  it('keeps the rows whose content did not change, so only changed rows are drawn again', () => {
    const before: GradebookRow[] = [row('u1', 'Amina'), row('u2', 'Baraka')]
    const after = structuredClone(before)
    after[1].total = 12
    const next = stableRows(before, after)
    expect(next[0]).toBe(before[0])
    expect(next[1]).toBe(after[1])
    expect(stableRows([], after)).toEqual(after)
  })

  it('finds what an override dialog opens on, or nothing when it is gone', () => {
    const gb: Gradebook = gradebook()
    expect(targetFacts(gb, { userId: 'u1', item: 'total' })?.view).toEqual({ kind: 'percent', percent: 80 })
    const facts = targetFacts(gb, { userId: 'u1', item: gb.items[0].id })
    expect(facts?.item?.title).toBe(gb.items[0].title)
    expect(targetFacts(gb, { userId: 'nobody', item: 'total' })).toBeUndefined()
    expect(targetFacts(gb, { userId: 'u1', item: 'gone' })).toBeUndefined()
  })
})

it('names the day in the reader’s time zone', () => {
  expect(isoDay(new Date(2026, 0, 5, 23, 30))).toBe('2026-01-05')
})

describe('onlyStudents', () => {
  it('keeps the rows of a class’s students, or every row when no class is chosen', () => {
    const a = 'a0000000-0000-4000-8000-00000000000a'
    const b = 'b0000000-0000-4000-8000-00000000000b'
    const gb = { ...gradebook(), rows: [row(a, 'Asha'), row(b, 'Baraka')] }
    expect(onlyStudents(gb, undefined)).toBe(gb)
    expect(onlyStudents(gb, new Set([b])).rows.map((r) => r.student_name)).toEqual(['Baraka'])
    expect(onlyStudents(gb, new Set()).rows).toEqual([])
    expect(onlyStudents(gb, new Set([b])).items).toBe(gb.items)
  })
})

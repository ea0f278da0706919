import { describe, expect, it } from 'vitest'
import { highlight, mergeRanges, percent } from './highlight.ts'

describe('highlight', () => {
  it('marks the ranges and keeps the text around them, in order', () => {
    expect(highlight('one two three four', [[4, 7]])).toEqual([
      { text: 'one ', marked: false },
      { text: 'two', marked: true },
      { text: ' three four', marked: false },
    ])
  })

  it('merges overlapping and touching ranges and clamps them to the text', () => {
    expect(
      mergeRanges(
        [
          [10, 14],
          [0, 3],
          [2, 5],
          [5, 6],
          [12, 99],
          [-4, 0],
        ],
        20,
      ),
    ).toEqual([
      [0, 6],
      [10, 20],
    ])
    expect(
      highlight('abcdef', [
        [0, 3],
        [3, 6],
      ]),
    ).toEqual([{ text: 'abcdef', marked: true }])
  })

  it('gives the whole text unmarked without ranges', () => {
    expect(highlight('plain', [])).toEqual([{ text: 'plain', marked: false }])
    expect(highlight('', [[0, 4]])).toEqual([])
  })

  it('shows a real match as at least 1 %', () => {
    expect([percent(0), percent(0.001), percent(0.456), percent(1)]).toEqual([0, 1, 46, 100])
  })
})

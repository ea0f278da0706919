import { describe, expect, it } from 'vitest'
import type { AnswerBody } from '../../../../../edge/contract/assessments.ts'
import type { QuestionKind } from '../../../../../edge/contract/assessments-values.ts'
import {
  bodyFor,
  draftFrom,
  draftsFrom,
  emptyDraft,
  isAnswered,
  parseDecimal,
  responseText,
  toggleChoice,
  unansweredCount,
} from './answers.ts'

const questions = [
  { id: 'q1', kind: 'single' as const },
  { id: 'q2', kind: 'multiple' as const },
  { id: 'q3', kind: 'true_false' as const },
  { id: 'q4', kind: 'short' as const },
  { id: 'q5', kind: 'numeric' as const },
]
const at = '2026-11-23T10:00:00Z'

describe('answers and the bodies the API takes', () => {
  it('round-trips every kind', () => {
    const cases: [QuestionKind, AnswerBody][] = [
      ['single', { choice_ids: ['b'] }],
      ['multiple', { choice_ids: ['a', 'c'] }],
      ['true_false', { bool: false }],
      ['short', { text: 'Nairobi' }],
      ['numeric', { number: -2.5 }],
    ]
    for (const [kind, body] of cases) expect(bodyFor(kind, draftFrom(kind, body))).toEqual(body)
  })

  it('sends an empty body for a cleared true/false or number, and refuses a number it cannot read', () => {
    expect(bodyFor('true_false', emptyDraft())).toEqual({})
    expect(bodyFor('numeric', { ...emptyDraft(), text: '  ' })).toEqual({})
    expect(bodyFor('numeric', { ...emptyDraft(), text: '12a' })).toBe('invalid')
    expect(bodyFor('single', { ...emptyDraft(), choices: ['a', 'b'] })).toEqual({ choice_ids: ['a'] })
  })

  it('reads numbers as people type them', () => {
    expect(
      ['12', '-3.5', '3,5', '0,125', '12,50', ' 1 200 ', '1,200', '1,200,000.5', '.5', '+4', '7.'].map(
        parseDecimal,
      ),
    ).toEqual([12, -3.5, 3.5, 0.125, 12.5, 1200, 1200, 1200000.5, 0.5, 4, 7])
    expect(parseDecimal('')).toBeNull()
    expect(['1,2,3', 'abc', '1e5', '--1', '1.2.3'].map(parseDecimal)).toEqual(Array(5).fill(undefined))
  })

  it('fills the inputs from what the server saved, blank where nothing is', () => {
    const drafts = draftsFrom(questions, [
      { question_id: 'q2', response: { choice_ids: ['x'] }, saved_at: at },
      { question_id: 'q5', response: { number: 12 }, saved_at: at },
    ])
    expect(drafts.q1).toEqual(emptyDraft())
    expect(drafts.q2.choices).toEqual(['x'])
    expect(drafts.q5.text).toBe('12')
  })
})

describe('unanswered questions', () => {
  it('counts questions without an answer; blank text and unreadable numbers count as none', () => {
    const drafts = draftsFrom(questions, [])
    expect(unansweredCount(questions, drafts)).toBe(5)
    drafts.q1 = { ...emptyDraft(), choices: ['a'] }
    drafts.q3 = { ...emptyDraft(), bool: false }
    drafts.q4 = { ...emptyDraft(), text: '   ' }
    drafts.q5 = { ...emptyDraft(), text: 'x' }
    expect(unansweredCount(questions, drafts)).toBe(3)
    expect(isAnswered('numeric', { ...emptyDraft(), text: '0' })).toBe(true)
    expect(isAnswered('short', undefined)).toBe(false)
  })

  it('ticks and unticks options once each', () => {
    expect(toggleChoice(['a'], 'b', true)).toEqual(['a', 'b'])
    expect(toggleChoice(['a', 'b'], 'b', true)).toEqual(['a', 'b'])
    expect(toggleChoice(['a', 'b'], 'a', false)).toEqual(['b'])
  })
})

describe('a response in words', () => {
  const words = { yes: 'True', no: 'False' }
  const options = [
    { id: 'a', text: 'Mombasa' },
    { id: 'b', text: 'Kisumu' },
  ]
  it('names the options chosen, the truth value, the text or the number', () => {
    expect(responseText({ kind: 'multiple', options }, { choice_ids: ['b', 'a'] }, words)).toBe(
      'Kisumu, Mombasa',
    )
    expect(responseText({ kind: 'true_false', options: [] }, { bool: true }, words)).toBe('True')
    expect(responseText({ kind: 'numeric', options: [] }, { number: 3.5 }, words)).toBe('3.5')
    expect(responseText({ kind: 'short', options: [] }, undefined, words)).toBe('')
  })
})

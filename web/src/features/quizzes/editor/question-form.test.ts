import { describe, expect, it } from 'vitest'
import type { EditorQuestion } from '../../../../../edge/contract/assessments.ts'
import {
  checkQuestion,
  draftOf,
  keySummary,
  markCorrect,
  newDraft,
  questionErrors,
  removeOption,
  withKind,
} from './question-form.ts'

const words = {
  prompt: 'prompt',
  tooLong: (max: number) => `long ${max}`,
  points: 'points',
  pointsMax: (max: number) => `max ${max}`,
  pointsDecimals: 'decimals',
  twoOptions: 'two',
  tooManyOptions: (max: number) => `options ${max}`,
  option: 'option',
  pickCorrect: 'pick',
  pickSome: 'some',
  pickTruth: 'truth',
  accepted: 'accepted',
  tooManyAccepted: (max: number) => `accepted ${max}`,
  number: 'number',
  tolerance: 'tolerance',
}

const saved = (over: Partial<EditorQuestion>): EditorQuestion => ({
  id: '00000000-0000-4000-8000-000000000001',
  kind: 'single',
  prompt: 'Capital of Kenya?',
  points: 2,
  options: [],
  position: 0,
  key: {},
  feedback: '',
  ...over,
})

describe('a saved question in the form and back', () => {
  it('names correct options by index, keeping the options’ ids', () => {
    const q = saved({
      kind: 'multiple',
      options: [
        { id: 'a', text: 'Mombasa' },
        { id: 'b', text: 'Kisumu' },
        { id: 'c', text: 'Nakuru' },
      ],
      key: { correct_option_ids: ['c', 'a'] },
      feedback: 'Cities on the coast and the lake.',
    })
    const d = draftOf(q)
    expect(d.correct).toEqual([0, 2])
    expect(checkQuestion(d, words)).toEqual({
      ok: true,
      data: {
        kind: 'multiple',
        prompt: 'Capital of Kenya?',
        points: 2,
        feedback: 'Cities on the coast and the lake.',
        options: [
          { id: 'a', text: 'Mombasa' },
          { id: 'b', text: 'Kisumu' },
          { id: 'c', text: 'Nakuru' },
        ],
        correct: [0, 2],
      },
    })
  })

  it('reads true/false, short and numeric keys', () => {
    const tf = checkQuestion(draftOf(saved({ kind: 'true_false', key: { correct_bool: false } })), words)
    expect(tf).toMatchObject({ ok: true, data: { kind: 'true_false', correct: false } })
    const short = draftOf(saved({ kind: 'short', key: { accepted: ['Nairobi', 'nairobi city'] } }))
    short.accepted.push('  ')
    expect(checkQuestion(short, words)).toMatchObject({
      ok: true,
      data: { kind: 'short', accepted: ['Nairobi', 'nairobi city'] },
    })
    const numeric = draftOf(saved({ kind: 'numeric', key: { correct_number: 12, tolerance: 0.5 } }))
    expect(numeric).toMatchObject({ number: '12', tolerance: '0.5' })
    expect(checkQuestion({ ...numeric, points: '1,5' }, words)).toMatchObject({
      ok: true,
      data: { kind: 'numeric', correct: 12, tolerance: 0.5, points: 1.5 },
    })
    const exact = checkQuestion({ ...numeric, tolerance: '' }, words)
    expect(exact.ok && 'tolerance' in exact.data).toBe(false)
  })
})

describe('checking a question', () => {
  it('names each missing value at the API’s field', () => {
    const d = { ...newDraft('single'), points: '0' }
    d.options[1].text = 'Nairobi'
    expect(checkQuestion(d, words)).toEqual({
      ok: false,
      errors: { prompt: 'prompt', points: 'points', 'options.0.text': 'option', correct: 'pick' },
    })
    expect(checkQuestion({ ...newDraft('true_false'), prompt: 'x' }, words)).toEqual({
      ok: false,
      errors: { correct: 'truth' },
    })
    expect(
      checkQuestion({ ...newDraft('numeric'), prompt: 'x', number: 'ten', tolerance: '-1' }, words),
    ).toEqual({
      ok: false,
      errors: { correct: 'number', tolerance: 'tolerance' },
    })
    expect(checkQuestion({ ...newDraft('short'), prompt: 'x', points: '0.333' }, words)).toEqual({
      ok: false,
      errors: { accepted: 'accepted', points: 'decimals' },
    })
    expect(
      checkQuestion({ ...newDraft('short'), prompt: 'x', points: '0.1', accepted: ['a'] }, words).ok,
    ).toBe(true)
  })

  it('wants two options, and one correct for single choice', () => {
    const d = { ...newDraft('multiple'), prompt: 'x', options: [{ text: 'a' }] }
    expect(checkQuestion(d, words)).toEqual({ ok: false, errors: { options: 'two', correct: 'some' } })
  })
})

describe('editing the options', () => {
  it('keeps one correct option for single choice, several for multiple', () => {
    const d = { ...newDraft('multiple'), correct: [0, 1] }
    expect(withKind(d, 'single').correct).toEqual([0])
    expect(markCorrect(withKind(d, 'single'), 1, true)).toEqual([1])
    expect(markCorrect(d, 0, false)).toEqual([1])
    expect(markCorrect({ ...d, correct: [2] }, 0, true)).toEqual([0, 2])
  })

  it('moves correct marks with their options when one is removed', () => {
    const d = {
      ...newDraft('multiple'),
      options: [{ text: 'a' }, { text: 'b' }, { text: 'c' }],
      correct: [0, 2],
    }
    expect(removeOption(d, 0)).toMatchObject({ options: [{ text: 'b' }, { text: 'c' }], correct: [1] })
  })
})

describe('the server’s field errors', () => {
  it('show at the inputs the form has', () => {
    expect(
      questionErrors({
        'options.2': 'a',
        'options.1.id': 'b',
        'correct.0': 'c',
        'accepted.3': 'd',
        prompt: 'e',
      }),
    ).toEqual({ 'options.2.text': 'a', 'options.1.text': 'b', correct: 'c', accepted: 'd', prompt: 'e' })
  })
})

describe('the key in a few words', () => {
  it('says each kind’s answer', () => {
    const yesNo = { yes: 'True', no: 'False' }
    expect(keySummary(saved({ kind: 'numeric', key: { correct_number: 12, tolerance: 0.5 } }), yesNo)).toBe(
      '12 ± 0.5',
    )
    expect(keySummary(saved({ kind: 'true_false', key: { correct_bool: true } }), yesNo)).toBe('True')
    expect(keySummary(saved({ kind: 'short', key: { accepted: ['a', 'b'] } }), yesNo)).toBe('a / b')
  })
})

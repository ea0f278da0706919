import { describe, expect, it } from 'vitest'
import { answerIssues, storeQuestion } from './question-key.ts'

describe('storeQuestion', () => {
  it('gives options ids, keeps given ones, and names the correct ones by id', () => {
    const { stored, issues } = storeQuestion({
      kind: 'multiple',
      prompt: 'Even?',
      points: 1,
      options: [{ id: 'o2', text: '2' }, { text: '3' }, { text: '4' }, { id: 'o2', text: 'copy' }],
      correct: [0, 2, 2],
    })
    expect(issues).toEqual([])
    expect(stored.options.map((o) => o.id)).toEqual(['o2', 'o1', 'o3', 'o4'])
    expect(stored.key).toEqual({ correct_option_ids: ['o2', 'o3'] })
  })

  it('refuses a correct index beyond the options, at its path', () => {
    const single = storeQuestion({
      kind: 'single',
      prompt: 'x',
      points: 1,
      options: [{ text: 'a' }, { text: 'b' }],
      correct: 2,
    })
    expect(single.issues.map((i) => i.path)).toEqual(['correct'])
    const multiple = storeQuestion({
      kind: 'multiple',
      prompt: 'x',
      points: 1,
      options: [{ text: 'a' }, { text: 'b' }],
      correct: [1, 3],
    })
    expect(multiple.issues.map((i) => i.path)).toEqual(['correct.1'])
  })

  it('keeps the other kinds’ keys and feedback', () => {
    expect(storeQuestion({ kind: 'numeric', prompt: 'x', points: 1, correct: 3.14 }).stored).toEqual({
      options: [],
      key: { correct_number: 3.14, tolerance: 0 },
      feedback: '',
    })
    expect(
      storeQuestion({ kind: 'short', prompt: 'x', points: 1, accepted: ['maji'], feedback: 'F' }).stored.key,
    ).toEqual({
      accepted: ['maji'],
    })
  })
})

describe('answerIssues', () => {
  const options = [
    { id: 'a', text: 'A' },
    { id: 'b', text: 'B' },
  ]
  it.each([
    ['single', { choice_ids: ['a'] }, []],
    ['single', { choice_ids: [] }, []],
    ['single', { choice_ids: ['a', 'b'] }, ['choice_ids']],
    ['multiple', { choice_ids: ['a', 'b'] }, []],
    ['multiple', { choice_ids: ['a', 'a'] }, ['choice_ids']],
    ['multiple', { choice_ids: ['z'] }, ['choice_ids.0']],
    ['true_false', { bool: false }, []],
    ['true_false', { text: 'true' }, ['bool']],
    ['short', { text: 'maji' }, []],
    ['short', { text: 'maji', number: 1 }, ['text']],
    ['numeric', { number: 3 }, []],
    ['numeric', {}, []],
    ['numeric', { text: '3' }, ['number']],
    ['essay', { text: 'x' }, ['(body)']],
  ] as const)('%s %j → %j', (kind, answer, paths) => {
    expect(answerIssues(kind, [...options], answer as never).map((i) => i.path)).toEqual(paths)
  })
})

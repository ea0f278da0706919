import { afterAll, describe, expect, it } from 'vitest'
import { testDb } from '../support/fixtures.ts'

// The grading rules in SQL, table-driven. Quizzes (private.answer_is_correct): every kind of question, right,
// wrong, blank and malformed answers.
const sql = testDb(2)
afterAll(() => sql.end())

const CASES: [string, object, object | null, boolean][] = [
  ['single', { correct_option_ids: ['o2'] }, { choice_ids: ['o2'] }, true],
  ['single', { correct_option_ids: ['o2'] }, { choice_ids: ['o1'] }, false],
  ['single', { correct_option_ids: ['o2'] }, { choice_ids: [] }, false],
  ['multiple', { correct_option_ids: ['o1', 'o3'] }, { choice_ids: ['o3', 'o1'] }, true],
  ['multiple', { correct_option_ids: ['o1', 'o3'] }, { choice_ids: ['o1'] }, false],
  ['multiple', { correct_option_ids: ['o1', 'o3'] }, { choice_ids: ['o1', 'o2', 'o3'] }, false],
  ['multiple', { correct_option_ids: ['o1'] }, { choice_ids: 'o1' }, false],
  ['true_false', { correct_bool: false }, { bool: false }, true],
  ['true_false', { correct_bool: false }, { bool: true }, false],
  ['true_false', { correct_bool: false }, { bool: 'false' }, false],
  ['short', { accepted: ['Maji', 'water'] }, { text: '  maji.' }, true],
  ['short', { accepted: ['Mount  Kenya'] }, { text: 'mount kenya' }, true],
  ['short', { accepted: ['maji'] }, { text: 'majii' }, false],
  ['short', { accepted: ['maji'] }, { text: '' }, false],
  ['numeric', { correct_number: 3.14, tolerance: 0.01 }, { number: 3.15 }, true],
  ['numeric', { correct_number: 3.14, tolerance: 0.01 }, { number: 3.151 }, false],
  ['numeric', { correct_number: 12, tolerance: 0 }, { number: 12 }, true],
  ['numeric', { correct_number: 12 }, { number: '12' }, false],
  ['numeric', { correct_number: 12 }, null, false],
]

describe('private.answer_is_correct', () => {
  it.each(CASES)('%s key %j, answer %j → %s', async (kind, key, answer, expected) => {
    const [row] = await sql`select private.answer_is_correct(${kind}, ${sql.json(key as never)},
      ${answer === null ? null : sql.json(answer as never)}) as ok`
    expect(row?.ok).toBe(expected)
  })
})

// The BTEC unit grade (DOMAIN.md), private.btec_grade(codes of the rubric, codes achieved).
const UNIT = ['P1', 'P2', 'P3', 'M1', 'M2', 'D1']
const BTEC: [string[], string[], string][] = [
  [UNIT, ['P1', 'P2', 'P3', 'M1', 'M2', 'D1'], 'Distinction'],
  [UNIT, ['P1', 'P2', 'P3', 'M1', 'M2'], 'Merit'],
  [UNIT, ['P1', 'P2', 'P3', 'M1', 'D1'], 'Pass'],
  [UNIT, ['P1', 'P2', 'P3'], 'Pass'],
  [UNIT, ['P1', 'P2', 'M1', 'M2', 'D1'], 'Unclassified'],
  [UNIT, [], 'Unclassified'],
  // A unit without Merit or Distinction criteria tops out at Pass; without D, at Merit.
  [['P1', 'P2'], ['P1', 'P2'], 'Pass'],
  [['P1', 'M1'], ['P1', 'M1'], 'Merit'],
  [['P1', 'M1', 'D1'], ['P1', 'D1'], 'Pass'],
]

describe('private.btec_grade', () => {
  it.each(BTEC)('criteria %j, achieved %j → %s', async (codes, achieved, expected) => {
    const [row] = await sql`select private.btec_grade(${codes}::text[], ${achieved}::text[]) as g`
    expect(row?.g).toBe(expected)
  })
})

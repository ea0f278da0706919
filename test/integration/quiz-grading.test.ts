import { afterAll, describe, expect, it } from 'vitest'
import { testDb } from '../support/fixtures.ts'

// The grading rule in SQL (private.answer_is_correct), table-driven: every kind of question, right,
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

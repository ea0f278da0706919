import { describe, expect, it } from 'vitest'
import {
  addCategory,
  checkCategories,
  draftOf,
  draftShares,
  itemCount,
  MAX_CATEGORIES,
  parseDrop,
  parseWeight,
  placeItem,
  removeCategory,
  unplacedCount,
  updateCategory,
} from './categories-form.ts'
import { ASSIGNMENTS, gradebook, QUIZZES } from './test-fixtures.ts'

const words = {
  nameRequired: 'name',
  nameLong: 'long',
  weightInvalid: 'weight',
  dropInvalid: 'drop',
  noWeight: 'none',
}
const order = gradebook().items.map((i) => i.id)

describe('the categories draft', () => {
  it('starts from the course’s categories and where each item counts', () => {
    const draft = draftOf(gradebook())
    expect(draft.categories.map((c) => [c.name, c.weight, c.drop])).toEqual([
      ['Assignments', '3', '0'],
      ['Quizzes', '1', '1'],
    ])
    expect(draft.placement).toEqual({
      'i-q1': QUIZZES,
      'i-project': '',
      'i-essay': ASSIGNMENTS,
      'i-q2': QUIZZES,
    })
    expect(itemCount(draft, QUIZZES)).toBe(2)
    expect(unplacedCount(draft)).toBe(1)
  })

  it('shows each weight as its normalised share, an unfinished weight counting 0', () => {
    const draft = addCategory(draftOf(gradebook()), 'new-1')
    expect(draftShares(draft)).toEqual([75, 25, 0])
    expect(draftShares(updateCategory(draft, 'new-1', { weight: '4' }))).toEqual([37.5, 12.5, 50])
  })

  it('adds, renames, moves items and removes (its items then in none)', () => {
    let draft = addCategory(draftOf(gradebook()), 'new-1')
    draft = updateCategory(draft, 'new-1', { name: 'Projects', weight: '2' })
    draft = placeItem(draft, 'i-project', 'new-1')
    expect(unplacedCount(draft)).toBe(0)
    draft = removeCategory(draft, QUIZZES)
    expect(draft.categories.map((c) => c.name)).toEqual(['Assignments', 'Projects'])
    expect(draft.placement['i-q1']).toBe('')
    expect(unplacedCount(removeCategory(removeCategory(draft, ASSIGNMENTS), 'new-1'))).toBe(0)
  })

  it('stops at the most categories a course has', () => {
    let draft = draftOf({ categories: [], items: [] })
    for (let i = 0; i < MAX_CATEGORIES + 3; i++) draft = addCategory(draft, `k${i}`)
    expect(draft.categories).toHaveLength(MAX_CATEGORIES)
  })
})

describe('checkCategories', () => {
  it('sends every category with its id (new ones without) and its items in the gradebook’s order', () => {
    let draft = addCategory(draftOf(gradebook()), 'new-1')
    draft = updateCategory(draft, 'new-1', { name: ' Projects ', weight: '12,5', drop: '' })
    draft = placeItem(draft, 'i-project', 'new-1')
    expect(checkCategories(draft, order, words)).toEqual({
      ok: true,
      data: {
        categories: [
          { id: ASSIGNMENTS, name: 'Assignments', weight: 3, drop_lowest: 0, item_ids: ['i-essay'] },
          { id: QUIZZES, name: 'Quizzes', weight: 1, drop_lowest: 1, item_ids: ['i-q1', 'i-q2'] },
          { name: 'Projects', weight: 12.5, drop_lowest: 0, item_ids: ['i-project'] },
        ],
      },
    })
  })

  it('allows no categories at all (the total is then the plain mean)', () => {
    expect(checkCategories(draftOf({ categories: [], items: [] }), [], words)).toEqual({
      ok: true,
      data: { categories: [] },
    })
  })

  it('names each field that is wrong, as the API names it', () => {
    let draft = addCategory(draftOf(gradebook()), 'new-1')
    draft = updateCategory(draft, QUIZZES, { weight: '101', drop: '11' })
    const result = checkCategories(draft, order, words)
    expect(result).toEqual({
      ok: false,
      errors: {
        'categories.1.weight': 'weight',
        'categories.1.drop_lowest': 'drop',
        'categories.2.name': 'name',
        'categories.2.weight': 'weight',
      },
    })
  })

  it('asks for some weight when every weight is 0', () => {
    const draft = updateCategory(
      updateCategory(draftOf(gradebook()), QUIZZES, { weight: '0' }),
      ASSIGNMENTS,
      {
        weight: '0',
      },
    )
    expect(checkCategories(draft, order, words)).toEqual({ ok: false, errors: { weights: 'none' } })
  })

  it('reads weights and drops as typed', () => {
    expect(parseWeight('40 %')).toBe(40)
    expect(parseWeight('33.333')).toBe(33.33)
    expect(parseWeight('-1')).toBeUndefined()
    expect(parseDrop('')).toBe(0)
    expect(parseDrop('2.5')).toBeUndefined()
  })
})

import type { CategoriesBody, Gradebook } from '../../../../edge/contract/gradebook.ts'
import { checked, type FieldErrors, type Validated } from '../../lib/forms.ts'
import { weightShares } from './grades.ts'

// The "Categories" dialog without the page: the categories as typed (name, weight, drop the
// lowest n), which category each item counts in, each weight's share once normalised, and the
// checks the API makes of the body (CategoriesBody). Every change returns a new draft.

/** The most categories a course has (the API's limit). */
export const MAX_CATEGORIES = 20
/** The most lowest scores a category drops (the API's limit). */
export const MAX_DROP = 10

/** One category as typed; `key` is its id, or a made-up one until it is saved. */
export interface CategoryDraft {
  key: string
  id?: string
  name: string
  weight: string
  drop: string
}

/** The dialog's values: the categories in order, and each item's category key ('' for none). */
export interface CategoriesDraft {
  categories: CategoryDraft[]
  placement: Record<string, string>
}

/** The draft of the categories the course has now. */
export function draftOf(gradebook: Pick<Gradebook, 'categories' | 'items'>): CategoriesDraft {
  const known = new Set(gradebook.categories.map((c) => c.id))
  return {
    categories: gradebook.categories.map((c) => ({
      key: c.id,
      id: c.id,
      name: c.name,
      weight: String(c.weight),
      drop: String(c.drop_lowest),
    })),
    placement: Object.fromEntries(
      gradebook.items.map((i) => [i.id, i.category_id && known.has(i.category_id) ? i.category_id : '']),
    ),
  }
}

/** Adds an empty category at the end (its weight left for the teacher to give). */
export const addCategory = (draft: CategoriesDraft, key: string): CategoriesDraft =>
  draft.categories.length >= MAX_CATEGORIES
    ? draft
    : { ...draft, categories: [...draft.categories, { key, name: '', weight: '', drop: '0' }] }

/** Takes a category out; its items then count in none. */
export const removeCategory = (draft: CategoriesDraft, key: string): CategoriesDraft => ({
  categories: draft.categories.filter((c) => c.key !== key),
  placement: Object.fromEntries(
    Object.entries(draft.placement).map(([item, k]) => [item, k === key ? '' : k]),
  ),
})

/** Changes what was typed for one category. */
export const updateCategory = (
  draft: CategoriesDraft,
  key: string,
  change: Partial<Pick<CategoryDraft, 'name' | 'weight' | 'drop'>>,
): CategoriesDraft => ({
  ...draft,
  categories: draft.categories.map((c) => (c.key === key ? { ...c, ...change } : c)),
})

/** Puts an item in a category ('' for none). */
export const placeItem = (draft: CategoriesDraft, itemId: string, key: string): CategoriesDraft => ({
  ...draft,
  placement: { ...draft.placement, [itemId]: key },
})

/** A typed weight (0–100, at most two decimals kept; "40", "12,5", "40 %"), or undefined. */
export function parseWeight(text: string): number | undefined {
  const cleaned = text.trim().replace(/\s*%$/, '').replace(',', '.')
  if (!/^\d+(\.\d+)?$/.test(cleaned)) return undefined
  const weight = Math.round(Number(cleaned) * 100) / 100
  return weight <= 100 ? weight : undefined
}

/** A typed "drop the lowest" count (0–10), or undefined. */
export function parseDrop(text: string): number | undefined {
  const cleaned = text.trim() || '0'
  if (!/^\d+$/.test(cleaned)) return undefined
  const n = Number(cleaned)
  return n <= MAX_DROP ? n : undefined
}

/** Each category's share of the total once the weights are normalised (a weight not yet valid counts 0). */
export const draftShares = (draft: CategoriesDraft): number[] =>
  weightShares(draft.categories.map((c) => ({ weight: parseWeight(c.weight) ?? 0 })))

/** How many items a category holds. */
export const itemCount = (draft: CategoriesDraft, key: string): number =>
  Object.values(draft.placement).filter((k) => k === key).length

/** How many items are in no category (they do not count in the total once there are categories). */
export const unplacedCount = (draft: CategoriesDraft): number =>
  draft.categories.length === 0 ? 0 : itemCount(draft, '')

/** Words for each way a value can be wrong (the dialog passes its catalogue's). */
export interface CategoriesWords {
  nameRequired: string
  nameLong: string
  weightInvalid: string
  dropInvalid: string
  noWeight: string
}

/** The field name of a category's input in the form's errors ("categories.0.weight", as the API names it). */
export const fieldOf = (index: number, field: 'name' | 'weight' | 'drop_lowest'): string =>
  `categories.${index}.${field}`

/** Every field the dialog can show an error at (for the API's 400 issues). */
export const CATEGORY_FIELDS: readonly string[] = [
  'weights',
  ...Array.from({ length: MAX_CATEGORIES }, (_, i) =>
    (['name', 'weight', 'drop_lowest'] as const).map((f) => fieldOf(i, f)),
  ).flat(),
]

/**
 * The body to send (each category with the items placed in it, in `itemOrder`), or a message per
 * field; "weights" when no category has any weight.
 */
export function checkCategories(
  draft: CategoriesDraft,
  itemOrder: readonly string[],
  words: CategoriesWords,
): Validated<CategoriesBody> {
  const errors: FieldErrors = {}
  const categories = draft.categories.map((c, i) => {
    const name = c.name.trim()
    if (!name) errors[fieldOf(i, 'name')] = words.nameRequired
    else if (name.length > 100) errors[fieldOf(i, 'name')] = words.nameLong
    const weight = parseWeight(c.weight)
    if (weight === undefined) errors[fieldOf(i, 'weight')] = words.weightInvalid
    const drop = parseDrop(c.drop)
    if (drop === undefined) errors[fieldOf(i, 'drop_lowest')] = words.dropInvalid
    return {
      ...(c.id ? { id: c.id } : {}),
      name,
      weight: weight ?? 0,
      drop_lowest: drop ?? 0,
      item_ids: itemOrder.filter((id) => draft.placement[id] === c.key),
    }
  })
  const anyInvalidWeight = draft.categories.some((c) => parseWeight(c.weight) === undefined)
  if (categories.length > 0 && !anyInvalidWeight && categories.every((c) => c.weight === 0))
    errors.weights = words.noWeight
  return checked(errors, { categories })
}

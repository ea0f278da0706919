import type {
  Gradebook,
  GradebookCategory,
  GradebookCell,
  GradebookItem,
  GradebookRow,
} from '../../../../edge/contract/gradebook.ts'
import { numberFormat } from '../../lib/intl-cache.ts'

// What the gradebook shows, without the page: the order of its columns, what one cell says, the
// categories' shares of the total, and which rows changed after a save (pure; the table, the
// student's report and the CSV all read it).

/** One column of the teacher's table after the student's name. */
export type Column =
  | { kind: 'item'; item: GradebookItem; category: GradebookCategory | undefined }
  | { kind: 'category'; category: GradebookCategory; share: number }

/** The items by category (in the categories' order), then those in no category, each group in the API's order. */
export function orderedItems(gradebook: Pick<Gradebook, 'categories' | 'items'>): GradebookItem[] {
  const rank = new Map(gradebook.categories.map((c, i) => [c.id, i]))
  const last = gradebook.categories.length
  return gradebook.items
    .map((item, index) => ({ item, index, group: rank.get(item.category_id ?? '') ?? last }))
    .sort((a, b) => a.group - b.group || a.index - b.index)
    .map((x) => x.item)
}

/** The table's columns: every item (grouped by category), then one average per category. */
export function columnsOf(gradebook: Pick<Gradebook, 'categories' | 'items'>): Column[] {
  const byId = new Map(gradebook.categories.map((c) => [c.id, c]))
  const shares = weightShares(gradebook.categories)
  return [
    ...orderedItems(gradebook).map(
      (item): Column => ({ kind: 'item', item, category: byId.get(item.category_id ?? '') }),
    ),
    ...gradebook.categories.map((category, i): Column => ({ kind: 'category', category, share: shares[i] })),
  ]
}

/**
 * Each weight as a percentage of all the weights: the API normalises them, so 2 : 1 : 1 counts
 * as 50 % : 25 % : 25 %. All zero (or none) gives zeros.
 */
export function weightShares(weights: readonly { weight: number }[]): number[] {
  const sum = weights.reduce((n, w) => n + (Number.isFinite(w.weight) && w.weight > 0 ? w.weight : 0), 0)
  return weights.map((w) =>
    sum > 0 && Number.isFinite(w.weight) && w.weight > 0 ? (w.weight / sum) * 100 : 0,
  )
}

/** What a cell says: a percentage, a BTEC grade, missing (counts as 0) or nothing yet. */
export type CellView =
  | { kind: 'percent'; percent: number }
  | { kind: 'btec'; grade: string }
  | { kind: 'missing' }
  | { kind: 'pending' }

/** What one cell of an item says (an absent cell is pending). */
export function cellView(cell: GradebookCell | undefined, item: Pick<GradebookItem, 'btec'>): CellView {
  if (!cell) return { kind: 'pending' }
  if (item.btec && cell.btec_grade) return { kind: 'btec', grade: cell.btec_grade }
  if (cell.percent !== null) return { kind: 'percent', percent: cell.percent }
  return cell.status === 'missing' ? { kind: 'missing' } : { kind: 'pending' }
}

/** A row's cells by item id. */
export const cellsById = (row: Pick<GradebookRow, 'cells'>): Map<string, GradebookCell> =>
  new Map(row.cells.map((c) => [c.item_id, c]))

/** A row's average in one category, or null when nothing counts in it yet. */
export const categoryPercent = (row: Pick<GradebookRow, 'categories'>, categoryId: string): number | null =>
  row.categories.find((c) => c.category_id === categoryId)?.percent ?? null

/** The course total as it counts: the teacher's override when there is one. */
export const totalOf = (row: Pick<GradebookRow, 'total' | 'total_override'>): number | null =>
  row.total_override ? row.total_override.percent : row.total

/** A percentage with one decimal in the reader's language: 83.333 → "83.3%". */
export const percentText = (percent: number, locale: string): string =>
  numberFormat(locale, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(
    percent / 100,
  )

/** Tutoring attendance as "attended/booked" ("3/4"), or undefined when nothing was booked. */
export const attendanceText = (a: GradebookRow['attendance']): string | undefined =>
  a.booked > 0 ? `${a.attended}/${a.booked}` : undefined

/** BTEC grades in short: "Distinction" → "D" (the table's narrow cells; the full name goes in the title). */
export const btecShort = (grade: string): string => grade.trim().charAt(0).toUpperCase() || grade

/**
 * The new rows, each replaced by the previous one with the same content: after a save answers the
 * whole gradebook again, only the rows that changed are drawn again.
 */
export function stableRows(previous: readonly GradebookRow[], next: readonly GradebookRow[]): GradebookRow[] {
  if (previous.length === 0) return [...next]
  const before = new Map(previous.map((r) => [r.user_id, r]))
  return next.map((row) => {
    const old = before.get(row.user_id)
    return old && JSON.stringify(old) === JSON.stringify(row) ? old : row
  })
}

/** A student's cell of one item, or the row's total (`item: 'total'`): what an override dialog opens on. */
export interface CellTarget {
  userId: string
  item: string
}

/** What the override dialog needs about its target, found in the gradebook shown now. */
export interface TargetFacts {
  row: GradebookRow
  /** Undefined for the total. */
  item: GradebookItem | undefined
  cell: GradebookCell | undefined
  override: GradebookCell['override']
  /** What counts now (the override included). */
  view: CellView
}

/** The facts of a target, or undefined when its student or item is no longer in the gradebook. */
export function targetFacts(gradebook: Gradebook, target: CellTarget): TargetFacts | undefined {
  const row = gradebook.rows.find((r) => r.user_id === target.userId)
  if (!row) return undefined
  if (target.item === 'total') {
    const total = totalOf(row)
    return {
      row,
      item: undefined,
      cell: undefined,
      override: row.total_override,
      view: total === null ? { kind: 'pending' } : { kind: 'percent', percent: total },
    }
  }
  const item = gradebook.items.find((i) => i.id === target.item)
  if (!item) return undefined
  const cell = row.cells.find((c) => c.item_id === item.id)
  return { row, item, cell, override: cell?.override ?? null, view: cellView(cell, item) }
}

/** Today in the reader's time zone as YYYY-MM-DD (the export's file name). */
export function isoDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
}

/** The gradebook with only the rows of `students` (a class's), or as it is when no class is chosen. */
export function onlyStudents(gradebook: Gradebook, students: ReadonlySet<string> | undefined): Gradebook {
  return students ? { ...gradebook, rows: gradebook.rows.filter((r) => students.has(r.user_id)) } : gradebook
}

import type {
  GradebookCategory,
  GradebookCell,
  GradebookItem,
  GradebookRow,
  GradeOverride,
} from '../../contract/gradebook.ts'

// The gradebook's arithmetic, pure: a cell's percent (override, else points / max), category
// percentages after dropping the lowest n, the weighted course total. No I/O.

export interface RawResult {
  points: number | null
  max_points: number | null
  btec_grade: string | null
}

export interface StudentInput {
  user_id: string
  student_name: string
  results: Map<string, RawResult>
  overrides: Map<string, GradeOverride>
  attendance: { attended: number; booked: number }
}

const round1 = (x: number) => Math.round(x * 10) / 10

/** One cell: the override wins; BTEC grades have no percent; nothing in and closed is missing (0). */
export function cellOf(
  item: GradebookItem,
  result: RawResult | undefined,
  override: GradeOverride | undefined,
): GradebookCell {
  const base = {
    item_id: item.id,
    points: result?.points ?? null,
    max_points: result?.max_points ?? null,
    btec_grade: result?.btec_grade ?? null,
    override: override ?? null,
  }
  if (override) return { ...base, percent: override.percent, status: 'graded' }
  if (result?.btec_grade) return { ...base, percent: null, status: 'graded' }
  if (result && result.points !== null && result.max_points) {
    return { ...base, percent: round1((result.points / result.max_points) * 100), status: 'graded' }
  }
  if (item.closed && !item.btec) return { ...base, percent: null, status: 'missing' }
  return { ...base, percent: null, status: 'pending' }
}

/** What a cell counts for in averages: its percent, 0 when missing, nothing when pending or BTEC. */
const counted = (c: GradebookCell): number | null => (c.status === 'missing' ? 0 : c.percent)

/** The mean after dropping the `drop` lowest (never all of them); null when nothing counts. */
export function meanDropping(values: number[], drop: number): number | null {
  if (values.length === 0) return null
  const kept = [...values].sort((a, b) => a - b).slice(Math.min(drop, values.length - 1))
  return round1(kept.reduce((n, v) => n + v, 0) / kept.length)
}

/** The weighted total over categories with something counted, weights normalised; plain mean without categories. */
export function totalOf(
  categories: GradebookCategory[],
  cells: GradebookCell[],
): { perCategory: { category_id: string; percent: number | null }[]; total: number | null } {
  const byItem = new Map(cells.map((c) => [c.item_id, c]))
  const perCategory = categories.map((cat) => {
    const values = cat.item_ids.flatMap((id) => {
      const c = byItem.get(id)
      const v = c ? counted(c) : null
      return v === null ? [] : [v]
    })
    return { category_id: cat.id, percent: meanDropping(values, cat.drop_lowest) }
  })
  if (categories.length === 0) {
    const values = cells.flatMap((c) => {
      const v = counted(c)
      return v === null ? [] : [v]
    })
    return { perCategory, total: meanDropping(values, 0) }
  }
  let weight = 0
  let sum = 0
  for (const [i, cat] of categories.entries()) {
    const p = perCategory[i]?.percent
    if (p === null || p === undefined || cat.weight <= 0) continue
    weight += cat.weight
    sum += p * cat.weight
  }
  return { perCategory, total: weight > 0 ? round1(sum / weight) : null }
}

/** A student's row. */
export function rowOf(
  categories: GradebookCategory[],
  items: GradebookItem[],
  s: StudentInput,
): GradebookRow {
  const cells = items.map((item) => cellOf(item, s.results.get(item.id), s.overrides.get(item.id)))
  const { perCategory, total } = totalOf(categories, cells)
  const totalOverride = s.overrides.get('total') ?? null
  return {
    user_id: s.user_id,
    student_name: s.student_name,
    cells,
    categories: perCategory,
    total: totalOverride ? totalOverride.percent : total,
    total_override: totalOverride,
    attendance: s.attendance,
  }
}

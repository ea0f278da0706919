import type { NewPupil } from '../../../../edge/contract/pupils.ts'
import { ADMISSION_PATTERN, MAX_NEW_PUPILS } from '../../../../edge/contract/pupils-values.ts'
import { parseCsv } from '../classes/csv.ts'

// The class list a teacher types or pastes: one pupil per line, "name, admission number" (or two
// columns copied from a spreadsheet: tab-separated). Problems are reported by line.

export type ListProblem =
  | { kind: 'empty' }
  | { kind: 'tooMany'; max: number }
  | { kind: 'line'; line: number }
  | { kind: 'admission'; line: number }
  | { kind: 'twice'; line: number; number: string }

/** The pupils of the list, or the first problem found. */
export function readPupilList(text: string): { pupils: NewPupil[] } | { problem: ListProblem } {
  const rows = parseCsv(text)
  if (rows.length === 0) return { problem: { kind: 'empty' } }
  if (rows.length > MAX_NEW_PUPILS) return { problem: { kind: 'tooMany', max: MAX_NEW_PUPILS } }
  const seen = new Set<string>()
  const pupils: NewPupil[] = []
  for (const { cells, line } of rows) {
    const filled = cells.map((c) => c.trim()).filter(Boolean)
    const [name, admission] = filled
    if (filled.length !== 2 || !name || !admission || name.length > 100) {
      return { problem: { kind: 'line', line } }
    }
    if (!ADMISSION_PATTERN.test(admission) || admission.length > 20)
      return { problem: { kind: 'admission', line } }
    if (seen.has(admission.toLowerCase())) return { problem: { kind: 'twice', line, number: admission } }
    seen.add(admission.toLowerCase())
    pupils.push({ name, admission_no: admission })
  }
  return { pupils }
}

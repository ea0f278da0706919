import { csvCell } from '../../../../edge/contract/csv.ts'
import type { Gradebook } from '../../../../edge/contract/gradebook.ts'
import { categoryPercent, cellsById, cellView, columnsOf, totalOf } from './grades.ts'

// The gradebook as a CSV file, made in the browser from what the page shows; cells are written by
// the shared csvCell (edge/contract/csv.ts: RFC 4180, formula-safe).

/** The words of the header row and of the cells that are not numbers (the page passes its catalogue's). */
export interface CsvWords {
  student: string
  /** A category's average column, e.g. "{name} (average)". */
  average: (category: string) => string
  total: string
  attended: string
  booked: string
  missing: string
  /** A BTEC grade's name in the reader's language. */
  btec: (grade: string) => string
}

export { csvCell }

/** A percentage as a spreadsheet reads it: one decimal, a dot, no sign ("83.3"). */
const number = (percent: number | null): string => (percent === null ? '' : percent.toFixed(1))

/**
 * The whole gradebook: a header row (student, each item, each category's average, total,
 * sessions attended and booked), then one row per student in the page's order. Attendance is two
 * numbers, not "3/4", which a spreadsheet would take for a date.
 */
export function toCsv(gradebook: Gradebook, words: CsvWords): string {
  const columns = columnsOf(gradebook)
  const header = [
    words.student,
    ...columns.map((c) => (c.kind === 'item' ? c.item.title : words.average(c.category.name))),
    words.total,
    words.attended,
    words.booked,
  ]
  const rows = gradebook.rows.map((row) => {
    const cells = cellsById(row)
    return [
      row.student_name,
      ...columns.map((c) => {
        if (c.kind === 'category') return number(categoryPercent(row, c.category.id))
        const view = cellView(cells.get(c.item.id), c.item)
        if (view.kind === 'percent') return number(view.percent)
        if (view.kind === 'btec') return words.btec(view.grade)
        return view.kind === 'missing' ? words.missing : ''
      }),
      number(totalOf(row)),
      String(row.attendance.attended),
      String(row.attendance.booked),
    ]
  })
  return [header, ...rows].map((cells) => cells.map(csvCell).join(',')).join('\r\n') + '\r\n'
}

/** "<course title> gradebook <YYYY-MM-DD>.csv", without the characters a file name may not hold. */
export function csvFileName(courseTitle: string, day: string): string {
  const title =
    courseTitle
      .replace(/[\\/:*?"<>|\p{Cc}]+/gu, ' ')
      .replace(/\s+/g, ' ')
      .trim() || 'Course'
  return `${title} gradebook ${day}.csv`
}

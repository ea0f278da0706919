import type { ImportRow } from '../../../../edge/contract/classes.ts'
import { parseCsv } from './csv.ts'

// A class list as the import reads it: columns name, email, grade, class in that order, or in any
// order under a header row (English or Kiswahili names), which is recognised and not imported.

type Column = keyof ImportRow
const COLUMNS: Column[] = ['name', 'email', 'grade', 'class']

/** Header words for each column (lower case, no punctuation). */
const HEADERS: Record<Column, string[]> = {
  name: ['name', 'full name', 'student', 'student name', 'jina', 'jina kamili', 'mwanafunzi'],
  email: ['email', 'e-mail', 'email address', 'mail', 'barua pepe'],
  grade: ['grade', 'level', 'year', 'form', 'standard', 'kidato', 'gredi'],
  class: ['class', 'class name', 'stream', 'darasa', 'mkondo'],
}

const columnOf = (cell: string): Column | undefined => {
  const word = cell.trim().toLowerCase().replace(/[_*:]/g, ' ').replace(/\s+/g, ' ').trim()
  return COLUMNS.find((c) => HEADERS[c].includes(word))
}

/** A parsed class list: the rows to send, the source line of each, and whether a header was found. */
export interface StudentList {
  rows: ImportRow[]
  lines: number[]
  header: boolean
}

/** Reads a class list; a first row naming at least two of the columns (and no email address) is its header. */
export function readStudentList(text: string): StudentList {
  const parsed = parseCsv(text)
  const first = parsed[0]?.cells ?? []
  const named = first.map(columnOf)
  const header = named.filter(Boolean).length >= 2 && !first.some((c) => c.includes('@'))
  const order: (Column | undefined)[] = header ? named : COLUMNS
  const body = header ? parsed.slice(1) : parsed
  const rows = body.map(({ cells }) => {
    const row: ImportRow = { name: '', email: '' }
    order.forEach((column, i) => {
      const value = (cells[i] ?? '').trim()
      if (column && value !== '' && row[column] === undefined) row[column] = value
      else if (column && value !== '' && (column === 'name' || column === 'email') && row[column] === '')
        row[column] = value
    })
    return row
  })
  return { rows, lines: body.map((r) => r.line), header }
}

import type { ImportRow } from '../../../../edge/contract/classes.ts'
import { parseCsv } from './csv.ts'

// A class list as the import reads it: columns name, email, grade, class in that order, or in any
// order under a header row (English or Kiswahili names), which is recognised and not imported. The
// email column may hold a phone number instead (pupils without email); a separate phone column
// works too. The server reads the numbers (edge/contract/phone-number.ts) and reports bad ones.

type Column = keyof ImportRow
const COLUMNS: Column[] = ['name', 'email', 'grade', 'class']
const ALL_COLUMNS: Column[] = [...COLUMNS, 'phone']

/** Header words for each column (lower case, no punctuation). */
const HEADERS: Record<Column, string[]> = {
  name: ['name', 'full name', 'student', 'student name', 'jina', 'jina kamili', 'mwanafunzi'],
  email: [
    'email',
    'e-mail',
    'email address',
    'mail',
    'barua pepe',
    'email or phone',
    'contact',
    'barua pepe au simu',
    'mawasiliano',
  ],
  phone: [
    'phone',
    'phone number',
    'mobile',
    'mobile number',
    'telephone',
    'tel',
    'parent phone',
    'guardian phone',
    'simu',
    'namba ya simu',
    'nambari ya simu',
    'simu ya mzazi',
  ],
  grade: ['grade', 'level', 'year', 'form', 'standard', 'kidato', 'gredi'],
  class: ['class', 'class name', 'stream', 'darasa', 'mkondo'],
}

const columnOf = (cell: string): Column | undefined => {
  const word = cell.trim().toLowerCase().replace(/[_*:]/g, ' ').replace(/\s+/g, ' ').trim()
  return ALL_COLUMNS.find((c) => HEADERS[c].includes(word))
}

/** A cell that is a phone number: no @, digits with the usual separators. */
const looksLikePhone = (cell: string) => !cell.includes('@') && /^\+?[\d\s\-.()]{7,}$/.test(cell)

/** Where a contact cell goes by what it holds: an address is an email, a number a phone, else its column. */
const contactColumn = (column: 'email' | 'phone', cell: string): Column =>
  cell.includes('@') ? 'email' : looksLikePhone(cell) ? 'phone' : column

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
      const into = column === 'email' || column === 'phone' ? contactColumn(column, value) : column
      if (into && value !== '' && !row[into]) row[into] = value
    })
    return row
  })
  return { rows, lines: body.map((r) => r.line), header }
}

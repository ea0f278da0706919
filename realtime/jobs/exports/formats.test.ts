import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AttendanceRow, ProgressRow } from '../../../edge/contract/reports.ts'
import { drawnText } from '../../../test/pdf-reader.ts'
import { attendanceLayout, type ExportLayout, progressLayout } from './columns.ts'
import { openWriter, PDF_MAX_ROWS, TooManyRows } from './formats.ts'

// The files an export can be, written and read back: CSV with formula-looking names made text,
// XLSX opened by exceljs's reader, PDF with its drawn text extracted; Kiswahili headings. The same for
// the progress report, whose empty averages and BTEC counts are empty cells.

let dir: string
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'kipindi-export-formats-'))
})
afterAll(() => rm(dir, { recursive: true, force: true }))

const rows: AttendanceRow[] = [
  {
    key: null,
    label: '=HYPERLINK("http://x","Wanjiru")',
    detail: 'Grade 7, "East"',
    starts_at: null,
    students: 1,
    booked: 4,
    present: 3,
    minutes: 95,
  },
  {
    key: null,
    label: 'Ōtieno Njoroge',
    detail: null,
    starts_at: null,
    students: 1,
    booked: 2,
    present: 0,
    minutes: 0,
  },
]
const layout = (locale: 'en' | 'sw' = 'en') =>
  attendanceLayout({
    group: 'student',
    locale,
    school: 'Demo Academy',
    fromDay: '2026-11-01',
    toDay: '2026-11-30',
    timeZone: 'Africa/Nairobi',
  })

async function writeRows<Row>(
  name: string,
  format: 'csv' | 'xlsx' | 'pdf',
  l: ExportLayout<Row>,
  rows: Row[],
) {
  const file = path.join(dir, `${name}.${format}`)
  const writer = await openWriter(format, file, l)
  for (const r of rows) await writer.row(l.cells(r))
  await writer.close()
  return file
}

const write = (format: 'csv' | 'xlsx' | 'pdf', locale: 'en' | 'sw' = 'en') =>
  writeRows(`report-${locale}`, format, layout(locale), rows)

describe('export files', () => {
  it('CSV: title, school and period, headings, rows; a formula is text, quotes and commas quoted', async () => {
    const text = await readFile(await write('csv'), 'utf8')
    expect(text.split('\r\n')).toEqual([
      '\uFEFFAttendance by student',
      'Demo Academy · 2026-11-01 to 2026-11-30',
      '',
      'Student,Class,Booked,Present,Attendance %,Minutes in the room',
      `"'=HYPERLINK(""http://x"",""Wanjiru"")","Grade 7, ""East""",4,3,75,95`,
      'Ōtieno Njoroge,No class,2,0,0,0',
      '',
    ])
  })

  it('XLSX: read back with numbers as numbers and the formula-looking name as a string', async () => {
    const book = new ExcelJS.Workbook()
    await book.xlsx.readFile(await write('xlsx', 'sw'))
    const sheet = book.worksheets[0]
    expect(sheet?.name).toBe('Mahudhurio kwa mwanafunzi')
    expect(sheet?.getRow(1).getCell(1).value).toBe('Mahudhurio kwa mwanafunzi')
    expect(sheet?.getRow(2).getCell(1).value).toBe('Demo Academy · 2026-11-01 hadi 2026-11-30')
    expect(sheet?.getRow(4).values).toEqual([
      undefined,
      'Mwanafunzi',
      'Darasa',
      'Waliojiandikisha',
      'Waliohudhuria',
      'Mahudhurio %',
      'Dakika chumbani',
    ])
    const first = sheet?.getRow(5)
    expect(first?.getCell(1).value).toBe('=HYPERLINK("http://x","Wanjiru")')
    expect(first?.getCell(1).formula).toBeUndefined()
    expect([first?.getCell(3).value, first?.getCell(5).value]).toEqual([4, 75])
    expect(sheet?.getRow(6).getCell(2).value).toBe('Bila darasa')
  })

  it('PDF: the title, the period, the headings and the names are drawn', async () => {
    const bytes = new Uint8Array(await readFile(await write('pdf')))
    expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe('%PDF-')
    const text = await drawnText(bytes)
    for (const part of [
      'Attendance by student',
      '2026-11-01 to 2026-11-30',
      'Minutes in the room',
      'Otieno Njoroge',
      '75',
    ]) {
      expect(text).toContain(part)
    }
  })

  it('PDF: refuses more rows than a PDF holds, saying what to use instead', async () => {
    const l = layout()
    const writer = await openWriter('pdf', path.join(dir, 'long.pdf'), l)
    const row = l.cells(rows[1] as AttendanceRow)
    let error: unknown
    try {
      for (let i = 0; i <= PDF_MAX_ROWS; i += 1) await writer.row(row)
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(TooManyRows)
    expect((error as Error).message).toMatch(/XLSX or CSV/)
  }, 60_000)
})

const progressRows: ProgressRow[] = [
  {
    key: null,
    label: '@SUM(A1:A9)',
    detail: null,
    students: 1,
    lessons_published: 10,
    lessons_completed: 4,
    quiz_attempts: 3,
    quizzes_scored: 3,
    quiz_average: 66.7,
    assignments_submitted: 2,
    assignments_graded: 1,
    grades_scored: 1,
    grade_average: 80,
    distinctions: null,
    merits: null,
    passes: null,
    unclassified: null,
  },
  {
    key: null,
    label: 'Wanjiru Kamau',
    detail: '-Grade 7',
    students: 1,
    lessons_published: 0,
    lessons_completed: 0,
    quiz_attempts: 0,
    quizzes_scored: 0,
    quiz_average: null,
    assignments_submitted: 1,
    assignments_graded: 1,
    grades_scored: 0,
    grade_average: null,
    distinctions: 0,
    merits: 1,
    passes: 0,
    unclassified: 0,
  },
]
const progressOf = (locale: 'en' | 'sw') =>
  progressLayout({
    group: 'student',
    locale,
    school: 'Demo Academy',
    fromDay: '2026-11-01',
    toDay: '2026-11-30',
    timeZone: 'Africa/Nairobi',
  })

describe('progress export files', () => {
  it('CSV: the headings, formulas made text, empty cells for nothing scored and no BTEC', async () => {
    const text = await readFile(await writeRows('progress', 'csv', progressOf('en'), progressRows), 'utf8')
    expect(text.split('\r\n')).toEqual([
      '\uFEFFProgress and grades by student',
      'Demo Academy · 2026-11-01 to 2026-11-30',
      '',
      'Student,Class,Lessons published,Lessons done,Completion %,Quiz attempts,Quiz average %,' +
        'Assignments handed in,Assignments graded,Average grade %,Distinction,Merit,Pass,Unclassified',
      "'@SUM(A1:A9),No class,10,4,40,3,66.7,2,1,80,,,,",
      "Wanjiru Kamau,'-Grade 7,0,0,,0,,1,1,,0,1,0,0",
      '',
    ])
  })

  it('XLSX: Kiswahili headings, numbers as numbers, the formula-looking name a string', async () => {
    const book = new ExcelJS.Workbook()
    await book.xlsx.readFile(await writeRows('progress-sw', 'xlsx', progressOf('sw'), progressRows))
    const sheet = book.worksheets[0]
    expect(sheet?.name).toBe('Maendeleo na alama')
    expect(sheet?.getRow(1).getCell(1).value).toBe('Maendeleo na alama kwa mwanafunzi')
    expect(sheet?.getRow(4).values).toEqual([
      undefined,
      'Mwanafunzi',
      'Darasa',
      'Masomo yaliyochapishwa',
      'Masomo yaliyokamilika',
      'Ukamilishaji %',
      'Majaribio ya mazoezi',
      'Wastani wa mazoezi %',
      'Kazi zilizowasilishwa',
      'Kazi zilizosahihishwa',
      'Wastani wa alama %',
      'Distinction',
      'Merit',
      'Pass',
      'Unclassified',
    ])
    const first = sheet?.getRow(5)
    expect(first?.getCell(1).value).toBe('@SUM(A1:A9)')
    expect(first?.getCell(1).formula).toBeUndefined()
    expect([first?.getCell(2).value, first?.getCell(5).value, first?.getCell(7).value]).toEqual([
      'Bila darasa',
      40,
      66.7,
    ])
    expect(first?.getCell(11).value).toBeNull()
    expect(sheet?.getRow(6).getCell(12).value).toBe(1)
  })

  it('PDF: the title, the period, the headings and the rows are drawn', async () => {
    const file = await writeRows('progress', 'pdf', progressOf('en'), progressRows)
    const text = await drawnText(new Uint8Array(await readFile(file)))
    for (const part of [
      'Progress and grades by student',
      '2026-11-01 to 2026-11-30',
      'Wanjiru Kamau',
      '66.7',
      '40',
    ]) {
      expect(text).toContain(part)
    }
  })
})

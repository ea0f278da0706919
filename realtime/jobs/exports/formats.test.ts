import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AttendanceRow } from '../../../edge/contract/reports.ts'
import { drawnText } from '../../../test/pdf-reader.ts'
import { attendanceLayout } from './columns.ts'
import { openWriter, PDF_MAX_ROWS, TooManyRows } from './formats.ts'

// The files an export can be, written and read back: CSV with formula-looking names made text,
// XLSX opened by exceljs's reader, PDF with its drawn text extracted; Kiswahili headings.

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

async function write(format: 'csv' | 'xlsx' | 'pdf', locale: 'en' | 'sw' = 'en') {
  const file = path.join(dir, `report-${locale}.${format}`)
  const l = layout(locale)
  const writer = await openWriter(format, file, l)
  for (const r of rows) await writer.row(l.cells(r))
  await writer.close()
  return file
}

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

// The three files an export can be, each written row by row to a file on disk: CSV (RFC 4180,
// formula-safe cells from edge/contract/csv.ts, a byte order mark so Excel reads UTF-8), XLSX
// (exceljs's streaming writer: each row is flushed as it is added, so memory stays flat for any
// number of rows; text cells are strings, never formulas) and PDF (pdf-lib, pages of a table with
// the title on each; it is built in memory, so a PDF holds at most PDF_MAX_ROWS rows).
import { once } from 'node:events'
import { createWriteStream, type WriteStream } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import ExcelJS from 'exceljs'
import { PDFDocument, type PDFFont, rgb, StandardFonts } from 'pdf-lib'
import { csvLine } from '../../../edge/contract/csv.ts'
import type { ExportFormat } from '../../../edge/contract/reports.ts'
import { drawable, fitText } from '../../../edge/lib/pdf-text.ts'
import type { Cell, ExportHead } from './columns.ts'

export const PDF_MAX_ROWS = 10_000

export interface ExportWriter {
  row(cells: Cell[]): Promise<void>
  /** Finishes the file; nothing is written after. */
  close(): Promise<void>
}

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
}

export function openWriter(format: ExportFormat, file: string, layout: ExportHead): Promise<ExportWriter> {
  if (format === 'csv') return csvWriter(file, layout)
  if (format === 'xlsx') return xlsxWriter(file, layout)
  return pdfWriter(file, layout)
}

async function write(out: WriteStream, chunk: string) {
  if (!out.write(chunk)) await once(out, 'drain')
}

async function csvWriter(file: string, layout: ExportHead): Promise<ExportWriter> {
  const out = createWriteStream(file)
  await write(
    out,
    `\uFEFF${csvLine([layout.title])}${csvLine([layout.subtitle])}\r\n${csvLine(layout.columns)}`,
  )
  return {
    row: (cells) => write(out, csvLine(cells.map((c) => (c === null ? '' : String(c))))),
    async close() {
      out.end()
      await once(out, 'finish')
    },
  }
}

async function xlsxWriter(file: string, layout: ExportHead): Promise<ExportWriter> {
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({
    filename: file,
    useStyles: true,
    useSharedStrings: false,
  })
  const sheet = book.addWorksheet(layout.sheet.slice(0, 31), { views: [{ state: 'frozen', ySplit: 4 }] })
  sheet.columns = layout.widths.map((w) => ({ width: 8 + w * 6 }))
  sheet.addRow([layout.title]).font = { bold: true, size: 14 }
  sheet.addRow([layout.subtitle])
  sheet.addRow([])
  sheet.addRow(layout.columns).font = { bold: true }
  return {
    async row(cells) {
      sheet.addRow(cells).commit()
    },
    async close() {
      sheet.commit()
      await book.commit()
    },
  }
}

const PAGE = { width: 842, height: 595, margin: 36, size: 9, line: 14 } // A4 landscape

async function pdfWriter(file: string, layout: ExportHead): Promise<ExportWriter> {
  const pdf = await PDFDocument.create()
  pdf.setTitle(`${layout.title} · ${layout.subtitle}`)
  const [font, bold] = await Promise.all([
    pdf.embedFont(StandardFonts.Helvetica),
    pdf.embedFont(StandardFonts.HelveticaBold),
  ])
  const total = layout.widths.reduce((a, b) => a + b, 0)
  const usable = PAGE.width - 2 * PAGE.margin
  // Where each column starts, from the left margin.
  const xs = [0]
  for (const w of layout.widths) xs.push((xs.at(-1) ?? 0) + (w / total) * usable)
  let page = pdf.addPage([PAGE.width, PAGE.height])
  let y = 0
  let rows = 0

  // One row of cells in one line each; headings may take three lines and a smaller size, so that a
  // narrow column of figures keeps its words.
  const line = (cells: Cell[], f: PDFFont, heading = false) => {
    let used = 1
    cells.forEach((value, i) => {
      const width = (xs[i + 1] ?? usable) - (xs[i] ?? 0) - 6
      const text = drawable(f, value === null ? '' : String(value))
      const fit = fitText(f, text, {
        max: PAGE.size,
        min: heading ? 6 : PAGE.size,
        width,
        maxLines: heading ? 3 : 1,
      })
      fit.lines.forEach((part, n) => {
        page.drawText(part, { x: PAGE.margin + (xs[i] ?? 0), y: y - n * PAGE.line, size: fit.size, font: f })
      })
      used = Math.max(used, fit.lines.length)
    })
    y -= PAGE.line * used
  }
  const newPage = (first: boolean) => {
    if (!first) page = pdf.addPage([PAGE.width, PAGE.height])
    y = PAGE.height - PAGE.margin - 14
    page.drawText(drawable(bold, layout.title), { x: PAGE.margin, y, size: 14, font: bold })
    y -= 18
    page.drawText(drawable(font, layout.subtitle), {
      x: PAGE.margin,
      y,
      size: 10,
      font,
      color: rgb(0.3, 0.3, 0.3),
    })
    y -= 24
    line(layout.columns, bold, true)
  }
  newPage(true)
  return {
    async row(cells) {
      rows += 1
      if (rows > PDF_MAX_ROWS) throw new TooManyRows()
      if (y < PAGE.margin) newPage(false)
      line(cells, font)
    },
    async close() {
      await writeFile(file, await pdf.save())
    },
  }
}

/** A report too long for a PDF: the export fails with a message saying what to do. */
export class TooManyRows extends Error {
  constructor() {
    super(`A PDF holds at most ${PDF_MAX_ROWS.toLocaleString('en')} rows; export this report as XLSX or CSV.`)
  }
}

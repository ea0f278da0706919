import { PDFDocument, type PDFFont, rgb, StandardFonts } from 'pdf-lib'
import type { PupilSheet } from '../../../../edge/contract/pupils.ts'

// The class sheet: an A4 PDF made in the browser (this module and pdf-lib load only when a teacher
// downloads one) with the school, the class, how to sign in, and a row per pupil with their name,
// admission number, the school code and the first password, with a cut line between rows so each
// pupil can be handed their own slip. The passwords never leave the browser again.

/** The sheet's words in the reader's language. */
export interface SheetWords {
  heading: string
  howTo: string
  firstTime: string
  name: string
  admission: string
  schoolCode: string
  password: string
}

const A4: [number, number] = [595.28, 841.89]
const MARGIN = 48
const INK = rgb(0.1, 0.12, 0.16)
const MUTED = rgb(0.38, 0.42, 0.48)
const LINE = rgb(0.75, 0.78, 0.82)
const ROW = 62

/**
 * Text the standard fonts can draw (WinAnsi only): accents the font lacks are dropped, anything
 * else becomes "?", so a name in another script never breaks the download.
 */
export function drawable(font: PDFFont, text: string): string {
  const known = new Set(font.getCharacterSet())
  return [...text.replace(/\s+/g, ' ').trim()]
    .map((ch) => {
      if (known.has(ch.codePointAt(0) ?? 0)) return ch
      const bare = ch.normalize('NFKD').replace(/\p{M}/gu, '')
      return bare && [...bare].every((c) => known.has(c.codePointAt(0) ?? 0)) ? bare : '?'
    })
    .join('')
}

/** `text` cut with an ellipsis to fit `width` at `size`. */
function clip(font: PDFFont, text: string, size: number, width: number): string {
  if (font.widthOfTextAtSize(text, size) <= width) return text
  let cut = text
  while (cut && font.widthOfTextAtSize(`${cut}…`, size) > width) cut = cut.slice(0, -1)
  return `${cut}…`
}

/** Greedy word wrap into lines no wider than `width`. */
function wrap(font: PDFFont, text: string, size: number, width: number): string[] {
  const lines: string[] = []
  let line = ''
  for (const word of text.split(' ')) {
    const next = line ? `${line} ${word}` : word
    if (!line || font.widthOfTextAtSize(next, size) <= width) line = next
    else {
      lines.push(line)
      line = word
    }
  }
  if (line) lines.push(line)
  return lines
}

/** The class sheet as PDF bytes. */
export async function classSheetPdf(sheet: PupilSheet, words: SheetWords): Promise<Uint8Array> {
  const doc = await PDFDocument.create()
  const regular = await doc.embedFont(StandardFonts.Helvetica)
  const bold = await doc.embedFont(StandardFonts.HelveticaBold)
  const mono = await doc.embedFont(StandardFonts.CourierBold)
  doc.setTitle(drawable(regular, words.heading))
  const width = A4[0] - 2 * MARGIN
  const at = { name: 0, admission: width * 0.4, code: width * 0.6, password: width * 0.76 }
  const columns = [
    { x: at.name, label: words.name },
    { x: at.admission, label: words.admission },
    { x: at.code, label: words.schoolCode },
    { x: at.password, label: words.password },
  ]

  let page = doc.addPage(A4)
  let y = A4[1] - MARGIN
  const text = (t: string, x: number, at: number, font: PDFFont, size: number, color = INK) =>
    page.drawText(drawable(font, t), { x: MARGIN + x, y: at, size, font, color })

  const header = () => {
    text(clip(bold, drawable(bold, words.heading), 16, width), 0, y - 16, bold, 16)
    y -= 36
    for (const line of [...wrap(regular, drawable(regular, words.howTo), 10, width), words.firstTime]) {
      text(line, 0, y, regular, 10, MUTED)
      y -= 14
    }
    y -= 10
    for (const c of columns) text(c.label, c.x, y, bold, 9, MUTED)
    y -= 8
  }
  header()
  for (const pupil of sheet.pupils) {
    if (y - ROW < MARGIN) {
      page = doc.addPage(A4)
      y = A4[1] - MARGIN
      header()
    }
    page.drawLine({
      start: { x: MARGIN, y },
      end: { x: MARGIN + width, y },
      thickness: 0.6,
      color: LINE,
      dashArray: [4, 3],
    })
    const base = y - ROW / 2 - 4
    text(
      clip(regular, drawable(regular, pupil.display_name), 12, at.admission - 8),
      at.name,
      base,
      regular,
      12,
    )
    text(pupil.admission_no, at.admission, base, mono, 12)
    text(sheet.school_code, at.code, base, mono, 12)
    text(pupil.password, at.password, base, mono, 12)
    y -= ROW
  }
  page.drawLine({
    start: { x: MARGIN, y },
    end: { x: MARGIN + width, y },
    thickness: 0.6,
    color: LINE,
    dashArray: [4, 3],
  })
  return doc.save()
}

/** Saves bytes as a file the browser downloads. */
export function saveFile(bytes: Uint8Array, fileName: string, type = 'application/pdf'): void {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type }))
  const link = Object.assign(document.createElement('a'), { href: url, download: fileName })
  document.body.append(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
}

import { PDFDocument, type PDFFont, type PDFPage, rgb, StandardFonts } from 'pdf-lib'
import { COMPETENCY_NAMES, type LogbookEntry, type LogbookSessionNote } from '../../contract/logbook.ts'
import { drawable, wrap } from '../../lib/pdf-text.ts'
import { issuedOn } from '../certificates/pdf.ts'

// A student's logbook of a course as an A4 PDF: the school, course, student and when it was made at
// the top; then each entry (date, title, lesson, competencies, text, files by name, comments) and,
// for teachers, the tutor's session notes. Standard fonts only (nothing to load, the same under Node
// and Deno); text they cannot draw is simplified by `drawable`.

export interface LogbookPdfFacts {
  school_name: string
  course_title: string
  student_name: string
  time_zone: string
  locale: 'en' | 'sw'
  made_at: Date
  entries: LogbookEntry[]
  session_notes: LogbookSessionNote[]
}

const WORDS = {
  en: {
    title: 'Learning logbook',
    made: 'Made',
    lesson: 'Lesson',
    competencies: 'Competencies',
    files: 'Files',
    shared: 'Shared with parents',
    notes: 'Tutor’s session notes',
    none: 'No entries yet.',
  },
  sw: {
    title: 'Shajara ya kujifunza',
    made: 'Imetengenezwa',
    lesson: 'Somo',
    competencies: 'Umahiri',
    files: 'Faili',
    shared: 'Imeshirikiwa wazazi',
    notes: 'Maelezo ya mkufunzi ya vipindi',
    none: 'Hakuna maandiko bado.',
  },
} as const

const A4: [number, number] = [595.28, 841.89]
const MARGIN = 50
const INK = rgb(0.1, 0.12, 0.16)
const MUTED = rgb(0.38, 0.42, 0.48)
const BRAND = rgb(0.05, 0.45, 0.4)

/** Writes lines down the pages, starting a new page when one is full. */
class Writer {
  page: PDFPage
  y: number
  constructor(
    private readonly pdf: PDFDocument,
    private readonly fonts: { regular: PDFFont; bold: PDFFont },
  ) {
    this.page = pdf.addPage(A4)
    this.y = A4[1] - MARGIN
  }

  private room(height: number) {
    if (this.y - height >= MARGIN) return
    this.page = this.pdf.addPage(A4)
    this.y = A4[1] - MARGIN
  }

  text(
    text: string,
    opts: { size?: number; bold?: boolean; color?: ReturnType<typeof rgb>; indent?: number } = {},
  ) {
    const size = opts.size ?? 10
    const font = opts.bold ? this.fonts.bold : this.fonts.regular
    const width = A4[0] - 2 * MARGIN - (opts.indent ?? 0)
    for (const paragraph of text.split(/\n+/)) {
      const clean = drawable(font, paragraph)
      if (!clean) continue
      for (const line of wrap(font, clean, size, width)) {
        this.room(size * 1.4)
        this.y -= size * 1.4
        this.page.drawText(line, {
          x: MARGIN + (opts.indent ?? 0),
          y: this.y,
          size,
          font,
          color: opts.color ?? INK,
        })
      }
    }
  }

  gap(points: number) {
    this.y -= points
  }

  rule() {
    this.room(8)
    this.y -= 6
    this.page.drawLine({
      start: { x: MARGIN, y: this.y },
      end: { x: A4[0] - MARGIN, y: this.y },
      thickness: 0.5,
      color: MUTED,
    })
  }
}

function writeEntry(w: Writer, entry: LogbookEntry, facts: LogbookPdfFacts) {
  const words = WORDS[facts.locale]
  w.rule()
  w.gap(4)
  w.text(issuedOn(new Date(entry.created_at), facts.time_zone), { size: 9, color: MUTED })
  w.text(entry.title, { size: 12, bold: true })
  if (entry.lesson) w.text(`${words.lesson}: ${entry.lesson.title}`, { size: 9, color: MUTED })
  if (entry.competencies.length) {
    const names = entry.competencies.map((c) => COMPETENCY_NAMES[facts.locale][c]).join(', ')
    w.text(`${words.competencies}: ${names}`, { size: 9, color: BRAND })
  }
  if (entry.shared_with_guardians) w.text(words.shared, { size: 9, color: MUTED })
  if (entry.body.trim()) {
    w.gap(2)
    w.text(entry.body)
  }
  if (entry.files.length)
    w.text(`${words.files}: ${entry.files.map((f) => f.name).join(', ')}`, { size: 9, color: MUTED })
  for (const comment of entry.comments) {
    w.gap(2)
    w.text(`${comment.author_name} · ${issuedOn(new Date(comment.created_at), facts.time_zone)}`, {
      size: 9,
      bold: true,
      indent: 16,
    })
    w.text(comment.body, { size: 9, indent: 16 })
  }
  w.gap(6)
}

/** The logbook's PDF bytes. */
export async function renderLogbookPdf(facts: LogbookPdfFacts): Promise<Uint8Array> {
  const words = WORDS[facts.locale]
  const pdf = await PDFDocument.create()
  const [regular, bold] = await Promise.all([
    pdf.embedFont(StandardFonts.Helvetica),
    pdf.embedFont(StandardFonts.HelveticaBold),
  ])
  pdf.setTitle(drawable(regular, `${words.title}: ${facts.student_name} · ${facts.course_title}`))
  pdf.setAuthor(drawable(regular, facts.school_name))
  pdf.setCreator('Kipindi')
  pdf.setCreationDate(facts.made_at)
  const w = new Writer(pdf, { regular, bold })
  w.text(facts.school_name, { size: 10, color: BRAND, bold: true })
  w.text(`${words.title}: ${facts.student_name}`, { size: 18, bold: true })
  w.text(facts.course_title, { size: 12 })
  w.text(`${words.made} ${issuedOn(facts.made_at, facts.time_zone)}`, { size: 9, color: MUTED })
  w.gap(8)
  if (!facts.entries.length) w.text(words.none, { color: MUTED })
  for (const entry of facts.entries) writeEntry(w, entry, facts)
  if (facts.session_notes.length) {
    w.gap(10)
    w.text(words.notes, { size: 14, bold: true })
    for (const note of facts.session_notes) {
      w.rule()
      w.gap(4)
      w.text(`${note.title} · ${issuedOn(new Date(note.starts_at), facts.time_zone)} · ${note.tutor_name}`, {
        size: 9,
        bold: true,
      })
      w.text(note.notes)
    }
  }
  return pdf.save()
}

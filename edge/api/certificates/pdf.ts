import { PDFDocument, type PDFFont, type PDFPage, PDFString, rgb, StandardFonts } from 'pdf-lib'
import { formatCertificateCode } from '../../contract/certificates-values.ts'
import { drawable, fitText } from '../../lib/pdf-text.ts'

// A certificate of completion as a one-page A4 landscape PDF, drawn with pdf-lib's standard fonts
// (nothing to load: the api function stays small and runs the same under Node and Deno). The
// verification address is printed and also a link, so a reader of the file can click through.

/** What the page shows. */
export interface CertificateFacts {
  code: string
  student_name: string
  course_title: string
  school_name: string
  issued_at: Date
  /** The school's time zone: the date printed is the school's day. */
  time_zone: string
  /** `<site>/verify/<code>`. */
  verify_url: string
}

const A4_LANDSCAPE: [number, number] = [841.89, 595.28]
const INK = rgb(0.1, 0.12, 0.16)
const MUTED = rgb(0.38, 0.42, 0.48)
const BRAND = rgb(0.05, 0.45, 0.4)

/** The date as the school's day, e.g. "6 December 2026" (an unknown zone falls back to UTC). */
export function issuedOn(date: Date, timeZone: string): string {
  const options: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'long', year: 'numeric' }
  try {
    return new Intl.DateTimeFormat('en-GB', { ...options, timeZone }).format(date)
  } catch {
    return new Intl.DateTimeFormat('en-GB', { ...options, timeZone: 'UTC' }).format(date)
  }
}

/** Draws lines centred on the page from `top` down; returns the y below the last line. */
function centred(page: PDFPage, font: PDFFont, lines: string[], size: number, top: number, color = INK) {
  let y = top
  for (const line of lines) {
    y -= size
    page.drawText(line, {
      x: (page.getWidth() - font.widthOfTextAtSize(line, size)) / 2,
      y,
      size,
      font,
      color,
    })
    y -= size * 0.3
  }
  return y
}

/** The certificate's PDF bytes. */
export async function renderCertificatePdf(facts: CertificateFacts): Promise<Uint8Array> {
  const pdf = await PDFDocument.create()
  const [sans, sansBold, serifBold, serifItalic] = await Promise.all([
    pdf.embedFont(StandardFonts.Helvetica),
    pdf.embedFont(StandardFonts.HelveticaBold),
    pdf.embedFont(StandardFonts.TimesRomanBold),
    pdf.embedFont(StandardFonts.TimesRomanBoldItalic),
  ])
  const page = pdf.addPage(A4_LANDSCAPE)
  const { width, height } = page.getSize()
  const text = (font: PDFFont, s: string) => drawable(font, s)
  const code = formatCertificateCode(facts.code)

  pdf.setTitle(`Certificate of completion: ${text(sans, facts.course_title)}`)
  pdf.setAuthor(text(sans, facts.school_name))
  pdf.setSubject(`Verification code ${code}`)
  pdf.setKeywords(['certificate', facts.code])
  pdf.setCreator('Kipindi')
  pdf.setCreationDate(facts.issued_at)

  page.drawRectangle({
    x: 24,
    y: 24,
    width: width - 48,
    height: height - 48,
    borderColor: BRAND,
    borderWidth: 3,
  })
  page.drawRectangle({
    x: 34,
    y: 34,
    width: width - 68,
    height: height - 68,
    borderColor: BRAND,
    borderWidth: 0.8,
  })

  const inner = width - 160
  const school = fitText(sansBold, text(sansBold, facts.school_name).toUpperCase(), {
    max: 18,
    min: 10,
    width: inner,
    maxLines: 1,
  })
  let y = centred(page, sansBold, school.lines, school.size, height - 70, BRAND)
  y = centred(page, serifBold, ['Certificate of completion'], 38, y - 22)
  y = centred(page, sans, ['Cheti cha kukamilisha kozi'], 12, y - 2, MUTED)
  y = centred(page, sans, ['This certifies that'], 14, y - 26, MUTED)
  const name = fitText(serifItalic, text(serifItalic, facts.student_name), {
    max: 36,
    min: 16,
    width: inner,
    maxLines: 2,
  })
  y = centred(page, serifItalic, name.lines, name.size, y - 12)
  page.drawLine({
    start: { x: width / 2 - 180, y: y - 4 },
    end: { x: width / 2 + 180, y: y - 4 },
    thickness: 0.6,
    color: MUTED,
  })
  y = centred(page, sans, ['has completed the course'], 14, y - 20, MUTED)
  const course = fitText(sansBold, text(sansBold, facts.course_title), {
    max: 24,
    min: 12,
    width: inner,
    maxLines: 3,
  })
  y = centred(page, sansBold, course.lines, course.size, y - 10)
  centred(page, sans, [`Issued on ${issuedOn(facts.issued_at, facts.time_zone)}`], 13, y - 18)

  const url = text(sans, facts.verify_url)
  centred(page, sansBold, [`Verification code: ${code}`], 11, 96)
  const urlSize = Math.min(10, (inner / Math.max(1, sans.widthOfTextAtSize(url, 10))) * 10)
  centred(page, sans, [`Check this certificate at ${url}`], urlSize, 78, MUTED)
  linkTo(pdf, page, facts.verify_url, [80, 60, width - 80, 100])

  return pdf.save({ useObjectStreams: false })
}

/** A clickable area of the page opening `url`. */
function linkTo(pdf: PDFDocument, page: PDFPage, url: string, rect: [number, number, number, number]) {
  const link = pdf.context.obj({
    Type: 'Annot',
    Subtype: 'Link',
    Rect: rect,
    Border: [0, 0, 0],
    A: { Type: 'Action', S: 'URI', URI: PDFString.of(url) },
  })
  page.node.addAnnot(pdf.context.register(link))
}

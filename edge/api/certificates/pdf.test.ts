import { PDFDocument, StandardFonts } from 'pdf-lib'
import { describe, expect, it } from 'vitest'
import { drawnText } from '../../../test/pdf-reader.ts'
import { drawable, fitText } from '../../lib/pdf-text.ts'
import { issuedOn, renderCertificatePdf } from './pdf.ts'

const FACTS = {
  code: 'ABCDEFGHJKLM',
  student_name: 'Wanjiru Kamau',
  course_title: 'Grade 6 Mathematics',
  school_name: 'Mwangaza Academy',
  issued_at: new Date('2026-12-06T22:30:00Z'),
  time_zone: 'Africa/Nairobi',
  verify_url: 'http://127.0.0.1:54321/verify/ABCDEFGHJKLM',
}

describe('renderCertificatePdf', () => {
  it('is a one-page A4 landscape PDF with the names, the date, the code and the address', async () => {
    const bytes = await renderCertificatePdf(FACTS)
    expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe('%PDF-')
    const doc = await PDFDocument.load(bytes)
    expect(doc.getPageCount()).toBe(1)
    const { width, height } = doc.getPage(0).getSize()
    expect([Math.round(width), Math.round(height)]).toEqual([842, 595])
    const text = await drawnText(bytes)
    for (const part of [
      'MWANGAZA ACADEMY',
      'Certificate of completion',
      'Wanjiru Kamau',
      'Grade 6 Mathematics',
      // 22:30 UTC is already the 7th in Nairobi.
      'Issued on 7 December 2026',
      'Verification code: ABCD-EFGH-JKLM',
      'Check this certificate at http://127.0.0.1:54321/verify/ABCDEFGHJKLM',
    ]) {
      expect(text).toContain(part)
    }
    // The address is also a link, in plain text in the file.
    expect(new TextDecoder('latin1').decode(bytes)).toContain(
      '/URI (http://127.0.0.1:54321/verify/ABCDEFGHJKLM)',
    )
  })

  it('draws any name: accents it lacks are dropped, other scripts become "?"', async () => {
    const bytes = await renderCertificatePdf({ ...FACTS, student_name: 'Ŵambui Ñjoki 王' })
    expect(await drawnText(bytes)).toContain('Wambui Ñjoki ?')
  })

  it('fits a long title on at most three lines, cutting it only at the smallest size', async () => {
    const doc = await PDFDocument.create()
    const font = await doc.embedFont(StandardFonts.HelveticaBold)
    const short = fitText(font, 'Fractions', { max: 24, min: 12, width: 680, maxLines: 3 })
    expect(short).toEqual({ size: 24, lines: ['Fractions'] })
    const long = fitText(font, 'Word '.repeat(60).trim(), { max: 24, min: 12, width: 680, maxLines: 3 })
    expect(long.lines.length).toBeLessThanOrEqual(3)
    for (const line of long.lines) expect(font.widthOfTextAtSize(line, long.size)).toBeLessThanOrEqual(680)
    const huge = fitText(font, 'Word '.repeat(400).trim(), { max: 24, min: 12, width: 680, maxLines: 3 })
    expect(huge.size).toBe(12)
    expect(huge.lines).toHaveLength(3)
    expect(huge.lines[2]?.endsWith('…')).toBe(true)
    expect(drawable(font, '  two\n lines ')).toBe('two lines')
  })

  it('prints the school’s day, in UTC when its zone is unknown', () => {
    expect(issuedOn(new Date('2026-12-06T22:30:00Z'), 'Africa/Nairobi')).toBe('7 December 2026')
    expect(issuedOn(new Date('2026-12-06T22:30:00Z'), 'Nowhere/Else')).toBe('6 December 2026')
  })
})

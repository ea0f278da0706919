import { PDFDocument } from 'pdf-lib'
import { describe, expect, it } from 'vitest'
import { drawnText } from '../../../../test/pdf-reader.ts'
import { classSheetPdf } from './class-sheet.ts'

const WORDS = {
  heading: 'Mwangaza Academy · Grade 2 Blue',
  howTo: 'Go to http://127.0.0.1:3000/signin, choose "School code", and type the school code.',
  firstTime: 'The first time, you choose a new password of your own.',
  name: 'Name',
  admission: 'Admission number',
  schoolCode: 'School code',
  password: 'First password',
}

const pupil = (n: number, name = `Pupil ${n}`) => ({
  user_id: '10000000-0000-4000-a000-000000000001',
  display_name: name,
  admission_no: `2024/${n}`,
  password: `twiga-mvua-${String(n).padStart(3, '0')}`,
})

describe('classSheetPdf', () => {
  it('prints each pupil’s name, admission number, the school code and the first password', async () => {
    const bytes = await classSheetPdf(
      {
        school_name: 'Mwangaza Academy',
        school_code: 'K7MXQ4',
        class_name: 'Grade 2 Blue',
        pupils: [pupil(1, 'Amani Ötieno'), pupil(2, 'Zawadi 王')],
      },
      WORDS,
    )
    expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe('%PDF-')
    const text = await drawnText(bytes)
    for (const part of [
      'Grade 2 Blue',
      'Amani Ötieno',
      'Zawadi ?',
      '2024/1',
      '2024/2',
      'K7MXQ4',
      'twiga-mvua-002',
    ]) {
      expect(text).toContain(part)
    }
  })

  it('goes on to more pages for a big class, repeating the heading', async () => {
    const pupils = Array.from({ length: 30 }, (_, i) => pupil(i + 1))
    const bytes = await classSheetPdf(
      { school_name: 'S', school_code: 'K7MXQ4', class_name: 'C', pupils },
      WORDS,
    )
    const doc = await PDFDocument.load(bytes)
    expect(doc.getPageCount()).toBeGreaterThan(1)
    const text = await drawnText(bytes)
    expect(text).toContain('2024/30')
    expect(text.split('Admission number').length - 1).toBe(doc.getPageCount())
  })
})

import { describe, expect, it } from 'vitest'
import { checkSubmission, PHOTO_TYPES, submissionFiles } from './submit-form.ts'

const words = {
  empty: 'empty',
  tooLong: (max: number) => `max ${max}`,
  tooMany: (max: number) => `files ${max}`,
}
const file = {
  path: 'assignment-files/t/a/u/1234abcd-essay.pdf',
  name: 'essay.pdf',
  size: 10,
  type: 'application/pdf',
}

describe('where submission files go', () => {
  it("is the student's own folder of the assignment, five files in all", () => {
    const rules = submissionFiles('t', 'a', 'u', 2)
    expect(rules).toMatchObject({ bucket: 'assignment-files', folder: 't/a/u', max: 3 })
    expect(rules.accept).toContain('application/pdf')
    expect(submissionFiles('t', 'a', 'u', 7).max).toBe(0)
    expect(PHOTO_TYPES).toEqual(['image/jpeg', 'image/png', 'image/webp'])
  })
})

describe('a submission', () => {
  it('sends the text and the files the assignment takes', () => {
    expect(
      checkSubmission({ text: ' My essay ', files: [file], allowText: true, allowFiles: true }, words),
    ).toEqual({
      ok: true,
      data: { body: 'My essay', files: [{ path: file.path, name: 'essay.pdf' }] },
    })
    expect(
      checkSubmission({ text: 'ignored', files: [file], allowText: false, allowFiles: true }, words),
    ).toEqual({
      ok: true,
      data: { files: [{ path: file.path, name: 'essay.pdf' }] },
    })
  })

  it('needs something, said where the student can act', () => {
    expect(checkSubmission({ text: '  ', files: [], allowText: true, allowFiles: true }, words)).toEqual({
      ok: false,
      errors: { body: 'empty' },
    })
    expect(checkSubmission({ text: '', files: [], allowText: false, allowFiles: true }, words)).toEqual({
      ok: false,
      errors: { files: 'empty' },
    })
  })

  it('keeps within the limits', () => {
    const many = Array.from({ length: 6 }, () => file)
    expect(
      checkSubmission({ text: 'x'.repeat(50_001), files: many, allowText: true, allowFiles: true }, words),
    ).toEqual({
      ok: false,
      errors: { body: 'max 50000', files: 'files 5' },
    })
  })
})

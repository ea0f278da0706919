import { describe, expect, it } from 'vitest'
import { checkSponsorship, toggleChosen, totalMinor } from './sponsorship-form.ts'

const words = {
  partnerRequired: 'partner',
  organisationRequired: 'organisation',
  organisationLong: 'long',
  courseRequired: 'course',
  free: 'free',
  studentsRequired: 'students',
  tooMany: 'many',
}
const a = { id: 'a', name: 'Amina' }
const b = { id: 'b', name: 'Baraka' }

describe('choosing students', () => {
  it('adds, takes out again, and stops at the most seats', () => {
    expect(toggleChosen([], a)).toEqual([a])
    expect(toggleChosen([a, b], a)).toEqual([b])
    expect(toggleChosen([a], b, 1)).toEqual([a])
  })
})

describe('checking a new sponsorship', () => {
  it('names every missing value at its field', () => {
    const result = checkSponsorship(
      { sponsorId: '', organisation: ' x ', courseId: '', chosen: [], priced: false },
      words,
    )
    expect(result).toEqual({
      ok: false,
      errors: {
        sponsor_id: 'partner',
        organisation: 'organisation',
        course_id: 'course',
        student_ids: 'students',
      },
    })
  })

  it('refuses a course without a price and a name over 200 characters', () => {
    const result = checkSponsorship(
      { sponsorId: 'p', organisation: 'x'.repeat(201), courseId: 'c', chosen: [a], priced: false },
      words,
    )
    expect(result).toEqual({ ok: false, errors: { organisation: 'long', course_id: 'free' } })
  })

  it('answers the body the API takes, the name trimmed', () => {
    const result = checkSponsorship(
      { sponsorId: 'p', organisation: '  Mwangaza Foundation ', courseId: 'c', chosen: [a, b], priced: true },
      words,
    )
    expect(result).toEqual({
      ok: true,
      data: { sponsor_id: 'p', organisation: 'Mwangaza Foundation', course_id: 'c', student_ids: ['a', 'b'] },
    })
    expect(totalMinor(150_000, 3)).toBe(450_000)
  })
})

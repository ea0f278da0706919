import { describe, expect, it } from 'vitest'
import { MyProfile, UpdateProfileBody } from '../../../../edge/contract/profiles.ts'
import { toBody, toDraft } from './profile-draft.ts'

const saved = MyProfile.parse({
  phone: '+254712345678',
  contacts: [{ kind: 'telegram', value: '@amina' }],
  county: null,
  city: 'Nakuru',
  country: 'KE',
  bio: null,
  time_zone: 'Africa/Nairobi',
  headline: null,
  qualifications: [{ title: 'BEd', institution: null, year: 2016 }],
  experience: [{ role: 'Teacher', organisation: 'Naivasha High', start_year: 2017, end_year: null }],
  visibility: {
    phone: 'staff',
    contacts: 'staff',
    county: 'staff',
    city: 'school',
    country: 'school',
    bio: 'school',
    time_zone: 'school',
    language: 'school',
    headline: 'school',
    qualifications: 'school',
    experience: 'school',
  },
  student_private: false,
  updated_at: null,
})

describe('profile draft', () => {
  it('round-trips a saved profile into a body the contract accepts unchanged', () => {
    const body = UpdateProfileBody.parse(toBody(toDraft(saved), true))
    expect(body).toMatchObject({
      phone: '+254712345678',
      county: null,
      city: 'Nakuru',
      qualifications: [{ title: 'BEd', institution: null, year: 2016 }],
      experience: [{ role: 'Teacher', organisation: 'Naivasha High', start_year: 2017, end_year: null }],
      visibility: saved.visibility,
    })
  })

  it('sends blanks as none, typed years as numbers the contract checks, and no visibility for a student', () => {
    const draft = toDraft(saved)
    draft.phone = '  '
    draft.qualifications[0].year = '20x6'
    const body = toBody(draft, false)
    expect(body.phone).toBeNull()
    expect('visibility' in body).toBe(false)
    const checked = UpdateProfileBody.safeParse(body)
    expect(checked.success).toBe(false)
    expect(checked.error?.issues.map((i) => i.path.join('.'))).toEqual(['qualifications.0.year'])
  })
})

import { describe, expect, it } from 'vitest'
import { changedFields, type EditableSession, reschedules } from './tutoring-changes.ts'

const session: EditableSession = {
  title: 'Fractions clinic',
  description: 'Bring a ruler.',
  course_id: null,
  starts_at: '2026-12-10T13:00:00+00:00',
  duration_minutes: 60,
  capacity: 3,
  waiting_room: false,
}

describe('changedFields', () => {
  it('is empty when nothing changed, whatever the offset of the same start', () => {
    expect(changedFields(session, { ...session, starts_at: '2026-12-10T16:00:00+03:00' })).toEqual({})
  })

  it('ignores spaces around the title and description', () => {
    expect(
      changedFields(session, { ...session, title: ' Fractions clinic ', description: 'Bring a ruler. ' }),
    ).toEqual({})
  })

  it('keeps only the fields that differ', () => {
    const next = { ...session, starts_at: '2026-12-11T16:00:00+03:00', capacity: 5, course_id: 'c1' }
    expect(changedFields(session, next)).toEqual({
      starts_at: '2026-12-11T16:00:00+03:00',
      capacity: 5,
      course_id: 'c1',
    })
  })

  it('sends a course taken away as null', () => {
    expect(changedFields({ ...session, course_id: 'c1' }, session)).toEqual({ course_id: null })
  })
})

describe('reschedules', () => {
  it('is true for a new start or length only', () => {
    expect(reschedules({ starts_at: '2026-12-11T13:00:00Z' })).toBe(true)
    expect(reschedules({ duration_minutes: 90 })).toBe(true)
    expect(reschedules({ capacity: 4, title: 'x' })).toBe(false)
  })
})

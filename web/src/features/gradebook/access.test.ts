import { describe, expect, it } from 'vitest'
import { gradesView } from './access.ts'
import { childrenInCourse, chosenChild } from './children.ts'

const none = { edit: false, read_draft: false, manage: false, enrolled: false }

describe('gradesView', () => {
  it('sends teachers to the gradebook, students and parents to their grades, others nowhere', () => {
    expect(gradesView('admin', { ...none, read_draft: true })).toBe('teacher')
    expect(gradesView('instructor', none)).toBe('teacher')
    expect(gradesView('student', { ...none, enrolled: true })).toBe('student')
    expect(gradesView('parent', none)).toBe('parent')
    expect(gradesView('student', none)).toBeUndefined()
    expect(gradesView('partner', none)).toBeUndefined()
  })
})

describe('a parent’s children', () => {
  const kids = [
    { user_id: 'a', display_name: 'Amina', course_ids: ['c1'], courses: [] },
    { user_id: 'b', display_name: 'Baraka', course_ids: ['c2'], courses: [] },
    { user_id: 'c', display_name: 'Chiku', course_ids: ['c1', 'c2'], courses: [] },
  ]

  it('offers those in the course, the one asked for or else the first', () => {
    const inCourse = childrenInCourse(kids, 'c1')
    expect(inCourse.map((k) => k.user_id)).toEqual(['a', 'c'])
    expect(chosenChild(inCourse, 'c')?.user_id).toBe('c')
    expect(chosenChild(inCourse, 'b')?.user_id).toBe('a')
    expect(chosenChild([], undefined)).toBeUndefined()
  })
})

import { describe, expect, it } from 'vitest'
import { canCreateCourses, canEnrolStudents, lessonHref } from './course-roles.ts'

describe('course roles', () => {
  it('lets teachers and admins create courses, not students, staff or parents', () => {
    expect(canCreateCourses('instructor')).toBe(true)
    expect(canCreateCourses('admin')).toBe(true)
    expect(canCreateCourses('owner')).toBe(true)
    expect(canCreateCourses('student')).toBe(false)
    expect(canCreateCourses('staff')).toBe(false)
    expect(canCreateCourses(null)).toBe(false)
  })

  it('lets instructors and course managers enrol students', () => {
    expect(canEnrolStudents('instructor', false)).toBe(true)
    expect(canEnrolStudents('admin', true)).toBe(true)
    expect(canEnrolStudents('staff', false)).toBe(false)
    expect(canEnrolStudents('student', false)).toBe(false)
  })

  it('opens the editor for draft readers and the published lesson for everyone else', () => {
    expect(lessonHref('demo', 'l1', true)).toBe('/t/demo/lessons/l1/edit')
    expect(lessonHref('demo', 'l1', false)).toBe('/t/demo/lessons/l1')
  })
})

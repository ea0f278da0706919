import { describe, expect, it } from 'vitest'
import { TicketContext } from '../../../../edge/contract/support.ts'
import { schoolSlugOf } from '../../lib/navigation.ts'
import { contextLinks, isSupportStaff, pageLabel, ticketContextFor } from './support-context.ts'

const COURSE = '3b0f1a52-6d0e-4a57-9a63-0c1f4f3f2a10'
const LESSON = '7c9e6679-7425-40de-944b-e07fc1f90ae7'

describe('Help button context', () => {
  it('finds the school of a path', () => {
    expect(schoolSlugOf('/t/demo-academy/courses')).toBe('demo-academy')
    expect(schoolSlugOf('/t/demo-academy')).toBe('demo-academy')
    expect(schoolSlugOf('/app')).toBeUndefined()
  })

  it('labels the page by its title', () => {
    expect(pageLabel('Courses · Kipindi Demo Academy · Kipindi')).toBe('Courses · Kipindi Demo Academy')
    expect(pageLabel('Kipindi')).toBe('Kipindi')
    expect(pageLabel('  ')).toBeUndefined()
  })

  it('attaches the page, and the course or lesson when on one', () => {
    expect(ticketContextFor(`/t/demo-academy/courses/${COURSE}/edit`, 'Edit · Kipindi')).toEqual({
      page: `/t/demo-academy/courses/${COURSE}/edit`,
      label: 'Edit',
      course_id: COURSE,
    })
    const lesson = ticketContextFor(`/t/demo-academy/lessons/${LESSON}`, 'Halves · Kipindi')
    expect(lesson).toMatchObject({ lesson_id: LESSON })
    expect(ticketContextFor('/t/demo-academy/courses/new', 'New course · Kipindi').course_id).toBeUndefined()
    // Whatever the page, the context passes the contract the API checks.
    expect(TicketContext.safeParse(lesson).success).toBe(true)
    expect(
      TicketContext.safeParse(ticketContextFor(`/t/x/${'a'.repeat(600)}`, 'y'.repeat(300))).success,
    ).toBe(true)
  })

  it('links staff only to paths of this site', () => {
    expect(
      contextLinks({ page: '/t/demo-academy/courses', label: 'Courses', course_id: COURSE }, 'demo-academy'),
    ).toEqual([
      { label: 'Courses (/t/demo-academy/courses)', href: '/t/demo-academy/courses' },
      { label: 'Course', href: `/t/demo-academy/courses/${COURSE}` },
    ])
    expect(contextLinks({ page: '//evil.example/x' }, 's')).toEqual([])
    expect(contextLinks({ page: 'https://evil.example' }, 's')).toEqual([])
    expect(contextLinks({ course_id: 'javascript:alert(1)' }, 's')).toEqual([])
    expect(contextLinks({ session_id: LESSON }, 'demo-academy')).toEqual([
      { label: 'Tutoring session', href: `/t/demo-academy/sessions/${LESSON}` },
    ])
  })

  it('knows who works the desk', () => {
    expect(isSupportStaff('staff')).toBe(true)
    expect(isSupportStaff('owner')).toBe(true)
    expect(isSupportStaff('student')).toBe(false)
    expect(isSupportStaff(null)).toBe(false)
  })
})

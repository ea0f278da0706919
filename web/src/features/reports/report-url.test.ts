import { describe, expect, it } from 'vitest'
import { filtersOf, queryOf, reportsFor, searchOf, switchTo, viewOf } from './report-url.ts'

const COURSE = '40000000-0000-4000-a000-000000000001'

describe('the report in the URL', () => {
  it('reads filters and drops what is not valid', () => {
    expect(
      viewOf({ from: '2026-11-01', to: 'soon', group: 'student', course: COURSE, class: 'x', page: '3' }),
    ).toEqual({
      report: 'attendance',
      from: '2026-11-01',
      to: undefined,
      group: 'student',
      course: COURSE,
      class: undefined,
      page: 3,
    })
    expect(viewOf({ group: 'teacher', page: '-2' })).toMatchObject({ group: 'session', page: 1 })
  })

  it('writes only what differs from the defaults, and round-trips', () => {
    const view = viewOf({ to: '2026-11-30', group: 'seat', page: '2' })
    expect(searchOf(view)).toEqual({
      report: undefined,
      from: undefined,
      to: '2026-11-30',
      group: 'seat',
      course: undefined,
      class: undefined,
      page: '2',
    })
    expect(viewOf(searchOf(view) as Record<string, string>)).toEqual(view)
    expect(Object.values(searchOf(viewOf({}))).every((v) => v === undefined)).toBe(true)
  })

  it('asks the API for the page, and exports all rows', () => {
    const view = viewOf({ group: 'class', page: '3', course: COURSE })
    expect(queryOf(view)).toEqual({ group: 'class', course: COURSE, limit: 50, offset: 100 })
    expect(filtersOf(view)).toEqual({ group: 'class', course: COURSE })
  })

  it('keeps the progress report with its own groupings, by course by default', () => {
    const view = viewOf({ report: 'progress', group: 'enrolment', from: '2026-11-01' })
    expect(view).toMatchObject({ report: 'progress', group: 'enrolment', from: '2026-11-01' })
    expect(searchOf(view)).toMatchObject({ report: 'progress', group: 'enrolment' })
    expect(viewOf({ report: 'progress', group: 'seat' }).group).toBe('course')
    expect(searchOf(viewOf({ report: 'progress', group: 'course' })).group).toBeUndefined()
    expect(viewOf({ report: 'grades' }).report).toBe('attendance')
  })

  it('switches report keeping the period, course and class, at the first page of its default grouping', () => {
    const view = viewOf({ group: 'seat', from: '2026-11-01', class: COURSE, page: '4' })
    expect(switchTo(view, 'progress')).toEqual({
      report: 'progress',
      group: 'course',
      from: '2026-11-01',
      to: undefined,
      course: undefined,
      class: COURSE,
      page: 1,
    })
    expect(switchTo(switchTo(view, 'progress'), 'attendance').group).toBe('session')
  })

  it('keeps the payments report without a class, by payment by default', () => {
    const view = viewOf({ report: 'payments', group: 'course', class: COURSE, course: COURSE })
    expect(view).toMatchObject({ report: 'payments', group: 'course', class: undefined, course: COURSE })
    expect(filtersOf(view)).toEqual({ group: 'course', course: COURSE })
    expect(viewOf({ report: 'payments', group: 'session' }).group).toBe('payment')
    const other = switchTo(viewOf({ class: COURSE, group: 'student' }), 'payments')
    expect([other.group, other.class]).toEqual(['payment', undefined])
  })

  it('keeps the support desk report without course or class, by agent by default', () => {
    const view = viewOf({ report: 'support', group: 'ticket', course: COURSE, class: COURSE, page: '2' })
    expect(view).toMatchObject({ report: 'support', group: 'ticket', course: undefined, class: undefined })
    expect(queryOf(view)).toEqual({ group: 'ticket', limit: 50, offset: 50 })
    expect(searchOf(viewOf({ report: 'support', group: 'agent' }))).toMatchObject({
      report: 'support',
      group: undefined,
    })
    expect(viewOf({ report: 'support', group: 'course' }).group).toBe('agent')
    const other = switchTo(viewOf({ from: '2026-11-01', course: COURSE, class: COURSE }), 'support')
    expect(other).toEqual({ report: 'support', group: 'agent', from: '2026-11-01', page: 1 })
  })

  it('keeps the AI tutor report with a course but no class, by course by default', () => {
    const view = viewOf({ report: 'tutor', group: 'provider', course: COURSE, class: COURSE })
    expect(view).toMatchObject({ report: 'tutor', group: 'provider', course: COURSE, class: undefined })
    expect(filtersOf(view)).toEqual({ group: 'provider', course: COURSE })
    expect(viewOf({ report: 'tutor', group: 'seat' }).group).toBe('course')
    const back = switchTo(switchTo(viewOf({ course: COURSE, class: COURSE }), 'tutor'), 'progress')
    expect([back.group, back.course, back.class]).toEqual(['course', COURSE, undefined])
  })

  it('offers each role the reports it may read', () => {
    expect(reportsFor('owner')).toEqual(['attendance', 'progress', 'payments', 'support', 'tutor'])
    expect(reportsFor('staff')).toEqual(['attendance', 'progress', 'support'])
    expect(reportsFor('instructor')).toEqual(['attendance', 'progress', 'tutor'])
    expect(reportsFor('student')).toEqual(['attendance', 'progress'])
    expect(reportsFor(null)).toEqual(['attendance', 'progress'])
  })
})

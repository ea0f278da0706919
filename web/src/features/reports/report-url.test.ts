import { describe, expect, it } from 'vitest'
import { filtersOf, queryOf, searchOf, viewOf } from './report-url.ts'

const COURSE = '40000000-0000-4000-a000-000000000001'

describe('the attendance report in the URL', () => {
  it('reads filters and drops what is not valid', () => {
    expect(
      viewOf({ from: '2026-11-01', to: 'soon', group: 'student', course: COURSE, class: 'x', page: '3' }),
    ).toEqual({
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
      from: undefined,
      to: '2026-11-30',
      group: 'seat',
      course: undefined,
      class: undefined,
      page: '2',
    })
    expect(viewOf(searchOf(view) as Record<string, string>)).toEqual(view)
    expect(searchOf(viewOf({}))).toEqual({
      from: undefined,
      to: undefined,
      group: undefined,
      course: undefined,
      class: undefined,
      page: undefined,
    })
  })

  it('asks the API for the page, and exports all rows', () => {
    const view = viewOf({ group: 'class', page: '3', course: COURSE })
    expect(queryOf(view)).toEqual({ group: 'class', course: COURSE, limit: 50, offset: 100 })
    expect(filtersOf(view)).toEqual({ group: 'class', course: COURSE })
  })
})

import { describe, expect, it } from 'vitest'
import { readMemberFilters } from './member-filters.ts'

describe('readMemberFilters', () => {
  it('reads the search, the role and the page from the URL', () => {
    expect(readMemberFilters({ q: ' wanjiku ', role: 'student', page: '3' })).toEqual({
      q: 'wanjiku',
      role: 'student',
      page: 3,
    })
  })

  it('reads what it does not know as no filter and the first page', () => {
    expect(readMemberFilters({})).toEqual({ q: '', role: undefined, page: 1 })
    expect(readMemberFilters({ role: 'teacher', page: '-2' })).toEqual({ q: '', role: undefined, page: 1 })
    expect(readMemberFilters({ page: 'two' }).page).toBe(1)
  })
})

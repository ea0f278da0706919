import { describe, expect, it } from 'vitest'
import { detailLines } from './audit-details.ts'
import { auditQuery, isFiltered, readAuditFilters } from './audit-filters.ts'

describe('readAuditFilters', () => {
  it('keeps the filters the API accepts and drops the rest', () => {
    const id = '10000000-0000-4000-A000-000000000001'
    expect(
      readAuditFilters({
        action: 'member',
        actor: id,
        target: 'user',
        from: '2026-12-01',
        to: '2026-12-06',
        before: '42',
      }),
    ).toEqual({
      action: 'member',
      actor: id.toLowerCase(),
      target_type: 'user',
      from: '2026-12-01',
      to: '2026-12-06',
      before: 42,
    })
    expect(
      readAuditFilters({ action: "x'; drop", actor: 'me', target: 'User!', from: 'yesterday', before: '-3' }),
    ).toEqual({
      action: undefined,
      actor: undefined,
      target_type: undefined,
      from: undefined,
      to: undefined,
      before: undefined,
    })
  })

  it('tells a filtered view from the plain log, whatever the page', () => {
    expect(isFiltered(readAuditFilters({ before: '10' }))).toBe(false)
    expect(isFiltered(readAuditFilters({ to: '2026-12-06' }))).toBe(true)
    expect(auditQuery(readAuditFilters({ action: 'auth', before: '9' }))).toMatchObject({
      action: 'auth',
      before: 9,
    })
  })
})

describe('detailLines', () => {
  it('shows a single change, and named changes, as before → after', () => {
    expect(detailLines({ from: 'student', to: 'staff' })).toEqual([
      { field: '', before: 'student', after: 'staff' },
    ])
    expect(detailLines({ name: { from: 'Old', to: 'New' }, slug: { from: 'a', to: 'b' } })).toEqual([
      { field: 'name', before: 'Old', after: 'New' },
      { field: 'slug', before: 'a', after: 'b' },
    ])
  })

  it('shows other facts as they are', () => {
    expect(detailLines({ role: 'student', count: 3, gone: null })).toEqual([
      { field: 'role', value: 'student' },
      { field: 'count', value: '3' },
      { field: 'gone', value: '' },
    ])
    expect(detailLines({})).toEqual([])
  })
})

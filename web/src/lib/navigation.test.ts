import { describe, expect, it } from 'vitest'
import { safeNext, withQuery } from './navigation.ts'

describe('safeNext', () => {
  it('keeps paths on this origin', () => {
    expect(safeNext('/invite/abc123')).toBe('/invite/abc123')
    expect(safeNext('/t/demo-academy/members?x=1')).toBe('/t/demo-academy/members?x=1')
  })

  it('refuses other sites and odd values', () => {
    for (const bad of [
      '//evil.example',
      'https://evil.example',
      '/\\evil.example',
      'javascript:alert(1)',
      '',
    ]) {
      expect(safeNext(bad)).toBe('/app')
    }
    expect(safeNext(null, '/')).toBe('/')
  })
})

describe('withQuery', () => {
  it('drops empty values', () => {
    expect(withQuery('/signin', { next: '/invite/a b', email: undefined })).toBe(
      '/signin?next=%2Finvite%2Fa+b',
    )
    expect(withQuery('/signup', {})).toBe('/signup')
  })
})

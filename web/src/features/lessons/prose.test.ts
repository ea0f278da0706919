import { describe, expect, it } from 'vitest'
import { allowedAttribute, normaliseUrl, PROSE_TAGS, safeUrl } from './prose.ts'

describe('lesson HTML allow-list', () => {
  it('keeps the elements the editor makes and nothing that runs code', () => {
    for (const tag of ['p', 'h2', 'blockquote', 'pre', 'table', 'td', 'img', 'a'])
      expect(PROSE_TAGS.has(tag)).toBe(true)
    for (const tag of ['script', 'iframe', 'style', 'form', 'svg']) expect(PROSE_TAGS.has(tag)).toBe(false)
  })

  it('allows only harmless attributes', () => {
    expect(allowedAttribute('a', 'href')).toBe(true)
    expect(allowedAttribute('img', 'SRC')).toBe(true)
    expect(allowedAttribute('td', 'colspan')).toBe(true)
    expect(allowedAttribute('a', 'onclick')).toBe(false)
    expect(allowedAttribute('p', 'style')).toBe(false)
    expect(allowedAttribute('img', 'srcset')).toBe(false)
  })

  it('refuses script URLs, however they are disguised', () => {
    expect(safeUrl('https://example.org/a')).toBe(true)
    expect(safeUrl('mailto:teacher@example.org')).toBe(true)
    expect(safeUrl('/t/demo/courses')).toBe(true)
    expect(safeUrl('javascript:alert(1)')).toBe(false)
    expect(safeUrl(' JaVa\tScRiPt:alert(1)')).toBe(false)
    expect(safeUrl('data:text/html,<b>x</b>')).toBe(false)
    expect(safeUrl('vbscript:x')).toBe(false)
    expect(safeUrl('mailto:x@y.z', 'image')).toBe(false)
    expect(safeUrl('data:image/png;base64,AAAA', 'image')).toBe(false)
  })
})

describe('normaliseUrl', () => {
  it('adds https:// to a bare address and keeps good URLs', () => {
    expect(normaliseUrl('example.org/page')).toBe('https://example.org/page')
    expect(normaliseUrl(' https://kipindi.test/a?b=1 ')).toBe('https://kipindi.test/a?b=1')
    expect(normaliseUrl('mailto:head@school.ke')).toBe('mailto:head@school.ke')
  })

  it('rejects empty, script and host-less input', () => {
    expect(normaliseUrl('  ')).toBeUndefined()
    expect(normaliseUrl('javascript:alert(1)')).toBeUndefined()
    expect(normaliseUrl('not a url')).toBeUndefined()
    expect(normaliseUrl('ftp://files.example.org')).toBeUndefined()
  })
})

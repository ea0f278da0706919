import { describe, expect, it } from 'vitest'
import { bucketIdProblem, hasDotSegment, objectNameProblem } from './names.ts'

describe('object names', () => {
  it('accepts school paths, Kiswahili and English file names', () => {
    for (const name of [
      'a/b/c.png',
      'Insha ya Kiswahili (rasimu).pdf',
      'shule/darasa_7/picha-1.jpg',
      'ñ/é.txt',
    ]) {
      expect(objectNameProblem(name), name).toBeNull()
    }
  })

  it('refuses traversal, absolute names, empty folders, NUL and control characters', () => {
    for (const name of [
      '',
      '../x',
      'a/../x',
      'a/./x',
      '/etc/passwd',
      'a//b',
      'a/',
      'x\0.png',
      'a\nb',
      'a\\b',
      'x'.repeat(1025),
    ]) {
      expect(objectNameProblem(name), JSON.stringify(name)).not.toBeNull()
    }
  })

  it('finds dot segments in raw paths, encoded or not', () => {
    for (const p of [
      '/o/b/../x',
      '/o/b/%2e%2e/x',
      '/o/b/%2E./x',
      '/o/b/.%2e',
      '/o/b%2f..%2fx',
      '/o/./x',
      '/o/b/..?x=1',
    ]) {
      expect(hasDotSegment(p), p).toBe(true)
    }
    for (const p of ['/o/b/x..png', '/o/b/.hidden', '/o/b/a.b/c', '/o/b/x?q=../y']) {
      expect(hasDotSegment(p), p).toBe(false)
    }
  })

  it('checks bucket ids', () => {
    expect(bucketIdProblem('lesson-media')).toBeNull()
    for (const id of ['', '..', 'a/b', 'a b', 'x'.repeat(101), '-a'])
      expect(bucketIdProblem(id), id).not.toBeNull()
  })
})

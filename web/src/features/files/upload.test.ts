import { describe, expect, it } from 'vitest'
import { objectNameFor, sameFolder } from './upload.ts'

describe('object names for picked files', () => {
  it('keeps the folder, a cleaned name and the extension, with a random prefix', () => {
    const name = objectNameFor('t1/c1', 'Picha ya seli (1).PNG')
    expect(name).toMatch(/^t1\/c1\/[0-9a-f]{8}-Picha-ya-seli-1\.png$/)
  })

  it('never makes dot folders, slashes or control characters from a hostile file name', () => {
    for (const file of ['../../etc/passwd', '..', '.', 'a/b\\c.pdf', 'x\u0000y.txt', '', '.png']) {
      const name = objectNameFor('t/c', file)
      const rest = name.slice('t/c/'.length)
      expect(rest, file).not.toContain('/')
      expect(rest, file).toMatch(/^[\w.-]+$/)
      expect(
        name.split('/').some((s) => s === '.' || s === '..'),
        file,
      ).toBe(false)
    }
  })

  it('resumes only uploads to the same bucket and folder', () => {
    expect(
      sameFolder({ bucketName: 'lesson-media', objectName: 't/c/a.png' }, 'lesson-media', 't/c/b.png'),
    ).toBe(true)
    expect(
      sameFolder({ bucketName: 'lesson-media', objectName: 't/x/a.png' }, 'lesson-media', 't/c/b.png'),
    ).toBe(false)
    expect(sameFolder({ bucketName: 'avatars', objectName: 't/c/a.png' }, 'lesson-media', 't/c/b.png')).toBe(
      false,
    )
  })
})

import { describe, expect, it } from 'vitest'
import { formatBytes } from './file-size.ts'

describe('file sizes', () => {
  it('reads as people expect, in steps of 1024', () => {
    expect(formatBytes(73)).toBe('73 bytes')
    expect(formatBytes(1536)).toBe('1.5 kB')
    expect(formatBytes(10 * 1024 * 1024)).toBe('10 MB')
    expect(formatBytes(1024 ** 3)).toBe('1 GB')
  })
})

import { describe, expect, it } from 'vitest'
import './zod-jitless.ts'

describe('zod under our CSP', () => {
  it('is jitless wherever it loads after the entry', async () => {
    const { z } = await import('zod')
    expect(z.config().jitless).toBe(true)
  })
})

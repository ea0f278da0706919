import { describe, expect, it } from 'vitest'
import { setupApi } from '../core/testing.ts'

describe('GET /api/invitations/preview', () => {
  it('limits how often one address may look up links (429 with Retry-After)', async () => {
    const own = await setupApi()
    try {
      const token = 'y'.repeat(43)
      const from = (ip: string) => ({ headers: { 'x-forwarded-for': ip } })
      for (let i = 0; i < 60; i++) {
        expect(
          (await own.call('GET', `/invitations/preview?token=${token}`, from('198.51.100.7'))).status,
        ).toBe(404)
      }
      const limited = await own.call('GET', `/invitations/preview?token=${token}`, from('198.51.100.7'))
      expect(limited.status).toBe(429)
      expect(limited.body.error.code).toBe('rate_limited')
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0)
      expect(
        (await own.call('GET', `/invitations/preview?token=${token}`, from('198.51.100.8'))).status,
      ).toBe(404)
    } finally {
      await own.close()
    }
  })
})

import { describe, expect, it } from 'vitest'
import { createHttpMetrics, mayScrape, Registry } from './metrics.ts'

// The metrics token check and the label values kept few.

describe('mayScrape', () => {
  it('lets only the exact bearer token through, and nobody when none is set', () => {
    expect(mayScrape('Bearer s3cret-token', 's3cret-token')).toBe(true)
    expect(mayScrape('Bearer s3cret-tokeN', 's3cret-token')).toBe(false)
    expect(mayScrape('Bearer s3cret', 's3cret-token')).toBe(false)
    expect(mayScrape('s3cret-token', 's3cret-token')).toBe(false)
    expect(mayScrape(undefined, 's3cret-token')).toBe(false)
    expect(mayScrape('Bearer ', undefined)).toBe(false)
    expect(mayScrape('Bearer ', '')).toBe(false)
  })
})

describe('createHttpMetrics', () => {
  it('keeps methods and statuses to a few label values', async () => {
    const registry = new Registry()
    const m = createHttpMetrics(registry, 'kipindi_http')
    m.observe('web', 'GET', 200, 0.01)
    m.observe('web', 'BREW', 418, 0.02)
    const text = await registry.metrics()
    expect(text).toContain('kipindi_http_requests_total{service="web",method="GET",status="2xx"} 1')
    expect(text).toContain('kipindi_http_requests_total{service="web",method="other",status="4xx"} 1')
  })
})

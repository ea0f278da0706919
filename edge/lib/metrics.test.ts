import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { createHttpMetrics, mayScrape, Registry } from './metrics.ts'

// The metrics token check, the series names, and the Grafana dashboard in docs/ asking only for
// series some process exposes.

const ROOT = path.resolve(import.meta.dirname, '../..')

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

describe('docs/grafana-dashboard.json', () => {
  const dashboard = JSON.parse(readFileSync(path.join(ROOT, 'docs/grafana-dashboard.json'), 'utf8'))
  const sources = ['edge/lib/metrics.ts', 'realtime/metrics.ts']
    .map((f) => readFileSync(path.join(ROOT, f), 'utf8'))
    .join('\n')

  it('asks only for series the processes expose', () => {
    const exprs: string[] = dashboard.panels.flatMap((p: { targets: { expr: string }[] }) =>
      p.targets.map((t) => t.expr),
    )
    expect(exprs.length).toBeGreaterThan(8)
    for (const expr of exprs) {
      for (const series of expr.match(/kipindi_[a-z0-9_]+/g) ?? []) {
        const base = series
          .replace(/_(bucket|sum|count)$/, '')
          .replace(/^kipindi_(gateway|realtime)_(nodejs|process)_.*/, 'default')
        if (base === 'default') continue // prom-client's default metrics, prefixed per process
        const named = base.startsWith('kipindi_http_') || base.startsWith('kipindi_function_')
        expect(named ? sources.includes('`${prefix}_') : sources.includes(`'${base}'`), series).toBe(true)
      }
    }
  })
})

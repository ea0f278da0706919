import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

// The Grafana dashboard in docs/ asks only for series some process exposes.

const ROOT = path.resolve(import.meta.dirname, '../..')

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
        expect(named ? /\$\{prefix\}_/.test(sources) : sources.includes(`'${base}'`), series).toBe(true)
      }
    }
  })
})

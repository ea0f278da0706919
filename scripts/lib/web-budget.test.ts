import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import {
  BUDGETS,
  buildForBudget,
  closure,
  type Manifest,
  measureBuild,
  overBudget,
  report,
  routePages,
  type WebSizes,
} from './web-budget.ts'

const ROOT = path.resolve(import.meta.dirname, '../..')

const manifest: Manifest = {
  'index.html': { file: 'assets/index.js', isEntry: true, imports: ['_solid.js'], css: ['assets/index.css'] },
  '_solid.js': { file: 'assets/solid.js' },
  'src/Page.tsx': { file: 'assets/Page.js', isDynamicEntry: true, imports: ['_solid.js', '_ui.js'] },
  '_ui.js': { file: 'assets/ui.js', imports: ['_solid.js'], css: ['assets/ui.css'] },
}

describe('web budget arithmetic', () => {
  it('follows static imports and their CSS, each file once', () => {
    expect([...closure(manifest, 'index.html')].sort()).toEqual([
      'assets/index.css',
      'assets/index.js',
      'assets/solid.js',
    ])
    expect([...closure(manifest, 'src/Page.tsx')].sort()).toEqual([
      'assets/Page.js',
      'assets/solid.js',
      'assets/ui.css',
      'assets/ui.js',
    ])
  })

  it('reads the lazy pages of routes.ts', () => {
    const source =
      "{ path: '/', ...page(() => import('./features/landing/Landing.tsx'), preloadFrom(() => import('./x.data.ts'), 'p')) },"
    expect(routePages(source)).toEqual(['src/features/landing/Landing.tsx'])
  })

  it('names every budget that is exceeded, and none when all hold', () => {
    const t = (brotli: number) => ({ files: ['x.js'], raw: brotli * 4, gzip: brotli, brotli })
    const fits: WebSizes = {
      entry: t(1),
      frame: t(1),
      routes: [{ page: 'src/A.tsx', added: t(1), exempt: false }],
    }
    expect(overBudget(fits)).toEqual([])
    const over: WebSizes = {
      entry: t(BUDGETS.entry + 1),
      frame: t(1),
      routes: [
        { page: 'src/A.tsx', added: t(BUDGETS.route + 1), exempt: false },
        { page: 'src/Editor.tsx', added: t(BUDGETS.route * 9), exempt: true },
      ],
    }
    expect(overBudget(over).map((line) => line.split(' ')[0])).toEqual(['entry', 'src/A.tsx'])
  })
})

// The real build: sizes are deterministic, so the budgets are enforced here rather than in the
// benchmark. Built into a temporary directory (a running stack may be serving web/dist).
describe('web transfer budgets (issue 11)', () => {
  const outDir = mkdtempSync(path.join(tmpdir(), 'kipindi-budget-'))
  afterAll(() => rmSync(outDir, { recursive: true, force: true }))

  it('entry ≤ 60 KiB and each page ≤ 30 KiB more, Brotli', { timeout: 180_000 }, async () => {
    await buildForBudget(ROOT, outDir)
    const sizes = measureBuild(outDir, readFileSync(path.join(ROOT, 'web/src/routes.ts'), 'utf8'))
    console.log(`\nWeb transfer (KiB; budgets in scripts/lib/web-budget.ts)\n${report(sizes)}\n`)
    expect(overBudget(sizes)).toEqual([])
  })
})

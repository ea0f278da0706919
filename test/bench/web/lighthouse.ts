// Lighthouse 12.2.3, its default config: the mobile preset with simulated throttling. Each run
// starts from an empty cache and no service worker (emptied by us, since `disableStorageReset`
// keeps the signed-in session that Lighthouse would otherwise wipe).
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import lighthouse from 'lighthouse'
import type { BenchBrowser } from './browser.ts'

export interface LighthouseFigures {
  performance: number
  lcpMs: number
  tbtMs: number
  cls: number
  fcpMs: number
  /** Bytes over the network (Lighthouse's total byte weight). */
  bytes: number
}

/** BENCH_WEB_LHR=<dir> keeps each run's Lighthouse JSON there (to see where the time goes). */
function keepReport(url: string, lhr: object): void {
  const dir = process.env.BENCH_WEB_LHR
  if (!dir) return
  mkdirSync(dir, { recursive: true })
  const name = new URL(url).pathname.replace(/[^a-z0-9]+/gi, '-').slice(0, 60) || 'root'
  writeFileSync(path.join(dir, `${name}-${Date.now()}.json`), JSON.stringify(lhr))
}

async function runOnce(browser: BenchBrowser, url: string): Promise<LighthouseFigures> {
  await browser.forget(new URL(url).origin)
  const result = await lighthouse(url, {
    port: browser.port,
    output: 'json',
    logLevel: 'error',
    onlyCategories: ['performance'],
    disableStorageReset: true,
  })
  if (!result) throw new Error(`Lighthouse gave no result for ${url}`)
  const { lhr } = result
  keepReport(url, lhr)
  if (lhr.runtimeError) throw new Error(`Lighthouse on ${url}: ${lhr.runtimeError.message}`)
  const value = (id: string) => lhr.audits[id]?.numericValue ?? Number.NaN
  return {
    performance: Math.round((lhr.categories.performance.score ?? 0) * 100),
    lcpMs: value('largest-contentful-paint'),
    tbtMs: value('total-blocking-time'),
    cls: value('cumulative-layout-shift'),
    fcpMs: value('first-contentful-paint'),
    bytes: value('total-byte-weight'),
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]

/**
 * The median of each figure over `runs` runs (3 by the issue), after one run that is not counted:
 * the first visit of a page also measured the stack's first answers to its queries (code compiled,
 * plans made, caches filled on the server), which no student's visit pays twice.
 */
export async function lighthouseMedian(
  browser: BenchBrowser,
  url: string,
  runs: number,
  log: (m: string) => void,
): Promise<LighthouseFigures> {
  const warm = await runOnce(browser, url)
  log(`    warm-up run (not counted): TBT ${Math.round(warm.tbtMs)} ms`)
  const all: LighthouseFigures[] = []
  for (let i = 0; i < runs; i++) {
    const r = await runOnce(browser, url)
    log(
      `    run ${i + 1}/${runs}: performance ${r.performance}, LCP ${(r.lcpMs / 1000).toFixed(2)} s, ` +
        `TBT ${Math.round(r.tbtMs)} ms, CLS ${r.cls.toFixed(3)}`,
    )
    all.push(r)
  }
  const pick = (k: keyof LighthouseFigures) => median(all.map((r) => r[k]))
  return {
    performance: pick('performance'),
    lcpMs: pick('lcpMs'),
    tbtMs: pick('tbtMs'),
    cls: pick('cls'),
    fcpMs: pick('fcpMs'),
    bytes: pick('bytes'),
  }
}

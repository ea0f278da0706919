// `npm run bench -- web`: Lighthouse on the pages a student uses (and the editor, as an instructor),
// and the student home over a slow link, on a stack of our own. BENCH_WEB_BASELINE=<dir of a web
// build> measures that build too, in the same run and on the same machine (the "before" column).
import { rmSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import path from 'node:path'
import { launchBrowser } from './browser.ts'
import { type LighthouseFigures, lighthouseMedian } from './lighthouse.ts'
import { INSTRUCTOR, STUDENT, setupPages } from './setup.ts'
import { type SlowLoadFigures, slowLoad } from './slow-load.ts'
import { startStack } from './stack.ts'

/** The measured pages: who looks at them, and the key of their URL in setup.ts's answer. */
export const PAGES = [
  { name: 'landing', who: 'nobody', key: 'landing' },
  { name: 'sign-in', who: 'nobody', key: 'signIn' },
  { name: 'student home', who: 'student', key: 'studentHome' },
  { name: 'course', who: 'student', key: 'course' },
  { name: 'published lesson', who: 'student', key: 'lesson' },
  { name: 'sessions', who: 'student', key: 'sessions' },
  { name: 'ticket', who: 'student', key: 'ticket' },
  { name: 'lesson editor', who: 'instructor', key: 'editor' },
] as const

/**
 * BENCH_WEB_PAGES="student home,course" measures only those pages (to iterate on a few); the docs
 * are written only by a run of every page (bench.ts).
 */
export function pagesToMeasure(): readonly (typeof PAGES)[number][] {
  const names = process.env.BENCH_WEB_PAGES?.split(',').map((n) => n.trim())
  if (!names?.length) return PAGES
  const unknown = names.filter((n) => !PAGES.some((p) => p.name === n))
  if (unknown.length) throw new Error(`BENCH_WEB_PAGES: no page named ${unknown.join(', ')}`)
  return PAGES.filter((p) => names.includes(p.name))
}

export interface BuildResult {
  label: string
  /** The machine's 1-minute load average when the build's figures were taken (others work on it too). */
  load: number
  lighthouse: { page: string; figures: LighthouseFigures }[]
  slow: SlowLoadFigures
}

export interface WebBenchResult {
  date: string
  runs: number
  /** How the browser reached the stack. */
  protocol: 'https-h2' | 'http'
  machine: { cpus: number; cpuModel: string }
  builds: BuildResult[]
}

async function measureBuild(
  root: string,
  label: string,
  webDist: string,
  opts: {
    port: number
    runs: number
    chromium: string
    prebuilt: boolean
    plain: boolean
    log: (m: string) => void
  },
): Promise<BuildResult> {
  const { log } = opts
  log(`\n${label}: starting a stack (own data directory, port ${opts.port}) …`)
  const dataDir = path.join(tmpdir(), `kipindi-bench-web-${process.pid}-${opts.port}`)
  if (opts.prebuilt) process.env.KIPINDI_WEB_PREBUILT = '1'
  const tlsPort = opts.plain ? undefined : opts.port + 5
  const stack = await startStack(root, { port: opts.port, tlsPort, dataDir, webDist, log })
  delete process.env.KIPINDI_WEB_PREBUILT
  const browser = await launchBrowser(opts.chromium, opts.port + 1)
  try {
    const pages = await setupPages(stack.apiUrl, stack.url)
    const lighthouse: BuildResult['lighthouse'] = []
    let signedInAs = 'nobody'
    for (const p of pagesToMeasure()) {
      if (p.who !== signedInAs) {
        await browser.signOut(stack.url)
        if (p.who !== 'nobody') await browser.signIn(stack.url, p.who === 'student' ? STUDENT : INSTRUCTOR)
        signedInAs = p.who
      }
      log(
        `  Lighthouse: ${p.name} (${p.who === 'nobody' ? 'signed out' : `as the ${p.who}`}), ${opts.runs} runs`,
      )
      lighthouse.push({
        page: p.name,
        figures: await lighthouseMedian(browser, pages[p.key], opts.runs, log),
      })
    }
    await browser.signOut(stack.url)
    await browser.signIn(stack.url, STUDENT)
    log('  student home at 400 kbps / 400 ms: cold load, then a warm reload …')
    const slow = await slowLoad(browser, pages.studentHome)
    log(`    cold ${(slow.coldMs / 1000).toFixed(2)} s, warm ${(slow.warmMs / 1000).toFixed(2)} s`)
    return { label, load: loadavg()[0], lighthouse, slow }
  } finally {
    await browser.close()
    await stack.stop()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

export async function runWebBench(opts: {
  root: string
  runs: number
  port: number
  chromium: string
  baseline?: string
  /** Plain HTTP/1.1 instead of HTTPS with HTTP/2 (BENCH_WEB_PLAIN=1). */
  plain: boolean
  log: (m: string) => void
}): Promise<WebBenchResult> {
  const builds: BuildResult[] = []
  const current = path.join(tmpdir(), `kipindi-bench-web-dist-${process.pid}`)
  const common = { runs: opts.runs, chromium: opts.chromium, plain: opts.plain, log: opts.log }
  if (opts.baseline) {
    builds.push(
      await measureBuild(opts.root, 'baseline', path.resolve(opts.baseline), {
        ...common,
        port: opts.port,
        prebuilt: true,
      }),
    )
  }
  try {
    builds.push(
      await measureBuild(opts.root, 'this build', current, { ...common, port: opts.port, prebuilt: false }),
    )
  } finally {
    rmSync(current, { recursive: true, force: true })
  }
  return {
    date: new Date().toISOString(),
    runs: opts.runs,
    protocol: opts.plain ? 'http' : 'https-h2',
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown' },
    builds,
  }
}

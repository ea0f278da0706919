// The web benchmark's figures as a Markdown block for docs/benchmarks.md (between its markers).
import { replaceDocBlock } from '../doc.ts'
import type { LighthouseFigures } from './lighthouse.ts'
import type { BuildResult, WebBenchResult } from './run.ts'
import { LINK } from './slow-load.ts'

const START = '<!-- bench:web:start (written by npm run bench) -->'
const END = '<!-- bench:web:end -->'

/** The issue's targets (issue 11). */
export const TARGETS = {
  performance: 90,
  lcpMs: 2500,
  editorLcpMs: 3500,
  tbtMs: 200,
  cls: 0.05,
  coldMs: 5000,
  warmMs: 1500,
}

const s = (ms: number) => (ms / 1000).toFixed(2)
const kib = (bytes: number) => Math.round(bytes / 1024)

/** Which targets a page's figures miss (empty when it meets them all). */
export function misses(page: string, f: LighthouseFigures): string[] {
  if (page === 'lesson editor') return f.lcpMs > TARGETS.editorLcpMs ? ['LCP'] : []
  const out: string[] = []
  if (f.performance < TARGETS.performance) out.push('performance')
  if (f.lcpMs > TARGETS.lcpMs) out.push('LCP')
  if (f.tbtMs > TARGETS.tbtMs) out.push('TBT')
  if (f.cls > TARGETS.cls) out.push('CLS')
  return out
}

function cell(f: LighthouseFigures | undefined): string {
  if (!f) return '–'
  return `${f.performance} · ${s(f.lcpMs)} s · ${Math.round(f.tbtMs)} ms · ${f.cls.toFixed(3)} · ${kib(f.bytes)} KiB`
}

function lighthouseTable(before: BuildResult | undefined, after: BuildResult): string[] {
  const rows = after.lighthouse.map(({ page, figures }) => {
    const old = before?.lighthouse.find((x) => x.page === page)?.figures
    const missed = misses(page, figures)
    const verdict = missed.length ? `**missed**: ${missed.join(', ')}` : 'met'
    return `| ${page} | ${before ? `${cell(old)} | ` : ''}${cell(figures)} | ${verdict} |`
  })
  return [
    `| page | ${before ? 'before: ' : ''}performance · LCP · TBT · CLS · transfer | ${before ? 'after: same | ' : ''}targets |`,
    `| --- | ${before ? '--- | ' : ''}--- | --- |`,
    ...rows,
  ]
}

export function markdown(r: WebBenchResult): string {
  const after = r.builds[r.builds.length - 1]
  const before = r.builds.length > 1 ? r.builds[0] : undefined
  const slowRow = (b: BuildResult) =>
    `| ${b.label} | ${s(b.slow.coldMs)} s | ${kib(b.slow.coldBytes)} KiB | ${s(b.slow.warmMs)} s | ${b.load.toFixed(2)} |`
  const ok = (pass: boolean) => (pass ? 'met' : '**missed**')
  return [
    START,
    '### Web: Lighthouse and a slow link',
    '',
    `Run of ${r.date.slice(0, 16).replace('T', ' ')} UTC · ${r.machine.cpus} cores (${r.machine.cpuModel}), shared with`,
    'other work (the load average is in the last table: Lighthouse simulates the network and the CPU',
    'slowdown, but a busy machine still stretches TBT and the slow-link times).',
    '',
    `Lighthouse 12.2.3, mobile preset, default simulated throttling, median of ${r.runs} runs per figure`,
    '(after one run of the page that is not counted: the stack answering its queries for the first time),',
    'each run with an empty cache and no service worker (signed-in pages keep the session:',
    '`disableStorageReset`, the rest emptied by the bench). Pages as the demo student; the editor as an instructor.',
    r.protocol === 'https-h2'
      ? "Served over HTTPS with HTTP/2 (`KIPINDI_TLS_CERT`: the test certificate for localhost, which the bench's " +
        'Chromium is told to accept), as students reach any deployment; `BENCH_WEB_PLAIN=1` measures plain HTTP/1.1.'
      : 'Served over plain HTTP/1.1 (`BENCH_WEB_PLAIN=1`): six connections, a round trip per file.',
    '',
    ...lighthouseTable(before, after),
    '',
    `Student home over ${LINK.kbps} kbps / ${LINK.rttMs} ms RTT (Chromium network emulation), signed in: cold = empty`,
    'cache and no service worker, until the page shows its heading and no placeholder; warm = a reload',
    'once the service worker is active.',
    '',
    '| build | cold | received | warm reload | load average |',
    '| --- | --- | --- | --- | --- |',
    ...r.builds.map(slowRow),
    '',
    `Targets: cold ≤ ${s(TARGETS.coldMs)} s: ${ok(after.slow.coldMs <= TARGETS.coldMs)}; warm ≤ ${s(TARGETS.warmMs)} s: ${ok(after.slow.warmMs <= TARGETS.warmMs)}.`,
    '',
    'Method: `npm run bench -- web` starts `scripts/start.ts` with its own data directory, port and web build,',
    'creates a free course with a published lesson the demo student is enrolled in and a ticket of theirs',
    '(through the API), and drives one Chromium (`/usr/bin/chromium`, headless) from Playwright (sign-in,',
    'network emulation) and Lighthouse (its debugging port). `BENCH_WEB_BASELINE=<dir of a web build>` measures',
    'that build first, on the same machine in the same run (the "before" figures).',
    END,
  ].join('\n')
}

export function updateWebDoc(existing: string | undefined, block: string): string {
  return replaceDocBlock(existing, block, {
    start: START,
    end: END,
    section: 'Web: Lighthouse and a slow link',
  })
}

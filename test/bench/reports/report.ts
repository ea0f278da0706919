// The reports benchmark's figures as a Markdown block for docs/benchmarks.md.
import { replaceDocBlock } from '../doc.ts'
import type { Dist } from '../payments/load.ts'
import type { ReportsBenchResult } from './run.ts'

const START = '<!-- bench:reports:start (written by npm run bench) -->'
const END = '<!-- bench:reports:end -->'

/** Target of issue 20: the attendance report of a 5,000-student school over a term. */
export const TARGETS = { reportP95Ms: 300 }

const ms = (x: number) => (x < 10 ? x.toFixed(2) : x.toFixed(1))
const row = (label: string, d: Dist, base: Dist) =>
  `| ${label} | ${d.n} | ${[d.p50, d.p95, d.p99, d.max].map(ms).join(' | ')} | ${(d.p95 / base.p95).toFixed(1)}× |`

export const reportsMet = (r: ReportsBenchResult) =>
  [r.bySession, r.byStudent, r.byClass, r.teacher].every((d) => d.p95 <= TARGETS.reportP95Ms)

export function markdown(r: ReportsBenchResult): string {
  const worst = Math.max(r.bySession.p95, r.byStudent.p95, r.byClass.p95, r.teacher.p95)
  const n = (x: number) => x.toLocaleString('en-US')
  return [
    START,
    '### Reports: the attendance report of a term, and a 100,000-row export',
    '',
    `Run of ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC · ${r.machine.cpus} cores. A school of ${n(r.students)} students in`,
    `25 classes, ${n(r.sessions)} sessions over a 13-week term, ${n(r.seats)} seats (85% attended, one in ten with a second tab),`,
    `seeded in ${(r.seedMs / 1000).toFixed(0)} s. The report is read through the api’s route in process (Node) against a`,
    'migrated embedded Postgres, pool of 10; auth replaced by the claims it would set, so each request runs as its user',
    '(`withUser`, `public.attendance_report` with its scope, reading the seats its triggers keep), the whole term, first page of 50',
    'with the totals. Baseline in the same run: the bare aggregate (bookings joined to who came, from the stays themselves;',
    'no scope, names, minutes or grouping) as the superuser. Milliseconds.',
    '',
    '| request | n | p50 | p95 | p99 | max | p95 vs baseline |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    row('baseline: bare aggregate', r.baseline, r.baseline),
    row('admin: by session (650 rows)', r.bySession, r.baseline),
    row('admin: by student (5,000 rows)', r.byStudent, r.baseline),
    row('admin: by class (25 rows)', r.byClass, r.baseline),
    row('instructor: their sessions', r.teacher, r.baseline),
    '',
    `- Worst p95: ${ms(worst)} ms (target ≤ ${TARGETS.reportP95Ms} ms: ${reportsMet(r) ? 'met' : '**missed**'}).`,
    '',
    '**Exports.** The export job (`realtime/jobs/exports`) run in the benchmark’s process: it reads the report by seat as',
    'the admin through a cursor (batches of 500), writes the file, uploads it to the local store (a real HTTP upload) and',
    'marks it done. Memory is the growth of this process over its level before the export, sampled every 20 ms.',
    '',
    '| export | rows | time (s) | rows/s | file | peak RSS growth | peak heap growth |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...r.exports.map(
      (e) =>
        `| ${e.format.toUpperCase()} | ${n(e.rows)} | ${(e.ms / 1000).toFixed(1)} | ${n(Math.round(e.rows / (e.ms / 1000)))} | ${(e.bytes / 1048576).toFixed(1)} MiB | ${e.peakRssMiB.toFixed(0)} MiB | ${e.peakHeapMiB.toFixed(0)} MiB |`,
    ),
    '',
    '- Flat memory: the XLSX of ten times the rows should peak at about the same growth (exceljs’s streaming writer',
    '  commits each row; the cursor holds 500 at a time).',
    END,
  ].join('\n')
}

export function updateReportsDoc(existing: string | undefined, block: string): string {
  return replaceDocBlock(existing, block, { start: START, end: END, section: 'Reports' })
}

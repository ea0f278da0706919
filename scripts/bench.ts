// `npm run bench`: the API benchmark (Hono constant vs JWT + RLS read vs the same read without RLS,
// under Node and Deno) with Postgres round trips per request. Not part of `npm test`.
// BENCH_DURATION=<seconds per case per round> shortens a smoke run; BENCH_ROUNDS (2), BENCH_POOL (10),
// BENCH_CONNECTIONS (32), BENCH_RUNTIMES (node,deno) explore.
// Only the standard run (>= 10 s, 32 connections, pools of 10, both runtimes, no experiment)
// updates docs/benchmarks.md.
// Then the Yjs benchmark (test/bench/yjs): our realtime server vs plain @y/websocket-server, 500 rooms
// × 3 clients and 1 room × 50 editors, cold loads, compaction; 60 s per scenario (BENCH_DURATION
// shortens it; the docs are updated by a 60 s run, or by any run with BENCH_YJS_WRITE=1).
// Then the live benchmark (test/bench/live): 500 support tickets × 2 sockets, 50 messages/s through
// the API, delivered by the realtime server, against a bare ws relay; 30 s per server (the docs
// are updated by a run of 30 s or more, or by any run with BENCH_LIVE_WRITE=1; BENCH_LIVE_PROFILE=<dir>
// writes V8 CPU profiles of the API and realtime servers there).
// Then the web benchmark (test/bench/web): Lighthouse (mobile, simulated throttling, median of 3)
// on the student's pages and the lesson editor, and the student home over 400 kbps / 400 ms, on a
// stack of its own (BENCH_WEB_PORT, 3470 by default), over HTTPS with HTTP/2 on BENCH_WEB_PORT + 5 with
// the test certificate (BENCH_WEB_PLAIN=1: plain HTTP/1.1). BENCH_WEB_BASELINE=<dir of a web build>
// measures that build too (the "before"); BENCH_WEB_PAGES="student home,course" only those pages,
// BENCH_WEB_LHR=<dir> keeps Lighthouse's JSON reports; BENCH_WEB_RUNS changes the 3 runs (the docs are updated
// by a run of 3 or more).
// Then the storage benchmark (test/bench/storage): 1 MB and 50 MB uploads and downloads through the
// gateway and the local store against `fs`, and 200 concurrent small downloads.
// Then the AI benchmark (test/bench/ai): 200 concurrent answers streamed through ai-tutor (Deno) from the
// fake provider (a chunk every 20 ms) against the fake directly, and answers from 1,000 published lessons.
// Then the payments benchmark (test/bench/payments): signed Stripe checkout events at 200/s, 20% duplicates,
// through stripe-webhook (Deno) against a verify-only Deno server, with the effects checked exactly once,
// then an instructor's wallet balance over 100,000 ledger entries under RLS against the privileged query;
// 30 s per server (BENCH_DURATION shortens it; the docs are updated by a run of 30 s or more, or by any run
// with BENCH_PAYMENTS_WRITE=1).
// `npm run bench -- api`, `npm run bench -- yjs`, `… -- live`, `… -- web`, `… -- storage`, `… -- ai` or
// `… -- payments` runs one of them.
// Then the assessments benchmark (test/bench/assessments): 500 students submit a 20-question quiz within
// 60 s (BENCH_DURATION shortens it; only a 60 s run updates the docs), then a 200 × 40 gradebook read.
// Then the reports benchmark (test/bench/reports): the attendance report of a 5,000-student school over a
// term through the api's route (p95 target 300 ms) against the bare aggregate, and XLSX exports of 10,000 and
// 100,000 rows with time and peak memory (`npm run bench -- reports`).
// Then the admin benchmark (test/bench/admin): a CSV import of 5,000 students against a plain INSERT … SELECT,
// and the members search of a 50,000-member school under RLS as the admin (p95 target 50 ms).
// Then the capacity benchmark (test/bench/capacity, issue 18): 1 realtime instance with 500 rooms × 3 clients at
// 350 updates/s against 2 instances with Redis carrying twice that (rooms split across them, and pinned);
// 60 s per scenario (BENCH_DURATION shortens it; only a 60 s run of the standard load updates the docs;
// BENCH_CAPACITY_ROOMS, BENCH_CAPACITY_RATE and BENCH_CAPACITY_SCENARIOS=A,A2,B,B1 explore; a run during which
// other processes took more than a quarter of a core is not written either, unless BENCH_CAPACITY_WRITE=1).
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import {
  markdown as adminMarkdown,
  importFigures,
  membersMet,
  updateAdminDoc,
} from '../test/bench/admin/report.ts'
import { runAdminBench } from '../test/bench/admin/run.ts'
import { markdown as aiMarkdown, updateAiDoc } from '../test/bench/ai/report.ts'
import { runAiBench } from '../test/bench/ai/run.ts'
import { markdown, ratio, updateDoc } from '../test/bench/api/report.ts'
import { runApiBench } from '../test/bench/api/run.ts'
import {
  markdown as assessmentsMarkdown,
  verdicts as assessmentVerdicts,
  updateAssessmentsDoc,
} from '../test/bench/assessments/report.ts'
import { runAssessmentsBench } from '../test/bench/assessments/run.ts'
import {
  markdown as capacityMarkdown,
  verdicts as capacityVerdicts,
  machineQuiet,
  updateCapacityDoc,
} from '../test/bench/capacity/report.ts'
import { runCapacityBench, type ScenarioKey } from '../test/bench/capacity/run.ts'
import {
  markdown as communityMarkdown,
  communityMet,
  updateCommunityDoc,
} from '../test/bench/community/report.ts'
import { runCommunityBench } from '../test/bench/community/run.ts'
import { markdown as liveMarkdown, updateLiveDoc } from '../test/bench/live/report.ts'
import { runLiveBench } from '../test/bench/live/run.ts'
import { markdown as paymentsMarkdown, updatePaymentsDoc, verdicts } from '../test/bench/payments/report.ts'
import { runPaymentsBench } from '../test/bench/payments/run.ts'
import { markdown as reportsMarkdown, reportsMet, updateReportsDoc } from '../test/bench/reports/report.ts'
import { runReportsBench } from '../test/bench/reports/run.ts'
import { baseSize, flatMet, markdown as scaleMarkdown, updateScaleDoc } from '../test/bench/scale/report.ts'
import { runScaleBench } from '../test/bench/scale/run.ts'
import { markdown as storageMarkdown, updateStorageDoc } from '../test/bench/storage/report.ts'
import { runStorageBench } from '../test/bench/storage/run.ts'
import { updateWebDoc, markdown as webMarkdown } from '../test/bench/web/report.ts'
import { runWebBench } from '../test/bench/web/run.ts'
import { updateYjsDoc, markdown as yjsMarkdown } from '../test/bench/yjs/report.ts'
import { runYjsBench } from '../test/bench/yjs/run.ts'

const ROOT = path.resolve(import.meta.dirname, '..')
const DOC = path.join(ROOT, 'docs/benchmarks.md')
const SUITES = process.argv.slice(2).length
  ? process.argv.slice(2)
  : [
      'api',
      'yjs',
      'live',
      'web',
      'storage',
      'ai',
      'payments',
      'assessments',
      'admin',
      'community',
      'reports',
      'capacity',
      'scale',
    ]

async function main() {
  if (!SUITES.includes('api')) return
  const durationS = Number(process.env.BENCH_DURATION ?? 10)
  const rounds = Number(process.env.BENCH_ROUNDS ?? 2)
  const connections = Number(process.env.BENCH_CONNECTIONS ?? 32)
  const poolMax = Number(process.env.BENCH_POOL ?? 10)
  const runtimes = (process.env.BENCH_RUNTIMES ?? 'node,deno')
    .split(',')
    .filter((r) => r === 'node' || r === 'deno')
  if (
    ![durationS, rounds, connections, poolMax].every((n) => Number.isInteger(n) && n > 0) ||
    !runtimes.length
  ) {
    throw new Error(
      'BENCH_DURATION, BENCH_ROUNDS, BENCH_CONNECTIONS and BENCH_POOL must be positive integers; ' +
        'BENCH_RUNTIMES node and/or deno',
    )
  }
  console.log(
    `API benchmark: ${connections} connections, pools of ${poolMax}, ${rounds} rounds of ${durationS} s per case, ` +
      runtimes.join(' and '),
  )
  const result = await runApiBench({
    root: ROOT,
    durationS,
    rounds,
    connections,
    poolMax,
    runtimes,
    log: (l) => console.log(l),
  })

  console.log('\nRatios of throughput:')
  for (const rt of runtimes) {
    const r = (x: Parameters<typeof ratio>[2], y: Parameters<typeof ratio>[3], digits = 2) =>
      ratio(result, rt, x, y).toFixed(digits)
    const bc = ratio(result, rt, 'me', 'meNoRls')
    console.log(
      `  ${rt}: b/c ${bc.toFixed(2)}${bc < 0.85 ? ' (< 0.85)' : ''}, b/a ${r('me', 'constant', 3)}, ` +
        `b0/c ${r('meBare', 'meNoRls')}, b'/c ${r('meTwoTrips', 'meNoRls')}, b''/c ${r('meSimple', 'meNoRls')}`,
    )
  }
  const block = markdown(result)
  console.log(`\n${block}\n`)
  if (durationS >= 10 && runtimes.length === 2 && poolMax === 10 && connections === 32) {
    writeFileSync(DOC, updateDoc(existsSync(DOC) ? readFileSync(DOC, 'utf8') : undefined, block))
    console.log(`Wrote ${path.relative(ROOT, DOC)}.`)
  } else {
    console.log(
      'Not the standard run (10+ s, 32 connections, pools of 10, both runtimes, no experiment): docs left as they were.',
    )
  }
}

async function yjs() {
  if (!SUITES.includes('yjs')) return
  const durationS = Number(process.env.BENCH_DURATION ?? 60)
  if (!Number.isInteger(durationS) || durationS <= 0)
    throw new Error('BENCH_DURATION must be a positive integer')
  console.log(`\nYjs benchmark: ${durationS} s per scenario and server`)
  const result = await runYjsBench({ root: ROOT, durationS, log: (l) => console.log(l) })
  const block = yjsMarkdown(result)
  console.log(`\n${block}\n`)
  if (durationS >= 60 || process.env.BENCH_YJS_WRITE === '1') {
    writeFileSync(DOC, updateYjsDoc(existsSync(DOC) ? readFileSync(DOC, 'utf8') : undefined, block))
    console.log(`Wrote the Yjs section of ${path.relative(ROOT, DOC)}.`)
  } else console.log('Not the standard run (60 s): docs left as they were (BENCH_YJS_WRITE=1 writes anyway).')
}

async function live() {
  if (!SUITES.includes('live')) return
  const durationS = Number(process.env.BENCH_DURATION ?? 30)
  if (!Number.isInteger(durationS) || durationS <= 0)
    throw new Error('BENCH_DURATION must be a positive integer')
  console.log(`\nLive benchmark: ${durationS} s per server`)
  const result = await runLiveBench({ root: ROOT, durationS, log: (l) => console.log(l) })
  const block = liveMarkdown(result)
  console.log(`\n${block}\n`)
  if (durationS >= 30 || process.env.BENCH_LIVE_WRITE === '1') {
    writeFileSync(DOC, updateLiveDoc(existsSync(DOC) ? readFileSync(DOC, 'utf8') : undefined, block))
    console.log(`Wrote the live section of ${path.relative(ROOT, DOC)}.`)
  } else
    console.log('Not the standard run (30 s): docs left as they were (BENCH_LIVE_WRITE=1 writes anyway).')
}

async function web() {
  if (!SUITES.includes('web')) return
  const runs = Number(process.env.BENCH_WEB_RUNS ?? 3)
  const port = Number(process.env.BENCH_WEB_PORT ?? 3470)
  if (!Number.isInteger(runs) || runs <= 0 || !Number.isInteger(port))
    throw new Error('BENCH_WEB_RUNS and BENCH_WEB_PORT must be positive integers')
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
  console.log(`\nWeb benchmark: Lighthouse ×${runs} per page, then the slow link (Chromium ${chromium})`)
  const result = await runWebBench({
    root: ROOT,
    runs,
    port,
    chromium,
    baseline: process.env.BENCH_WEB_BASELINE,
    plain: process.env.BENCH_WEB_PLAIN === '1',
    log: (l) => console.log(l),
  })
  const block = webMarkdown(result)
  console.log(`\n${block}\n`)
  if (runs >= 3 && !process.env.BENCH_WEB_PAGES) {
    writeFileSync(DOC, updateWebDoc(existsSync(DOC) ? readFileSync(DOC, 'utf8') : undefined, block))
    console.log(`Wrote the web section of ${path.relative(ROOT, DOC)}.`)
  } else console.log('Not the standard run (3 runs of every page): docs left as they were.')
}

async function storage() {
  if (!SUITES.includes('storage')) return
  console.log('\nStorage benchmark: 1 MB ×20 and 50 MB ×5 up and down, then 200 concurrent small downloads')
  const result = await runStorageBench({ root: ROOT, log: (l) => console.log(l) })
  const block = storageMarkdown(result)
  console.log(`\n${block}\n`)
  writeFileSync(DOC, updateStorageDoc(existsSync(DOC) ? readFileSync(DOC, 'utf8') : undefined, block))
  console.log(`Wrote the storage section of ${path.relative(ROOT, DOC)}.`)
}

async function ai() {
  if (!SUITES.includes('ai')) return
  console.log(
    '\nAI benchmark: 200 concurrent streams through ai-tutor vs the fake provider, then answers from 1,000 lessons',
  )
  const result = await runAiBench({ root: ROOT, log: (l) => console.log(l) })
  const block = aiMarkdown(result)
  console.log(`\n${block}\n`)
  writeFileSync(DOC, updateAiDoc(existsSync(DOC) ? readFileSync(DOC, 'utf8') : undefined, block))
  console.log(`Wrote the AI section of ${path.relative(ROOT, DOC)}.`)
}

async function assessments() {
  if (!SUITES.includes('assessments')) return
  const windowS = Number(process.env.BENCH_DURATION ?? 60)
  if (!Number.isInteger(windowS) || windowS < 12) throw new Error('BENCH_DURATION must be an integer ≥ 12')
  console.log(
    `\nAssessments benchmark: 500 students submit a 20-question quiz within ${windowS} s, a 200 × 40 gradebook, similarity of 200 × 1,000 words`,
  )
  const result = await runAssessmentsBench({ root: ROOT, windowS, log: (l) => console.log(l) })
  const ok = assessmentVerdicts(result)
  console.log(
    `\n  submit p99 ${result.submit.p99.toFixed(1)} ms (${ok.submit ? 'met' : 'MISSED'}), ` +
      `gradebook p95 ${result.gradebook.read.p95.toFixed(1)} ms (${ok.gradebook ? 'met' : 'MISSED'}), ` +
      `similarity ${result.similarity.job.ms.toFixed(0)} ms (${ok.similarity ? 'met' : 'MISSED'})`,
  )
  const block = assessmentsMarkdown(result)
  console.log(`\n${block}\n`)
  if (windowS >= 60) {
    writeFileSync(DOC, updateAssessmentsDoc(existsSync(DOC) ? readFileSync(DOC, 'utf8') : undefined, block))
    console.log(`Wrote the assessments section of ${path.relative(ROOT, DOC)}.`)
  } else console.log('Not the standard run (60 s): docs left as they were.')
}

async function payments() {
  if (!SUITES.includes('payments')) return
  const durationS = Number(process.env.BENCH_DURATION ?? 30)
  if (!Number.isInteger(durationS) || durationS <= 0)
    throw new Error('BENCH_DURATION must be a positive integer')
  console.log(
    `\nPayments benchmark: signed Stripe events at 200/s for ${durationS} s (20% duplicates) through stripe-webhook ` +
      'and a verify-only server, then the wallet balance over 100,000 ledger entries',
  )
  const result = await runPaymentsBench({ root: ROOT, durationS, log: (l) => console.log(l) })
  const { baseline: b, webhook: w, ledger: l } = result
  const ok = verdicts(result)
  console.log('\nRatios:')
  console.log(
    `  ack, stripe-webhook / verify-only: p50 ${(w.latency.p50 / b.latency.p50).toFixed(2)}, ` +
      `p99 ${(w.latency.p99 / b.latency.p99).toFixed(2)} (p99 ${w.latency.p99.toFixed(2)} ms: ${ok.ack ? 'met' : 'MISSED'})`,
  )
  console.log(
    `  balance, under RLS / privileged: p50 ${(l.rls.p50 / l.privileged.p50).toFixed(2)}, ` +
      `p95 ${(l.rls.p95 / l.privileged.p95).toFixed(2)} (p95 ${l.rls.p95.toFixed(2)} ms: ${ok.balance ? 'met' : 'MISSED'})`,
  )
  if (!ok.balance) console.log(`\nBalance statement under RLS:\n${l.rlsPlan.join('\n')}`)
  console.log(`\nThe wallet page's entries statement under RLS:\n${l.entriesPlan.join('\n')}`)
  const block = paymentsMarkdown(result)
  console.log(`\n${block}\n`)
  if (durationS >= 30 || process.env.BENCH_PAYMENTS_WRITE === '1') {
    writeFileSync(DOC, updatePaymentsDoc(existsSync(DOC) ? readFileSync(DOC, 'utf8') : undefined, block))
    console.log(`Wrote the payments section of ${path.relative(ROOT, DOC)}.`)
  } else
    console.log('Not the standard run (30 s): docs left as they were (BENCH_PAYMENTS_WRITE=1 writes anyway).')
}

async function admin() {
  if (!SUITES.includes('admin')) return
  console.log('\nAdmin benchmark: a CSV import of 5,000 students, the members page of a 50,000-member school')
  const result = await runAdminBench({ root: ROOT, log: (l) => console.log(l) })
  const f = importFigures(result)
  console.log(
    `\n  import ${f.importMs.toFixed(0)} ms (${Math.round(f.rowsPerS)} rows/s; baseline ${f.baselineMs.toFixed(0)} ms), ` +
      `members p95 ${result.members.search.p95.toFixed(1)} ms (${membersMet(result) ? 'met' : 'MISSED'})`,
  )
  if (!membersMet(result)) console.log(`\nSearch statement under RLS:\n${result.members.plan.join('\n')}`)
  const block = adminMarkdown(result)
  console.log(`\n${block}\n`)
  writeFileSync(DOC, updateAdminDoc(existsSync(DOC) ? readFileSync(DOC, 'utf8') : undefined, block))
  console.log(`Wrote the admin section of ${path.relative(ROOT, DOC)}.`)
}

async function community() {
  if (!SUITES.includes('community')) return
  console.log(
    '\nCommunity benchmark: the thread list and search of a forum of 10,000 threads and 200,000 replies, and 200 viewers of one thread',
  )
  const result = await runCommunityBench({ root: ROOT, log: (l) => console.log(l) })
  console.log(`\n  forum list, search and live delivery: ${communityMet(result) ? 'met' : 'MISSED'}`)
  const block = communityMarkdown(result)
  console.log(`\n${block}\n`)
  writeFileSync(DOC, updateCommunityDoc(existsSync(DOC) ? readFileSync(DOC, 'utf8') : undefined, block))
  console.log(`Wrote the community section of ${path.relative(ROOT, DOC)}.`)
}

async function reports() {
  if (!SUITES.includes('reports')) return
  console.log(
    '\nReports benchmark: the attendance report of a 5,000-student school over a term, and exports of 100,000 rows',
  )
  const result = await runReportsBench({ root: ROOT, log: (l) => console.log(l) })
  console.log(`\n  attendance report p95: ${reportsMet(result) ? 'met' : 'MISSED'}`)
  const block = reportsMarkdown(result)
  console.log(`\n${block}\n`)
  writeFileSync(DOC, updateReportsDoc(existsSync(DOC) ? readFileSync(DOC, 'utf8') : undefined, block))
  console.log(`Wrote the reports section of ${path.relative(ROOT, DOC)}.`)
}

async function capacity() {
  if (!SUITES.includes('capacity')) return
  const durationS = Number(process.env.BENCH_DURATION ?? 60)
  const rooms = Number(process.env.BENCH_CAPACITY_ROOMS ?? 500)
  const rate = Number(process.env.BENCH_CAPACITY_RATE ?? 350)
  const all: ScenarioKey[] = ['A', 'A2', 'B', 'B1']
  const scenarios = (process.env.BENCH_CAPACITY_SCENARIOS ?? all.join(',')).split(',') as ScenarioKey[]
  if (
    ![durationS, rooms, rate].every((x) => Number.isInteger(x) && x > 0) ||
    !scenarios.every((k) => all.includes(k))
  )
    throw new Error(
      'BENCH_DURATION, BENCH_CAPACITY_ROOMS and BENCH_CAPACITY_RATE must be positive integers; ' +
        'BENCH_CAPACITY_SCENARIOS a list of A, A2, B, B1',
    )
  console.log(
    `\nCapacity benchmark: ${rooms} rooms × 3 clients at ${rate} updates/s on 1 instance against twice that on 2 ` +
      `instances with Redis; ${durationS} s per scenario (${scenarios.join(', ')})`,
  )
  const result = await runCapacityBench({
    root: ROOT,
    durationS,
    rooms,
    rate,
    scenarios,
    log: (l) => console.log(l),
  })
  const v = capacityVerdicts(result)
  console.log(
    `\n  p99, 2 instances (rooms split) / 1 instance: ${v.split.toFixed(2)}× (${v.met ? 'met' : 'MISSED'}); ` +
      `rooms pinned ${v.pinned.toFixed(2)}×; 1 instance at the doubled load ${v.alone.toFixed(2)}×`,
  )
  const block = capacityMarkdown(result)
  console.log(`\n${block}\n`)
  const quiet = machineQuiet(result)
  const standard = durationS >= 60 && rooms === 500 && rate === 350 && scenarios.length === all.length
  if ((standard && quiet) || process.env.BENCH_CAPACITY_WRITE === '1') {
    writeFileSync(DOC, updateCapacityDoc(existsSync(DOC) ? readFileSync(DOC, 'utf8') : undefined, block))
    console.log(`Wrote the capacity section of ${path.relative(ROOT, DOC)}.`)
  } else
    console.log(
      !standard
        ? 'Not the standard run (60 s, 500 rooms, 350 updates/s, all scenarios): docs left as they were (BENCH_CAPACITY_WRITE=1 writes anyway).'
        : 'Other processes took more than a quarter of a core during a scenario: docs left as they were (BENCH_CAPACITY_WRITE=1 writes anyway).',
    )
}

// The scale benchmark (test/bench/scale, issue 18): home per role, members list, course outline, queue, schedule
// and gradebook at 1×, 10× and 100× the seed (N schools of N seed-sized units); p95 at 100× ≤ 1.5× the 1× p95.
// BENCH_SCALE=1,10 and BENCH_REQUESTS (200) shorten it; only the full run (1,10,100 × 200) updates the docs.
async function scale() {
  if (!SUITES.includes('scale')) return
  const sizes = (process.env.BENCH_SCALE ?? '1,10,100').split(',').map(Number)
  const requests = Number(process.env.BENCH_REQUESTS ?? 200)
  if (
    sizes[0] !== 1 ||
    !sizes.every((n, i) => Number.isInteger(n) && n >= (sizes[i - 1] ?? 1)) ||
    !(requests > 0)
  )
    throw new Error('BENCH_SCALE must be growing sizes from 1 (1,10,100); BENCH_REQUESTS a positive integer')
  console.log(
    `\nScale benchmark: the most opened pages at ${sizes.join('×, ')}× the seed, ${requests} requests each`,
  )
  const result = await runScaleBench({ root: ROOT, sizes, requests, log: (l) => console.log(l) })
  console.log(
    `\n  p95 flat (${sizes.at(-1)}× ≤ 1.5× the ${baseSize(result)}×): ${flatMet(result) ? 'met' : 'MISSED'}`,
  )
  const block = scaleMarkdown(result)
  console.log(`\n${block}\n`)
  if (sizes.join(',') === '1,10,100' && requests >= 200) {
    writeFileSync(DOC, updateScaleDoc(existsSync(DOC) ? readFileSync(DOC, 'utf8') : undefined, block))
    console.log(`Wrote the scale section of ${path.relative(ROOT, DOC)}.`)
  } else console.log('Not the standard run (1,10,100 × 200 requests): docs left as they were.')
}

main()
  .then(yjs)
  .then(live)
  .then(web)
  .then(storage)
  .then(ai)
  .then(payments)
  .then(assessments)
  .then(admin)
  .then(community)
  .then(reports)
  .then(capacity)
  .then(scale)
  .then(
    () => process.exit(0),
    (error) => {
      console.error(`Benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : error}`)
      process.exit(1)
    },
  )

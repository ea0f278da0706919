// `npm run bench`: the API benchmark (Hono constant vs JWT + RLS read vs the same read without RLS,
// under Node and Deno) with Postgres round trips per request. Not part of `npm test`.
// BENCH_DURATION=<seconds per case per round> shortens a smoke run; BENCH_ROUNDS (2), BENCH_POOL (10),
// BENCH_CONNECTIONS (32), BENCH_RUNTIMES (node,deno) explore.
// Only the standard run (>= 10 s, 32 connections, pools of 10, both runtimes, no experiment)
// updates docs/benchmarks.md.
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { markdown, ratio, updateDoc } from '../test/bench/api/report.ts'
import { runApiBench } from '../test/bench/api/run.ts'

const ROOT = path.resolve(import.meta.dirname, '..')
const DOC = path.join(ROOT, 'docs/benchmarks.md')

async function main() {
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
        `b0/c ${r('meBare', 'meNoRls')}, b'/c ${r('meBatched', 'meNoRls')}, b''/c ${r('meSimple', 'meNoRls')}`,
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

main().then(
  () => process.exit(0),
  (error) => {
    console.error(`Benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : error}`)
    process.exit(1)
  },
)

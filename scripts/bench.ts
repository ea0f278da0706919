// `npm run bench`: the API benchmark (Hono constant vs JWT + RLS read vs the same read without RLS,
// under Node and Deno) with Postgres round trips per request. Not part of `npm test`.
// BENCH_DURATION=<seconds> shortens a smoke run; BENCH_POOL, BENCH_CONNECTIONS and BENCH_RUNTIMES=node|deno
// explore. Only the standard run (>= 10 s, 32 connections, pools of 10, both runtimes) updates docs/benchmarks.md.
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { markdown, ratio, updateDoc } from '../test/bench/api/report.ts'
import { runApiBench } from '../test/bench/api/run.ts'

const ROOT = path.resolve(import.meta.dirname, '..')
const DOC = path.join(ROOT, 'docs/benchmarks.md')

async function main() {
  const durationS = Number(process.env.BENCH_DURATION ?? 10)
  const connections = Number(process.env.BENCH_CONNECTIONS ?? 32)
  const poolMax = Number(process.env.BENCH_POOL ?? 10)
  const runtimes = (process.env.BENCH_RUNTIMES ?? 'node,deno').split(',').filter((r) => r === 'node' || r === 'deno')
  if (!(durationS > 0) || !(connections > 0) || !(poolMax > 0) || runtimes.length === 0) {
    throw new Error('BENCH_DURATION, BENCH_CONNECTIONS and BENCH_POOL must be positive; BENCH_RUNTIMES node and/or deno')
  }
  console.log(`API benchmark: ${connections} connections, pools of ${poolMax}, ${durationS} s per case, ${runtimes}`)
  const result = await runApiBench({ root: ROOT, durationS, connections, poolMax, runtimes, log: (l) => console.log(l) })

  console.log('\nRatios of throughput:')
  for (const rt of runtimes) {
    const b_c = ratio(result, rt, 'me', 'meNoRls')
    console.log(
      `  ${rt}: b/c ${b_c.toFixed(2)}${b_c < 0.85 ? ' (< 0.85)' : ''}, b/a ${ratio(result, rt, 'me', 'constant').toFixed(3)}, ` +
        `b'/c ${ratio(result, rt, 'meBatched', 'meNoRls').toFixed(2)}, b''/c ${ratio(result, rt, 'meSimple', 'meNoRls').toFixed(2)}`,
    )
  }
  const block = markdown(result)
  console.log(`\n${block}\n`)
  if (durationS >= 10 && runtimes.length === 2 && poolMax === 10 && connections === 32) {
    writeFileSync(DOC, updateDoc(existsSync(DOC) ? readFileSync(DOC, 'utf8') : undefined, block))
    console.log(`Wrote ${path.relative(ROOT, DOC)}.`)
  } else console.log('Not the standard run (10+ s, 32 connections, pools of 10, both runtimes): docs left as they were.')
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(`Benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : error}`)
    process.exit(1)
  },
)

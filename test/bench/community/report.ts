// The community benchmark's figures as a Markdown block for docs/benchmarks.md.
import { replaceDocBlock } from '../doc.ts'
import type { Dist } from '../payments/load.ts'
import type { CommunityBenchResult } from './run.ts'

const START = '<!-- bench:community:start (written by npm run bench) -->'
const END = '<!-- bench:community:end -->'

/** Target of issue 19: a forum's thread list and search. */
export const TARGETS = { listP95Ms: 50, liveP99Ms: 100 }

const ms = (x: number) => (x < 10 ? x.toFixed(2) : x.toFixed(1))
const row = (label: string, d: Dist) =>
  `| ${label} | ${d.n} | ${[d.p50, d.p95, d.p99, d.max].map(ms).join(' | ')} |`

/** Whether the list and search p95 meet the target. */
export const communityMet = (r: CommunityBenchResult) =>
  [r.list, r.category, r.search, r.moderatorList].every((d) => d.p95 <= TARGETS.listP95Ms) &&
  r.live.kipindi.p99 <= TARGETS.liveP99Ms &&
  r.live.missing === 0

export function markdown(r: CommunityBenchResult): string {
  const worst = Math.max(r.list.p95, r.category.p95, r.search.p95, r.moderatorList.p95)
  return [
    START,
    '### Community: a course forum of 10,000 threads',
    '',
    `Run of ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC · ${r.machine.cpus} cores. One course with`,
    `${r.threads.toLocaleString('en-US')} threads and ${r.posts.toLocaleString('en-US')} replies by 200 students (seeded in ${(r.seedMs / 1000).toFixed(0)} s),`,
    'read through the api’s forum routes in process (Node) against a migrated embedded Postgres, pool of 10; auth replaced',
    'by the claims it would set, so each request runs as its user (`withUser`, `public.forum_thread_page`, RLS). Pages of 20,',
    '10 warm-up requests, then one at a time. Milliseconds.',
    '',
    '| request | n | p50 | p95 | p99 | max |',
    '| --- | --- | --- | --- | --- | --- |',
    row('student: list, offsets 0–80', r.list),
    row('student: one category', r.category),
    row('student: search (5 texts, common to absent)', r.search),
    row('moderator: list (with the review count)', r.moderatorList),
    '',
    `- Worst p95: ${ms(worst)} ms (target ≤ ${TARGETS.listP95Ms} ms: ${communityMet(r) ? 'met' : '**missed**'}).`,
    '',
    `**200 viewers of one thread.** The ${r.live.viewers} enrolled students each hold a socket on the realtime server`,
    '(`realtime/main.ts`) subscribed to the course’s topic; the course’s moderator replies through the API',
    '(`POST /api/forum/threads/:id/posts`, the api function on @hono/node-server) twice a second, after 5 warm-up',
    `replies; each of ${r.live.replies} replies timed from its POST to the \`forum\` event on every viewer’s socket. The`,
    'baseline, in the same run: a bare `ws` relay sending the same frame from one socket to as many. Milliseconds.',
    '',
    '| delivery | n | p50 | p95 | p99 | max |',
    '| --- | --- | --- | --- | --- | --- |',
    row('bare ws relay, 1 → 200', r.live.relay),
    row('Kipindi: POST → 200 viewers', r.live.kipindi),
    row('the API’s answer to the POST', r.live.answers),
    '',
    `- Delivery p99: ${ms(r.live.kipindi.p99)} ms (target ≤ ${TARGETS.liveP99Ms} ms: ${r.live.kipindi.p99 <= TARGETS.liveP99Ms ? 'met' : '**missed**'}), ${(r.live.kipindi.p99 / r.live.relay.p99).toFixed(1)}× the relay’s p99; ${r.live.missing} deliveries missing.`,
    '- The event carries ids only (course, thread): each viewer’s page then reads the thread under RLS, which this figure does not include.',
    END,
  ].join('\n')
}

export function updateCommunityDoc(existing: string | undefined, block: string): string {
  return replaceDocBlock(existing, block, { start: START, end: END, section: 'Community' })
}

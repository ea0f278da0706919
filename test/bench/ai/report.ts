// The AI benchmark's figures as a Markdown block for docs/benchmarks.md (between its markers).
import { replaceDocBlock } from '../doc.ts'
import type { AiBenchResult, Dist } from './run.ts'

const START = '<!-- bench:ai:start (written by npm run bench) -->'
const END = '<!-- bench:ai:end -->'

const ms = (x: number) => (x < 10 ? x.toFixed(2) : x.toFixed(1))
const row = (label: string, d: Dist) =>
  `| ${label} | ${ms(d.p50)} | ${ms(d.p95)} | ${ms(d.p99)} | ${ms(d.max)} |`
const verdict = (ok: boolean) => (ok ? 'met' : '**missed**')

export function markdown(r: AiBenchResult): string {
  const addedTtfb = r.tutor.ttfb.p99 - r.direct.ttfb.p99
  const addedChunk = r.tutor.chunk.p99 - r.direct.chunk.p99
  const bareTtfb = r.bare.ttfb.p99 - r.direct.ttfb.p99
  const bareChunk = r.bare.chunk.p99 - r.direct.chunk.p99
  const rssGrowth = r.rssMb.after - r.rssMb.before
  return [
    START,
    '### AI tutor: streaming through ai-tutor, and answers from lessons',
    '',
    `Run of ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC · ${r.machine.cpus} cores (${r.machine.cpuModel}), load average ${r.machine.load.toFixed(2)} at the end.`,
    '',
    `${r.streams} concurrent answers of ${r.chunks} chunks, one every ${r.intervalMs} ms, from the fake provider (OpenAI-compatible`,
    'stream), read straight from the fake and through `ai-tutor` under Deno (JWT, RLS transaction: conversation,',
    'question, quota, lesson search; answer stored every 500 ms), in the same run. The fake stamps each chunk with',
    "its send time on the client's clock (same process), so a chunk's delay is when the client read it minus when",
    'the fake wrote it. The ceiling: the same streams through a bare Deno proxy (`test/bench/ai/bare-proxy.ts`:',
    "`fetch` to the fake, the provider's body stream answered untouched; no token, database or parsing), also",
    'in the same run. Milliseconds.',
    '',
    '| measure | p50 | p95 | p99 | max |',
    '| --- | --- | --- | --- | --- |',
    row('time to first chunk, direct', r.direct.ttfb),
    row('time to first chunk, through a bare Deno proxy', r.bare.ttfb),
    row('time to first chunk, through ai-tutor', r.tutor.ttfb),
    row('… of which before the provider is asked', r.tutor.beforeProvider),
    row('chunk delay, direct', r.direct.chunk),
    row('chunk delay, through a bare Deno proxy', r.bare.chunk),
    row('chunk delay, through ai-tutor', r.tutor.chunk),
    '',
    `- Added time to first chunk, p99: ${ms(addedTtfb)} ms (target ≤ 5 ms: ${verdict(addedTtfb <= 5)}).`,
    `- Added delay per chunk, p99: ${ms(addedChunk)} ms (target ≤ 1 ms: ${verdict(addedChunk <= 1)}).`,
    `- What the bare proxy adds, p99: ${ms(bareTtfb)} ms to the first chunk, ${ms(bareChunk)} ms per chunk.`,
    `- RSS of the Deno process: ${r.rssMb.before.toFixed(0)} MB before, ${r.rssMb.peak.toFixed(0)} MB at the peak, ${r.rssMb.after.toFixed(0)} MB after (${rssGrowth >= 0 ? '+' : ''}${rssGrowth.toFixed(0)} MB); after ${r.rssMb.rounds.length} more rounds of ${r.streams}: ${r.rssMb.rounds.map((x) => x.toFixed(0)).join(', ')} MB. Heap in use after a full collection, after each round: ${r.heapMb.map((x) => x.toFixed(1)).join(', ')} MB.`,
    `- Failed streams: ${r.direct.failed} direct, ${r.bare.failed} through the bare proxy, ${r.tutor.failed} through ai-tutor.`,
    '',
    `Answer from published lessons only (no provider), ${r.retrieval.requests} questions one after another over ${r.retrieval.lessons} published lessons,`,
    `request to \`done\`: p50 ${ms(r.retrieval.total.p50)} ms, p95 ${ms(r.retrieval.total.p95)} ms (target ≤ 50 ms: ${verdict(r.retrieval.total.p95 <= 50)}), p99 ${ms(r.retrieval.total.p99)} ms; ${r.retrieval.failed} failed.`,
    END,
  ].join('\n')
}

export function updateAiDoc(existing: string | undefined, block: string): string {
  return replaceDocBlock(existing, block, { start: START, end: END, section: 'AI tutor' })
}

// The storage benchmark's figures as a Markdown block for docs/benchmarks.md (between its markers).
import { replaceDocBlock } from '../doc.ts'
import type { StorageBenchResult } from './run.ts'

const START = '<!-- bench:storage:start (written by npm run bench) -->'
const END = '<!-- bench:storage:end -->'
const TARGET = 0.7

export function markdown(r: StorageBenchResult): string {
  const ok = (x: number) => (x >= TARGET ? 'met' : '**missed**')
  const mbs = (x: number) => `${x.toFixed(0)} MB/s`
  const row = (c: string, store: number, fs: number, bare: number) =>
    `| ${c} | ${mbs(store)} | ${mbs(fs)} | ${(store / fs).toFixed(2)} | ${ok(store / fs)} | ${mbs(bare)} · ${(bare / fs).toFixed(2)} |`
  const rows = r.sizes.flatMap((s) => [
    row(`${s.label} upload (×${s.rounds})`, s.upload, s.fsWrite, s.httpUpload),
    row(`${s.label} download (×${s.rounds})`, s.download, s.fsRead, s.httpDownload),
  ])
  return [
    START,
    '### Files: the local store',
    '',
    `Run of ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC · ${r.machine.cpus} cores (${r.machine.cpuModel}), load average ${r.machine.load.toFixed(2)} at the end.`,
    '',
    'Through the gateway and the local store (JWT, RLS insert/select on `storage.objects`, content check, MD5,',
    'temporary file + fsync + rename) against `fs` writing (with fsync and MD5, as the store does) and reading',
    'the same bytes in the same run; medians of the rounds. Target: ≥ 0.7× of `fs`. "HTTP alone" is the same',
    'client and bytes against a bare Node `http` server on loopback that drops an upload and answers a download',
    'from memory (no auth, database or disk): the most any HTTP store could reach here, and its ratio to `fs`.',
    '',
    '| case | store | fs | ratio | target | HTTP alone · ratio |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
    `${r.small.concurrency} concurrent downloads of a ${r.small.bytes / 1024} KiB object, 5 rounds: p50 ${r.small.p50.toFixed(1)} ms, p99 ${r.small.p99.toFixed(1)} ms, max ${r.small.max.toFixed(1)} ms.`,
    END,
  ].join('\n')
}

export function updateStorageDoc(existing: string | undefined, block: string): string {
  return replaceDocBlock(existing, block, { start: START, end: END, section: 'Files' })
}

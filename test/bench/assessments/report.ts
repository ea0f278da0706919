// The assessments benchmark's figures as a Markdown block for docs/benchmarks.md.
import { replaceDocBlock } from '../doc.ts'
import type { Dist } from '../payments/load.ts'
import type { AssessmentsBenchResult } from './run.ts'

const START = '<!-- bench:assessments:start (written by npm run bench) -->'
const END = '<!-- bench:assessments:end -->'

/** Targets of issue 16. */
export const TARGETS = { submitP99Ms: 200, gradebookMs: 300, similarityMs: 10_000 }

const ms = (x: number) => (x < 10 ? x.toFixed(2) : x.toFixed(1))
const row = (label: string, d: Dist) =>
  `| ${label} | ${d.n} | ${[d.p50, d.p95, d.p99, d.max].map(ms).join(' | ')} |`
const verdict = (ok: boolean) => (ok ? 'met' : '**missed**')

export function verdicts(r: AssessmentsBenchResult) {
  return {
    submit: r.submit.p99 <= TARGETS.submitP99Ms && r.answersStored === r.answersExpected && r.errors === 0,
    gradebook: r.gradebook.read.p95 <= TARGETS.gradebookMs,
    similarity:
      r.similarity.job.ms <= TARGETS.similarityMs && r.similarity.plantsFound === r.similarity.plants,
  }
}

export function markdown(r: AssessmentsBenchResult): string {
  const ok = verdicts(r)
  return [
    START,
    '### Assessments: a class submitting a quiz at once, and the gradebook',
    '',
    `Run of ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC · ${r.machine.cpus} cores. The api's quiz and gradebook routes`,
    'in process (Node) against a migrated embedded Postgres, on a pool of 10 like the deployed api; auth replaced by',
    'the claims it would set, so each request still runs under RLS as its user (`withUser`: begin, claims, live-session',
    'check, the statements, commit).',
    '',
    `**Quiz.** ${r.students} enrolled students take a ${r.questions}-question quiz within ${r.windowS} s: each starts at a random`,
    `moment, saves its answers one by one 0.4 s apart (PUT /attempts/:id/answers/:q), then submits (POST /attempts/:id/submit,`,
    'graded at once in SQL against the keys). Milliseconds.',
    '',
    '| request | n | p50 | p95 | p99 | max |',
    '| --- | --- | --- | --- | --- | --- |',
    row('start (POST /quizzes/:id/attempts)', r.start),
    row('save an answer', r.save),
    row('submit and grade', r.submit),
    '',
    `- Submit p99: ${ms(r.submit.p99)} ms (target ≤ ${TARGETS.submitP99Ms} ms: ${verdict(ok.submit)}); errors: ${r.errors}.`,
    `- Answers stored afterwards: ${r.answersStored.toLocaleString('en-US')} of ${r.answersExpected.toLocaleString('en-US')} (0 lost: ${r.answersStored === r.answersExpected ? 'yes' : '**no**'}); results with the expected score (half right): ${r.resultsRight} of ${r.students}.`,
    '',
    `**Gradebook.** ${r.gradebook.students} students × ${r.gradebook.items} assessments (20 quizzes, 20 assignments, every one graded and`,
    `released; seeded in ${r.gradebook.seedS.toFixed(0)} s), GET /courses/:id/gradebook as the course's instructor, 30 reads after 6 warm-up`,
    'reads: categories, items, best quiz results, grades, overrides and attendance under RLS, then the totals in TypeScript.',
    '',
    '| request | n | p50 | p95 | p99 | max |',
    '| --- | --- | --- | --- | --- | --- |',
    row('gradebook data, 200 × 40', r.gradebook.read),
    '',
    `- Gradebook p95: ${ms(r.gradebook.read.p95)} ms (target ≤ ${TARGETS.gradebookMs} ms for its data: ${verdict(ok.gradebook)}).`,
    '',
    `**Similarity.** ${r.similarity.submissions} submissions of ${r.similarity.words.toLocaleString('en-US')} words (generated prose, the instructions pasted at the top of`,
    'each; 10 with a 150-word paragraph copied from another, 2 with a paragraph of one of 5 published lessons), the grading',
    'job `similarity` against the same kind of database: load the texts and lessons, winnowed 5-word shingles, candidate pairs',
    'from an index of fingerprints, passages, results replaced in one transaction.',
    '',
    `- The whole job: ${r.similarity.job.ms.toFixed(0)} ms (target ≤ ${TARGETS.similarityMs / 1000} s: ${verdict(ok.similarity)}); the comparison alone: median ${r.similarity.compare.medianMs.toFixed(0)} ms of 5 runs.`,
    `- Planted copies found with their passage: ${r.similarity.plantsFound} of ${r.similarity.plants}; other pairs reported: ${r.similarity.extraPairs}; ${r.similarity.job.pairsStored} pairs stored (${r.similarity.load}).`,
    END,
  ].join('\n')
}

export function updateAssessmentsDoc(existing: string | undefined, block: string): string {
  return replaceDocBlock(existing, block, { start: START, end: END, section: 'Assessments' })
}

// The payments benchmark's figures as a Markdown block for docs/benchmarks.md (between its markers).
import { replaceDocBlock } from '../doc.ts'
import type { Dist } from './load.ts'
import type { PaymentsBenchResult } from './run.ts'

const START = '<!-- bench:payments:start (written by npm run bench) -->'
const END = '<!-- bench:payments:end -->'

/** Targets of issue 15. */
export const TARGETS = { ackP99Ms: 10, balanceP95Ms: 20 }

const ms = (x: number) => (x < 10 ? x.toFixed(2) : x.toFixed(1))
const int = (n: number) => n.toLocaleString('en-US')
const verdict = (ok: boolean) => (ok ? 'met' : '**missed**')
const cells = (d: Dist) => [d.p50, d.p95, d.p99, d.max].map(ms)
const ratios = (x: Dist, y: Dist) =>
  [x.p50 / y.p50, x.p95 / y.p95, x.p99 / y.p99, x.max / y.max].map((r) => `${r.toFixed(2)}×`)
const row = (xs: string[]) => `| ${xs.join(' | ')} |`

/** Ack p99 and balance p95 against their targets, for the console and the doc. */
export function verdicts(r: PaymentsBenchResult) {
  return {
    ack: r.webhook.latency.p99 <= TARGETS.ackP99Ms,
    balance: r.ledger.rls.p95 <= TARGETS.balanceP95Ms,
  }
}

export function markdown(r: PaymentsBenchResult): string {
  const { baseline: b, webhook: w, ledger: l } = r
  const ok = verdicts(r)
  const dupes = r.sends - r.events
  const wrong = r.checks.filter((c) => c.found !== c.expected).length
  const success = r.functions.find((f) => f.name === 'private.record_payment_success')
  const plan = ok.balance
    ? []
    : [
        '',
        'The balance statement under RLS missed its target; its plan as the instructor:',
        '',
        '```',
        ...l.rlsPlan,
        '```',
      ]
  return [
    START,
    '### Payments: Stripe webhook acknowledgements and the ledger balance',
    '',
    `Run of ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC · ${r.machine.cpus} cores (${r.machine.cpuModel}), load average ${r.machine.load.toFixed(2)} at the end.`,
    '',
    `**Webhook.** ${int(r.sends)} \`checkout.session.completed\` deliveries at ${r.rate}/s for ${r.durationS} s, open-loop`,
    `(the sender was at most ${ms(w.maxLag)} ms late; ${ms(b.maxLag)} for the baseline), ${int(r.events)} distinct events and ${int(dupes)} duplicates`,
    `(${Math.round((dupes / r.sends) * 100)}%): ${int(r.duplicates.concurrent)} sent in the same tick as their original, ${int(r.duplicates.next)} one slot (5 ms) after it,`,
    `${int(r.duplicates.replay)} replays of a random earlier event. Each delivery is signed with \`Stripe.webhooks.generateTestHeaderString\``,
    'just before it goes out and posted over keep-alive HTTP/1.1 from the benchmark process. Served by the deployed',
    'entry `supabase/functions/stripe-webhook/index.ts` under Deno (Hono, `constructEventAsync`, mapping, one insert',
    'into the inbox `private.stripe_inbox` on its 2 acknowledgement connections, answer); its worker then applies each',
    'stored event on its own 3 connections by `private.record_payment_success` (event row, sale split 60/30/10 into',
    "the instructor's pending wallet, enrolment). Each event pays for a different student–course pair of one",
    "instructor's 50 courses. Baseline, in the same run: the same deliveries to a bare `Deno.serve` that reads the",
    'body and verifies its signature the same way, then answers (`test/bench/payments/verify-only-server.ts`):',
    'the difference is what the function adds (routing, mapping, Postgres). Milliseconds, send → answer read.',
    '',
    '| ack latency | p50 | p95 | p99 | max | errors |',
    '| --- | --- | --- | --- | --- | --- |',
    row([`verify-only baseline, ${r.rate}/s`, ...cells(b.latency), String(b.errors)]),
    row([`stripe-webhook, ${r.rate}/s`, ...cells(w.latency), String(w.errors)]),
    row(['ratio', ...ratios(w.latency, b.latency), '']),
    row([`verify-only baseline, one at a time (${b.oneByOne.n})`, ...cells(b.oneByOne), '0']),
    row([`stripe-webhook, one at a time (${w.oneByOne.n})`, ...cells(w.oneByOne), '0']),
    row(['ratio', ...ratios(w.oneByOne, b.oneByOne), '']),
    row([`stripe-webhook, ack → applied, ${r.rate}/s`, ...cells(r.inbox.applyLag), '']),
    '',
    `- Ack p99 at ${r.rate}/s: ${ms(w.latency.p99)} ms (target ≤ ${TARGETS.ackP99Ms} ms: ${verdict(ok.ack)}); ${ms(w.latency.p99 - b.latency.p99)} ms over the baseline's p99.`,
    `- Answered per second (sends over first send → last answer): ${w.answeredPerS.toFixed(0)} by stripe-webhook, ${b.answeredPerS.toFixed(0)} by the baseline${w.answeredPerS < r.rate * 0.97 ? ': stripe-webhook fell behind the offered rate and a queue grew' : ''}.`,
    `- Applied after the acknowledgement (the inbox row's receipt to its effect committed and marked): p50 ${ms(r.inbox.applyLag.p50)} ms,`,
    `  p99 ${ms(r.inbox.applyLag.p99)} ms over the run's ${int(r.inbox.applyLag.n)} events: what a student waits for after paying, beyond Stripe's own delivery.`,
    `- CPU per delivery (until the inbox was empty): stripe-webhook ${ms(w.cpu.serverMs)} ms in Deno + ${ms(w.cpu.postgresMs)} ms in Postgres; the baseline ${ms(b.cpu.serverMs)} ms in Deno.`,
    `  Work that was not ours kept ${w.cpu.otherCores.toFixed(1)} of the ${r.machine.cpus} cores busy during the stripe-webhook run, ${b.cpu.otherCores.toFixed(1)} during the baseline's.`,
    `- Postgres's function time over stripe-webhook's deliveries (\`track_functions\`), per event applied:${
      success ? ` \`record_payment_success\` ${ms(success.totalMs)} ms in all;` : ''
    } own time of the top ones: ${r.functions
      .slice(0, 6)
      .map((f) => `\`${f.name.replace(/^private\./, '')}\` ${ms(f.selfMs)}`)
      .join(', ')} ms.`,
    `- Answers: ${int(w.outcomes.queued ?? 0)} stored, ${int(w.outcomes.duplicate ?? 0)} \`duplicate\`, ${w.errors} errors. Inbox afterwards: ${Object.entries(
      r.inbox.states,
    )
      .map(([k, v]) => `${int(v)} ${k}`)
      .join(', ')}.`,
    `- Checked in the database afterwards, over all ${int(r.payments)} payments (${int(r.payments - r.events)} of them from the warm-up): each`,
    '  succeeded once, with exactly one `sale` transaction and one enrolment; every transaction balances per',
    "  currency; every sale is split 60/30/10; every account's balance is the sum of its entries; the instructor's",
    '  pending balance is what the sales owe them; one `payment_events` row per distinct event. ' +
      (wrong ? `**${wrong} checks failed.**` : '**0 double effects.**'),
    '',
    `**Ledger balance.** An instructor with ${int(l.entries)} entries on their wallet accounts (${int(l.sales)} sales posted by`,
    `\`private.record_payment_success\`, ${int(l.released)} of them released by \`private.release_pending\`; ${int(l.schoolEntries)} entries in the`,
    `school), seeded in ${l.seedS.toFixed(0)} s, then \`vacuum analyze\` (what autovacuum would have done). The balances statement of`,
    '`edge/api/payments/wallet.ts` (the `instructor_wallets` view) as the instructor under RLS through `withUser` (begin',
    '+ claims + statement pipelined, then commit: 2 round trips), against the same aggregate as one privileged',
    `statement without RLS (1 round trip); ${l.iterations} of each, alternating, one at a time. Milliseconds.`,
    '',
    '| balance query | p50 | p95 | p99 | max | in Postgres |',
    '| --- | --- | --- | --- | --- | --- |',
    row(['privileged, no RLS', ...cells(l.privileged), ms(l.privilegedExecMs)]),
    row(['instructor, under RLS', ...cells(l.rls), ms(l.rlsExecMs)]),
    row(['ratio', ...ratios(l.rls, l.privileged), '']),
    '',
    `- Balance p95 under RLS: ${ms(l.rls.p95)} ms (target ≤ ${TARGETS.balanceP95Ms} ms: ${verdict(ok.balance)}). "In Postgres" is EXPLAIN ANALYZE's`,
    '  execution time of the statement. The view sums `ledger_accounts.balance_minor` (kept at commit by the trigger',
    '  that posts each ledger transaction), two rows for this instructor: the entries are never read, so the figure does not grow',
    '  with them.',
    `- The whole wallet page read for reference (GET /tenants/:id/wallet through its route, in process: role check,`,
    `  balances and the last 100 entries under RLS, course titles): p50 ${ms(l.page.p50)} ms, p95 ${ms(l.page.p95)} ms,`,
    `  p99 ${ms(l.page.p99)} ms over ${l.pageIterations} reads. No target. Its entries statement takes ${ms(l.entriesExecMs)} ms in Postgres`,
    `  under RLS, ${ms(l.entriesPrivilegedExecMs)} ms without.`,
    ...plan,
    END,
  ].join('\n')
}

export function updatePaymentsDoc(existing: string | undefined, block: string): string {
  return replaceDocBlock(existing, block, { start: START, end: END, section: 'Payments' })
}

// The ledger half of the payments benchmark: an instructor with 100,000 ledger entries, posted by the
// real SQL functions (record_payment_success for the sales, release_pending for the releases), then
// the wallet's balance query timed as that instructor under RLS (withUser, as the API runs it) against
// the same aggregate on the privileged connection, and the whole wallet page read for reference.
import type { MiddlewareHandler } from 'hono'
import type { ApiDeps } from '../../../edge/api/core/router.ts'
import { walletRoutes } from '../../../edge/api/payments/wallet.ts'
import type { UserEnv } from '../../../edge/lib/auth-middleware.ts'
import { createDb, type Sql, type Tx, withUser } from '../../../edge/lib/db.ts'
import type { Claims } from '../../../edge/lib/jwt.ts'
import { addBenchUsers, type BenchPostgres, type BenchUser, benchClaims } from '../bench-db.ts'
import { type Dist, dist } from './load.ts'

export interface LedgerResult {
  /** Entries on the instructor's wallet accounts (pending and available). */
  entries: number
  /** All entries of the school (gateway, platform and marketing sides too). */
  schoolEntries: number
  sales: number
  released: number
  seedS: number
  iterations: number
  /** The balance statement under RLS, as the API runs it (begin + claims + statement, commit). */
  rls: Dist
  /** The same aggregate on the privileged connection: one statement, no RLS. */
  privileged: Dist
  /** Postgres's own execution time of the balance statement under RLS (EXPLAIN ANALYZE), ms. */
  rlsExecMs: number
  privilegedExecMs: number
  rlsPlan: string[]
  /** GET /tenants/:id/wallet through its route, in process: role, balances, last 100 entries, titles. */
  page: Dist
  pageIterations: number
  /** Postgres's execution time of the page's entries statement under RLS and without it, ms; its plan under RLS. */
  entriesExecMs: number
  entriesPrivilegedExecMs: number
  entriesPlan: string[]
}

const COURSES = 200
const SALES = 40_000
/** Sales released from pending to available (each release adds 2 instructor entries). */
const RELEASED = 30_000
/**
 * Sales per statement: each sale updates the same few account rows (balance_minor), and within one
 * transaction every update walks the row's earlier versions, so big batches get slow quadratically.
 */
const BATCH = 1_000

/** The balances statement of edge/api/payments/wallet.ts (a fragment: run it, or EXPLAIN it). */
const balanceOf = (tx: Tx | Sql, tenantId: string) => tx`
  select w.currency, w.pending_minor::int as pending_minor, w.available_minor::int as available_minor
  from public.instructor_wallets w
  where w.tenant_id = ${tenantId} and w.instructor_id = (select auth.uid())
  order by w.currency`

/** The claims a bench user's access token carries (what requireUser hands to withUser). */

const int = (n: number) => n.toLocaleString('en-US')

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now()
  await fn()
  return performance.now() - start
}

/** Builds the school and its instructor's 100,000 entries through the ledger's functions. */
async function seed(db: BenchPostgres, log: (l: string) => void) {
  const { sql } = db
  const [owner, instructor, ...students] = await addBenchUsers(
    sql,
    'ledger',
    'Ledger',
    1,
    2 + SALES / COURSES,
  )
  const [school] = await sql`
    insert into public.tenants (name, slug, created_by) values ('Bench Ledger School', 'bench-pay-ledger', ${owner.id})
    returning id`
  await sql`insert into public.memberships (tenant_id, user_id, role)
    select ${school.id}::uuid, u, 'student'::public.tenant_role from unnest(${students.map((s) => s.id)}::uuid[]) u
    union all select ${school.id}::uuid, ${instructor.id}::uuid, 'instructor'`
  const courses = await sql`
    insert into public.courses (tenant_id, title, created_by, is_free)
    select ${school.id}, 'Ledger course ' || i, ${instructor.id}, false from generate_series(0, ${COURSES - 1}::int) i
    returning id, title`
  courses.sort((a, b) => Number(a.title.split(' ')[2]) - Number(b.title.split(' ')[2]))
  const courseIds = courses.map((c) => c.id as string)
  await sql`insert into public.course_prices (course_id, currency, amount_minor)
    select c, 'USD', 1000 + 10 * (i - 1) from unnest(${courseIds}::uuid[]) with ordinality as x(c, i)`
  // No hold while the first sales are posted, so release_pending releases them batch by batch.
  await sql`insert into private.revenue_splits (tenant_id, hold_days) values (${school.id}, 0)`

  const started = performance.now()
  let released = 0
  for (let from = 0; from < SALES; from += BATCH) {
    const to = Math.min(SALES, from + BATCH) - 1
    if (from === RELEASED) {
      await sql`update private.revenue_splits set hold_days = 7 where tenant_id = ${school.id}`
    }
    // Payment n: student n / 200 buys course n % 200 at its price; the session id already attached.
    await sql`
      insert into public.payments (tenant_id, payer_id, beneficiary_id, purpose, course_id, provider, currency,
                                   amount_minor, provider_ref)
      select ${school.id}, s, s, 'course', c, 'stripe', 'USD', 1000 + 10 * (n % ${COURSES}::int), 'cs_ledger_' || n
      from generate_series(${from}::int, ${to}::int) n,
        lateral (select (${courseIds}::uuid[])[1 + n % ${COURSES}::int] as c,
                        (${students.map((s) => s.id)}::uuid[])[1 + n / ${COURSES}::int] as s) x`
    const [{ applied }] = await sql`
      select count(*) filter (where r = 'applied')::int as applied from (
        select private.record_payment_success('stripe', 'evt_' || p.provider_ref, p.id, p.provider_ref,
                                              p.amount_minor, p.currency) as r
        from public.payments p where p.tenant_id = ${school.id} and p.status = 'pending') x`
    if (applied !== to - from + 1)
      throw new Error(`ledger seed: ${applied} of ${to - from + 1} sales applied`)
    if (to < RELEASED) {
      const [r] = await sql`select private.release_pending(now()) as n`
      released += r.n
    }
    if ((to + 1) % 5_000 === 0 || to === SALES - 1) {
      log(
        `  ledger: ${int(to + 1)} sales posted, ${int(released)} released: ${int(to + 1 + 2 * released)} instructor entries ` +
          `(${((performance.now() - started) / 1000).toFixed(1)} s)`,
      )
    }
  }
  const seedS = (performance.now() - started) / 1000
  const [counts] = await sql`
    select count(*) filter (where a.owner_id = ${instructor.id})::int as entries, count(*)::int as school_entries,
      (select count(*) from public.ledger_transactions t where t.tenant_id = ${school.id} and t.kind = 'release')::int
        as released
    from public.ledger_entries e join public.ledger_accounts a on a.id = e.account_id
    where e.tenant_id = ${school.id}`
  // What autovacuum would have done by now on a live database: statistics, and the dead versions
  // of the wallet rows (each entry updates its account's balance_minor) cleared.
  log('  ledger: vacuum analyze of the ledger and payments')
  await sql.unsafe(
    'vacuum analyze public.ledger_accounts, public.ledger_entries, public.ledger_transactions, public.payments',
  )
  return { school: school.id as string, instructor, seedS, ...counts } as {
    school: string
    instructor: BenchUser
    seedS: number
    entries: number
    school_entries: number
    released: number
  }
}

/**
 * The wallet page's entries statement, copied from edge/api/payments/wallet.ts for EXPLAIN only (the
 * page's timings run the route itself).
 */
const entriesOf = (tx: Tx | Sql, tenantId: string) => tx`
  select e.created_at, e.currency, (-e.amount_minor)::int as amount_minor, t.kind,
    null::text as course_title,
    case a.kind when 'instructor_pending' then 'pending' else 'available' end as account,
    t.id as transaction_id
  from public.ledger_entries e
  join public.ledger_accounts a on a.id = e.account_id
  join public.ledger_transactions t on t.id = e.transaction_id
  where a.tenant_id = ${tenantId} and a.owner_id = (select auth.uid())
    and a.kind in ('instructor_pending', 'instructor_available')
  order by e.id desc limit 100`

/**
 * EXPLAIN ANALYZE of a statement with the instructor's claims, as role authenticated (under RLS) or
 * as the privileged role (RLS bypassed, same statement); rolled back.
 */
async function explain(
  db: BenchPostgres,
  claims: Claims,
  role: 'authenticated' | null,
  statement: (tx: Tx) => ReturnType<typeof balanceOf>,
): Promise<{ ms: number; plan: string[] }> {
  let plan: string[] = []
  await db.sql
    .begin(async (tx) => {
      await tx`select set_config('request.jwt.claims', ${JSON.stringify(claims)}, true)`
      if (role) await tx`select set_config('role', ${role}, true)`
      const rows = await tx`explain (analyze, buffers) ${statement(tx)}`
      plan = rows.map((r) => r['QUERY PLAN'] as string)
      throw new Error('rollback')
    })
    .catch((e: unknown) => {
      if (!(e instanceof Error) || e.message !== 'rollback') throw e
    })
  const m = /Execution Time: ([\d.]+) ms/.exec(plan.join('\n'))
  return { ms: m ? Number(m[1]) : Number.NaN, plan }
}

export async function runLedgerBench(
  db: BenchPostgres,
  o: { iterations?: number; pageIterations?: number; log: (l: string) => void },
): Promise<LedgerResult> {
  const iterations = o.iterations ?? 500
  const pageIterations = o.pageIterations ?? 200
  o.log(`ledger: ${int(SALES)} sales through record_payment_success, ${int(RELEASED)} of them released`)
  const s = await seed(db, o.log)
  if (s.entries !== SALES + 2 * RELEASED) throw new Error(`the instructor has ${s.entries} entries`)
  o.log(
    `ledger: the instructor has ${int(s.entries)} entries (the school ${int(s.school_entries)}), ` +
      `seeded in ${s.seedS.toFixed(1)} s`,
  )

  // A pool like the API's (prepared statements, as in production without the pooler).
  const sql = createDb(db.dbUrl, { max: 2 })
  const claims = benchClaims(s.instructor)
  try {
    const [expected] = await db.sql`
      select coalesce(-sum(e.amount_minor) filter (where a.kind = 'instructor_pending'), 0)::int as pending,
             coalesce(-sum(e.amount_minor) filter (where a.kind = 'instructor_available'), 0)::int as available
      from public.ledger_entries e join public.ledger_accounts a on a.id = e.account_id
      where a.tenant_id = ${s.school} and a.owner_id = ${s.instructor.id}`
    const rls = () => withUser(sql, claims, (tx) => balanceOf(tx, s.school))
    const privileged = () => sql`
      select w.currency, w.pending_minor::int as pending_minor, w.available_minor::int as available_minor
      from public.instructor_wallets w
      where w.tenant_id = ${s.school} and w.instructor_id = ${s.instructor.id}
      order by w.currency`
    for (const [label, read] of [
      ['under RLS', rls],
      ['privileged', privileged],
    ] as const) {
      const [w] = await read()
      if (!w || w.pending_minor !== expected.pending || w.available_minor !== expected.available) {
        throw new Error(`wallet ${label}: ${JSON.stringify(w)}, the entries say ${JSON.stringify(expected)}`)
      }
    }

    // The wallet page's route, in process, with the claims its auth middleware would set.
    const auth: MiddlewareHandler<UserEnv> = async (c, next) => {
      c.set('claims', claims)
      await next()
    }
    const page = walletRoutes({ sql, auth } as Pick<ApiDeps, 'sql' | 'auth'> as ApiDeps)
    const readPage = async () => {
      const res = await page.request(`/tenants/${s.school}/wallet`)
      const body = (await res.json()) as { balances: { available_minor: number }[]; entries: unknown[] }
      if (
        res.status !== 200 ||
        body.entries.length !== 100 ||
        body.balances[0]?.available_minor !== expected.available
      )
        throw new Error(`wallet page answered ${res.status}: ${JSON.stringify(body).slice(0, 300)}`)
    }

    o.log(`ledger: ${iterations} balance reads under RLS and ${iterations} privileged, alternating`)
    for (let i = 0; i < 50; i++) await Promise.all([rls(), privileged()].map((p) => p.then(() => {})))
    const rlsMs: number[] = []
    const privilegedMs: number[] = []
    for (let i = 0; i < iterations; i++) {
      rlsMs.push(await timed(rls))
      privilegedMs.push(await timed(privileged))
    }
    o.log(`ledger: ${pageIterations} wallet page reads (balances and the last 100 entries)`)
    for (let i = 0; i < 20; i++) await readPage()
    const pageMs: number[] = []
    for (let i = 0; i < pageIterations; i++) pageMs.push(await timed(readPage))

    const rlsPlan = await explain(db, claims, 'authenticated', (tx) => balanceOf(tx, s.school))
    const privilegedPlan = await explain(db, claims, null, (tx) => balanceOf(tx, s.school))
    const entriesPlan = await explain(db, claims, 'authenticated', (tx) => entriesOf(tx, s.school))
    const entriesPrivileged = await explain(db, claims, null, (tx) => entriesOf(tx, s.school))
    return {
      entries: s.entries,
      schoolEntries: s.school_entries,
      sales: SALES,
      released: s.released,
      seedS: s.seedS,
      iterations,
      rls: dist(rlsMs),
      privileged: dist(privilegedMs),
      rlsExecMs: rlsPlan.ms,
      privilegedExecMs: privilegedPlan.ms,
      rlsPlan: rlsPlan.plan,
      page: dist(pageMs),
      pageIterations,
      entriesExecMs: entriesPlan.ms,
      entriesPrivilegedExecMs: entriesPrivileged.ms,
      entriesPlan: entriesPlan.plan,
    }
  } finally {
    await sql.end({ timeout: 5 })
  }
}

// Where Postgres spends its CPU in one GET /me under RLS: the withUser pipeline built up step by
// step on one connection, N sequential requests each, CPU of the postmaster's process tree.
import { createDb, type Tx } from '../../../edge/lib/db.ts'
import { postmasterPid, snapshotProcs, treeCpuDeltaMs } from './cpu.ts'
import type { BenchDb } from './setup.ts'

export interface BreakdownRow {
  step: string
  /** Postgres CPU milliseconds per request, and wall milliseconds per request (sequential). */
  pgCpuMs: number
  wallMs: number
}

type Lazy = { execute(): PromiseLike<unknown> }

/** Measures each step; `inTx` steps run as begin + statements + commit pipelined, like withUserRead. */
export async function measureBreakdown(db: BenchDb, n = 3000): Promise<BreakdownRow[]> {
  const { sub, session_id: sid } = db.claims
  const claims = JSON.stringify(db.claims)
  const context = (c: Tx) => c`select set_config('role', 'authenticated', true),
    set_config('request.jwt.claims', ${claims}, true)`
  const contextLive = (c: Tx) => c`select set_config('role', 'authenticated', true),
    set_config('request.jwt.claims', ${claims}, true), private.assert_session_live(${sid}::uuid)`
  const profileRls = (c: Tx) => c`select p.id, private.contact_email(null, p.id) as email, p.display_name,
    p.created_at from public.profiles p where p.id = (select auth.uid())`
  const membershipsRls = (c: Tx) => c`select m.tenant_id, t.name as tenant_name, t.slug as tenant_slug, m.role
    from public.memberships m join public.tenants t on t.id = m.tenant_id
    where m.user_id = (select auth.uid()) order by lower(t.name), t.id`
  const profilePlain = (c: Tx) => c`select p.id, p.email, p.display_name, p.created_at from public.profiles p
    where p.id = ${sub}`
  const membershipsPlain = (
    c: Tx,
  ) => c`select m.tenant_id, t.name as tenant_name, t.slug as tenant_slug, m.role
    from public.memberships m join public.tenants t on t.id = m.tenant_id
    where m.user_id = ${sub} order by lower(t.name), t.id`

  const steps: [string, boolean, (c: Tx) => Lazy[]][] = [
    [
      '(c) profile + memberships, superuser, autocommit',
      false,
      (c) => [profilePlain(c), membershipsPlain(c)],
    ],
    ['begin; commit', true, () => []],
    ['+ set_config(role, claims)', true, (c) => [context(c)]],
    ['+ private.assert_session_live()', true, (c) => [contextLive(c)]],
    ['+ profile under RLS', true, (c) => [contextLive(c), profileRls(c)]],
    [
      '+ memberships under RLS (= withUserRead, GET /me)',
      true,
      (c) => [contextLive(c), profileRls(c), membershipsRls(c)],
    ],
  ]
  const sql = createDb(db.dbUrl, { max: 1 })
  const conn = await sql.reserve()
  const pg = postmasterPid(db.dataDir)
  const rows: BreakdownRow[] = []
  try {
    for (const [step, inTx, build] of steps) {
      const once = async () => {
        if (!inTx) {
          await Promise.all(build(conn).map((q) => q.execute()))
          return
        }
        const begin = conn`begin`.execute()
        const queries = build(conn).map((q) => q.execute())
        await Promise.all([begin, ...queries, conn`commit`.execute()])
      }
      for (let i = 0; i < 200; i++) await once()
      const before = snapshotProcs()
      const t0 = performance.now()
      for (let i = 0; i < n; i++) await once()
      const wall = performance.now() - t0
      rows.push({ step, pgCpuMs: treeCpuDeltaMs(before, snapshotProcs(), pg) / n, wallMs: wall / n })
    }
  } finally {
    conn.release()
    await sql.end()
  }
  return rows
}

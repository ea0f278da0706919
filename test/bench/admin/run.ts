// The admin benchmark (`npm run bench -- admin`, issue 17), against a migrated Postgres and the api's
// own routes in process (auth replaced by the claims it would set, so each request runs under RLS as
// the admin, `withUser`):
//   1. Import 5,000 students from CSV rows (POST /tenants/:id/student-imports) into a school on the
//      Premium plan (5,000 seats), then the same rows again (nothing new), against a baseline in the
//      same run: a plain INSERT … SELECT of the same rows into invitations with every check and
//      trigger off (session_replication_role = replica), as the superuser. Three rounds, fresh schools.
//   2. The members page of a 50,000-member school: GET /tenants/:id/members/search filtered by role
//      and a search text, a page of 20 at varied offsets, as the admin; p95 against 50 ms.

import { importRoutes } from '../../../edge/api/tenancy/import.ts'
import { memberRoutes } from '../../../edge/api/tenancy/members.ts'
import { createDb, type Sql } from '../../../edge/lib/db.ts'
import type { Claims } from '../../../edge/lib/jwt.ts'
import { addBenchUsers, benchClaims, benchDeps, startBenchPostgres } from '../bench-db.ts'
import { type Dist, dist } from '../payments/load.ts'

export interface AdminBenchResult {
  import: {
    rows: number
    runs: { importMs: number; rerunMs: number; baselineMs: number; phoneMs: number; phoneRerunMs: number }[]
    created: number
    accounts: number
  }
  members: { members: number; queries: number; search: Dist; unfiltered: Dist; plan: string[] }
  machine: { cpus: number }
}

type Pg = Parameters<typeof addBenchUsers>[0]
const IMPORT_ROWS = 5000
const MEMBERS = 50_000

/** The api's import and member routes in process; each request names its user in x-bench-user. */
function inProcessApi(sql: Sql, claims: Map<string, Claims>) {
  const deps = benchDeps(sql, claims, { siteUrl: 'http://127.0.0.1:5173' })
  const apps = { import: importRoutes(deps), members: memberRoutes(deps) }
  return async (method: string, path: string, user: string, body?: unknown) => {
    const app = path.includes('/student-imports') ? apps.import : apps.members
    const res = await app.request(path, {
      method,
      headers: {
        'x-bench-user': user,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    return { status: res.status, body: (await res.json()) as Record<string, unknown> }
  }
}

/** A school with one admin (its owner), on the Premium plan. */
async function school(sql: Pg, prefix: string) {
  const [admin] = await addBenchUsers(sql, `${prefix}admin`, 'Admin', 1, 1)
  if (!admin) throw new Error('no admin')
  const [t] = await sql`insert into public.tenants (name, slug, created_by)
    values (${`Bench ${prefix}`}, ${`bench-${prefix}`}, ${admin.id}) returning id`
  const tenant = t?.id as string
  await sql`insert into public.school_entitlements (tenant_id, plan, seats, ai_monthly_tokens, video_hours, storage_bytes)
    select ${tenant}, id, seats, ai_monthly_tokens, video_hours, storage_bytes from public.plans where id = 'premium'`
  return { tenant, admin }
}

const FIRST = [
  'Amina',
  'Baraka',
  'Wanjiru',
  'Otieno',
  'Achieng',
  'Kamau',
  'Njeri',
  'Mwangi',
  'Chebet',
  'Kiprono',
  'Akinyi',
  'Mutua',
  'Wambui',
  'Omondi',
  'Zawadi',
  'Juma',
  'Nafula',
  'Kibet',
  'Atieno',
  'Wekesa',
]
const LAST = [
  'Mwangi',
  'Otieno',
  'Kamau',
  'Wanjiku',
  'Ochieng',
  'Njoroge',
  'Kiptoo',
  'Mutiso',
  'Odhiambo',
  'Korir',
  'Wafula',
  'Kariuki',
  'Nyambura',
  'Onyango',
  'Cheruiyot',
  'Gitau',
  'Muthoni',
  'Barasa',
  'Rotich',
  'Macharia',
]
const nameOf = (i: number) =>
  `${FIRST[i % FIRST.length]} ${LAST[Math.floor(i / FIRST.length) % LAST.length]} ${i}`

function csvRows(prefix: string) {
  return Array.from({ length: IMPORT_ROWS }, (_, i) => ({
    name: nameOf(i),
    email: `${prefix}.${i}@students.bench.kipindi.test`,
    grade: String(1 + (i % 8)),
    class: `Grade ${1 + (i % 8)} ${['East', 'West', 'North', 'South', 'Central'][i % 5]}`,
  }))
}

/** The same class list for pupils without email: a Kenyan mobile number per row (unique per round). */
function phoneRows(round: number) {
  return csvRows('').map(({ email: _, ...row }, i) => ({
    ...row,
    phone: `07${round}${String(i).padStart(7, '0')}`,
  }))
}

/** Imports the phone rows into a fresh school (accounts made), then again (nothing new); both timed. */
async function phoneImport(sql: Pg, api: Sql, round: number) {
  const s = await school(sql, `tel${round}`)
  const call = inProcessApi(api, new Map([[s.admin.id, benchClaims(s.admin)]]))
  const path = `/tenants/${s.tenant}/student-imports`
  const rows = phoneRows(round)
  let t0 = performance.now()
  const first = await call('POST', path, s.admin.id, { rows })
  const phoneMs = performance.now() - t0
  if (first.status !== 200 || first.body.accounts_created !== IMPORT_ROWS)
    throw new Error(`phone import answered ${first.status}: ${JSON.stringify(first.body).slice(0, 300)}`)
  t0 = performance.now()
  const again = await call('POST', path, s.admin.id, { rows })
  const phoneRerunMs = performance.now() - t0
  if (again.body.accounts_created !== 0)
    throw new Error(`the phone re-run made accounts: ${JSON.stringify(again.body)}`)
  const [n] =
    await sql`select count(*)::int as n from public.memberships where tenant_id = ${s.tenant} and role = 'student'`
  return { phoneMs, phoneRerunMs, accounts: n?.n as number }
}

async function importRun(sql: Pg, api: Sql, log: (l: string) => void) {
  const runs: AdminBenchResult['import']['runs'] = []
  let created = 0
  let accounts = 0
  for (let round = 1; round <= 3; round++) {
    const s = await school(sql, `imp${round}`)
    const base = await school(sql, `base${round}`)
    const call = inProcessApi(api, new Map([[s.admin.id, benchClaims(s.admin)]]))
    const rows = csvRows(`r${round}`)
    const path = `/tenants/${s.tenant}/student-imports`
    let t0 = performance.now()
    const first = await call('POST', path, s.admin.id, { rows })
    const importMs = performance.now() - t0
    if (first.status !== 200 || first.body.invited !== IMPORT_ROWS)
      throw new Error(`import answered ${first.status}: ${JSON.stringify(first.body).slice(0, 300)}`)
    t0 = performance.now()
    const again = await call('POST', path, s.admin.id, { rows })
    const rerunMs = performance.now() - t0
    if (again.body.invited !== 0 || again.body.placed !== 0)
      throw new Error(`the re-run created something: ${JSON.stringify(again.body)}`)
    // Baseline: the same rows straight into invitations, no checks, no triggers, no emails.
    t0 = performance.now()
    await sql.begin(async (tx) => {
      await tx`set local session_replication_role = replica`
      await tx`insert into public.invitations (tenant_id, email, role, token_hash)
        select ${base.tenant}, lower(r ->> 'email'), 'student', md5(r ->> 'email')
        from jsonb_array_elements(${tx.json(rows)}) r`
    })
    const baselineMs = performance.now() - t0
    const [n] = await sql`select count(*)::int as n from public.invitations where tenant_id = ${s.tenant}`
    created = n?.n as number
    const phone = await phoneImport(sql, api, round)
    accounts = phone.accounts
    runs.push({ importMs, rerunMs, baselineMs, phoneMs: phone.phoneMs, phoneRerunMs: phone.phoneRerunMs })
    log(
      `  import round ${round}: ${importMs.toFixed(0)} ms, re-run ${rerunMs.toFixed(0)} ms, baseline ${baselineMs.toFixed(0)} ms; ` +
        `by phone ${phone.phoneMs.toFixed(0)} ms, re-run ${phone.phoneRerunMs.toFixed(0)} ms`,
    )
  }
  return { rows: IMPORT_ROWS, runs, created, accounts }
}

// Names a school admin types (part of a first or last name, or both); "kip" would also match every
// bench email's domain, which is the unfiltered case measured on its own.
const SEARCHES = ['wanj', 'otieno', 'amina k', 'chebet', 'mwangi 12', 'zawadi', 'kibet', 'njeri mac']

async function membersRun(sql: Pg, api: Sql, log: (l: string) => void) {
  const s = await school(sql, 'members')
  log(`members: seeding a school of ${MEMBERS.toLocaleString('en-US')}`)
  const users = await sql`
    insert into auth.users (instance_id, id, aud, role, email, encrypted_password, email_confirmed_at,
                            raw_app_meta_data, raw_user_meta_data, created_at, updated_at)
    select '00000000-0000-0000-0000-000000000000', gen_random_uuid(), 'authenticated', 'authenticated',
           'm' || i || '@members.bench.kipindi.test', '', now(), '{"provider":"email"}',
           jsonb_build_object('display_name', (${FIRST}::text[])[1 + i % ${FIRST.length}] || ' ' ||
             (${LAST}::text[])[1 + (i / ${FIRST.length}) % ${LAST.length}] || ' ' || i), now(), now()
    from generate_series(1, ${MEMBERS - 1}) i
    returning id`
  await sql`insert into public.memberships (tenant_id, user_id, role)
    select ${s.tenant}::uuid, u.id, (case when u.n % 20 = 0 then 'parent' when u.n % 50 = 1 then 'instructor'
      when u.n % 125 = 2 then 'staff' when u.n % 1000 = 3 then 'admin' else 'student' end)::public.tenant_role
    from (select id, row_number() over () as n from unnest(${users.map((u) => u.id as string)}::uuid[]) id) u`
  await sql`vacuum analyze`
  const call = inProcessApi(api, new Map([[s.admin.id, benchClaims(s.admin)]]))
  const path = (q: string, role: string, offset: number) =>
    `/tenants/${s.tenant}/members/search?role=${role}&q=${encodeURIComponent(q)}&limit=20&offset=${offset}`
  const first = await call('GET', path('wanj', 'student', 0), s.admin.id)
  if (first.status !== 200 || !(first.body.total as number))
    throw new Error(`members search answered ${first.status}: ${JSON.stringify(first.body).slice(0, 300)}`)
  const search: number[] = []
  const unfiltered: number[] = []
  for (let i = 0; i < 10; i++)
    await call('GET', path(SEARCHES[i % SEARCHES.length] as string, 'student', 0), s.admin.id)
  for (let i = 0; i < 80; i++) {
    const q = SEARCHES[i % SEARCHES.length] as string
    const role = i % 4 === 3 ? 'parent' : 'student'
    let t0 = performance.now()
    await call('GET', path(q, role, (i % 5) * 20), s.admin.id)
    search.push(performance.now() - t0)
    t0 = performance.now()
    await call('GET', `/tenants/${s.tenant}/members/search?limit=20&offset=${(i % 10) * 20}`, s.admin.id)
    unfiltered.push(performance.now() - t0)
  }
  const plan = await explain(sql, s.tenant)
  return {
    members: MEMBERS,
    queries: search.length,
    search: dist(search),
    unfiltered: dist(unfiltered),
    plan,
  }
}

/** The plan of public.search_members's statement for the admin (role student, "wanj"), printed when the target is missed. */
async function explain(sql: Pg, tenant: string) {
  const rows = await sql.unsafe(
    `explain (analyze, buffers off)
    select m.user_id, p.email, p.display_name, p.avatar_path, m.role, m.created_at, (count(*) over ())::int as total
    from public.memberships m join public.profiles p on p.id = m.user_id
    where m.tenant_id = $1 and m.role = 'student' and (p.display_name ilike '%wanj%' or p.email ilike '%wanj%')
    order by m.role, lower(p.display_name), m.user_id limit 20 offset 0`,
    [tenant],
  )
  return rows.map((r) => String(r['QUERY PLAN']))
}

export async function runAdminBench(o: {
  root: string
  log: (l: string) => void
}): Promise<AdminBenchResult> {
  const db = await startBenchPostgres(o.root, 'admin', o.log, 8)
  const api = createDb(db.dbUrl, { max: 10 })
  try {
    o.log(`import: ${IMPORT_ROWS.toLocaleString('en-US')} students, 3 rounds`)
    const imported = await importRun(db.sql, api, o.log)
    const members = await membersRun(db.sql, api, o.log)
    return { import: imported, members, machine: { cpus: (await import('node:os')).cpus().length } }
  } finally {
    await api.end()
    await db.stop()
  }
}

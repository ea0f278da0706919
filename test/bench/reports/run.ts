// The reports benchmark (`npm run bench -- reports`, issue 20): a school of 5,000 students in 25
// classes over a 13-week term — 650 tutoring sessions, each booked by its class (130,000 seats), most
// attended (about 110,000 stays, some in two tabs). Timed through the api's own report route in
// process (auth replaced by the claims it would set: `withUser`, public.attendance_report and its
// scope): the term's attendance by session, by student, by class (the admin) and by session (an
// instructor); the baseline in the same run is the bare aggregate (bookings joined to who came, no
// scope, no names, no minutes) as the superuser. Then the export job makes an XLSX of 100,000 seats through
// the real local store, with its time and the process's peak memory, against 10,000 rows (flat memory
// is the same peak for both) and a CSV of the same 100,000 rows.
import { mkdtemp, rm } from 'node:fs/promises'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { cpus, tmpdir } from 'node:os'
import path from 'node:path'
import { reportRoutes } from '../../../edge/api/reports/index.ts'
import { createDb, type Sql } from '../../../edge/lib/db.ts'
import type { Claims } from '../../../edge/lib/jwt.ts'
import { createVerifier } from '../../../edge/lib/jwt.ts'
import { silentLogger } from '../../../edge/lib/log.ts'
import { startExportJob } from '../../../realtime/jobs/exports/job.ts'
import { storageApi } from '../../../realtime/jobs/exports/storage.ts'
import { createStorageHost } from '../../../scripts/lib/storage-host.ts'
import { addBenchUsers, benchClaims, benchDeps, benchSigner, startBenchPostgres } from '../bench-db.ts'
import { type Dist, dist } from '../payments/load.ts'

export interface ExportFigures {
  format: 'xlsx' | 'csv'
  rows: number
  ms: number
  bytes: number
  /** Peak growth of the process's memory over its level before the export (MiB). */
  peakRssMiB: number
  peakHeapMiB: number
}

export interface ReportsBenchResult {
  students: number
  sessions: number
  seats: number
  seedMs: number
  baseline: Dist
  bySession: Dist
  byStudent: Dist
  byClass: Dist
  teacher: Dist
  exports: ExportFigures[]
  machine: { cpus: number }
}

type Pg = Parameters<typeof addBenchUsers>[0]
const STUDENTS = 5_000
const CLASSES = 25
const WEEKS = 13
const PER_WEEK = 2
/** Timed requests per case (BENCH_REPORTS_N shortens a smoke run). */
const TIMED = Number(process.env.BENCH_REPORTS_N ?? 60)
const DAY = 86_400_000

/** The report route in process; each request names its user in x-bench-user. */
function inProcessApi(sql: Sql, claims: Map<string, Claims>) {
  const app = reportRoutes(benchDeps(sql, claims))
  return async (path: string, user: string) => {
    const res = await app.request(path, { headers: { 'x-bench-user': user } })
    return { status: res.status, body: (await res.json()) as Record<string, unknown> }
  }
}

/** The school: an admin, 25 instructors (one per class), 5,000 students in 25 classes. */
async function school(sql: Pg) {
  const [admin] = await addBenchUsers(sql, 'reportadmin', 'Admin', 1, 1)
  const teachers = await addBenchUsers(sql, 'reportteacher', 'Teacher', 1, CLASSES)
  const students = await addBenchUsers(sql, 'reportstudent', 'Student', 1, STUDENTS)
  if (!admin) throw new Error('no bench admin')
  const [t] = await sql`insert into public.tenants (name, slug, created_by)
    values ('Bench reports school', 'bench-reports', ${admin.id}) returning id`
  const tenant = t?.id as string
  await sql`update public.memberships set role = 'admin' where tenant_id = ${tenant} and user_id = ${admin.id}`
  await sql`insert into public.memberships (tenant_id, user_id, role)
    select ${tenant}, u, 'instructor' from unnest(${teachers.map((s) => s.id)}::uuid[]) u`
  await sql`insert into public.memberships (tenant_id, user_id, role)
    select ${tenant}, u, 'student' from unnest(${students.map((s) => s.id)}::uuid[]) u`
  return { tenant, admin, teachers, students }
}

/** The term: classes, their sessions twice a week, every seat booked, most attended (triggers off). */
async function seed(sql: Pg, s: Awaited<ReturnType<typeof school>>, termStart: Date) {
  await sql.begin(async (tx) => {
    await tx`set local session_replication_role = replica`
    await tx`insert into public.classes (tenant_id, name)
      select ${s.tenant}, 'Grade ' || (6 + c / 5) || ' ' || (array['East','West','North','South','Central'])[1 + c % 5]
      from generate_series(0, ${CLASSES - 1}) c`
    await tx`
      insert into public.class_members (class_id, tenant_id, user_id)
      select c.id, ${s.tenant}, st.u
      from unnest(${s.students.map((u) => u.id)}::uuid[]) with ordinality st(u, i)
      join (select id, row_number() over (order by name) - 1 as n from public.classes where tenant_id = ${s.tenant}) c
        on c.n = (st.i - 1) % ${CLASSES}`
    await tx`
      insert into public.tutoring_sessions (tenant_id, instructor_id, title, starts_at, duration_minutes, capacity, status, ended_at)
      select ${s.tenant}, (${s.teachers.map((u) => u.id)}::uuid[])[1 + c.n], c.name || ' · week ' || (w + 1) || ' · ' || (k + 1),
        ${termStart.toISOString()}::timestamptz + make_interval(days => w * 7 + k * 2, hours => (8 + c.n % 8)::int), 60, 100, 'ended',
        ${termStart.toISOString()}::timestamptz + make_interval(days => w * 7 + k * 2, hours => (9 + c.n % 8)::int)
      from (select id, name, row_number() over (order by name) - 1 as n from public.classes where tenant_id = ${s.tenant}) c,
        generate_series(0, ${WEEKS - 1}) w, generate_series(0, ${PER_WEEK - 1}) k`
    await tx`
      insert into public.session_bookings (session_id, user_id, booked_by)
      select ts.id, cm.user_id, null
      from public.tutoring_sessions ts
      join public.classes c on c.tenant_id = ts.tenant_id and ts.title like c.name || ' · %'
      join public.class_members cm on cm.class_id = c.id
      where ts.tenant_id = ${s.tenant}`
    // 85% come; one in ten of those opens a second tab for part of the session.
    await tx`
      insert into public.session_attendance (session_id, stay_key, user_id, transport, joined_at, left_at)
      select b.session_id, b.user_id || '-1', b.user_id, 'p2p',
        ts.starts_at + make_interval(mins => (hashtext(b.user_id::text || ts.id::text) & 7)),
        ts.starts_at + make_interval(mins => 40 + (hashtext(ts.id::text || b.user_id::text) & 15))
      from public.session_bookings b join public.tutoring_sessions ts on ts.id = b.session_id
      where ts.tenant_id = ${s.tenant} and (hashtext(b.user_id::text || b.session_id::text) & 255) < 218`
    await tx`
      insert into public.session_attendance (session_id, stay_key, user_id, transport, joined_at, left_at)
      select a.session_id, a.user_id || '-2', a.user_id, 'p2p', a.joined_at + interval '10 minutes', a.left_at + interval '5 minutes'
      from public.session_attendance a join public.tutoring_sessions ts on ts.id = a.session_id
      where ts.tenant_id = ${s.tenant} and (hashtext(a.stay_key) & 15) = 0`
  })
  // Written with the triggers off: the report's seats in one pass.
  await sql`select private.rebuild_seats(${s.tenant})`
  await sql`vacuum analyze`
}

async function timed(n: number, run: (i: number) => Promise<{ status: number }>): Promise<Dist> {
  for (let i = 0; i < 5; i++) await run(i)
  const times: number[] = []
  for (let i = 0; i < n; i++) {
    const t0 = performance.now()
    const res = await run(i)
    times.push(performance.now() - t0)
    if (res.status !== 200) throw new Error(`the report answered ${res.status}`)
  }
  return dist(times)
}

/** Runs one export through the job and the store, sampling this process's memory every 20 ms. */
async function measureExport(
  o: { sql: Sql; tenant: string; admin: string; job: ReturnType<typeof startExportJob> },
  format: 'xlsx' | 'csv',
  from: string,
  to: string,
): Promise<ExportFigures> {
  global.gc?.()
  const base = process.memoryUsage()
  let peakRss = base.rss
  let peakHeap = base.heapUsed
  const sampler = setInterval(() => {
    const m = process.memoryUsage()
    peakRss = Math.max(peakRss, m.rss)
    peakHeap = Math.max(peakHeap, m.heapUsed)
  }, 20)
  const [e] = await o.sql`insert into public.report_exports (tenant_id, requested_by, report, format, filters)
    values (${o.tenant}, ${o.admin}, 'attendance', ${format}, ${o.sql.json({ group: 'seat', from, to })}) returning id`
  const t0 = performance.now()
  await o.job.run()
  const ms = performance.now() - t0
  clearInterval(sampler)
  const [done] =
    await o.sql`select status, row_count, byte_size::float8 as bytes, error from public.report_exports where id = ${e?.id}`
  if (done?.status !== 'done') throw new Error(`the export ended ${done?.status}: ${done?.error}`)
  const mib = (b: number) => b / 1048576
  return {
    format,
    rows: done.row_count,
    ms,
    bytes: done.bytes,
    peakRssMiB: mib(peakRss - base.rss),
    peakHeapMiB: mib(peakHeap - base.heapUsed),
  }
}

export async function runReportsBench(o: {
  root: string
  log: (l: string) => void
}): Promise<ReportsBenchResult> {
  const db = await startBenchPostgres(o.root, 'reports', o.log, 8)
  const api = createDb(db.dbUrl, { max: 10 })
  const dir = await mkdtemp(path.join(tmpdir(), 'kipindi-bench-exports-'))
  const signer = await benchSigner()
  const host = await createStorageHost({
    dbUrl: db.dbUrl,
    dir: path.join(dir, 'storage'),
    publicUrl: 'http://127.0.0.1',
    signingKey: signer.signingKey,
    verifier: createVerifier({ issuer: signer.issuer, jwks: JSON.parse(signer.jwks) }),
  })
  const server = http.createServer((req, res) => host.handle(req, res))
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const storageUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  try {
    const s = await school(db.sql)
    // The term ended a week ago.
    const termStart = new Date(Date.now() - (WEEKS * 7 + 7) * DAY)
    o.log(
      `seeding ${STUDENTS.toLocaleString('en-US')} students, ${CLASSES * WEEKS * PER_WEEK} sessions and their seats`,
    )
    const t0 = performance.now()
    await seed(db.sql, s, termStart)
    const seedMs = performance.now() - t0
    const [counts] = await db.sql`select
      (select count(*)::int from public.tutoring_sessions where tenant_id = ${s.tenant}) as sessions,
      (select count(*)::int from public.session_bookings b join public.tutoring_sessions t on t.id = b.session_id where t.tenant_id = ${s.tenant}) as seats`
    const day = (d: Date) => d.toISOString().slice(0, 10)
    const from = day(termStart)
    const to = day(new Date(termStart.getTime() + WEEKS * 7 * DAY))
    const teacher = s.teachers[0] as (typeof s.teachers)[number]
    const call = inProcessApi(
      api,
      new Map([
        [s.admin.id, benchClaims(s.admin)],
        [teacher.id, benchClaims(teacher)],
      ]),
    )
    const report = (group: string, who = s.admin.id) =>
      call(`/tenants/${s.tenant}/reports/attendance?from=${from}&to=${to}&group=${group}&limit=50`, who)
    const first = await report('student')
    if (first.status !== 200 || first.body.total_rows !== STUDENTS)
      throw new Error(`the report answered ${first.status}: ${JSON.stringify(first.body).slice(0, 300)}`)
    o.log('timing the bare aggregate, then the report by session, student and class, and an instructor’s')
    const baseline = await timed(TIMED, async () => {
      await api`
        select count(*), count(*) filter (where a.present) from public.tutoring_sessions t
        join public.session_bookings b on b.session_id = t.id
        left join (select distinct x.session_id, x.user_id, true as present from public.session_attendance x) a
          on a.session_id = b.session_id and a.user_id = b.user_id
        where t.tenant_id = ${s.tenant} and t.starts_at >= ${termStart} and t.starts_at < ${new Date(termStart.getTime() + WEEKS * 7 * DAY)}`
      return { status: 200 }
    })
    const bySession = await timed(TIMED, () => report('session'))
    const byStudent = await timed(TIMED, () => report('student'))
    const byClass = await timed(TIMED, () => report('class'))
    const teacherDist = await timed(TIMED, () => report('session', teacher.id))

    o.log('exports: 10,000 and 100,000 seats as XLSX, 100,000 as CSV')
    const job = startExportJob({
      sql: api,
      log: silentLogger,
      storage: storageApi({ url: storageUrl, serviceKey: signer.keys.serviceRoleKey }),
      intervalMs: 3_600_000,
      tmpDir: dir,
      tenantId: s.tenant,
    })
    // Seats of the first weeks: 400 per class-week pair of sessions → 10,000 in about a week and a half.
    const untilDay = (rows: number) =>
      day(new Date(termStart.getTime() + Math.ceil(rows / (counts?.seats / (WEEKS * 7))) * DAY))
    const ctx = { sql: api, tenant: s.tenant, admin: s.admin.id, job }
    const small = await measureExport(ctx, 'xlsx', from, untilDay(10_000))
    const large = await measureExport(ctx, 'xlsx', from, untilDay(100_000))
    const csv = await measureExport(ctx, 'csv', from, untilDay(100_000))
    await job.stop()
    return {
      students: STUDENTS,
      sessions: counts?.sessions,
      seats: counts?.seats,
      seedMs,
      baseline,
      bySession,
      byStudent,
      byClass,
      teacher: teacherDist,
      exports: [small, large, csv],
      machine: { cpus: cpus().length },
    }
  } finally {
    await new Promise((r) => server.close(r))
    await host.close()
    await api.end()
    await db.stop()
    await rm(dir, { recursive: true, force: true })
  }
}

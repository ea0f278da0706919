// The community benchmark (`npm run bench -- community`, issue 19): a course forum of 10,000
// threads and 200,000 replies, read through the api's own forum routes in process (auth replaced by
// the claims it would set, so each request runs as its user: `withUser`, the forum functions and
// row-level security). Timed: the thread list (first pages and a category), search (words of
// several selectivities in titles, first posts and replies), as an enrolled student and as the
// course's moderator; p95 against 50 ms.

import { threadRoutes } from '../../../edge/api/forum/threads.ts'
import { createDb, type Sql } from '../../../edge/lib/db.ts'
import type { Claims } from '../../../edge/lib/jwt.ts'
import { addBenchUsers, benchClaims, benchDeps, startBenchPostgres } from '../bench-db.ts'
import { type Dist, dist } from '../payments/load.ts'
import { type ForumLiveResult, runForumLive } from './live.ts'

export interface CommunityBenchResult {
  threads: number
  posts: number
  seedMs: number
  list: Dist
  category: Dist
  search: Dist
  moderatorList: Dist
  live: ForumLiveResult
  machine: { cpus: number }
}

type Pg = Parameters<typeof addBenchUsers>[0]
const THREADS = 10_000
const POSTS = 200_000
const AUTHORS = 200
const TIMED = 120
/** Replies the 200 viewers receive in the live part. */
const LIVE_REPLIES = 60

/** Words the seeded texts are made of; search looks for some of them. */
const WORDS = [
  'photosynthesis',
  'cell',
  'membrane',
  'nucleus',
  'energy',
  'plant',
  'animal',
  'water',
  'sunlight',
  'roots',
  'leaf',
  'chlorophyll',
  'microscope',
  'experiment',
  'homework',
  'exam',
  'question',
  'answer',
  'teacher',
  'lesson',
  'mitochondria',
  'respiration',
  'oxygen',
  'carbon',
  'dioxide',
  'soil',
  'seed',
  'flower',
  'insect',
  'bacteria',
]
/** From common to rare in the seeded texts, and one that is nowhere. */
const SEARCHES = ['cell', 'mitochondria', 'chlorophyll microscope', 'sunlight roots', 'zebra crossing']

/** The forum's thread routes in process; each request names its user in x-bench-user. */
function inProcessApi(sql: Sql, claims: Map<string, Claims>) {
  const app = threadRoutes(benchDeps(sql, claims))
  return async (path: string, user: string) => {
    const res = await app.request(path, { headers: { 'x-bench-user': user } })
    return { status: res.status, body: (await res.json()) as Record<string, unknown> }
  }
}

/** A school with its owner (the course's moderator), 200 enrolled students and one course. */
async function forumSchool(sql: Pg) {
  const [owner] = await addBenchUsers(sql, 'forumowner', 'Owner', 1, 1)
  const students = await addBenchUsers(sql, 'forumstudent', 'Student', 1, AUTHORS)
  if (!owner || students.length === 0) throw new Error('no bench users')
  const [t] = await sql`insert into public.tenants (name, slug, created_by)
    values ('Bench forum school', 'bench-forum', ${owner.id}) returning id`
  const tenant = t?.id as string
  await sql`insert into public.memberships (tenant_id, user_id, role)
    select ${tenant}, u, 'student' from unnest(${students.map((s) => s.id)}::uuid[]) u`
  const [c] = await sql`insert into public.courses (tenant_id, title, created_by)
    values (${tenant}, 'Grade 7 Science', ${owner.id}) returning id`
  const course = c?.id as string
  await sql`insert into public.enrolments (course_id, user_id)
    select ${course}, u from unnest(${students.map((s) => s.id)}::uuid[]) u`
  return { tenant, course, owner, students }
}

/** 10,000 threads and 200,000 replies (triggers off: counters and last activity set directly). */
async function seed(sql: Pg, course: string, tenant: string, authors: string[]) {
  await sql.begin(async (tx) => {
    await tx`set local session_replication_role = replica`
    await tx`
      insert into public.forum_threads (id, tenant_id, course_id, category, title, body, author_id, pinned,
                                        reply_count, created_at, last_post_at)
      select gen_random_uuid(), ${tenant}, ${course},
        (array['question', 'question', 'general', 'announcement'])[1 + i % 4],
        'About ' || w[1 + i % 30] || ' and ' || w[1 + (i * 7) % 30] || ' ' || i,
        'I have a question on ' || w[1 + (i * 3) % 30] || ', ' || w[1 + (i * 11) % 30] || ' and ' || w[1 + (i * 13) % 29] || '.',
        (${authors}::uuid[])[1 + i % ${authors.length}], i % 2000 = 0, ${POSTS / THREADS},
        now() - make_interval(mins => ${THREADS} - i), now() - make_interval(mins => ${THREADS} - i)
      from generate_series(1, ${THREADS}) i, (select ${WORDS}::text[] as w) words`
    await tx`
      insert into public.forum_posts (thread_id, course_id, tenant_id, body, author_id, created_at)
      select t.id, t.course_id, t.tenant_id,
        'Reply ' || n || ': ' || w[1 + (n * 5 + length(t.title)) % 29] || ' ' || w[1 + (n * 17) % 30] || ' because of the ' || w[1 + n % 30] || '.',
        (${authors}::uuid[])[1 + n % ${authors.length}], t.created_at + make_interval(secs => n)
      from public.forum_threads t, generate_series(1, ${POSTS / THREADS}) n, (select ${WORDS}::text[] as w) words
      where t.course_id = ${course}`
    // The first author has read every tenth thread.
    await tx`insert into public.forum_reads (user_id, thread_id, read_at)
      select ${authors[0] as string}, t.id, now() from public.forum_threads t where t.course_id = ${course} and random() < 0.1`
  })
  await sql`vacuum analyze`
}

async function timed(n: number, run: (i: number) => Promise<{ status: number }>): Promise<Dist> {
  for (let i = 0; i < 10; i++) await run(i)
  const times: number[] = []
  for (let i = 0; i < n; i++) {
    const t0 = performance.now()
    const res = await run(i)
    times.push(performance.now() - t0)
    if (res.status !== 200) throw new Error(`forum request answered ${res.status}`)
  }
  return dist(times)
}

export async function runCommunityBench(o: {
  root: string
  log: (l: string) => void
}): Promise<CommunityBenchResult> {
  const db = await startBenchPostgres(o.root, 'community', o.log, 8)
  const api = createDb(db.dbUrl, { max: 10 })
  try {
    const s = await forumSchool(db.sql)
    o.log(`seeding ${THREADS.toLocaleString('en-US')} threads and ${POSTS.toLocaleString('en-US')} replies`)
    const t0 = performance.now()
    await seed(
      db.sql,
      s.course,
      s.tenant,
      s.students.map((u) => u.id),
    )
    const seedMs = performance.now() - t0
    const student = s.students[0] as (typeof s.students)[number]
    const call = inProcessApi(
      api,
      new Map([
        [student.id, benchClaims(student)],
        [s.owner.id, benchClaims(s.owner)],
      ]),
    )
    const base = `/courses/${s.course}/forum/threads`
    const first = await call(`${base}?limit=20`, student.id)
    if (first.status !== 200 || first.body.total !== THREADS)
      throw new Error(`the list answered ${first.status}: ${JSON.stringify(first.body).slice(0, 300)}`)
    o.log('timing the list, a category, search, and the moderator’s list')
    const list = await timed(TIMED, (i) => call(`${base}?limit=20&offset=${(i % 5) * 20}`, student.id))
    const category = await timed(TIMED, (i) =>
      call(`${base}?limit=20&category=${['question', 'general', 'announcement'][i % 3]}`, student.id),
    )
    const search = await timed(TIMED, (i) =>
      call(`${base}?limit=20&q=${encodeURIComponent(SEARCHES[i % SEARCHES.length] as string)}`, student.id),
    )
    const moderatorList = await timed(TIMED, (i) =>
      call(`${base}?limit=20&offset=${(i % 5) * 20}`, s.owner.id),
    )
    o.log('200 viewers of one thread: replies through the API, delivered by the realtime server')
    const [thread] = await db.sql`select id from public.forum_threads where course_id = ${s.course}
      order by last_post_at desc limit 1`
    const live = await runForumLive({
      root: o.root,
      dbUrl: db.dbUrl,
      course: s.course,
      thread: thread?.id as string,
      moderator: s.owner,
      viewers: s.students,
      replies: LIVE_REPLIES,
      log: o.log,
    })
    return {
      live,
      threads: THREADS,
      posts: POSTS,
      seedMs,
      list,
      category,
      search,
      moderatorList,
      machine: { cpus: (await import('node:os')).cpus().length },
    }
  } finally {
    await api.end()
    await db.stop()
  }
}

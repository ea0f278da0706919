// The assessments benchmark (`npm run bench -- assessments`, issue 16), against a migrated Postgres
// and the api's own routes in process (auth replaced by the claims it would set):
//   1. 500 students take a 20-question quiz within one minute (BENCH_DURATION shortens it): each
//      starts at a random moment, saves its 20 answers 0.4 s apart as a phone would, then submits.
//      Save and submit latencies; afterwards every answer and result is checked in the database.
//   2. The gradebook of 200 students × 40 assessments (20 quizzes, 20 assignments, all graded),
//      read by the teacher through GET /courses/:id/gradebook.

import { gradebookRoutes } from '../../../edge/api/gradebook/index.ts'
import { quizzesRoutes } from '../../../edge/api/quizzes/index.ts'
import { createDb, type Sql } from '../../../edge/lib/db.ts'
import type { Claims } from '../../../edge/lib/jwt.ts'
import { addBenchUsers, type BenchUser, benchClaims, benchDeps, startBenchPostgres } from '../bench-db.ts'
import { type Dist, dist } from '../payments/load.ts'
import { runSimilarityBench, type SimilarityBenchResult } from '../similarity.ts'

export interface AssessmentsBenchResult {
  students: number
  questions: number
  windowS: number
  save: Dist
  submit: Dist
  start: Dist
  errors: number
  answersStored: number
  answersExpected: number
  resultsRight: number
  gradebook: { students: number; items: number; read: Dist; seedS: number }
  similarity: SimilarityBenchResult
  machine: { cpus: number }
}

const QUESTIONS = 20
const SPACING_MS = 400

/** The api's quiz and gradebook routes in process; each request names its user in x-bench-user. */
function inProcessApi(sql: Sql, claims: Map<string, Claims>) {
  const deps = benchDeps(sql, claims)
  const quizzes = quizzesRoutes(deps)
  const gradebook = gradebookRoutes(deps)
  return async (method: string, path: string, user: string, body?: unknown) => {
    const app = path.includes('/gradebook') ? gradebook : quizzes
    const res = await app.request(path, {
      method,
      headers: {
        'x-bench-user': user,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    return { status: res.status, body: (await res.json()) as Record<string, never> }
  }
}

type Call = ReturnType<typeof inProcessApi>

async function school(sql: postgres_Sql, students: number, prefix: string) {
  const [teacher] = await addBenchUsers(sql, `${prefix}teacher`, 'Teacher', 1, 1)
  const kids = await addBenchUsers(sql, `${prefix}student`, 'Student', 1, students)
  const [t] =
    await sql`insert into public.tenants (name, slug) values (${`Bench ${prefix}`}, ${`bench-${prefix}`}) returning id`
  await sql`insert into public.memberships (tenant_id, user_id, role)
    select ${t?.id}::uuid, u, 'student'::public.tenant_role from unnest(${kids.map((k) => k.id)}::uuid[]) u
    union all select ${t?.id}::uuid, ${teacher?.id as string}::uuid, 'instructor'::public.tenant_role`
  const [c] = await sql`insert into public.courses (tenant_id, title, created_by)
    values (${t?.id}, 'Grade 6 Maths', ${teacher?.id as string}) returning id`
  await sql`insert into public.enrolments (course_id, user_id)
    select ${c?.id}::uuid, u from unnest(${kids.map((k) => k.id)}::uuid[]) u`
  return { tenant: t?.id as string, course: c?.id as string, teacher: teacher as BenchUser, students: kids }
}
type postgres_Sql = Parameters<typeof addBenchUsers>[0]

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

async function timed<T>(out: number[], fn: () => Promise<T>): Promise<T> {
  const t0 = performance.now()
  const r = await fn()
  out.push(performance.now() - t0)
  return r
}

/** One student's attempt: start, 20 saves 0.4 s apart (every other one right), submit. */
async function takeQuiz(
  call: Call,
  quizId: string,
  user: string,
  m: { start: number[]; save: number[]; submit: number[]; errors: number[] },
) {
  const started = await timed(m.start, () => call('POST', `/quizzes/${quizId}/attempts`, user))
  if (started.status !== 201) {
    m.errors.push(started.status)
    return
  }
  const attempt = started.body as unknown as { id: string; questions: { id: string; prompt: string }[] }
  for (const q of attempt.questions) {
    const right = Number(q.prompt.split(' ')[1]) % 2 === 0
    const saved = await timed(m.save, () =>
      call('PUT', `/attempts/${attempt.id}/answers/${q.id}`, user, { bool: right }),
    )
    if (saved.status !== 200) m.errors.push(saved.status)
    await sleep(SPACING_MS)
  }
  const done = await timed(m.submit, () => call('POST', `/attempts/${attempt.id}/submit`, user))
  if (done.status !== 200) m.errors.push(done.status)
}

async function quizRun(
  sql: postgres_Sql,
  api: Sql,
  students: number,
  windowS: number,
  log: (l: string) => void,
) {
  const s = await school(sql, students, 'q')
  const [quiz] = await sql`insert into public.quizzes (course_id, title, published_at, release)
    values (${s.course}, 'Fractions check', now(), 'on_submit') returning id`
  await sql`insert into public.quiz_questions (quiz_id, course_id, position, kind, prompt, points)
    select ${quiz?.id}, ${s.course}, i, 'true_false', 'Question ' || i, 1 from generate_series(0, ${QUESTIONS - 1}) i`
  await sql`insert into public.quiz_answer_keys (question_id, course_id, key)
    select id, course_id, jsonb_build_object('correct_bool', true) from public.quiz_questions where quiz_id = ${quiz?.id}`
  const claims = new Map(s.students.map((u) => [u.id, benchClaims(u)]))
  const call = inProcessApi(api, claims)
  const m = { start: [] as number[], save: [] as number[], submit: [] as number[], errors: [] as number[] }
  // Each student starts at a random moment so that the last submits land within the window.
  const busyS = (QUESTIONS * SPACING_MS) / 1000
  const startWindowMs = Math.max(0, windowS - busyS - 2) * 1000
  log(
    `quiz: ${students} students × ${QUESTIONS} answers, starts spread over ${(startWindowMs / 1000).toFixed(0)} s`,
  )
  const t0 = performance.now()
  let finished = 0
  const ticker = setInterval(
    () => log(`  ${((performance.now() - t0) / 1000).toFixed(0)} s: ${finished} submitted`),
    10_000,
  )
  await Promise.all(
    s.students.map(async (u) => {
      await sleep(Math.random() * startWindowMs)
      await takeQuiz(call, quiz?.id as string, u.id, m)
      finished += 1
    }),
  )
  clearInterval(ticker)
  log(`  all submitted in ${((performance.now() - t0) / 1000).toFixed(1)} s`)
  const [stored] = await sql`select count(*)::int as n from public.quiz_responses r
    join public.quiz_attempts a on a.id = r.attempt_id where a.quiz_id = ${quiz?.id}`
  const [right] = await sql`select count(*)::int as n from public.quiz_results where quiz_id = ${quiz?.id}
    and score = ${QUESTIONS / 2}`
  return { m, stored: stored?.n as number, right: right?.n as number }
}

async function gradebookRun(sql: postgres_Sql, api: Sql, log: (l: string) => void) {
  const t0 = performance.now()
  const s = await school(sql, 200, 'g')
  log('gradebook: 200 students, 20 quizzes and 20 assignments, every one graded')
  await sql`insert into public.quizzes (course_id, title, published_at)
    select ${s.course}, 'Quiz ' || i, now() from generate_series(1, 20) i`
  await sql`insert into public.assignments (course_id, title, published_at, max_points, results_released_at)
    select ${s.course}, 'Assignment ' || i, now(), 20, now() from generate_series(1, 20) i`
  await sql`insert into public.quiz_attempts (quiz_id, course_id, tenant_id, user_id, number, question_ids, status, submitted_at)
    select q.id, q.course_id, q.tenant_id, e.user_id, 1, '{}', 'submitted', now()
    from public.quizzes q join public.enrolments e on e.course_id = q.course_id where q.course_id = ${s.course}`
  await sql`insert into public.quiz_results (attempt_id, quiz_id, course_id, user_id, score, max_score, questions)
    select a.id, a.quiz_id, a.course_id, a.user_id, floor(random() * 11), 10, '[]'
    from public.quiz_attempts a where a.course_id = ${s.course}`
  await sql`insert into public.assignment_submissions (assignment_id, course_id, tenant_id, user_id, body)
    select a.id, a.course_id, a.tenant_id, e.user_id, 'Work'
    from public.assignments a join public.enrolments e on e.course_id = a.course_id where a.course_id = ${s.course}`
  await sql`insert into public.assignment_grades (submission_id, assignment_id, course_id, user_id, raw_points)
    select id, assignment_id, course_id, user_id, floor(random() * 21) from public.assignment_submissions
    where course_id = ${s.course}`
  await sql`vacuum analyze`
  const seedS = (performance.now() - t0) / 1000
  const call = inProcessApi(api, new Map([[s.teacher.id, benchClaims(s.teacher)]]))
  const read = () => call('GET', `/courses/${s.course}/gradebook`, s.teacher.id)
  const first = await read()
  const book = first.body as unknown as { rows: unknown[]; items: unknown[] }
  if (first.status !== 200 || book.rows.length !== 200 || book.items.length !== 40) {
    throw new Error(`gradebook answered ${first.status}: ${JSON.stringify(first.body).slice(0, 300)}`)
  }
  for (let i = 0; i < 5; i++) await read()
  const ms: number[] = []
  for (let i = 0; i < 30; i++) await timed(ms, read)
  return { students: 200, items: 40, read: dist(ms), seedS }
}

export async function runAssessmentsBench(o: {
  root: string
  windowS: number
  students?: number
  log: (l: string) => void
}): Promise<AssessmentsBenchResult> {
  const students = o.students ?? 500
  const db = await startBenchPostgres(o.root, 'assessments', o.log, 8)
  // The api's pool as deployed (DB_POOL_MAX 10, prepared statements).
  const api = createDb(db.dbUrl, { max: 10 })
  try {
    const quiz = await quizRun(db.sql, api, students, o.windowS, o.log)
    const gradebook = await gradebookRun(db.sql, api, o.log)
    o.log('similarity: 200 submissions of 1,000 words against each other and 5 lessons')
    const similarity = await runSimilarityBench({ root: o.root, log: o.log })
    return {
      students,
      questions: QUESTIONS,
      windowS: o.windowS,
      save: dist(quiz.m.save),
      submit: dist(quiz.m.submit),
      start: dist(quiz.m.start),
      errors: quiz.m.errors.length,
      answersStored: quiz.stored,
      answersExpected: students * QUESTIONS,
      resultsRight: quiz.right,
      gradebook,
      similarity,
      machine: { cpus: (await import('node:os')).cpus().length },
    }
  } finally {
    await api.end()
    await db.stop()
  }
}

import { afterAll, beforeAll } from 'vitest'
import { testDb } from '../support/fixtures.ts'
import {
  CAST,
  createWorld,
  NO_PRIVATE_CALL,
  type Role,
  type Row,
  violates,
  type World,
  walkCast,
} from '../support/rls.ts'

// Quizzes' tables (issue 16). Tenant A: the instructor's course c1 with the student enrolled; quiz
// q1 (published, results on submit: the student submitted an attempt, graded), q2 (a draft), q3
// (published, results released by hand, not yet: the student submitted), q4 (published: the student
// has an attempt open, with one saved answer). Each quiz has two questions with keys. Tenant B: a
// published quiz qB in its own course. The draft q2 also has a question without a key yet.
const sql = testDb(12)
let w: World
const ids = {} as Record<'c1' | 'cB' | 'q1' | 'q2' | 'q3' | 'q4' | 'qB' | 'a1' | 'a3' | 'a4' | 'bare', string>
const questions: Record<string, string[]> = {}

async function quiz(course: string, opts: { published: boolean; release?: string }) {
  const [q] = await sql`insert into public.quizzes (course_id, title, published_at, release)
    values (${course}, 'Q', ${opts.published ? new Date() : null}, ${opts.release ?? 'on_submit'}) returning id`
  const id = q?.id as string
  questions[id] = []
  for (const [i, correct] of [true, false].entries()) {
    const [qq] =
      await sql`insert into public.quiz_questions (quiz_id, course_id, position, kind, prompt, points)
      values (${id}, ${course}, ${i}, 'true_false', 'T or F?', 1) returning id`
    await sql`insert into public.quiz_answer_keys (question_id, course_id, key)
      values (${qq?.id}, ${course}, ${sql.json({ correct_bool: correct })})`
    questions[id]?.push(qq?.id as string)
  }
  return id
}

async function attempt(quizId: string, course: string, user: string, submitted: boolean) {
  const [a] =
    await sql`insert into public.quiz_attempts (quiz_id, course_id, tenant_id, user_id, number, question_ids,
      status, submitted_at)
    values (${quizId}, ${course}, ${w.a.id}, ${user}, 1, ${questions[quizId] as string[]}::uuid[],
      ${submitted ? 'submitted' : 'in_progress'}, ${submitted ? new Date() : null}) returning id`
  await sql`insert into public.quiz_responses (attempt_id, question_id, course_id, response)
    values (${a?.id}, ${questions[quizId]?.[0] as string}, ${course}, ${sql.json({ bool: true })})`
  if (submitted) await sql`select private.grade_quiz_attempt(${a?.id})`
  return a?.id as string
}

beforeAll(async () => {
  w = await createWorld(sql)
  const { instructor, student, adminB } = w.users
  const course = async (tenant: string, by: string) =>
    (
      await sql`insert into public.courses (tenant_id, title, created_by) values (${tenant}, 'C', ${by}) returning id`
    )[0]?.id as string
  ids.c1 = await course(w.a.id, instructor.id)
  ids.cB = await course(w.b.id, adminB.id)
  await sql`insert into public.enrolments (course_id, user_id) values (${ids.c1}, ${student.id})`
  ids.q1 = await quiz(ids.c1, { published: true })
  ids.q2 = await quiz(ids.c1, { published: false })
  ids.q3 = await quiz(ids.c1, { published: true, release: 'manual' })
  ids.q4 = await quiz(ids.c1, { published: true })
  ids.qB = await quiz(ids.cB, { published: true })
  const [bare] =
    await sql`insert into public.quiz_questions (quiz_id, course_id, position, kind, prompt, points)
    values (${ids.q2}, ${ids.c1}, 5, 'short', 'No key yet', 1) returning id`
  ids.bare = bare?.id as string
  ids.a1 = await attempt(ids.q1, ids.c1, student.id, true)
  ids.a3 = await attempt(ids.q3, ids.c1, student.id, true)
  ids.a4 = await attempt(ids.q4, ids.c1, student.id, false)
})
afterAll(() => sql.end())

const only = (
  roles: Partial<Record<Role, number | string>>,
  rest: number | string,
  anon: number | string,
): Row => Object.fromEntries(CAST.map((r) => [r, r === 'anon' ? anon : (roles[r] ?? rest)])) as Row
const all = (value: number | string, anon: number | string) => only({}, value, anon)
/** The course's teachers in the cast: its author and the school's staff, admins and owner. */
const TEACHERS = (n: number) => ({ instructor: n, staff: n, admin: n, owner: n })
const A_QUIZZES = (): [string, ...string[]] => [ids.q1, ids.q2, ids.q3, ids.q4]

// biome-ignore format: the expected outcomes read as a table, one row per command
walkCast('quizzes', () => w, [
  {
    op: 'select', name: 'read quizzes (teachers all; enrolled students the published ones; B its own)',
    run: (tx) => tx`select 1 from public.quizzes where id in ${tx([...A_QUIZZES(), ids.qB])}`,
    expect: only({ ...TEACHERS(4), student: 3, adminB: 1 }, 0, 0),
  },
  {
    op: 'insert', name: 'add a quiz to c1 (its editor)',
    run: (tx) => tx`insert into public.quizzes (course_id, title) values (${ids.c1}, 'New')`,
    expect: only({ instructor: 1 }, violates('quizzes'), violates('quizzes')),
  },
  {
    op: 'update', name: 'publish the draft (its editor)',
    run: (tx) => tx`update public.quizzes set published_at = now() where id = ${ids.q2}`,
    expect: only({ instructor: 1 }, 0, 0),
  },
  {
    op: 'update', name: 'release results by hand (its editor)',
    run: (tx) => tx`update public.quizzes set results_released_at = now() where id = ${ids.q3}`,
    expect: only({ instructor: 1 }, 0, 0),
  },
  {
    op: 'delete', run: (tx) => tx`delete from public.quizzes where id = ${ids.q1}`,
    expect: only({ instructor: 1 }, 0, 0),
  },
])

// biome-ignore format: the expected outcomes read as a table, one row per command
walkCast('quiz_questions', () => w, [
  {
    op: 'select', name: 'read questions (teachers; the student only of quizzes they started)',
    run: (tx) => tx`select 1 from public.quiz_questions where quiz_id in ${tx(A_QUIZZES())}`,
    expect: only({ ...TEACHERS(9), student: 6 }, 0, 0),
  },
  {
    op: 'insert', name: 'add a question (the editor)',
    run: (tx) => tx`insert into public.quiz_questions (quiz_id, course_id, position, kind, prompt, points)
                    values (${ids.q2}, ${ids.c1}, 9, 'short', 'Why?', 1)`,
    expect: only({ instructor: 1 }, violates('quiz_questions'), violates('quiz_questions')),
  },
  {
    op: 'update', run: (tx) => tx`update public.quiz_questions set prompt = 'Changed' where quiz_id = ${ids.q1}`,
    expect: only({ instructor: 2 }, 0, 0),
  },
  {
    op: 'delete', run: (tx) => tx`delete from public.quiz_questions where quiz_id = ${ids.q1}`,
    expect: only({ instructor: 2 }, 0, 0),
  },
])

// biome-ignore format: the expected outcomes read as a table, one row per command
walkCast('quiz_answer_keys', () => w, [
  {
    op: 'select', name: 'read answer keys (teachers only: never a student, even mid-attempt)',
    run: (tx) => tx`select 1 from public.quiz_answer_keys where course_id = ${ids.c1}`,
    expect: only(TEACHERS(8), 0, 0),
  },
  {
    op: 'insert', name: 'write a key (the editor)',
    run: (tx) => tx`insert into public.quiz_answer_keys (question_id, course_id, key)
                    values (${ids.bare}, ${ids.c1}, '{"accepted":["x"]}')`,
    expect: only({ instructor: 1 }, violates('quiz_answer_keys'), violates('quiz_answer_keys')),
  },
  {
    op: 'update', name: 'change a key (the editor)',
    run: (tx) => tx`update public.quiz_answer_keys set key = '{"correct_bool":false}' where course_id = ${ids.c1}`,
    expect: only({ instructor: 8 }, 0, 0),
  },
  {
    op: 'delete', run: (tx) => tx`delete from public.quiz_answer_keys where course_id = ${ids.c1}`,
    expect: only({ instructor: 8 }, 0, 0),
  },
])

// biome-ignore format: the expected outcomes read as a table, one row per command
walkCast('quiz_attempts', () => w, [
  {
    op: 'select', name: "read attempts (the student's own; teachers)",
    run: (tx) => tx`select 1 from public.quiz_attempts where course_id = ${ids.c1}`,
    expect: only({ ...TEACHERS(3), student: 3 }, 0, 0),
  },
  {
    op: 'insert', name: 'start an attempt by hand (nobody: start_quiz_attempt does)',
    run: (tx) => tx`insert into public.quiz_attempts (quiz_id, course_id, tenant_id, user_id, number, question_ids)
                    values (${ids.q2}, ${ids.c1}, ${w.a.id}, (select auth.uid()), 1, '{}')`,
    expect: all(violates('quiz_attempts'), violates('quiz_attempts')),
  },
  {
    op: 'update', name: 'extend a deadline or reopen (nobody)',
    run: (tx) => tx`update public.quiz_attempts set status = 'in_progress', submitted_at = null where id = ${ids.a1}`,
    expect: all(0, 0),
  },
  { op: 'delete', run: (tx) => tx`delete from public.quiz_attempts where id = ${ids.a1}`, expect: all(0, 0) },
])

// biome-ignore format: the expected outcomes read as a table, one row per command
walkCast('quiz_responses', () => w, [
  {
    op: 'select', name: "read answers (the student's own; teachers)",
    run: (tx) => tx`select 1 from public.quiz_responses where course_id = ${ids.c1}`,
    expect: only({ ...TEACHERS(3), student: 3 }, 0, 0),
  },
  {
    op: 'insert', name: 'save an answer in the open attempt (its student)',
    run: (tx) => tx`insert into public.quiz_responses (attempt_id, question_id, course_id, response)
                    values (${ids.a4}, ${questions[ids.q4]?.[1] as string}, ${ids.c1}, '{"bool":false}')`,
    expect: only({ student: 1 }, violates('quiz_responses'), violates('quiz_responses')),
  },
  {
    op: 'insert', name: 'add an answer to a submitted attempt (nobody)',
    run: (tx) => tx`insert into public.quiz_responses (attempt_id, question_id, course_id, response)
                    values (${ids.a1}, ${questions[ids.q1]?.[1] as string}, ${ids.c1}, '{"bool":false}')`,
    expect: all(violates('quiz_responses'), violates('quiz_responses')),
  },
  {
    op: 'update', name: 'change answers (the student, only in the open attempt)',
    run: (tx) => tx`update public.quiz_responses set response = '{"bool":false}' where course_id = ${ids.c1}`,
    expect: only({ student: 1 }, 0, 0),
  },
  { op: 'delete', run: (tx) => tx`delete from public.quiz_responses where course_id = ${ids.c1}`, expect: all(0, 0) },
])

// biome-ignore format: the expected outcomes read as a table, one row per command
walkCast('quiz_results', () => w, [
  {
    op: 'select', name: 'read results (the student once released; teachers all)',
    run: (tx) => tx`select 1 from public.quiz_results where course_id = ${ids.c1}`,
    expect: only({ ...TEACHERS(2), student: 1 }, 0, 0),
  },
  {
    op: 'insert', name: 'write a result (nobody: grading does)',
    run: (tx) => tx`insert into public.quiz_results (attempt_id, quiz_id, course_id, user_id, score, max_score, questions)
                    values (${ids.a4}, ${ids.q4}, ${ids.c1}, (select auth.uid()), 100, 2, '[]')`,
    expect: all(violates('quiz_results'), violates('quiz_results')),
  },
  {
    op: 'update', name: 'raise a score (nobody)',
    run: (tx) => tx`update public.quiz_results set score = 100 where course_id = ${ids.c1}`,
    expect: all(0, 0),
  },
  { op: 'delete', run: (tx) => tx`delete from public.quiz_results where course_id = ${ids.c1}`, expect: all(0, 0) },
  {
    op: 'select', name: 'grade an attempt directly (nobody signed in)',
    run: (tx) => tx`select private.grade_quiz_attempt(${ids.a4})`,
    expect: all('permission denied for function grade_quiz_attempt', NO_PRIVATE_CALL),
  },
])

import type { Sql } from '../../edge/lib/db.ts'

// Setup of a course's work as the superuser, for the certificate and completion tests: published
// lessons, lessons marked done, quizzes with released or unreleased results, assignments graded by
// points or BTEC. Each helper writes the rows the features' own functions would have written.

/** A course of `tenant` by `by` (its editor through the courses trigger). */
export async function newCourse(sql: Sql, tenant: string, by: string, title = 'C'): Promise<string> {
  const [c] = await sql`insert into public.courses (tenant_id, title, created_by)
    values (${tenant}, ${title}, ${by}) returning id`
  return c?.id as string
}

/** A lesson, published (one version) unless told. */
export async function newLesson(sql: Sql, course: string, published = true): Promise<string> {
  const [l] = await sql`insert into public.lessons (course_id, title) values (${course}, 'L') returning id`
  if (published) {
    await sql`insert into public.lesson_versions (lesson_id, version, title, html, plain_text, state)
              values (${l?.id}, 1, 'L', '<p>x</p>', 'x', '\\x00')`
  }
  return l?.id as string
}

/** Marks lessons done (or only read, `done: false`) for a student. */
export async function markLessons(sql: Sql, student: string, lessons: string[], done = true) {
  for (const lesson of lessons) {
    await sql`insert into public.lesson_progress (user_id, lesson_id, completed_at)
              values (${student}, ${lesson}, ${done ? new Date() : null})`
  }
}

/** A quiz of one question worth `points`; published unless told, results on submit or by hand. */
export async function newQuiz(
  sql: Sql,
  course: string,
  opts: { published?: boolean; release?: 'on_submit' | 'manual'; points?: number } = {},
): Promise<string> {
  const [q] = await sql`insert into public.quizzes (course_id, title, published_at, release)
    values (${course}, 'Q', ${opts.published === false ? null : new Date()}, ${opts.release ?? 'on_submit'})
    returning id`
  await sql`insert into public.quiz_questions (quiz_id, course_id, position, kind, prompt, points)
    values (${q?.id}, ${course}, 0, 'true_false', 'T or F?', ${opts.points ?? 10})`
  return q?.id as string
}

/** A submitted attempt of the student at the quiz with this score (of the quiz's maximum). */
export async function quizResult(sql: Sql, quiz: string, student: string, score: number) {
  const [q] = await sql`select course_id, tenant_id, max_score from public.quizzes where id = ${quiz}`
  const [n] = await sql`select count(*)::int + 1 as n from public.quiz_attempts
    where quiz_id = ${quiz} and user_id = ${student}`
  const questions = await sql`select id from public.quiz_questions where quiz_id = ${quiz}`
  const [a] = await sql`insert into public.quiz_attempts (quiz_id, course_id, tenant_id, user_id, number,
      question_ids, status, submitted_at)
    values (${quiz}, ${q?.course_id}, ${q?.tenant_id}, ${student}, ${n?.n},
      ${questions.map((r) => r.id as string)}::uuid[], 'submitted', now()) returning id`
  await sql`insert into public.quiz_results (attempt_id, quiz_id, course_id, user_id, score, max_score, questions)
    values (${a?.id}, ${quiz}, ${q?.course_id}, ${student}, ${score}, ${q?.max_score}, '[]')`
}

/** Releases a quiz's results (quizzes released by hand). */
export async function releaseQuiz(sql: Sql, quiz: string) {
  await sql`update public.quizzes set results_released_at = now() where id = ${quiz}`
}

/**
 * An assignment: out of `maxPoints` points, or graded with a BTEC rubric of P1 and M1; published
 * unless told, its results released only when `released`.
 */
export async function newAssignment(
  sql: Sql,
  course: string,
  opts: { published?: boolean; released?: boolean; maxPoints?: number; btec?: boolean } = {},
): Promise<string> {
  let rubric: string | null = null
  if (opts.btec) {
    const [r] = await sql`insert into public.rubrics (tenant_id, kind, title, criteria)
      values (private.course_tenant(${course}), 'btec', 'Unit 1', ${sql.json([
        { id: 'p1', code: 'P1', description: 'Describe' },
        { id: 'm1', code: 'M1', description: 'Explain' },
      ])}) returning id`
    rubric = r?.id as string
  }
  const [a] = await sql`insert into public.assignments (course_id, title, max_points, rubric_id, published_at,
      results_released_at)
    values (${course}, 'A', ${opts.maxPoints ?? 100}, ${rubric}, ${opts.published === false ? null : new Date()},
      ${opts.released === false ? null : new Date()}) returning id`
  return a?.id as string
}

/** The student's submission to the assignment, graded: raw points, or BTEC criteria achieved. */
export async function gradeAssignment(
  sql: Sql,
  assignment: string,
  student: string,
  grade: { points: number } | { achieved: string[] },
) {
  const [s] = await sql`insert into public.assignment_submissions (assignment_id, user_id, body)
    values (${assignment}, ${student}, 'My work') returning id`
  if ('points' in grade) {
    await sql`insert into public.assignment_grades (submission_id, raw_points)
      values (${s?.id}, ${grade.points})`
  } else {
    const criteria = ['p1', 'm1'].map((id) => ({ criterion_id: id, achieved: grade.achieved.includes(id) }))
    await sql`insert into public.assignment_grades (submission_id, criteria)
      values (${s?.id}, ${sql.json(criteria)})`
  }
}

/** Sets a course's completion rules. */
export async function setRules(
  sql: Sql,
  course: string,
  rules: { pass_percent?: number; require_all_lessons?: boolean; issue_certificates?: boolean },
) {
  await sql`insert into public.course_completion_rules ${sql({ course_id: course, ...rules })}
    on conflict (course_id) do update set ${sql(rules)}`
}

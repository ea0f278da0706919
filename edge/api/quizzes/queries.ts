import type postgres from 'postgres'
import {
  type Attempt,
  type EditorQuestion,
  QUIZ_GRACE_SECONDS,
  type Quiz,
  type QuizResult,
} from '../../contract/assessments.ts'
import type { Answers, Tx } from '../../lib/db.ts'
import { forbidden, notFound } from '../../lib/errors.ts'
import { type CourseRights, courseRightsOf, courseRightsQuery } from '../courses/access.ts'

// Reads of quizzes, questions and attempts under RLS: what a query returns is what the caller may see.

const quizColumns = (tx: Tx) => tx`
  q.id, q.course_id, q.tenant_id, q.title, q.instructions, q.time_limit_minutes, q.max_attempts,
  q.opens_at, q.closes_at, q.shuffle, q.release, q.results_released_at, q.published_at, q.module_id, q.position,
  q.question_count, q.max_score::float8 as max_score, q.created_at, q.updated_at,
  case when private.can_see_course_work(q.course_id) then null else (
    select json_build_object(
      'attempts_used', count(*),
      'in_progress_attempt_id', (array_agg(a.id) filter (where a.status = 'in_progress'))[1],
      'submitted', coalesce(bool_or(a.status = 'submitted'), false),
      'best_score', (select max(r.score)::float8 from public.quiz_results r
                     where r.quiz_id = q.id and r.user_id = (select auth.uid())))
    from public.quiz_attempts a where a.quiz_id = q.id and a.user_id = (select auth.uid())) end as mine`

/** A course's quizzes the caller sees (drafts for teachers), oldest first; unsent. */
export function readQuizzes(tx: Tx, courseId: string) {
  return tx<Quiz[]>`select ${quizColumns(tx)} from public.quizzes q
    where q.course_id = ${courseId} order by q.created_at, q.id`
}

/** A quiz the caller sees (rows: none or one); unsent. */
const quizQuery = (tx: Tx, quizId: string) =>
  tx<Quiz[]>`select ${quizColumns(tx)} from public.quizzes q where q.id = ${quizId}`

export async function readQuiz(tx: Tx, quizId: string): Promise<Quiz | undefined> {
  const [row] = await quizQuery(tx, quizId)
  return row
}

/** The course of a quiz the caller sees, as a subquery. */
export const quizCourse = (tx: Tx, quizId: string) =>
  tx`(select q.course_id from public.quizzes q where q.id = ${quizId})`

const noQuiz = () => notFound('quiz_not_found', 'No such quiz, or it is not open to you.')

/** quizRights's reads, unsent (for withUserRead); `quizRightsOf` answers. */
export function quizRightsQueries(tx: Tx, quizId: string) {
  return [quizQuery(tx, quizId), courseRightsQuery(tx, quizCourse(tx, quizId))] as const
}

/** The quiz and the caller's rights on its course; 404 when they cannot see either. */
export function quizRightsOf([[quiz], rights]: Answers<ReturnType<typeof quizRightsQueries>>): {
  quiz: Quiz
  rights: CourseRights
} {
  if (!quiz) throw noQuiz()
  return { quiz, rights: courseRightsOf(rights) }
}

/** A quiz the caller sees with their rights on its course; 404 otherwise. */
export async function quizRights(tx: Tx, quizId: string): Promise<{ quiz: Quiz; rights: CourseRights }> {
  return quizRightsOf(await Promise.all(quizRightsQueries(tx, quizId)))
}

/** Whether the caller is one of the course's teachers (they see students' work); unsent. */
export function teacherQuery(tx: Tx, courseId: string | postgres.Fragment) {
  return tx<{ ok: boolean }[]>`select private.can_see_course_work(${courseId}) as ok`
}

/** 403 unless teacherQuery said yes. */
export function requireTeacherOf([row]: Awaited<ReturnType<typeof teacherQuery>>, action: string): void {
  if (!row?.ok) throw forbidden('course_editors_only', `Only the course's teachers can ${action}.`)
}

/** 403 unless the caller is one of the course's teachers (they see students' work). */
export async function requireTeacher(tx: Tx, courseId: string, action: string): Promise<void> {
  requireTeacherOf(await teacherQuery(tx, courseId), action)
}

/** The quiz's questions with keys, in order (teachers; RLS leaves keys out for anyone else); unsent. */
export function readEditorQuestions(tx: Tx, quizId: string) {
  return tx<EditorQuestion[]>`
    select qq.id, qq.kind, qq.prompt, qq.points::float8 as points, qq.options, qq.position,
      coalesce(k.key, '{}'::jsonb) as key, coalesce(k.feedback, '') as feedback
    from public.quiz_questions qq left join public.quiz_answer_keys k on k.question_id = qq.id
    where qq.quiz_id = ${quizId} order by qq.position, qq.created_at`
}

export async function readEditorQuestion(tx: Tx, questionId: string): Promise<EditorQuestion | undefined> {
  const [row] = await tx<EditorQuestion[]>`
    select qq.id, qq.kind, qq.prompt, qq.points::float8 as points, qq.options, qq.position,
      coalesce(k.key, '{}'::jsonb) as key, coalesce(k.feedback, '') as feedback
    from public.quiz_questions qq left join public.quiz_answer_keys k on k.question_id = qq.id
    where qq.id = ${questionId}`
  return row
}

/** A question's quiz and course, when the caller sees it. */
export async function questionQuiz(tx: Tx, questionId: string) {
  const [row] = await tx<{ quiz_id: string; course_id: string }[]>`
    select quiz_id, course_id from public.quiz_questions where id = ${questionId}`
  if (!row) throw notFound('question_not_found', 'No such question.')
  return row
}

interface AttemptRow {
  id: string
  quiz_id: string
  quiz_title: string
  course_id: string
  user_id: string
  number: number
  status: 'in_progress' | 'submitted'
  started_at: string
  deadline_at: string | null
  submitted_at: string | null
  auto_submitted: boolean
  server_now: string
  question_ids: string[]
}

const attemptRowQuery = (tx: Tx, attemptId: string) => tx<AttemptRow[]>`
  select a.id, a.quiz_id, q.title as quiz_title, a.course_id, a.user_id, a.number, a.status, a.started_at,
    a.deadline_at, a.submitted_at, a.auto_submitted, now() as server_now, a.question_ids
  from public.quiz_attempts a join public.quizzes q on q.id = a.quiz_id where a.id = ${attemptId}`

function attemptRowOf([row]: readonly AttemptRow[]): AttemptRow {
  if (!row) throw notFound('attempt_not_found', 'No such attempt.')
  return row
}

/** An attempt the caller sees (their own; teachers the course's); 404 otherwise. */
export async function attemptRow(tx: Tx, attemptId: string): Promise<AttemptRow> {
  return attemptRowOf(await attemptRowQuery(tx, attemptId))
}

/**
 * Submits the attempt (as of its deadline, with the rest of its quiz's) when it is in progress and
 * its time and grace are over: private.finish_expired_attempts; unsent.
 */
export function finishIfExpired(tx: Tx, attemptId: string) {
  return tx`select private.finish_expired_attempts(a.quiz_id) from public.quiz_attempts a
    where a.id = ${attemptId} and a.status = 'in_progress'
      and a.deadline_at + make_interval(secs => ${QUIZ_GRACE_SECONDS}) < now()`
}

/** The reads of an attempt's page, unsent (for withUserRead); `attemptOf` answers. */
export function attemptQueries(tx: Tx, attemptId: string) {
  return [
    attemptRowQuery(tx, attemptId),
    tx<Attempt['questions']>`
      select qq.id, qq.kind, qq.prompt, qq.points::float8 as points, qq.options
      from public.quiz_attempts a cross join unnest(a.question_ids) with ordinality as o(id, n)
      join public.quiz_questions qq on qq.id = o.id
      where a.id = ${attemptId} order by o.n`,
    tx<Attempt['answers']>`select question_id, response, saved_at from public.quiz_responses
      where attempt_id = ${attemptId}`,
    tx<QuizResult[]>`select score::float8 as score, max_score::float8 as max_score, graded_at, questions
      from public.quiz_results where attempt_id = ${attemptId}`,
  ] as const
}

/** The whole attempt as its page needs it: questions in the attempt's order, saved answers, the result once released. */
export function attemptOf([rows, questions, answers, results]: Answers<
  ReturnType<typeof attemptQueries>
>): Attempt {
  const a = attemptRowOf(rows)
  const { question_ids: _, user_id: __, ...rest } = a
  return { ...rest, quiz_id: a.quiz_id, questions, answers, result: results[0] ?? null }
}

/** The whole attempt (see attemptOf); 404 when the caller cannot see it. */
export async function readAttempt(tx: Tx, attemptId: string): Promise<Attempt> {
  return attemptOf(await Promise.all(attemptQueries(tx, attemptId)))
}

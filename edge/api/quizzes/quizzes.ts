import type { Quiz, QuizResults, QuizSettingsBody } from '../../contract/assessments.ts'
import * as R from '../../contract/routes/assessments.ts'
import { type Tx, withUser, withUserRead } from '../../lib/db.ts'
import { conflict, fieldError, forbidden } from '../../lib/errors.ts'
import { apiRoute } from '../core/openapi.ts'
import { type ApiDeps, newRouter } from '../core/router.ts'
import { courseRights, courseRightsOf, courseRightsQuery, requireEdit } from '../courses/access.ts'
import {
  quizCourse,
  quizRights,
  quizRightsOf,
  quizRightsQueries,
  readEditorQuestions,
  readQuiz,
  readQuizzes,
  requireTeacherOf,
  teacherQuery,
} from './queries.ts'

const tags = ['quizzes']

const list = apiRoute(R.listQuizzes, {
  tags,
  summary:
    "A course's quizzes: all of them for its teachers, the published ones with your attempts for students",
  responses: { 200: 'The quizzes, oldest first.' },
  errors: [400, 401, 403, 404],
})
const create = apiRoute(R.createQuiz, {
  tags,
  summary: 'Add a quiz to a course, as a draft (editors)',
  responses: { 201: 'The new quiz.' },
  errors: [400, 401, 403, 404],
})
const get = apiRoute(R.getQuiz, {
  tags,
  summary: 'One quiz: its settings, size, and your attempts (students)',
  responses: { 200: 'The quiz.' },
  errors: [400, 401, 404],
})
const editor = apiRoute(R.getQuizEditor, {
  tags,
  summary: "A quiz with its questions and answer keys (the course's teachers)",
  responses: { 200: 'The quiz and its questions in order.' },
  errors: [400, 401, 403, 404],
})
const update = apiRoute(R.updateQuiz, {
  tags,
  summary: "Change a quiz's settings, publish or unpublish it (editors)",
  description:
    '`published: true` shows the quiz to enrolled students (a quiz without questions cannot be published); ' +
    '`false` hides it again. `null` clears a time limit, attempt limit, opening or closing time.',
  responses: { 200: 'The quiz.' },
  errors: [400, 401, 403, 404, 409],
})
const remove = apiRoute(R.deleteQuiz, {
  tags,
  summary: "Delete a quiz with its questions and students' attempts (editors)",
  responses: { 204: 'Deleted.' },
  errors: [400, 401, 403, 404],
})
const results = apiRoute(R.quizResults, {
  tags,
  summary: "Everyone's attempts at a quiz with their scores (the course's teachers)",
  description: 'Attempts whose time ran out are submitted (as of their deadline) before they are listed.',
  responses: { 200: 'Attempts, newest first, and how many enrolled students have not started.' },
  errors: [400, 401, 403, 404],
})
const release = apiRoute(R.releaseResults, {
  tags,
  summary: 'Release a quiz’s results to its students (editors; quizzes released by hand)',
  responses: { 200: 'The quiz, released.' },
  errors: [400, 401, 403, 404],
})

/** Settings as columns; `published` becomes published_at (the first publication's time is kept). */
async function writeSettings(tx: Tx, quiz: Quiz, body: QuizSettingsBody) {
  const merged = {
    opens_at: body.opens_at === undefined ? quiz.opens_at : body.opens_at,
    closes_at: body.closes_at === undefined ? quiz.closes_at : body.closes_at,
  }
  if (merged.opens_at && merged.closes_at && new Date(merged.closes_at) <= new Date(merged.opens_at)) {
    throw fieldError(400, 'validation_failed', [
      { path: 'closes_at', message: 'Close the quiz after it opens.', code: 'custom' },
    ])
  }
  if (body.published && quiz.question_count === 0) {
    throw conflict('quiz_empty', 'Add at least one question before publishing the quiz.')
  }
  const { published, ...columns } = body
  const set: Record<string, unknown> = { ...columns }
  if (published !== undefined) set.published_at = published ? (quiz.published_at ?? new Date()) : null
  if (Object.keys(set).length === 0) return
  await tx`update public.quizzes set ${tx(set)} where id = ${quiz.id}`
}

/** GET/POST /courses/:id/quizzes, GET/PATCH/DELETE /quizzes/:id, /editor, /results, /release. */
export function quizRoutes({ sql, auth }: ApiDeps) {
  return newRouter()
    .openapi({ ...list, middleware: auth }, async (c) => {
      const { id } = c.req.valid('param')
      const [rightsRows, , items] = await withUserRead(sql, c.var.claims, (tx) => [
        courseRightsQuery(tx, id),
        // Only for those who see the outline (the others get a 403).
        tx`select private.finish_expired_attempts(q.id) from public.quizzes q
           where q.course_id = ${id} and private.can_see_outline(${id}) and exists (select 1 from public.quiz_attempts a
             where a.quiz_id = q.id and a.status = 'in_progress' and a.deadline_at < now())`,
        readQuizzes(tx, id),
      ])
      const rights = courseRightsOf(rightsRows)
      if (!rights.outline) forbiddenToStudent()
      return c.json({ items, can_edit: rights.edit }, 200)
    })
    .openapi({ ...create, middleware: auth }, async (c) => {
      const { id } = c.req.valid('param')
      const { title } = c.req.valid('json')
      const quiz = await withUser(sql, c.var.claims, async (tx) => {
        requireEdit(await courseRights(tx, id), 'add quizzes')
        const [row] = await tx<{ id: string }[]>`insert into public.quizzes (course_id, title)
          values (${id}, ${title}) returning id`
        return (await readQuiz(tx, row?.id as string)) as Quiz
      })
      return c.json(quiz, 201)
    })
    .openapi({ ...get, middleware: auth }, async (c) => {
      const { id } = c.req.valid('param')
      const [, ...rights] = await withUserRead(sql, c.var.claims, (tx) => [
        tx`select private.finish_expired_attempts(${id})`,
        ...quizRightsQueries(tx, id),
      ])
      return c.json(quizRightsOf(rights).quiz, 200)
    })
    .openapi({ ...editor, middleware: auth }, async (c) => {
      const { id } = c.req.valid('param')
      const [quizRows, rights, teacher, questions] = await withUserRead(sql, c.var.claims, (tx) => [
        ...quizRightsQueries(tx, id),
        teacherQuery(tx, quizCourse(tx, id)),
        readEditorQuestions(tx, id),
      ])
      const { quiz } = quizRightsOf([quizRows, rights])
      requireTeacherOf(teacher, 'see the questions and answers')
      return c.json({ quiz, questions }, 200)
    })
    .openapi({ ...update, middleware: auth }, async (c) => {
      const { id } = c.req.valid('param')
      const body = c.req.valid('json')
      const quiz = await withUser(sql, c.var.claims, async (tx) => {
        const { quiz, rights } = await quizRights(tx, id)
        requireEdit(rights, 'change quizzes')
        await writeSettings(tx, quiz, body)
        return (await readQuiz(tx, id)) as Quiz
      })
      return c.json(quiz, 200)
    })
    .openapi({ ...remove, middleware: auth }, async (c) => {
      const { id } = c.req.valid('param')
      await withUser(sql, c.var.claims, async (tx) => {
        requireEdit((await quizRights(tx, id)).rights, 'delete quizzes')
        await tx`delete from public.quizzes where id = ${id}`
      })
      return c.body(null, 204)
    })
    .openapi({ ...results, middleware: auth }, async (c) => {
      const { id } = c.req.valid('param')
      const [, quizRows, rights, teacher, attempts, [count]] = await withUserRead(sql, c.var.claims, (tx) => [
        // Only for the course's teachers (the others get a 404 or 403).
        tx`select private.finish_expired_attempts(q.id) from public.quizzes q
           where q.id = ${id} and private.can_see_course_work(q.course_id)`,
        ...quizRightsQueries(tx, id),
        teacherQuery(tx, quizCourse(tx, id)),
        tx<QuizResults['attempts']>`
          select a.id, a.user_id, coalesce(nullif(p.display_name, ''), 'Student') as student_name, a.number,
            a.status, a.started_at, a.submitted_at, a.auto_submitted,
            r.score::float8 as score, r.max_score::float8 as max_score
          from public.quiz_attempts a
          left join public.profiles p on p.id = a.user_id
          left join public.quiz_results r on r.attempt_id = a.id
          where a.quiz_id = ${id} order by a.started_at desc, a.id`,
        tx<{ n: number }[]>`
          select count(*)::int as n from public.enrolments e where e.course_id = ${quizCourse(tx, id)}
            and not exists (select 1 from public.quiz_attempts a where a.quiz_id = ${id} and a.user_id = e.user_id)`,
      ])
      const { quiz } = quizRightsOf([quizRows, rights])
      requireTeacherOf(teacher, "see students' attempts")
      return c.json({ quiz, attempts, not_started: count?.n ?? 0 }, 200)
    })
    .openapi({ ...release, middleware: auth }, async (c) => {
      const { id } = c.req.valid('param')
      const quiz = await withUser(sql, c.var.claims, async (tx) => {
        requireEdit((await quizRights(tx, id)).rights, 'release results')
        await tx`update public.quizzes set results_released_at = coalesce(results_released_at, now())
                 where id = ${id}`
        return (await readQuiz(tx, id)) as Quiz
      })
      return c.json(quiz, 200)
    })
}

function forbiddenToStudent(): never {
  throw forbidden('enrol_required', 'Enrol in this course to see its quizzes.')
}

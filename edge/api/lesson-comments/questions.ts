import * as L from '../../contract/lesson-comments.ts'
import * as R from '../../contract/routes/lesson-comments.ts'
import { withUser, withUserRead } from '../../lib/db.ts'
import { apiRoute, named } from '../core/openapi.ts'
import { type ApiDeps, newRouter } from '../core/router.ts'
import { changeComment, deleteComment, insertReply } from './changes.ts'
import { commentLesson, questionListOf, questionQueries, readQuestions } from './queries.ts'

// Students' questions on a published lesson, when the course takes them: the student and the
// course's teachers (and the school's staff) talk in the thread; other students never see it
// (supabase/migrations/20261211010000_lesson_questions.sql). Every answer is the lesson's questions
// as the caller sees them after the change.

named(L.LessonQuestionThread, 'LessonQuestionThread')
named(L.LessonQuestionList, 'LessonQuestionList')
named(L.NewLessonQuestionBody, 'NewLessonQuestion')

const tags = ['lesson comments']

const list = apiRoute(R.listLessonQuestions, {
  tags,
  summary: 'Students’ questions on the lesson: all for its teachers and staff, your own for a student',
  description:
    '`can_ask` says whether you may ask one now (an enrolled student, questions on, lesson published).',
  responses: { 200: 'The questions.' },
  errors: [400, 401, 404],
})
const create = apiRoute(R.createLessonQuestion, {
  tags,
  summary: 'Ask the teachers about a passage of the published lesson (enrolled students)',
  description:
    'Only the course’s teachers and the school’s staff see it, and they are notified (kind ' +
    '`lesson_question`). 403 `lesson_questions_forbidden` for anyone not enrolled, 409 ' +
    '`lesson_questions_closed` when the course does not take questions, 409 `lesson_not_published`.',
  responses: { 201: 'The questions, with the new one.' },
  errors: [400, 401, 403, 404, 409],
})
const reply = apiRoute(R.createQuestionReply, {
  tags,
  summary: 'Answer a question, or follow it up (its student)',
  description:
    'The student is notified of an answer (kind `comment_reply`); the teachers of a follow-up ' +
    '(kind `lesson_question`).',
  responses: { 201: 'The questions, with the reply.' },
  errors: [400, 401, 403, 404, 422],
})
const update = apiRoute(R.updateLessonQuestion, {
  tags,
  summary: 'Change your words, or mark a question answered or open again',
  responses: { 200: 'The questions.' },
  errors: [400, 401, 403, 404, 422],
})
const remove = apiRoute(R.deleteLessonQuestion, {
  tags,
  summary: 'Delete your question or reply (the course’s editors, owners and admins: anyone’s)',
  responses: { 200: 'The questions, without it.' },
  errors: [400, 401, 403, 404],
})

/** GET/POST /lessons/:lessonId/questions; POST /lesson-questions/:id/replies; PATCH, DELETE /lesson-questions/:id. */
export function lessonQuestionRoutes({ sql, auth }: ApiDeps) {
  return newRouter()
    .openapi({ ...list, middleware: auth }, async (c) => {
      const { lessonId } = c.req.valid('param')
      return c.json(
        questionListOf(await withUserRead(sql, c.var.claims, (tx) => questionQueries(tx, lessonId))),
        200,
      )
    })
    .openapi({ ...create, middleware: auth }, async (c) => {
      const { lessonId } = c.req.valid('param')
      const body = c.req.valid('json')
      const questions = await withUser(sql, c.var.claims, async (tx) => {
        await readQuestions(tx, lessonId) // 404 for a lesson the caller cannot see
        await tx`insert into public.lesson_comments (lesson_id, kind, body, quote)
          values (${lessonId}, 'question', ${body.body}, ${body.quote})`
        return readQuestions(tx, lessonId)
      })
      return c.json(questions, 201)
    })
    .openapi({ ...reply, middleware: auth }, async (c) => {
      const { commentId } = c.req.valid('param')
      const { body, mentions } = c.req.valid('json')
      const questions = await withUser(sql, c.var.claims, async (tx) => {
        const lessonId = await commentLesson(tx, commentId, 'question')
        await insertReply(tx, commentId, body, mentions)
        return readQuestions(tx, lessonId)
      })
      return c.json(questions, 201)
    })
    .openapi({ ...update, middleware: auth }, async (c) => {
      const { commentId } = c.req.valid('param')
      const body = c.req.valid('json')
      const questions = await withUser(sql, c.var.claims, async (tx) => {
        const lessonId = await commentLesson(tx, commentId, 'question')
        await changeComment(tx, commentId, body)
        return readQuestions(tx, lessonId)
      })
      return c.json(questions, 200)
    })
    .openapi({ ...remove, middleware: auth }, async (c) => {
      const { commentId } = c.req.valid('param')
      const questions = await withUser(sql, c.var.claims, async (tx) => {
        const lessonId = await commentLesson(tx, commentId, 'question')
        await deleteComment(tx, commentId)
        return readQuestions(tx, lessonId)
      })
      return c.json(questions, 200)
    })
}

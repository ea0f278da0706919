import { QUIZ_LIMITS, type QuizEditor } from '../../contract/assessments.ts'
import * as R from '../../contract/routes/assessments.ts'
import { type Tx, withUser } from '../../lib/db.ts'
import { conflict, fieldError } from '../../lib/errors.ts'
import { apiRoute } from '../core/openapi.ts'
import { type ApiDeps, newRouter } from '../core/router.ts'
import { courseRights, requireEdit } from '../courses/access.ts'
import { placeAt } from '../courses/queries.ts'
import { questionQuiz, quizRights, readEditorQuestion, readEditorQuestions, readQuiz } from './queries.ts'
import { type StoredQuestion, storeQuestion } from './question-key.ts'

const tags = ['quizzes']

const add = apiRoute(R.addQuestion, {
  tags,
  summary: 'Add a question with its answer at the end of a quiz (editors)',
  description:
    'Single and multiple choice name their correct options by index in `options`; short answers list the ' +
    'accepted answers (compared without case, extra spaces or a final full stop); numeric answers may have ' +
    'a tolerance. `feedback` is shown to students with their released results.',
  responses: { 201: 'The question with its key.' },
  errors: [400, 401, 403, 404, 409],
})
const replace = apiRoute(R.updateQuestion, {
  tags,
  summary: 'Rewrite a question and its answer (editors)',
  description: "Attempts already submitted keep their grades; send an option's `id` to keep it.",
  responses: { 200: 'The question with its key.' },
  errors: [400, 401, 403, 404],
})
const move = apiRoute(R.moveQuestion, {
  tags,
  summary: 'Move a question to another position in its quiz (editors)',
  responses: { 200: 'The quiz with its questions in the new order.' },
  errors: [400, 401, 403, 404],
})
const remove = apiRoute(R.deleteQuestion, {
  tags,
  summary: 'Delete a question (editors)',
  responses: { 204: 'Deleted.' },
  errors: [400, 401, 403, 404],
})

function stored(body: Parameters<typeof storeQuestion>[0]): StoredQuestion {
  const { stored: s, issues } = storeQuestion(body)
  if (issues.length > 0) throw fieldError(400, 'validation_failed', issues)
  return s
}

async function writeKey(tx: Tx, questionId: string, s: StoredQuestion) {
  await tx`insert into public.quiz_answer_keys (question_id, course_id, key, feedback)
    values (${questionId}, (select course_id from public.quiz_questions where id = ${questionId}),
            ${tx.json(s.key as never)}, ${s.feedback})
    on conflict (question_id) do update set key = excluded.key, feedback = excluded.feedback`
}

async function requireEditQuestion(tx: Tx, questionId: string, action: string) {
  const q = await questionQuiz(tx, questionId)
  requireEdit(await courseRights(tx, q.course_id), action)
  return q
}

/** POST /quizzes/:id/questions, PUT/DELETE /questions/:id, PUT /questions/:id/position. */
export function questionRoutes({ sql, auth }: ApiDeps) {
  return newRouter()
    .openapi({ ...add, middleware: auth }, async (c) => {
      const { id } = c.req.valid('param')
      const body = c.req.valid('json')
      const s = stored(body)
      const question = await withUser(sql, c.var.claims, async (tx) => {
        const { quiz, rights } = await quizRights(tx, id)
        requireEdit(rights, 'add questions')
        await tx`select 1 from public.quizzes where id = ${id} for update`
        if (quiz.question_count >= QUIZ_LIMITS.questions) {
          throw conflict('validation_failed', `A quiz holds at most ${QUIZ_LIMITS.questions} questions.`)
        }
        const [row] = await tx<{ id: string }[]>`
          insert into public.quiz_questions (quiz_id, course_id, position, kind, prompt, points, options)
          values (${id}, ${quiz.course_id},
            (select coalesce(max(position) + 1, 0) from public.quiz_questions where quiz_id = ${id}),
            ${body.kind}, ${body.prompt}, ${body.points}, ${tx.json(s.options as never)})
          returning id`
        await writeKey(tx, row?.id as string, s)
        return readEditorQuestion(tx, row?.id as string)
      })
      return c.json(question as NonNullable<typeof question>, 201)
    })
    .openapi({ ...replace, middleware: auth }, async (c) => {
      const { id } = c.req.valid('param')
      const body = c.req.valid('json')
      const s = stored(body)
      const question = await withUser(sql, c.var.claims, async (tx) => {
        await requireEditQuestion(tx, id, 'change questions')
        await tx`update public.quiz_questions set kind = ${body.kind}, prompt = ${body.prompt},
          points = ${body.points}, options = ${tx.json(s.options as never)} where id = ${id}`
        await writeKey(tx, id, s)
        return readEditorQuestion(tx, id)
      })
      return c.json(question as NonNullable<typeof question>, 200)
    })
    .openapi({ ...move, middleware: auth }, async (c) => {
      const { id } = c.req.valid('param')
      const { position } = c.req.valid('json')
      const body = await withUser(sql, c.var.claims, async (tx) => {
        const q = await requireEditQuestion(tx, id, 'reorder questions')
        await tx`select 1 from public.quizzes where id = ${q.quiz_id} for update`
        const ids = (await readEditorQuestions(tx, q.quiz_id)).map((x) => x.id)
        const order = placeAt(ids, id, position)
        await tx`update public.quiz_questions qq set position = o.n - 1
          from unnest(${order}::uuid[]) with ordinality as o(id, n) where qq.id = o.id`
        return { quiz: await readQuiz(tx, q.quiz_id), questions: await readEditorQuestions(tx, q.quiz_id) }
      })
      return c.json(body as QuizEditor, 200)
    })
    .openapi({ ...remove, middleware: auth }, async (c) => {
      const { id } = c.req.valid('param')
      await withUser(sql, c.var.claims, async (tx) => {
        await requireEditQuestion(tx, id, 'delete questions')
        await tx`delete from public.quiz_questions where id = ${id}`
      })
      return c.body(null, 204)
    })
}

import { QUIZ_GRACE_SECONDS } from '../../contract/assessments.ts'
import * as R from '../../contract/routes/assessments.ts'
import { withUser, withUserRead } from '../../lib/db.ts'
import { conflict, fieldError, forbidden, notFound } from '../../lib/errors.ts'
import { apiRoute } from '../core/openapi.ts'
import { type ApiDeps, newRouter } from '../core/router.ts'
import { attemptOf, attemptQueries, attemptRow, finishIfExpired, readAttempt } from './queries.ts'
import { answerIssues } from './question-key.ts'

const tags = ['quizzes']

const start = apiRoute(R.startAttempt, {
  tags,
  summary: 'Start your next attempt at a quiz, or get back the one you have open (enrolled students)',
  description:
    'The deadline is the time limit from now or the closing time, whichever comes first; questions come in ' +
    'this attempt’s order (shuffled when the quiz says so), without answers.',
  responses: { 201: 'The attempt.' },
  errors: [400, 401, 404, 409],
})
const get = apiRoute(R.getAttempt, {
  tags,
  summary: 'An attempt with its questions, your saved answers, and its result once released',
  description: 'An attempt whose time ran out is submitted (as of its deadline) before it is answered.',
  responses: { 200: 'The attempt.' },
  errors: [400, 401, 404],
})
const save = apiRoute(R.saveAnswer, {
  tags,
  summary: 'Save your answer to one question of your open attempt (as you go)',
  description: `Send the field of the question's kind. Refused after the deadline plus ${QUIZ_GRACE_SECONDS} s (409 \`time_up\`) and once submitted.`,
  responses: { 200: 'Saved.' },
  errors: [400, 401, 403, 404, 409],
})
const submit = apiRoute(R.submitAttempt, {
  tags,
  summary: 'Submit your attempt: it is graded at once',
  description:
    `After the deadline plus ${QUIZ_GRACE_SECONDS} s the submission is refused (409 \`time_up\`): the attempt is ` +
    'then submitted as of its deadline with the answers saved in time.',
  responses: { 200: 'The submitted attempt, with its result when the quiz releases results on submission.' },
  errors: [400, 401, 404, 409],
})

const pastGrace = (deadline: string | Date | null, now: string | Date) =>
  deadline !== null && new Date(now).getTime() > new Date(deadline).getTime() + QUIZ_GRACE_SECONDS * 1000

const timeUp = () => conflict('time_up', 'Time is up: the answers you saved before the end were submitted.')

/** POST /quizzes/:id/attempts, GET /attempts/:id, PUT /attempts/:id/answers/:questionId, POST /attempts/:id/submit. */
export function attemptRoutes({ sql, auth }: ApiDeps) {
  return newRouter()
    .openapi({ ...start, middleware: auth }, async (c) => {
      const { id } = c.req.valid('param')
      const attempt = await withUser(sql, c.var.claims, async (tx) => {
        const [row] = await tx<{ id: string }[]>`select private.start_quiz_attempt(${id}) as id`
        return readAttempt(tx, row?.id as string)
      })
      return c.json(attempt, 201)
    })
    .openapi({ ...get, middleware: auth }, async (c) => {
      const { id } = c.req.valid('param')
      const [, ...attempt] = await withUserRead(sql, c.var.claims, (tx) => [
        finishIfExpired(tx, id),
        ...attemptQueries(tx, id),
      ])
      return c.json(attemptOf(attempt), 200)
    })
    .openapi({ ...save, middleware: auth }, async (c) => {
      const { id, questionId } = c.req.valid('param')
      const answer = c.req.valid('json')
      const saved = await withUser(sql, c.var.claims, async (tx) => {
        const a = await attemptRow(tx, id)
        if (a.user_id !== c.var.claims.sub)
          throw forbidden('forbidden', 'Only its student answers an attempt.')
        if (a.status === 'submitted')
          throw conflict('attempt_submitted', 'This attempt was already submitted.')
        if (pastGrace(a.deadline_at, a.server_now)) throw timeUp()
        if (!a.question_ids.includes(questionId)) {
          throw notFound('question_not_found', 'That question is not part of this attempt.')
        }
        const [q] = await tx<{ kind: string; options: { id: string; text: string }[] }[]>`
          select kind, options from public.quiz_questions where id = ${questionId}`
        if (!q) throw notFound('question_not_found', 'That question is not part of this attempt.')
        const issues = answerIssues(q.kind, q.options, answer)
        if (issues.length > 0) throw fieldError(400, 'wrong_answer_kind', issues)
        const [row] = await tx<{ question_id: string; saved_at: string }[]>`
          insert into public.quiz_responses (attempt_id, question_id, course_id, response)
          values (${id}, ${questionId}, ${a.course_id}, ${tx.json(answer as never)})
          on conflict (attempt_id, question_id) do update set response = excluded.response
          returning question_id, saved_at`
        return row
      })
      return c.json(saved as NonNullable<typeof saved>, 200)
    })
    .openapi({ ...submit, middleware: auth }, async (c) => {
      const { id } = c.req.valid('param')
      const outcome = await withUser(sql, c.var.claims, async (tx) => {
        const [row] = await tx<{ r: string }[]>`select private.submit_quiz_attempt(${id}) as r`
        return row?.r === 'time_up' ? null : readAttempt(tx, id)
      })
      // Time up: the attempt was submitted as of its deadline (committed), and the late submission refused.
      if (!outcome) throw timeUp()
      return c.json(outcome, 200)
    })
}

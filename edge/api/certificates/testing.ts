// Test helpers for the certificate routes' tests (not part of the function itself).

import type { TestUser } from '../../../test/support/fixtures.ts'
import { p, tiptapDoc } from '../../../test/support/lesson-docs.ts'
import type { Sql } from '../../lib/db.ts'
import type { CallOptions, CallResult } from '../core/testing.ts'
import { type CourseSchool, enrol, newCourse, newLesson, writeDraft } from '../courses/testing.ts'

type Call = (method: string, path: string, opts?: CallOptions) => Promise<CallResult>

/** Throws with the answer unless it has the status. */
function expectStatus(res: CallResult, status: number, what: string) {
  if (res.status !== status) throw new Error(`${what}: ${res.status} ${res.text}`)
  return res
}

/**
 * A course built through the API by the school's teacher, its student and classmate enrolled and
 * the parent linked to the student: one published lesson and one published one-question quiz
 * (true or false, results on submit). `complete(who)` marks the lesson done and passes the quiz.
 */
export async function completableCourse(sql: Sql, call: Call, s: CourseSchool, title = 'Fractions') {
  const course = await newCourse(call, s.teacher, s.tenant.id, { title })
  for (const who of [s.student, s.classmate]) await enrol(sql, course, who)
  await sql`insert into public.guardian_links (tenant_id, parent_id, student_id)
    values (${s.tenant.id}, ${s.parent.id}, ${s.student.id}) on conflict do nothing`
  const lesson = await newLesson(call, s.teacher, course, { title: 'Halves' })
  await writeDraft(sql, s.teacher, lesson, tiptapDoc(p('A half is one of two equal parts.')))
  expectStatus(await call('POST', `/lessons/${lesson}/publish`, { token: s.teacher.token }), 201, 'publish')
  const quiz = expectStatus(
    await call('POST', `/courses/${course}/quizzes`, { token: s.teacher.token, body: { title: 'Check' } }),
    201,
    'quiz',
  ).body.id as string
  const question = { kind: 'true_false', prompt: 'Two halves make a whole.', points: 2, correct: true }
  expectStatus(
    await call('POST', `/quizzes/${quiz}/questions`, { token: s.teacher.token, body: question }),
    201,
    'question',
  )
  expectStatus(
    await call('PATCH', `/quizzes/${quiz}`, { token: s.teacher.token, body: { published: true } }),
    200,
    'publish quiz',
  )

  /** The student reads the lesson and marks it done. */
  async function readLesson(who: TestUser) {
    const body = { done: true }
    expectStatus(await call('PUT', `/lessons/${lesson}/progress`, { token: who.token, body }), 200, 'done')
  }
  /** The student takes the quiz, right or wrong. */
  async function takeQuiz(who: TestUser, right = true) {
    const attempt = expectStatus(
      await call('POST', `/quizzes/${quiz}/attempts`, { token: who.token }),
      201,
      'start',
    ).body
    const q = attempt.questions[0].id as string
    const answer = { token: who.token, body: { bool: right } }
    expectStatus(await call('PUT', `/attempts/${attempt.id}/answers/${q}`, answer), 200, 'answer')
    expectStatus(await call('POST', `/attempts/${attempt.id}/submit`, { token: who.token }), 200, 'submit')
  }
  async function complete(who: TestUser) {
    await readLesson(who)
    await takeQuiz(who)
  }
  return { course, lesson, quiz, readLesson, takeQuiz, complete }
}

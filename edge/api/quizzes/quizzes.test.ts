import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestUser } from '../../../test/support/fixtures.ts'
import { setupApi } from '../core/testing.ts'
import { type CourseSchool, courseSchool, enrol, newCourse } from '../courses/testing.ts'

// Quizzes through the api against the real Postgres: building (editors), taking (enrolled
// students: answers saved as they go, the server's timer), grading on submit, releasing results,
// and what nobody else may see.

let api: Awaited<ReturnType<typeof setupApi>>
let s: CourseSchool
let course: string

beforeAll(async () => {
  api = await setupApi()
  s = await courseSchool(api.sql)
  course = await newCourse(api.call, s.teacher, s.tenant.id, { title: 'Grade 6 Maths' })
  await enrol(api.sql, course, s.student)
  await enrol(api.sql, course, s.classmate)
})
afterAll(async () => {
  await api?.close()
})

const call = (...args: Parameters<typeof api.call>) => api.call(...args)

const QUESTIONS = [
  {
    kind: 'single',
    prompt: 'Capital of Kenya?',
    points: 2,
    options: [{ text: 'Mombasa' }, { text: 'Nairobi' }],
    correct: 1,
    feedback: 'Nairobi is the capital.',
  },
  {
    kind: 'multiple',
    prompt: 'Even numbers?',
    points: 2,
    options: [{ text: '2' }, { text: '3' }, { text: '4' }],
    correct: [0, 2],
  },
  { kind: 'true_false', prompt: 'Half of 10 is 5.', points: 1, correct: true },
  { kind: 'short', prompt: 'Kiswahili for "water"?', points: 1, accepted: ['maji'] },
  { kind: 'numeric', prompt: '22 / 7 to two decimals', points: 1, correct: 3.14, tolerance: 0.01 },
]

/** A quiz by the teacher with the five kinds of question; published unless told. */
async function quiz(settings: Record<string, unknown> = {}, opts: { publish?: boolean } = {}) {
  const res = await call('POST', `/courses/${course}/quizzes`, {
    token: s.teacher.token,
    body: { title: 'Week 1' },
  })
  expect(res.status).toBe(201)
  const id = res.body.id as string
  for (const q of QUESTIONS) {
    const added = await call('POST', `/quizzes/${id}/questions`, { token: s.teacher.token, body: q })
    expect(added.status, added.text).toBe(201)
  }
  const body = { ...(opts.publish === false ? {} : { published: true }), ...settings }
  const patched = await call('PATCH', `/quizzes/${id}`, { token: s.teacher.token, body })
  expect(patched.status, patched.text).toBe(200)
  return id
}

const start = (id: string, who: TestUser = s.student) =>
  call('POST', `/quizzes/${id}/attempts`, { token: who.token })

/** Right answers for the attempt's questions (by prompt), or wrong ones. */
function answersFor(
  attempt: { questions: { id: string; prompt: string; options: { id: string; text: string }[] }[] },
  right = true,
) {
  return attempt.questions.map((q) => {
    const opt = (t: string) => q.options.find((o) => o.text === t)?.id as string
    const body = {
      'Capital of Kenya?': { choice_ids: [opt(right ? 'Nairobi' : 'Mombasa')] },
      'Even numbers?': { choice_ids: right ? [opt('4'), opt('2')] : [opt('2')] },
      'Half of 10 is 5.': { bool: right },
      'Kiswahili for "water"?': { text: right ? '  MAJI. ' : 'moto' },
      '22 / 7 to two decimals': { number: right ? 3.145 : 3.2 },
    }[q.prompt]
    return { id: q.id, body }
  })
}

describe('building a quiz', () => {
  it('editors add questions with keys; field errors name the field; the key never reaches a student', async () => {
    const id = await quiz({}, { publish: false })
    const editor = await call('GET', `/quizzes/${id}/editor`, { token: s.teacher.token })
    expect(editor.status).toBe(200)
    expect(editor.body.quiz).toMatchObject({ question_count: 5, max_score: 7, published_at: null })
    const single = editor.body.questions[0]
    expect(single.key.correct_option_ids).toEqual([single.options[1].id])
    expect(single.feedback).toBe('Nairobi is the capital.')

    const bad = await call('POST', `/quizzes/${id}/questions`, {
      token: s.teacher.token,
      body: { kind: 'single', prompt: 'x', points: 1, options: [{ text: 'a' }, { text: 'b' }], correct: 5 },
    })
    expect(bad.status).toBe(400)
    expect(bad.body.error.details.issues[0].path).toBe('correct')
    const noOptions = await call('POST', `/quizzes/${id}/questions`, {
      token: s.teacher.token,
      body: { kind: 'multiple', prompt: 'x', points: 1, options: [{ text: 'a' }], correct: [0] },
    })
    expect(noOptions.body.error.details.issues[0].path).toBe('options')
    const badDates = await call('PATCH', `/quizzes/${id}`, {
      token: s.teacher.token,
      body: { opens_at: '2026-12-10T10:00:00Z', closes_at: '2026-12-10T09:00:00Z' },
    })
    expect([badDates.status, badDates.body.error.details.issues[0].path]).toEqual([400, 'closes_at'])

    // Drafts are for teachers; students and other schools see nothing.
    expect((await call('GET', `/quizzes/${id}`, { token: s.student.token })).status).toBe(404)
    const listed = await call('GET', `/courses/${course}/quizzes`, { token: s.student.token })
    expect(listed.body.items.map((q: { id: string }) => q.id)).not.toContain(id)
    for (const who of [s.student, s.parent, s.stranger]) {
      const res = await call('GET', `/quizzes/${id}/editor`, { token: who.token })
      expect([403, 404], who.email).toContain(res.status)
    }
    // The school's other instructors are teachers too: they read it, but only editors change it.
    expect((await call('GET', `/quizzes/${id}/editor`, { token: s.colleague.token })).status).toBe(200)
    expect(
      (await call('POST', `/quizzes/${id}/questions`, { token: s.colleague.token, body: QUESTIONS[2] }))
        .status,
    ).toBe(403)

    // Reordering.
    const last = editor.body.questions[4].id
    const moved = await call('PUT', `/questions/${last}/position`, {
      token: s.teacher.token,
      body: { position: 0 },
    })
    expect(moved.body.questions.map((q: { id: string }) => q.id)[0]).toBe(last)
  })

  it('an empty quiz cannot be published', async () => {
    const res = await call('POST', `/courses/${course}/quizzes`, {
      token: s.teacher.token,
      body: { title: 'Empty' },
    })
    const pub = await call('PATCH', `/quizzes/${res.body.id}`, {
      token: s.teacher.token,
      body: { published: true },
    })
    expect([pub.status, pub.body.error.code]).toEqual([409, 'quiz_empty'])
  })
})

describe('taking a quiz', () => {
  it('answers are saved as they go, graded on submit; all right scores full marks with feedback', async () => {
    const id = await quiz()
    const started = await start(id)
    expect(started.status, started.text).toBe(201)
    const attempt = started.body
    expect(attempt).toMatchObject({ number: 1, status: 'in_progress', deadline_at: null, result: null })
    expect(JSON.stringify(attempt)).not.toMatch(/correct|accepted|feedback|Nairobi is the capital/)
    // Starting again gives back the open attempt.
    expect((await start(id)).body.id).toBe(attempt.id)

    for (const a of answersFor(attempt)) {
      const res = await call('PUT', `/attempts/${attempt.id}/answers/${a.id}`, {
        token: s.student.token,
        body: a.body,
      })
      expect(res.status, res.text).toBe(200)
    }
    const reloaded = await call('GET', `/attempts/${attempt.id}`, { token: s.student.token })
    expect(reloaded.body.answers).toHaveLength(5)

    const done = await call('POST', `/attempts/${attempt.id}/submit`, { token: s.student.token })
    expect(done.status, done.text).toBe(200)
    expect(done.body.result).toMatchObject({ score: 7, max_score: 7 })
    const capital = done.body.result.questions.find(
      (q: { question_id: string }) =>
        q.question_id ===
        attempt.questions.find((x: { prompt: string }) => x.prompt === 'Capital of Kenya?').id,
    )
    expect(capital).toMatchObject({ correct: true, feedback: 'Nairobi is the capital.', answer: 'Nairobi' })

    const again = await call('POST', `/attempts/${attempt.id}/submit`, { token: s.student.token })
    expect([again.status, again.body.error.code]).toEqual([409, 'attempt_submitted'])
    const late = await call('PUT', `/attempts/${attempt.id}/answers/${attempt.questions[0].id}`, {
      token: s.student.token,
      body: { choice_ids: [] },
    })
    expect([late.status, late.body.error.code]).toEqual([409, 'attempt_submitted'])

    const mine = await call('GET', `/quizzes/${id}`, { token: s.student.token })
    expect(mine.body.mine).toMatchObject({
      attempts_used: 1,
      submitted: true,
      best_score: 7,
      in_progress_attempt_id: null,
    })
  })

  it('wrong answers score nothing; answers of the wrong kind are 400 with the field', async () => {
    const id = await quiz()
    const attempt = (await start(id)).body
    const single = attempt.questions.find((q: { kind: string }) => q.kind === 'single')
    for (const [body, path] of [
      [{ text: 'Nairobi' }, 'choice_ids'],
      [{ choice_ids: ['nope'] }, 'choice_ids.0'],
      [{ choice_ids: [single.options[0].id, single.options[1].id] }, 'choice_ids'],
    ] as const) {
      const res = await call('PUT', `/attempts/${attempt.id}/answers/${single.id}`, {
        token: s.student.token,
        body,
      })
      expect([res.status, res.body.error.code, res.body.error.details.issues[0].path]).toEqual([
        400,
        'wrong_answer_kind',
        path,
      ])
    }
    const junk = await call('PUT', `/attempts/${attempt.id}/answers/${single.id}`, {
      token: s.student.token,
      body: { number: 'x' },
    })
    expect(junk.status).toBe(400)
    for (const a of answersFor(attempt, false)) {
      await call('PUT', `/attempts/${attempt.id}/answers/${a.id}`, { token: s.student.token, body: a.body })
    }
    const done = await call('POST', `/attempts/${attempt.id}/submit`, { token: s.student.token })
    expect(done.body.result).toMatchObject({ score: 0, max_score: 7 })
    expect(done.body.result.questions.every((q: { correct: boolean }) => !q.correct)).toBe(true)
  })

  it('limits attempts, keeps to the window, shuffles per attempt', async () => {
    const id = await quiz({ max_attempts: 1, shuffle: true })
    const a = (await start(id, s.classmate)).body
    await call('POST', `/attempts/${a.id}/submit`, { token: s.classmate.token })
    const more = await start(id, s.classmate)
    expect([more.status, more.body.error.code]).toEqual([409, 'no_attempts_left'])

    const future = await quiz({ opens_at: new Date(Date.now() + 3600_000).toISOString() })
    expect((await start(future)).body.error.code).toBe('quiz_not_open')
    const past = await quiz({ opens_at: '2026-01-01T00:00:00Z', closes_at: '2026-01-02T00:00:00Z' })
    expect((await start(past)).body.error.code).toBe('quiz_closed')
  })

  it('the server keeps time: after the deadline and its grace, saving and submitting are refused and the attempt is submitted as of its deadline', async () => {
    const id = await quiz({ time_limit_minutes: 10 })
    const attempt = (await start(id)).body
    expect(new Date(attempt.deadline_at).getTime() - new Date(attempt.started_at).getTime()).toBe(600_000)
    const right = answersFor(attempt)
    await call('PUT', `/attempts/${attempt.id}/answers/${right[0]?.id}`, {
      token: s.student.token,
      body: right[0]?.body,
    })
    // The clock moves on: the deadline passed 31 s ago.
    await api.sql`update public.quiz_attempts set started_at = now() - interval '11 minutes',
                  deadline_at = now() - interval '31 seconds' where id = ${attempt.id}`
    const late = await call('PUT', `/attempts/${attempt.id}/answers/${right[1]?.id}`, {
      token: s.student.token,
      body: right[1]?.body,
    })
    expect([late.status, late.body.error.code]).toEqual([409, 'time_up'])
    const submit = await call('POST', `/attempts/${attempt.id}/submit`, { token: s.student.token })
    expect([submit.status, submit.body.error.code]).toEqual([409, 'time_up'])
    const after = await call('GET', `/attempts/${attempt.id}`, { token: s.student.token })
    expect(after.body).toMatchObject({
      status: 'submitted',
      auto_submitted: true,
      submitted_at: after.body.deadline_at,
    })
    // Only the answer saved in time counts (the first question of this attempt's order).
    expect(after.body.result.score).toBe(attempt.questions[0].points)
    // Within the grace a save still counts.
    const id2 = await quiz({ time_limit_minutes: 5 })
    const b = (await start(id2)).body
    await api.sql`update public.quiz_attempts set deadline_at = now() - interval '10 seconds' where id = ${b.id}`
    const graced = answersFor(b)[0]
    expect(
      (
        await call('PUT', `/attempts/${b.id}/answers/${graced?.id}`, {
          token: s.student.token,
          body: graced?.body,
        })
      ).status,
    ).toBe(200)
  })

  it('an expired attempt nobody submitted is submitted by the clock when anyone looks', async () => {
    const id = await quiz({ time_limit_minutes: 1 })
    const attempt = (await start(id, s.classmate)).body
    await api.sql`update public.quiz_attempts set deadline_at = now() - interval '1 minute' where id = ${attempt.id}`
    const results = await call('GET', `/quizzes/${id}/results`, { token: s.teacher.token })
    expect(results.body.attempts.find((a: { id: string }) => a.id === attempt.id)).toMatchObject({
      status: 'submitted',
      auto_submitted: true,
      score: 0,
    })
  })
})

describe('results', () => {
  it('released by hand: nothing before release, then score and feedback; teachers see everyone', async () => {
    const id = await quiz({ release: 'manual' })
    const attempt = (await start(id)).body
    for (const a of answersFor(attempt)) {
      await call('PUT', `/attempts/${attempt.id}/answers/${a.id}`, { token: s.student.token, body: a.body })
    }
    const done = await call('POST', `/attempts/${attempt.id}/submit`, { token: s.student.token })
    expect(done.body).toMatchObject({ status: 'submitted', result: null })
    expect((await call('GET', `/quizzes/${id}`, { token: s.student.token })).body.mine.best_score).toBeNull()
    const [direct] =
      await api.sql`select count(*)::int as n from public.quiz_results where attempt_id = ${attempt.id}`
    expect(direct?.n).toBe(1)

    const results = await call('GET', `/quizzes/${id}/results`, { token: s.teacher.token })
    expect(results.status).toBe(200)
    expect(results.body.attempts[0]).toMatchObject({ student_name: 'Student', score: 7, max_score: 7 })
    expect(results.body.not_started).toBe(1)
    for (const who of [s.student, s.parent, s.stranger]) {
      expect([403, 404]).toContain((await call('GET', `/quizzes/${id}/results`, { token: who.token })).status)
    }
    expect((await call('POST', `/quizzes/${id}/release`, { token: s.student.token })).status).toBe(403)

    const released = await call('POST', `/quizzes/${id}/release`, { token: s.teacher.token })
    expect(released.body.results_released_at).not.toBeNull()
    const seen = await call('GET', `/attempts/${attempt.id}`, { token: s.student.token })
    expect(seen.body.result).toMatchObject({ score: 7 })
    // A classmate cannot open someone else's attempt.
    expect((await call('GET', `/attempts/${attempt.id}`, { token: s.classmate.token })).status).toBe(404)
  })
})

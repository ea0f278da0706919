import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setupApi } from '../core/testing.ts'
import { type CourseSchool, courseSchool, enrol, newCourse } from '../courses/testing.ts'

// AI grade suggestions through the api against the real Postgres: the course's teachers read them in
// the rubric's order; the student whose work it is gets 403 and never the rows, before or after
// release; anyone else 404. (The grading job that writes them: realtime/jobs/grading/suggest.test.ts.)

let api: Awaited<ReturnType<typeof setupApi>>
let s: CourseSchool
let assignment: string
let submission: string

beforeAll(async () => {
  api = await setupApi()
  s = await courseSchool(api.sql)
  const course = await newCourse(api.call, s.teacher, s.tenant.id, { title: 'Essays' })
  await enrol(api.sql, course, s.student)
  await enrol(api.sql, course, s.classmate)
  const rubric = await api.call('POST', `/tenants/${s.tenant.id}/rubrics`, {
    token: s.teacher.token,
    body: {
      kind: 'points',
      title: 'Essay',
      criteria: [
        {
          id: 'arg',
          title: 'Argument',
          levels: [
            { id: 'weak', title: 'Weak', points: 0 },
            { id: 'strong', title: 'Strong', points: 10 },
          ],
        },
        {
          id: 'spell',
          title: 'Spelling',
          levels: [
            { id: 'many', title: 'Many errors', points: 0 },
            { id: 'few', title: 'Few', points: 5 },
          ],
        },
      ],
    },
  })
  expect(rubric.status, rubric.text).toBe(201)
  const made = await api.call('POST', `/courses/${course}/assignments`, {
    token: s.teacher.token,
    body: { title: 'Markets' },
  })
  assignment = made.body.id
  const published = await api.call('PATCH', `/assignments/${assignment}`, {
    token: s.teacher.token,
    body: { published: true, rubric_id: rubric.body.id },
  })
  expect(published.status, published.text).toBe(200)
  const done = await api.call('PUT', `/assignments/${assignment}/submission`, {
    token: s.student.token,
    body: { body: 'Markets help towns grow because traders meet buyers.' },
  })
  expect(done.status, done.text).toBe(200)
  submission = done.body.id
})
afterAll(async () => {
  await api?.close()
})

const get = (token: string | undefined, id = submission) =>
  api.call('GET', `/submissions/${id}/suggestions`, token === undefined ? {} : { token })

/** The rows a `suggest` job writes (on the service connection). */
async function suggested() {
  await api.sql`insert into public.grade_suggestions (submission_id, assignment_id, course_id, tenant_id, user_id,
      criterion_id, level_id, justification, quote, provider, model)
    select s.id, s.assignment_id, s.course_id, s.tenant_id, s.user_id, x.criterion, x.level, x.why, x.quote,
           'Fake gemini', 'gemini-reasoning'
    from public.assignment_submissions s,
      (values ('spell', 'few', 'One slip.', 'towns grow'), ('arg', 'strong', 'Gives a reason.', 'traders meet buyers'))
        x (criterion, level, why, quote)
    where s.id = ${submission}`
}

describe('GET /submissions/{id}/suggestions', () => {
  it('before any run: no suggestions, and the school says whether AI is available', async () => {
    const res = await get(s.teacher.token)
    expect(res.status, res.text).toBe(200)
    expect(res.body).toEqual({
      submission_id: submission,
      items: [],
      provider: null,
      model: null,
      created_at: null,
    })
    // The grading page reads ai_available from the tutor's status (no provider here: false).
    const status = await api.call('GET', `/tenants/${s.tenant.id}/ai/status`, { token: s.teacher.token })
    expect([status.status, status.body.ai_available]).toEqual([200, false])
  })

  it("the course's teachers read them in the rubric's order", async () => {
    await suggested()
    for (const who of [s.teacher, s.colleague, s.admin, s.owner, s.staff]) {
      const res = await get(who.token)
      expect(res.status, res.text).toBe(200)
      expect(res.body.items).toEqual([
        {
          criterion_id: 'arg',
          level_id: 'strong',
          achieved: null,
          justification: 'Gives a reason.',
          quote: 'traders meet buyers',
        },
        {
          criterion_id: 'spell',
          level_id: 'few',
          achieved: null,
          justification: 'One slip.',
          quote: 'towns grow',
        },
      ])
      expect(res.body).toMatchObject({ provider: 'Fake gemini', model: 'gemini-reasoning' })
      expect(Date.parse(res.body.created_at)).not.toBeNaN()
    }
  })

  it('the student gets 403 and never the rows, before and after release', async () => {
    for (const released of [false, true]) {
      if (released) {
        const r = await api.call('POST', `/assignments/${assignment}/release`, { token: s.teacher.token })
        expect(r.status, r.text).toBe(200)
      }
      const res = await get(s.student.token)
      expect([res.status, res.body.error?.code]).toEqual([403, 'course_editors_only'])
      expect(res.text).not.toContain('traders meet buyers')
      // Nor through the submission itself.
      const own = await api.call('GET', `/submissions/${submission}`, { token: s.student.token })
      expect(own.text).not.toContain('Gives a reason.')
    }
  })

  it('another student, a parent, another school: 404; no token: 401; a bad id: 400', async () => {
    for (const who of [s.classmate, s.parent, s.stranger]) {
      const res = await get(who.token)
      expect([res.status, res.body.error?.code]).toEqual([404, 'submission_not_found'])
    }
    expect((await get(undefined)).status).toBe(401)
    const bad = await get(s.teacher.token, 'not-a-uuid')
    expect([bad.status, bad.body.error?.details?.issues?.[0]?.path]).toEqual([400, 'id'])
  })
})

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setupApi } from '../core/testing.ts'
import { type CourseSchool, courseSchool, enrol, newCourse } from '../courses/testing.ts'

// Grading jobs through the api against the real Postgres: graders queue OCR, suggestions and a
// similarity check and list the latest job per kind and submission; students, staff, parents and
// other schools are refused; bad input changes nothing.

let api: Awaited<ReturnType<typeof setupApi>>
let s: CourseSchool
let assignment: string
let submission: string
const keys: string[] = []

beforeAll(async () => {
  api = await setupApi()
  s = await courseSchool(api.sql)
  const course = await newCourse(api.call, s.teacher, s.tenant.id, { title: 'Geography' })
  await enrol(api.sql, course, s.student)
  const created = await api.call('POST', `/courses/${course}/assignments`, {
    token: s.teacher.token,
    body: { title: 'My town' },
  })
  assignment = created.body.id
  await api.call('PATCH', `/assignments/${assignment}`, { token: s.teacher.token, body: { published: true } })
  const submitted = await api.call('PUT', `/assignments/${assignment}/submission`, {
    token: s.student.token,
    body: { body: 'My town has a market and a river.' },
  })
  expect(submitted.status, submitted.text).toBe(200)
  submission = submitted.body.id
})
afterAll(async () => {
  if (!api) return
  // No queue runs in these tests: take their jobs out of the queue tests' way.
  if (keys.length)
    await api.sql`select graphile_worker.complete_jobs(array(select j.id from graphile_worker.jobs j
      where j.key in ${api.sql(keys)}))`
  await api.close()
})

const jobs = (token: string) => api.call('GET', `/assignments/${assignment}/jobs`, { token })
const ask = (token: string, body: unknown) =>
  api.call('POST', `/assignments/${assignment}/jobs`, { token, body })

describe('grading jobs', () => {
  it('queues OCR and a similarity check for a grader (202) and lists the latest per kind and submission', async () => {
    const ocr = await ask(s.teacher.token, { kind: 'ocr', submission_id: submission })
    expect(ocr.status, ocr.text).toBe(202)
    expect(ocr.body).toMatchObject({
      kind: 'ocr',
      assignment_id: assignment,
      submission_id: submission,
      status: 'queued',
      progress: 0,
      attempts: 0,
      error: null,
      finished_at: null,
    })
    const similarity = await ask(s.admin.token, { kind: 'similarity' })
    expect(similarity.status, similarity.text).toBe(202)
    keys.push(`grading:${ocr.body.id}`, `grading:${similarity.body.id}`)
    // Asked again while unfinished: the same job.
    const again = await ask(s.owner.token, { kind: 'ocr', submission_id: submission })
    expect(again.body.id).toBe(ocr.body.id)
    // Finished, then asked again: a new job replaces it in the list.
    await api.sql`update public.grading_jobs set status = 'done', progress = 100 where id = ${ocr.body.id}`
    const fresh = await ask(s.teacher.token, { kind: 'ocr', submission_id: submission })
    expect(fresh.body.id).not.toBe(ocr.body.id)
    keys.push(`grading:${fresh.body.id}`)

    const list = await jobs(s.teacher.token)
    expect(list.status, list.text).toBe(200)
    expect(list.body.items.map((j: { id: string }) => j.id).sort()).toEqual(
      [fresh.body.id, similarity.body.id].sort(),
    )
  })

  it('refuses students, staff, parents and other schools (403), and an unknown assignment (404)', async () => {
    for (const who of [s.student, s.staff, s.parent]) {
      const res = await ask(who.token, { kind: 'similarity' })
      expect([403, 404], `${who.email} ${res.text}`).toContain(res.status)
      expect((await jobs(who.token)).status).toBe(res.status)
    }
    const student = await ask(s.student.token, { kind: 'suggest', submission_id: submission })
    expect(student.status).toBe(403)
    expect(student.body.error.code).toBe('grading_forbidden')
    expect((await jobs(s.stranger.token)).status).toBe(404)
    const unknown = await api.call('GET', '/assignments/00000000-0000-4000-8000-000000000000/jobs', {
      token: s.teacher.token,
    })
    expect(unknown.status).toBe(404)
    expect(unknown.body.error.code).toBe('assignment_not_found')
  })

  it('answers bad input with 4xx and field paths, and changes nothing', async () => {
    const before = (await jobs(s.teacher.token)).body.items.length
    const bad = await ask(s.teacher.token, { kind: 'grade' })
    expect(bad.status).toBe(400)
    expect(JSON.stringify(bad.body.error.details)).toContain('kind')
    const extra = await ask(s.teacher.token, { kind: 'similarity', priority: 1 })
    expect(extra.status).toBe(400)
    const noSubmission = await ask(s.teacher.token, { kind: 'suggest' })
    expect(noSubmission.status).toBe(422)
    expect(noSubmission.body.error).toMatchObject({
      code: 'grading_target_invalid',
      details: { path: 'submission_id' },
    })
    const withSubmission = await ask(s.teacher.token, { kind: 'similarity', submission_id: submission })
    expect(withSubmission.status).toBe(422)
    const otherSubmission = await ask(s.teacher.token, {
      kind: 'ocr',
      submission_id: '00000000-0000-4000-8000-000000000000',
    })
    expect(otherSubmission.status).toBe(404)
    expect(otherSubmission.body.error.code).toBe('submission_not_found')
    expect((await ask(s.teacher.token, { kind: 'ocr', submission_id: 'x' })).status).toBe(400)
    expect((await jobs(s.teacher.token)).body.items.length).toBe(before)
  })
})

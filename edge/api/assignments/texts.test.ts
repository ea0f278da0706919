import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setupApi } from '../core/testing.ts'
import { type CourseSchool, courseSchool, enrol, newCourse } from '../courses/testing.ts'

// GET and PUT /submissions/:id/texts against the real Postgres: a student submits two photos and a
// PDF; the course's teachers see one entry per photo (empty until the OCR job wrote its text, here
// as the job writes it), graders correct it; the student, a parent, a classmate and another school
// are refused; bad input changes nothing.

let api: Awaited<ReturnType<typeof setupApi>>
let s: CourseSchool
let assignment: string
let submission: string
const paths = {} as Record<'page1' | 'page2' | 'pdf', string>

/** An upload of the student's, as the store leaves it in storage.objects. */
async function stored(file: string, type: string) {
  const [a] = await api.sql`select tenant_id from public.assignments where id = ${assignment}`
  const name = `${a?.tenant_id}/${assignment}/${s.student.id}/${file}`
  await api.sql`insert into storage.objects (bucket_id, name, owner_id, metadata, version)
    values ('assignment-files', ${name}, ${s.student.id}, ${api.sql.json({ size: 2048, mimetype: type })}, 'v1')`
  return `assignment-files/${name}`
}

beforeAll(async () => {
  api = await setupApi()
  s = await courseSchool(api.sql)
  const course = await newCourse(api.call, s.teacher, s.tenant.id, { title: 'Biology' })
  await enrol(api.sql, course, s.student)
  await enrol(api.sql, course, s.classmate)
  const created = await api.call('POST', `/courses/${course}/assignments`, {
    token: s.teacher.token,
    body: { title: 'Photosynthesis' },
  })
  assignment = created.body.id
  const published = await api.call('PATCH', `/assignments/${assignment}`, {
    token: s.teacher.token,
    body: { published: true },
  })
  expect(published.status, published.text).toBe(200)
  paths.page1 = await stored('page1.jpg', 'image/jpeg')
  paths.pdf = await stored('notes.pdf', 'application/pdf')
  paths.page2 = await stored('page2.png', 'image/png')
  const res = await api.call('PUT', `/assignments/${assignment}/submission`, {
    token: s.student.token,
    body: {
      files: [
        { path: paths.page1, name: 'Page 1' },
        { path: paths.pdf, name: 'Notes' },
        { path: paths.page2, name: 'Page 2' },
      ],
    },
  })
  expect(res.status, res.text).toBe(200)
  submission = res.body.id
})
afterAll(async () => {
  await api?.close()
})

const texts = (token: string) => api.call('GET', `/submissions/${submission}/texts`, { token })
const correct = (token: string, body: unknown) =>
  api.call('PUT', `/submissions/${submission}/texts`, { token, body })

/** What the OCR job writes for a file (service connection). */
async function ocrRead(path: string, text: string, confidence: number) {
  await api.sql`insert into public.submission_texts (submission_id, assignment_id, course_id, tenant_id, path,
      object_version, text, confidence)
    select id, assignment_id, course_id, tenant_id, ${path}, 'v1', ${text}, ${confidence}
    from public.assignment_submissions where id = ${submission}`
}

describe('submission texts', () => {
  it('lists each photo, unread while the queued OCR job has not run', async () => {
    const res = await texts(s.teacher.token)
    expect(res.status, res.text).toBe(200)
    expect(res.body.submission_id).toBe(submission)
    expect(res.body.files.map((f: { name: string }) => f.name)).toEqual(['Page 1', 'Page 2'])
    expect(res.body.files[0]).toEqual({
      path: paths.page1,
      name: 'Page 1',
      type: 'image/jpeg',
      text: null,
      confidence: null,
      error: null,
      corrected_text: null,
      corrected_by_name: null,
      corrected_at: null,
      current: false,
    })
    expect(res.body.job).toMatchObject({ status: 'queued', progress: 0, error: null })
  })

  it('shows the text once read, and a grader corrects it (recorded with their name)', async () => {
    await ocrRead(paths.page1, 'Carbon dioxde and water', 81)
    expect(
      (await correct(s.teacher.token, { path: paths.page2, corrected_text: 'Early' })).status,
      'not read yet',
    ).toBe(409)
    const res = await correct(s.teacher.token, {
      path: paths.page1,
      corrected_text: 'Carbon dioxide and water',
    })
    expect(res.status, res.text).toBe(200)
    expect(res.body).toMatchObject({
      text: 'Carbon dioxde and water',
      confidence: 81,
      corrected_text: 'Carbon dioxide and water',
      corrected_by_name: 'Teacher',
      current: true,
    })
    expect(res.body.corrected_at).toEqual(expect.any(String))
    const staff = await texts(s.staff.token)
    expect(staff.status, staff.text).toBe(200)
    expect(staff.body.files[0].corrected_text).toBe('Carbon dioxide and water')
  })

  it('goes back to the OCR text when the correction is cleared', async () => {
    const res = await correct(s.admin.token, { path: paths.page1, corrected_text: '' })
    expect(res.status, res.text).toBe(200)
    expect(res.body).toMatchObject({ corrected_text: null, corrected_by_name: null, corrected_at: null })
  })

  it('refuses the student, a classmate, a parent, staff (to correct) and another school', async () => {
    expect((await texts(s.student.token)).status).toBe(403)
    expect((await texts(s.classmate.token)).status).toBe(404)
    expect((await texts(s.parent.token)).status).toBe(404)
    expect((await texts(s.stranger.token)).status).toBe(404)
    for (const who of [s.student, s.classmate, s.parent, s.stranger, s.staff]) {
      const res = await correct(who.token, { path: paths.page1, corrected_text: 'Forged' })
      expect([403, 404], `${res.status} ${res.text}`).toContain(res.status)
    }
    const [row] =
      await api.sql`select corrected_text from public.submission_texts where path = ${paths.page1}`
    expect(row?.corrected_text).toBeNull()
  })

  it('answers bad input with 4xx and field paths, changing nothing', async () => {
    const notAPhoto = await correct(s.teacher.token, { path: paths.pdf, corrected_text: 'x' })
    expect(notAPhoto.status).toBe(404)
    const missing = await correct(s.teacher.token, { corrected_text: 'x' })
    expect(missing.status).toBe(400)
    expect(JSON.stringify(missing.body.error.details)).toContain('path')
    const tooLong = await correct(s.teacher.token, { path: paths.page1, corrected_text: 'x'.repeat(50_001) })
    expect(tooLong.status).toBe(400)
    expect((await api.call('GET', '/submissions/not-a-uuid/texts', { token: s.teacher.token })).status).toBe(
      400,
    )
    expect(
      (await api.call('GET', `/submissions/${crypto.randomUUID()}/texts`, { token: s.teacher.token })).status,
    ).toBe(404)
    expect((await api.call('GET', `/submissions/${submission}/texts`, {})).status).toBe(401)
    const [row] =
      await api.sql`select corrected_text from public.submission_texts where path = ${paths.page1}`
    expect(row?.corrected_text).toBeNull()
  })
})

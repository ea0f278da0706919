import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setupApi } from '../core/testing.ts'
import { type CourseSchool, courseSchool } from '../courses/testing.ts'
import { completableCourse } from './testing.ts'

// Course completion and certificates through the api against the real Postgres: progress by the
// rules, issuing once, the PDF, the public verification, revoking, the rules themselves, and what
// nobody else may see.

let api: Awaited<ReturnType<typeof setupApi>>
let s: CourseSchool
let main: Awaited<ReturnType<typeof completableCourse>>

beforeAll(async () => {
  api = await setupApi()
  s = await courseSchool(api.sql)
  main = await completableCourse(api.sql, api.call, s, 'Grade 6 Maths')
})
afterAll(async () => {
  await api?.close()
})

const call = (...args: Parameters<typeof api.call>) => api.call(...args)
const progressOf = (token: string, student?: string) =>
  call('GET', `/courses/${main.course}/progress${student ? `?student=${student}` : ''}`, { token })

describe('a student completes a course and gets a certificate', () => {
  let certificate: { id: string; code: string; verify_url: string }

  it('progress follows lessons done and quizzes passed; issuing waits for 100 %', async () => {
    const before = await progressOf(s.student.token)
    expect(before.status).toBe(200)
    expect(before.body).toMatchObject({
      lessons_published: 1,
      lessons_done: 0,
      assessments_total: 1,
      assessments_passed: 0,
      percent: 0,
      complete: false,
      rules: { pass_percent: 50, require_all_lessons: true, issue_certificates: true },
      certificate: null,
    })
    const early = await call('POST', `/courses/${main.course}/certificate`, { token: s.student.token })
    expect([early.status, early.body.error.code, early.body.error.details]).toEqual([
      409,
      'course_not_complete',
      { percent: 0 },
    ])

    await main.readLesson(s.student)
    await main.takeQuiz(s.student, false)
    expect((await progressOf(s.student.token)).body).toMatchObject({ percent: 50, complete: false })
    await main.takeQuiz(s.student, true)
    expect((await progressOf(s.student.token)).body).toMatchObject({
      lessons_done: 1,
      assessments_passed: 1,
      percent: 100,
      complete: true,
    })
  })

  it('the student, their parent and the course’s teachers see the progress; a classmate does not', async () => {
    for (const who of [s.parent, s.teacher, s.colleague, s.admin]) {
      const res = await progressOf(who.token, s.student.id)
      expect([res.status, res.body.percent], who.email).toEqual([200, 100])
    }
    const classmate = await progressOf(s.classmate.token, s.student.id)
    expect([classmate.status, classmate.body.error.code]).toEqual([403, 'progress_forbidden'])
    const stranger = await progressOf(s.stranger.token, s.student.id)
    expect([stranger.status, stranger.body.error.code]).toEqual([404, 'course_not_found'])
    const notEnrolled = await progressOf(s.teacher.token)
    expect([notEnrolled.status, notEnrolled.body.error.code]).toEqual([403, 'enrol_required'])
  })

  it('is issued once: asking again gives the same certificate', async () => {
    const first = await call('POST', `/courses/${main.course}/certificate`, { token: s.student.token })
    expect(first.status, first.text).toBe(201)
    certificate = first.body
    expect(first.body).toMatchObject({
      student_name: 'Student',
      course_title: 'Grade 6 Maths',
      school_name: s.tenant.name,
      revoked_at: null,
      can_revoke: false,
    })
    expect(first.body.code).toMatch(/^[A-HJ-NP-Z2-9]{12}$/)
    expect(first.body.verify_url).toBe(`http://127.0.0.1:54321/verify/${first.body.code}`)
    const again = await call('POST', `/courses/${main.course}/certificate`, { token: s.student.token })
    expect([again.status, again.body.id]).toEqual([200, certificate.id])
    const [{ n }] =
      await api.sql`select count(*)::int as n from public.certificates where course_id = ${main.course}`
    expect(n).toBe(1)
    expect((await progressOf(s.student.token)).body.certificate.id).toBe(certificate.id)
  })

  it('downloads as a PDF with the code, for the student, their parent and their teachers only', async () => {
    for (const who of [s.student, s.parent, s.teacher]) {
      const pdf = await call('GET', `/certificates/${certificate.id}/pdf`, { token: who.token })
      expect(pdf.status, who.email).toBe(200)
      expect(pdf.headers.get('content-type')).toBe('application/pdf')
      expect(pdf.headers.get('content-disposition')).toContain(`certificate-${certificate.code}.pdf`)
      expect(pdf.text.startsWith('%PDF-')).toBe(true)
      expect(pdf.text).toContain(certificate.code)
      expect(pdf.text).toContain(`/URI (${certificate.verify_url})`)
    }
    for (const who of [s.classmate, s.stranger]) {
      const res = await call('GET', `/certificates/${certificate.id}/pdf`, { token: who.token })
      expect([res.status, res.body.error.code], who.email).toEqual([404, 'certificate_not_found'])
    }
  })

  it('anyone verifies it by its code, signed out, and sees names and the date only', async () => {
    const dashed = certificate.code.toLowerCase().replace(/(.{4})(?!$)/g, '$1-')
    const res = await call('GET', `/verify/${dashed}`)
    expect(res.status).toBe(200)
    expect(res.body).toEqual({
      code: certificate.code,
      student_name: 'Student',
      course_title: 'Grade 6 Maths',
      school_name: s.tenant.name,
      issued_at: expect.any(String),
      revoked: false,
      revoked_at: null,
    })
    for (const code of ['ABCDEFGHJKLM', 'not-a-code', 'O0I1O0I1O0I1']) {
      const unknown = await call('GET', `/verify/${code}`)
      expect([unknown.status, unknown.body.error.code], code).toEqual([404, 'certificate_not_found'])
    }
  })

  it('lists: the student’s and their parent’s, the course’s for its teachers; a classmate sees nothing', async () => {
    const mine = await call('GET', `/tenants/${s.tenant.id}/certificates`, { token: s.student.token })
    expect(mine.body.items.map((c: { id: string }) => c.id)).toEqual([certificate.id])
    const parent = await call('GET', `/tenants/${s.tenant.id}/certificates`, { token: s.parent.token })
    expect(parent.body.items.map((c: { id: string }) => c.id)).toEqual([certificate.id])
    const classmate = await call('GET', `/tenants/${s.tenant.id}/certificates`, { token: s.classmate.token })
    expect(classmate.body.items).toEqual([])
    const stranger = await call('GET', `/tenants/${s.tenant.id}/certificates`, { token: s.stranger.token })
    expect([stranger.status, stranger.body.error.code]).toEqual([404, 'school_not_found'])

    const course = await call('GET', `/courses/${main.course}/certificates`, { token: s.teacher.token })
    expect(course.body.items).toMatchObject([{ id: certificate.id, can_revoke: true }])
    const staff = await call('GET', `/courses/${main.course}/certificates`, { token: s.staff.token })
    expect(staff.body.items).toMatchObject([{ id: certificate.id, can_revoke: false }])
    const student = await call('GET', `/courses/${main.course}/certificates`, { token: s.student.token })
    expect([student.status, student.body.error.code]).toEqual([403, 'course_editors_only'])

    expect((await call('GET', `/certificates/${certificate.id}`, { token: s.classmate.token })).status).toBe(
      404,
    )
    expect((await call('GET', `/certificates/${certificate.id}`, { token: s.parent.token })).status).toBe(200)
  })

  it('the course’s editor revokes it with a reason: verification says so, and it is not issued again', async () => {
    const path = `/certificates/${certificate.id}/revoke`
    const own = await call('POST', path, { token: s.student.token, body: { reason: 'Mine' } })
    expect([own.status, own.body.error.code]).toEqual([403, 'certificate_managers_only'])
    const classmate = await call('POST', path, { token: s.classmate.token, body: { reason: 'Theirs' } })
    expect([classmate.status, classmate.body.error.code]).toEqual([404, 'certificate_not_found'])
    const blank = await call('POST', path, { token: s.teacher.token, body: { reason: '   ' } })
    expect([blank.status, blank.body.error.details.issues[0].path]).toEqual([400, 'reason'])

    const revoked = await call('POST', path, {
      token: s.teacher.token,
      body: { reason: ' Copied the quiz ' },
    })
    expect(revoked.status, revoked.text).toBe(200)
    expect(revoked.body).toMatchObject({ revoked_reason: 'Copied the quiz', revoked_at: expect.any(String) })

    const verify = await call('GET', `/verify/${certificate.code}`)
    expect(verify.body).toMatchObject({ revoked: true, revoked_at: revoked.body.revoked_at })
    const pdf = await call('GET', `/certificates/${certificate.id}/pdf`, { token: s.student.token })
    expect([pdf.status, pdf.body.error.code]).toEqual([409, 'certificate_revoked'])
    const reissue = await call('POST', `/courses/${main.course}/certificate`, { token: s.student.token })
    expect([reissue.status, reissue.body.error.code]).toEqual([409, 'certificate_revoked'])
    const twice = await call('POST', path, { token: s.admin.token, body: { reason: 'Again' } })
    expect([twice.status, twice.body.error.code]).toEqual([409, 'certificate_revoked'])
  })
})

describe('completion rules', () => {
  it('teachers read them (the defaults first), editors change them, students do neither', async () => {
    const other = await completableCourse(api.sql, api.call, s, 'Decimals')
    const path = `/courses/${other.course}/completion-rules`
    const defaults = await call('GET', path, { token: s.colleague.token })
    expect(defaults.body).toEqual({
      course_id: other.course,
      pass_percent: 50,
      require_all_lessons: true,
      issue_certificates: true,
      can_edit: false,
      updated_at: null,
    })
    const student = await call('GET', path, { token: s.student.token })
    expect([student.status, student.body.error.code]).toEqual([403, 'course_editors_only'])
    const rules = { pass_percent: 80, require_all_lessons: false, issue_certificates: true }
    expect((await call('PUT', path, { token: s.colleague.token, body: rules })).status).toBe(403)
    const bad = await call('PUT', path, { token: s.teacher.token, body: { ...rules, pass_percent: 101 } })
    expect([bad.status, bad.body.error.details.issues[0].path]).toEqual([400, 'pass_percent'])
    const set = await call('PUT', path, { token: s.teacher.token, body: rules })
    expect(set.body).toMatchObject({ ...rules, can_edit: true, updated_at: expect.any(String) })

    // Lessons no longer count: passing the quiz completes the course.
    await other.takeQuiz(s.classmate)
    const progress = await call('GET', `/courses/${other.course}/progress`, { token: s.classmate.token })
    expect(progress.body).toMatchObject({ lessons_done: 0, percent: 100, complete: true, rules })

    // No certificates for this course: completing it earns none.
    await call('PUT', path, { token: s.teacher.token, body: { ...rules, issue_certificates: false } })
    const off = await call('POST', `/courses/${other.course}/certificate`, { token: s.classmate.token })
    expect([off.status, off.body.error.code]).toEqual([409, 'certificates_off'])
  })

  it('keeps the names as issued; a teacher cannot take one', async () => {
    const other = await completableCourse(api.sql, api.call, s, 'Percentages')
    await other.complete(s.classmate)
    const issued = await call('POST', `/courses/${other.course}/certificate`, { token: s.classmate.token })
    expect([issued.status, issued.body.student_name]).toEqual([201, 'Classmate'])
    await api.sql`update public.profiles set display_name = 'Someone Else' where id = ${s.classmate.id}`
    await api.sql`update public.courses set title = 'Renamed' where id = ${other.course}`
    const verify = await call('GET', `/verify/${issued.body.code}`)
    expect(verify.body).toMatchObject({ student_name: 'Classmate', course_title: 'Percentages' })
    await api.sql`update public.profiles set display_name = 'Classmate' where id = ${s.classmate.id}`
    const teacher = await call('POST', `/courses/${other.course}/certificate`, { token: s.teacher.token })
    expect([teacher.status, teacher.body.error.code]).toEqual([403, 'enrol_required'])
  })
})

describe('the OpenAPI document', () => {
  it('shows the PDF download as application/pdf and verification as public', async () => {
    const doc = (await call('GET', '/openapi.json')).body
    const pdf = doc.paths['/api/certificates/{id}/pdf'].get
    expect(Object.keys(pdf.responses['200'].content)).toEqual(['application/pdf'])
    expect(doc.paths['/api/verify/{code}'].get.security).toBeUndefined()
  })
})

describe('verification limits', () => {
  it('answers 429 after 30 checks a minute from one address', async () => {
    const headers = { 'x-forwarded-for': '203.0.113.77' }
    for (let i = 0; i < 30; i++)
      expect((await call('GET', '/verify/ABCDEFGHJKLM', { headers })).status).toBe(404)
    const limited = await call('GET', '/verify/ABCDEFGHJKLM', { headers })
    expect([limited.status, limited.body.error.code]).toEqual([429, 'rate_limited'])
    expect(limited.headers.get('retry-after')).toBeTruthy()
  })
})

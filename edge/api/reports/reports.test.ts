import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setupApi } from '../core/testing.ts'
import { type CourseSchool, courseSchool, enrol, publishingTools } from '../courses/testing.ts'
import { bookedBefore, pastSession, stay } from './testing.ts'

// The attendance report and exports through the API: the teacher's session two days ago (the student
// came for 30 minutes, the classmate booked and did not) and the colleague's yesterday (the classmate
// came for 10). The admin sees both, the teacher theirs, the parent their linked child; a stranger's
// school is not there; bad filters get field paths; an export is queued with its days fixed.
// The progress report: the teacher's course "Fractions" (the colleague a viewer) with two published
// lessons, the student and the classmate enrolled, the student done with one lesson.
// The payments report: two payments for that course (KES, and USD partly refunded), owners and admins only.

let api: Awaited<ReturnType<typeof setupApi>>
let s: CourseSchool
let halves: string

beforeAll(async () => {
  api = await setupApi()
  s = await courseSchool(api.sql)
  const mine = await pastSession(api.sql, {
    tenant: s.tenant.id,
    instructor: s.teacher.id,
    daysAgo: 2,
    title: 'Fractions',
  })
  const theirs = await pastSession(api.sql, {
    tenant: s.tenant.id,
    instructor: s.colleague.id,
    daysAgo: 1,
    title: 'Cells',
  })
  await bookedBefore(api.sql, [
    [mine, s.student.id],
    [mine, s.classmate.id],
    [theirs, s.classmate.id],
  ])
  await stay(api.sql, mine, s.student.id, 5, 35)
  await stay(api.sql, theirs, s.classmate.id, 0, 10)

  const tools = publishingTools(api.sql, api.call, () => s)
  const { course, lesson } = await tools.setup('Halves')
  halves = course
  const second = await newLessonOf(course)
  for (const l of [lesson, second]) {
    await api.sql`insert into public.lesson_versions (lesson_id, version, title, html, plain_text, state)
      values (${l}, 1, 'Halves', '<p>Half</p>', 'Half', '\\x00')`
  }
  await enrol(api.sql, course, s.classmate)
  await api.sql`insert into public.lesson_progress (user_id, lesson_id, course_id, tenant_id, completed_at)
    values (${s.student.id}, ${lesson}, ${course}, ${s.tenant.id}, now())`
})

async function newLessonOf(course: string) {
  const res = await api.call('POST', `/courses/${course}/lessons`, {
    token: s.teacher.token,
    body: { title: 'Thirds' },
  })
  return res.body.id as string
}
afterAll(() => api?.close())

type Who = { token: string }
const report = (who: Who, query = '') =>
  api.call('GET', `/tenants/${s.tenant.id}/reports/attendance${query}`, { token: who.token })
const exportReport = (who: Who, body: unknown) =>
  api.call('POST', `/tenants/${s.tenant.id}/reports/exports`, { token: who.token, body })
const labels = (body: { rows: { label: string }[] }) => body.rows.map((r) => r.label)
const progress = (who: Who, query = '') =>
  api.call('GET', `/tenants/${s.tenant.id}/reports/progress${query}`, { token: who.token })

describe('attendance report', () => {
  it('gives the admin every session with the totals, one page at a time', async () => {
    const all = await report(s.admin)
    expect(all.status).toBe(200)
    expect(labels(all.body)).toEqual(['Cells', 'Fractions'])
    expect(all.body.totals).toEqual({ booked: 3, present: 2, minutes: 40 })
    expect(all.body.scope).toBe('school')
    expect(all.body.to_day >= all.body.from_day).toBe(true)
    const page = await report(s.admin, '?limit=1&offset=1')
    expect([labels(page.body), page.body.total_rows, page.body.totals.booked]).toEqual([['Fractions'], 2, 3])
    const byStudent = await report(s.admin, '?group=student')
    expect(byStudent.body.rows.map((r: { label: string; present: number }) => [r.label, r.present])).toEqual([
      ['Classmate', 1],
      ['Student', 1],
    ])
  })

  it('shows the teacher their session only and the parent only their linked child', async () => {
    expect(labels((await report(s.teacher)).body)).toEqual(['Fractions'])
    expect((await report(s.parent, '?group=seat')).body.rows).toEqual([])
    await api.sql`insert into public.guardian_links (tenant_id, parent_id, student_id, created_by)
      values (${s.tenant.id}, ${s.parent.id}, ${s.student.id}, null)`
    const child = await report(s.parent, '?group=seat')
    expect(
      child.body.rows.map((r: { label: string; detail: string; minutes: number }) => [
        r.label,
        r.detail,
        r.minutes,
      ]),
    ).toEqual([['Student', 'Fractions', 30]])
    expect(child.body.scope).toBe('guardian')
    const outside = await report(s.stranger)
    expect([outside.status, outside.body.error.code]).toEqual([404, 'school_not_found'])
  })

  it('refuses bad filters with their field paths, and a reversed period', async () => {
    const bad = await report(s.admin, '?group=teacher&from=2026-13-01&limit=500')
    expect(bad.status).toBe(400)
    const paths = bad.body.error.details.issues.map((i: { path: string }) => i.path).sort()
    expect(paths).toEqual(['from', 'group', 'limit'])
    const reversed = await report(s.admin, '?from=2026-03-01&to=2026-02-01')
    expect([reversed.status, reversed.body.error.code]).toEqual([422, 'period_reversed'])
    const long = await report(s.admin, '?from=2024-01-01&to=2026-02-01')
    expect([long.status, long.body.error.code]).toEqual([422, 'period_too_long'])
  })
})

describe('report exports', () => {
  it('queues an export with the days fixed; lists it to the one who asked only', async () => {
    const asked = await exportReport(s.admin, {
      report: 'attendance',
      format: 'xlsx',
      filters: { group: 'student' },
    })
    expect(asked.status).toBe(202)
    expect(asked.body).toMatchObject({ status: 'queued', progress: 0, format: 'xlsx' })
    expect(asked.body.filters).toEqual({
      group: 'student',
      from: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      to: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
    })
    const mine = await api.call('GET', `/tenants/${s.tenant.id}/reports/exports`, { token: s.admin.token })
    expect(mine.body.exports.map((e: { id: string }) => e.id)).toEqual([asked.body.id])
    const theirs = await api.call('GET', `/tenants/${s.tenant.id}/reports/exports`, {
      token: s.teacher.token,
    })
    expect(theirs.body.exports).toEqual([])
  })

  it('refuses a bad body with paths, more than three at once, and a stranger', async () => {
    const unknown = await exportReport(s.teacher, {
      report: 'grades',
      format: 'docx',
      filters: { group: 'x' },
    })
    expect(unknown.status).toBe(400)
    expect(unknown.body.error.details.issues.map((i: { path: string }) => i.path)).toEqual(['report'])
    const bad = await exportReport(s.teacher, {
      report: 'attendance',
      format: 'docx',
      filters: { group: 'x' },
    })
    expect(bad.status).toBe(400)
    const paths = bad.body.error.details.issues.map((i: { path: string }) => i.path).sort()
    expect(paths).toEqual(['filters.group', 'format'])
    const body = { report: 'attendance', format: 'csv', filters: {} }
    for (let i = 0; i < 3; i += 1) expect((await exportReport(s.teacher, body)).status).toBe(202)
    const busy = await exportReport(s.teacher, body)
    expect([busy.status, busy.body.error.code]).toEqual([409, 'exports_busy'])
    expect((await exportReport(s.stranger, body)).status).toBe(404)
    const [{ n }] =
      (await api.sql`select count(*)::int as n from public.report_exports where tenant_id = ${s.tenant.id}`) as [
        { n: number },
      ]
    expect(n).toBe(4)
  })
})

describe('progress report', () => {
  type ProgressBody = { rows: { label: string; students: number; lessons_completed: number }[] }
  const figures = (body: ProgressBody) => body.rows.map((r) => [r.label, r.students, r.lessons_completed])

  it('gives the admin each course with the totals; by enrolment a row per student', async () => {
    const all = await progress(s.admin)
    expect(all.status).toBe(200)
    expect([all.body.scope, all.body.group, all.body.total_rows]).toEqual(['school', 'course', 1])
    expect(figures(all.body)).toEqual([['Fractions', 2, 1]])
    expect(all.body.rows[0]).toMatchObject({ lessons_published: 4, quiz_attempts: 0, quiz_average: null })
    expect(all.body.totals).toMatchObject({ lessons_published: 4, lessons_completed: 1, distinctions: null })
    const byEnrolment = await progress(s.admin, '?group=enrolment&limit=1&offset=1')
    expect([
      byEnrolment.body.total_rows,
      byEnrolment.body.rows[0].label,
      byEnrolment.body.rows[0].detail,
    ]).toEqual([2, 'Student', 'Fractions'])
  })

  it('shows the course to its writers, and a student only themself', async () => {
    expect(figures((await progress(s.teacher)).body)).toEqual([['Fractions', 2, 1]])
    expect(figures((await progress(s.colleague)).body)).toEqual([['Fractions', 2, 1]])
    const own = await progress(s.classmate, '?group=student')
    expect([own.body.scope, figures(own.body)]).toEqual(['self', [['Classmate', 1, 0]]])
    const outside = await progress(s.stranger)
    expect([outside.status, outside.body.error.code]).toEqual([404, 'school_not_found'])
  })

  it('refuses bad filters with their field paths, and a reversed period', async () => {
    const bad = await progress(s.admin, '?group=seat&from=2026-13-01&offset=-1&student=me')
    expect(bad.status).toBe(400)
    const paths = bad.body.error.details.issues.map((i: { path: string }) => i.path).sort()
    expect(paths).toEqual(['from', 'group', 'offset', 'student'])
    const reversed = await progress(s.admin, '?from=2026-03-01&to=2026-02-01')
    expect([reversed.status, reversed.body.error.code]).toEqual([422, 'period_reversed'])
  })

  it('is exported with its own filters: a grouping of attendance is refused', async () => {
    const asked = await exportReport(s.admin, {
      report: 'progress',
      format: 'pdf',
      filters: { group: 'enrolment' },
    })
    expect(asked.status).toBe(202)
    expect(asked.body).toMatchObject({ report: 'progress', format: 'pdf', status: 'queued' })
    expect(asked.body.filters).toMatchObject({
      group: 'enrolment',
      from: expect.any(String),
      to: expect.any(String),
    })
    const bad = await exportReport(s.admin, { report: 'progress', format: 'csv', filters: { group: 'seat' } })
    expect(bad.status).toBe(400)
    expect(bad.body.error.details.issues.map((i: { path: string }) => i.path)).toEqual(['filters.group'])
  })
})

describe('weekly activity', () => {
  const weekly = (who: Who, query: string) =>
    api.call('GET', `/tenants/${s.tenant.id}/reports/weekly?weeks=2${query}`, { token: who.token })

  it('narrows to one course for its teacher: its lessons opened and finished, no school tickets', async () => {
    const school = await weekly(s.admin, '')
    expect(school.status).toBe(200)
    expect(school.body.weeks.at(-1).tickets_opened).toEqual(expect.any(Number))
    const course = await weekly(s.teacher, `&course=${halves}`)
    expect(course.status).toBe(200)
    const week = course.body.weeks.at(-1)
    expect(week).toMatchObject({ lessons_completed: 1, tickets_opened: null, revenue_minor: null })
    expect(week.lesson_reads).toEqual(expect.any(Number))
  })

  it('refuses a course that is not an id (400) or not of the school (404)', async () => {
    const bad = await weekly(s.admin, '&course=fractions')
    expect(bad.status).toBe(400)
    expect(bad.body.error.details.issues[0].path).toBe('course')
    const [elsewhere] = await api.sql`insert into public.courses (tenant_id, title)
      select tenant_id, 'Elsewhere' from public.memberships where user_id = ${s.stranger.id} limit 1 returning id`
    const other = await weekly(s.admin, `&course=${elsewhere?.id}`)
    expect(other.status).toBe(404)
    expect(other.body.error.code).toBe('course_not_found')
  })
})

describe('payments report', () => {
  const payments = (who: Who, query = '') =>
    api.call('GET', `/tenants/${s.tenant.id}/reports/payments${query}`, { token: who.token })

  it('gives owners and admins the payments with totals per currency; refuses staff and teachers', async () => {
    await api.sql`insert into public.payments (tenant_id, payer_id, beneficiary_id, purpose, course_id, provider,
        currency, amount_minor, status, refunded_minor, provider_ref)
      values (${s.tenant.id}, ${s.student.id}, ${s.student.id}, 'course', ${halves}, 'mpesa', 'KES', 100000,
        'succeeded', 0, 'MP-API-1'),
        (${s.tenant.id}, ${s.classmate.id}, ${s.classmate.id}, 'course', ${halves}, 'stripe', 'USD', 3000,
        'partially_refunded', 500, 'cs_api_2')`
    const all = await payments(s.admin)
    expect(all.status).toBe(200)
    expect([all.body.scope, all.body.group, all.body.total_rows]).toEqual(['school', 'payment', 2])
    expect(
      all.body.rows.map((r: { reference: string; net_minor: number }) => [r.reference, r.net_minor]),
    ).toEqual(
      expect.arrayContaining([
        ['MP-API-1', 100000],
        ['cs_api_2', 2500],
      ]),
    )
    expect(all.body.totals).toEqual([
      { currency: 'KES', payments: 1, amount_minor: 100000, refunded_minor: 0, net_minor: 100000 },
      { currency: 'USD', payments: 1, amount_minor: 3000, refunded_minor: 500, net_minor: 2500 },
    ])
    const byCourse = await payments(s.owner, '?group=course&limit=1')
    expect([byCourse.body.total_rows, byCourse.body.rows.length, byCourse.body.rows[0].label]).toEqual([
      2,
      1,
      'Fractions',
    ])
    for (const who of [s.staff, s.teacher, s.student]) {
      const refused = await payments(who)
      expect([refused.status, refused.body.error.code]).toEqual([403, 'payments_report_forbidden'])
    }
    expect((await payments(s.stranger)).status).toBe(404)
  })

  it('refuses a bad grouping with its path, and a class filter it does not have', async () => {
    const bad = await payments(s.admin, '?group=student&from=2026-13-01')
    expect(bad.status).toBe(400)
    const paths = bad.body.error.details.issues.map((i: { path: string }) => i.path).sort()
    expect(paths).toEqual(['from', 'group'])
    const klass = await payments(s.admin, `?class=${s.tenant.id}`)
    expect(klass.status).toBe(400)
  })

  it('is exported by admins only', async () => {
    const asked = await exportReport(s.owner, {
      report: 'payments',
      format: 'xlsx',
      filters: { group: 'day' },
    })
    expect(asked.status).toBe(202)
    expect(asked.body).toMatchObject({ report: 'payments', status: 'queued' })
    const staff = await exportReport(s.staff, { report: 'payments', format: 'csv', filters: {} })
    expect([staff.status, staff.body.error.code]).toEqual([403, 'payments_report_forbidden'])
  })
})

describe('support and AI tutor reports', () => {
  const get = (kind: string, who: Who, query = '') =>
    api.call('GET', `/tenants/${s.tenant.id}/reports/${kind}${query}`, { token: who.token })

  it('gives support staff the desk by agent with the period’s totals; refuses teachers and students', async () => {
    await api.sql`insert into public.tickets (tenant_id, requester_id, subject, category, assignee_id)
      values (${s.tenant.id}, ${s.student.id}, 'Cannot log in', 'account', ${s.staff.id})`
    const desk = await get('support', s.staff, '?group=ticket')
    expect(desk.status).toBe(200)
    expect([desk.body.group, desk.body.total_rows, desk.body.rows[0].label]).toEqual([
      'ticket',
      1,
      'Cannot log in',
    ])
    expect(desk.body.totals).toMatchObject({ tickets: 1, ratings: 0, average_score: null })
    for (const who of [s.teacher, s.student]) {
      const refused = await get('support', who)
      expect([refused.status, refused.body.error.code]).toEqual([403, 'support_staff_only'])
    }
    const bad = await get('support', s.admin, '?group=course&course=x')
    expect(bad.status).toBe(400)
    expect(bad.body.error.details.issues.map((i: { path: string }) => i.path).sort()).toEqual([
      'course',
      'group',
    ])
  })

  it('gives the teacher the tutor use of their course; refuses staff; exports both', async () => {
    const [c] = await api.sql`insert into public.ai_conversations (tenant_id, student_id, course_id, title)
      values (${s.tenant.id}, ${s.student.id}, ${halves}, 'Fractions?') returning id`
    await api.sql`insert into public.ai_messages (conversation_id, role, content) values (${c?.id}, 'user', 'What is a half?')`
    const mine = await get('tutor', s.teacher)
    expect(mine.status).toBe(200)
    expect([mine.body.scope, mine.body.rows.map((r: { label: string }) => r.label)]).toEqual([
      'teacher',
      ['Fractions'],
    ])
    expect(mine.body.totals).toMatchObject({ students: 1, conversations: 1, questions: 1, answers: 0 })
    const refused = await get('tutor', s.staff)
    expect([refused.status, refused.body.error.code]).toEqual([403, 'tutor_report_forbidden'])
    // The teacher has three exports waiting already (above); the owner asks.
    const tutor = await exportReport(s.owner, {
      report: 'tutor',
      format: 'csv',
      filters: { group: 'student' },
    })
    expect([tutor.status, tutor.body.report]).toEqual([202, 'tutor'])
    const desk = await exportReport(s.staff, {
      report: 'support',
      format: 'pdf',
      filters: { group: 'category' },
    })
    expect([desk.status, desk.body.report]).toEqual([202, 'support'])
    const notStaff = await exportReport(s.student, { report: 'support', format: 'pdf', filters: {} })
    expect([notStaff.status, notStaff.body.error.code]).toEqual([403, 'support_staff_only'])
  })
})

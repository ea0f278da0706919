import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setupApi } from '../core/testing.ts'
import { type CourseSchool, courseSchool } from '../courses/testing.ts'
import { bookedBefore, pastSession, stay } from './testing.ts'

// The attendance report and exports through the API: the teacher's session two days ago (the student
// came for 30 minutes, the classmate booked and did not) and the colleague's yesterday (the classmate
// came for 10). The admin sees both, the teacher theirs, the parent their linked child; a stranger's
// school is not there; bad filters get field paths; an export is queued with its days fixed.

let api: Awaited<ReturnType<typeof setupApi>>
let s: CourseSchool

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
})
afterAll(() => api?.close())

type Who = { token: string }
const report = (who: Who, query = '') =>
  api.call('GET', `/tenants/${s.tenant.id}/reports/attendance${query}`, { token: who.token })
const exportReport = (who: Who, body: unknown) =>
  api.call('POST', `/tenants/${s.tenant.id}/reports/exports`, { token: who.token, body })
const labels = (body: { rows: { label: string }[] }) => body.rows.map((r) => r.label)

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
    const bad = await exportReport(s.teacher, { report: 'grades', format: 'docx', filters: { group: 'x' } })
    expect(bad.status).toBe(400)
    const paths = bad.body.error.details.issues.map((i: { path: string }) => i.path).sort()
    expect(paths).toEqual(['filters.group', 'format', 'report'])
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

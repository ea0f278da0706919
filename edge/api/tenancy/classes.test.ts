import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setupApi } from '../core/testing.ts'
import { type CourseSchool, courseSchool, newCourse } from '../courses/testing.ts'
import { newSession } from '../tutoring/testing.ts'

// Classes through the API: an admin creates one, puts students and a class teacher in it; the class
// teacher sees the list, a student only the class and themself; a whole class is enrolled in a
// course once (running it again enrols nobody twice).

let api: Awaited<ReturnType<typeof setupApi>>
let s: CourseSchool

beforeAll(async () => {
  api = await setupApi()
  s = await courseSchool(api.sql)
})
afterAll(() => api?.close())

const call = (...args: Parameters<typeof api.call>) => api.call(...args)
const classes = () => `/tenants/${s.tenant.id}/classes`

async function newClass(name: string) {
  const made = await call('POST', classes(), { token: s.admin.token, body: { name, grade_level: '7' } })
  expect(made.status).toBe(201)
  return made.body.id as string
}

describe('classes', () => {
  it('an admin creates, renames and fills a class; names are unique per school in any case', async () => {
    const id = await newClass('Grade 7 East')
    const again = await call('POST', classes(), { token: s.owner.token, body: { name: 'grade 7 EAST' } })
    expect([again.status, again.body.error.code]).toEqual([409, 'class_name_taken'])
    const byTeacher = await call('POST', classes(), { token: s.teacher.token, body: { name: 'Mine' } })
    expect([byTeacher.status, byTeacher.body.error.code]).toEqual([403, 'admins_only'])

    const renamed = await call('PATCH', `/classes/${id}`, {
      token: s.admin.token,
      body: { name: 'Grade 7 North' },
    })
    expect(renamed.body).toMatchObject({ name: 'Grade 7 North', grade_level: '7', can_manage: true })

    const filled = await call('POST', `/classes/${id}/students`, {
      token: s.admin.token,
      body: { user_ids: [s.student.id, s.classmate.id] },
    })
    expect(filled.body.students.map((p: { display_name: string }) => p.display_name)).toEqual([
      'Classmate',
      'Student',
    ])
    const notStudent = await call('POST', `/classes/${id}/students`, {
      token: s.admin.token,
      body: { user_ids: [s.staff.id] },
    })
    expect([notStudent.status, notStudent.body.error.code]).toEqual([422, 'class_students_only'])

    const teacher = await call('POST', `/classes/${id}/teachers`, {
      token: s.admin.token,
      body: { user_ids: [s.teacher.id] },
    })
    expect(teacher.body).toMatchObject({ teacher_names: ['Teacher'], student_count: 2 })

    // The class teacher sees the list; the other instructor sees the class's size, not its list.
    const asTeacher = await call('GET', `/classes/${id}`, { token: s.teacher.token })
    expect([asTeacher.body.students.length, asTeacher.body.can_manage, asTeacher.body.can_enrol]).toEqual([
      2,
      false,
      true,
    ])
    const asColleague = await call('GET', `/classes/${id}`, { token: s.colleague.token })
    expect([
      asColleague.body.students.length,
      asColleague.body.student_count,
      asColleague.body.can_enrol,
    ]).toEqual([0, 2, false])
    // A student sees their class and themself; a stranger does not see it at all.
    const asStudent = await call('GET', `/classes/${id}`, { token: s.student.token })
    expect(asStudent.body.students).toEqual([{ user_id: s.student.id, display_name: 'Student' }])
    const list = await call('GET', classes(), { token: s.student.token })
    expect(list.body.map((c: { name: string }) => c.name)).toEqual(['Grade 7 North'])
    const asStranger = await call('GET', `/classes/${id}`, { token: s.stranger.token })
    expect([asStranger.status, asStranger.body.error.code]).toEqual([404, 'class_not_found'])

    const out = await call('DELETE', `/classes/${id}/students/${s.classmate.id}`, { token: s.admin.token })
    expect(out.status).toBe(204)
    const outAgain = await call('DELETE', `/classes/${id}/students/${s.classmate.id}`, {
      token: s.admin.token,
    })
    expect([outAgain.status, outAgain.body.error.code]).toEqual([404, 'class_member_not_found'])

    const [audit] = await api.sql`
      select count(*)::int as n from public.audit_log
      where tenant_id = ${s.tenant.id} and action like 'class.%' and (details ->> 'class_id' = ${id} or target_id = ${id})`
    expect(audit?.n).toBeGreaterThanOrEqual(6)
  })

  it('a whole class is enrolled in a course in one step, once; only admins and its teachers may', async () => {
    const id = await newClass('Grade 8 West')
    await call('POST', `/classes/${id}/students`, {
      token: s.admin.token,
      body: { user_ids: [s.student.id, s.classmate.id] },
    })
    await call('POST', `/classes/${id}/teachers`, {
      token: s.admin.token,
      body: { user_ids: [s.teacher.id] },
    })
    const course = await newCourse(call, s.teacher, s.tenant.id)
    await api.sql`insert into public.enrolments (course_id, user_id) values (${course}, ${s.classmate.id})`

    const denied = await call('POST', `/classes/${id}/enrol`, {
      token: s.colleague.token,
      body: { course_id: course },
    })
    expect([denied.status, denied.body.error.code]).toEqual([403, 'class_enrol_forbidden'])
    const first = await call('POST', `/classes/${id}/enrol`, {
      token: s.teacher.token,
      body: { course_id: course },
    })
    expect(first.body).toEqual({ enrolled: 1, already: 1 })
    // The class page lists the course with how many of the class take it; a student sees only themself counted.
    const page = await call('GET', `/classes/${id}`, { token: s.teacher.token })
    expect(page.body.courses).toEqual([{ id: course, title: expect.any(String), enrolled: 2 }])
    const own = await call('GET', `/classes/${id}`, { token: s.student.token })
    expect(own.body.courses.map((c: { enrolled: number }) => c.enrolled)).toEqual([1])
    const second = await call('POST', `/classes/${id}/enrol`, {
      token: s.admin.token,
      body: { course_id: course },
    })
    expect(second.body).toEqual({ enrolled: 0, already: 2 })
    const [{ n }] =
      await api.sql`select count(*)::int as n from public.enrolments where course_id = ${course}`
    expect(n).toBe(2)

    const otherSchool = await newCourse(call, s.stranger, (await tenantOf(s.stranger.id)) as string)
    const foreign = await call('POST', `/classes/${id}/enrol`, {
      token: s.admin.token,
      body: { course_id: otherSchool },
    })
    expect([foreign.status, foreign.body.error.code]).toEqual([404, 'course_not_found'])
  })

  it('a class is booked into a session in one step, all or nothing; by its teacher as tutor or an admin', async () => {
    const id = await newClass('Grade 8 North')
    await call('POST', `/classes/${id}/students`, {
      token: s.admin.token,
      body: { user_ids: [s.student.id, s.classmate.id] },
    })
    await call('POST', `/classes/${id}/teachers`, {
      token: s.admin.token,
      body: { user_ids: [s.teacher.id] },
    })
    const bookings = async (session: string) =>
      (await api.sql`select user_id from public.session_bookings where session_id = ${session}`).length
    const bookInto = (session: string, token: string) =>
      call('POST', `/classes/${id}/bookings`, { token, body: { session_id: session } })

    const small = await newSession(call, s.teacher, s.tenant.id, { capacity: 1 })
    const tooBig = await bookInto(small, s.teacher.token)
    expect([tooBig.status, tooBig.body.error.code]).toEqual([409, 'class_too_big'])
    expect(await bookings(small)).toBe(0)

    const session = await newSession(call, s.teacher, s.tenant.id, { capacity: 5 })
    await api.sql`insert into public.session_bookings (session_id, user_id) values (${session}, ${s.classmate.id})`
    expect((await bookInto(session, s.teacher.token)).body).toEqual({ booked: 1, already: 1 })
    expect((await bookInto(session, s.admin.token)).body).toEqual({ booked: 0, already: 2 })
    expect(await bookings(session)).toBe(2)

    // Another instructor's session: its tutor does not teach the class; the class's teacher is not its tutor.
    const theirs = await newSession(call, s.colleague, s.tenant.id)
    for (const who of [s.colleague, s.teacher, s.student]) {
      const res = await bookInto(theirs, who.token)
      expect([res.status, res.body.error.code]).toEqual([403, 'class_booking_forbidden'])
    }
    expect(await bookings(theirs)).toBe(0)

    const foreignTenant = (await tenantOf(s.stranger.id)) as string
    const foreign = await bookInto(await newSession(call, s.stranger, foreignTenant), s.admin.token)
    expect([foreign.status, foreign.body.error.code]).toEqual([404, 'session_not_found'])
    const bad = await call('POST', `/classes/${id}/bookings`, {
      token: s.admin.token,
      body: { session_id: 'x' },
    })
    expect([bad.status, bad.body.error.details.issues[0].path]).toEqual([400, 'session_id'])
  })
})

async function tenantOf(userId: string) {
  const [row] = await api.sql`select tenant_id from public.memberships where user_id = ${userId} limit 1`
  return row?.tenant_id as string | undefined
}

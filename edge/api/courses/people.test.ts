import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createUser } from '../../../test/support/fixtures.ts'
import { setupApi } from '../core/testing.ts'
import { type CourseSchool, courseSchool, enrol, newCourse } from './testing.ts'

const api = await setupApi()
const { sql, call } = api
afterAll(() => api.close())

let s: CourseSchool
beforeAll(async () => {
  s = await courseSchool(sql)
})

const authors = async (courseId: string) =>
  (
    await sql`select user_id, role from public.course_authors where course_id = ${courseId} order by role, user_id`
  ).map((r) => [r.user_id, r.role])
const enrolled = async (courseId: string) =>
  (await sql`select user_id from public.enrolments where course_id = ${courseId} order by user_id`).map(
    (r) => r.user_id,
  )

describe('PUT /api/courses/:id/authors/:userId', () => {
  it('adds a colleague as a viewer (201), promotes them to editor (200) and records both', async () => {
    const course = await newCourse(call, s.teacher, s.tenant.id)
    const added = await call('PUT', `/courses/${course}/authors/${s.colleague.id}`, {
      token: s.teacher.token,
      body: { role: 'viewer' },
    })
    expect(added.status).toBe(201)
    expect(added.body).toMatchObject({ user_id: s.colleague.id, role: 'viewer', display_name: 'Colleague' })
    const asViewer = await call('GET', `/courses/${course}`, { token: s.colleague.token })
    expect(asViewer.body.my_access).toEqual({ edit: false, read_draft: true, manage: false, enrolled: false })

    const promoted = await call('PUT', `/courses/${course}/authors/${s.colleague.id}`, {
      token: s.admin.token,
      body: { role: 'editor' },
    })
    expect(promoted.status).toBe(200)
    expect(promoted.body.role).toBe('editor')
    const asEditor = await call('GET', `/courses/${course}`, { token: s.colleague.token })
    expect(asEditor.body.my_access.edit).toBe(true)
    expect(asEditor.body.authors.map((a: { user_id: string }) => a.user_id).sort()).toEqual(
      [s.teacher.id, s.colleague.id].sort(),
    )
    const log = await sql`
      select action, details from public.audit_log where target_id = ${course} and action like 'course.author%' order by id`
    expect(log).toEqual([
      { action: 'course.author_added', details: { user_id: s.colleague.id, role: 'viewer' } },
      {
        action: 'course.author_role_changed',
        details: { user_id: s.colleague.id, from: 'viewer', to: 'editor' },
      },
    ])
  })

  it('takes only instructors and admins of the school as co-authors (422)', async () => {
    const course = await newCourse(call, s.teacher, s.tenant.id)
    for (const who of [s.student, s.staff, s.parent, s.stranger]) {
      const res = await call('PUT', `/courses/${course}/authors/${who.id}`, {
        token: s.teacher.token,
        body: { role: 'viewer' },
      })
      expect(res.status).toBe(422)
      expect(res.body.error.message).toBe('Co-authors must be instructors or admins of this school.')
    }
    const unknown = await call('PUT', `/courses/${course}/authors/${crypto.randomUUID()}`, {
      token: s.teacher.token,
      body: { role: 'viewer' },
    })
    expect(unknown.status).toBe(422)
    expect(await authors(course)).toEqual([[s.teacher.id, 'editor']])
  })

  it('keeps the last editor (409 last_editor)', async () => {
    const course = await newCourse(call, s.teacher, s.tenant.id)
    const demote = await call('PUT', `/courses/${course}/authors/${s.teacher.id}`, {
      token: s.teacher.token,
      body: { role: 'viewer' },
    })
    expect(demote.status).toBe(409)
    expect(demote.body.error).toEqual({
      code: 'last_editor',
      message: 'A course must keep at least one editor.',
    })
    const remove = await call('DELETE', `/courses/${course}/authors/${s.teacher.id}`, {
      token: s.owner.token,
    })
    expect(remove.status).toBe(409)
    expect(await authors(course)).toEqual([[s.teacher.id, 'editor']])
  })

  it('refuses viewers, other members (403), strangers (404) and bad input (400)', async () => {
    const course = await newCourse(call, s.teacher, s.tenant.id)
    await sql`insert into public.course_authors (course_id, user_id, role) values (${course}, ${s.colleague.id}, 'viewer')`
    const put = (who: typeof s.teacher, body: unknown, user = s.admin.id) =>
      call('PUT', `/courses/${course}/authors/${user}`, { token: who.token, body })
    for (const who of [s.colleague, s.staff, s.student])
      expect((await put(who, { role: 'viewer' })).status).toBe(403)
    expect((await put(s.stranger, { role: 'viewer' })).status).toBe(404)
    expect((await put(s.teacher, { role: 'owner' })).status).toBe(400)
    expect((await put(s.teacher, { role: 'viewer', course_id: course })).status).toBe(400)
    expect((await put(s.teacher, { role: 'viewer' }, 'nobody')).status).toBe(400)
    expect(
      (await call('PUT', `/courses/${course}/authors/${s.admin.id}`, { body: { role: 'viewer' } })).status,
    ).toBe(401)
    expect(await authors(course)).toEqual([
      [s.teacher.id, 'editor'],
      [s.colleague.id, 'viewer'],
    ])
  })
})

describe('DELETE /api/courses/:id/authors/:userId', () => {
  it('lets an editor remove a co-author, and a co-author step down', async () => {
    const course = await newCourse(call, s.teacher, s.tenant.id)
    await sql`insert into public.course_authors (course_id, user_id, role) values
      (${course}, ${s.colleague.id}, 'viewer'), (${course}, ${s.admin.id}, 'editor')`
    expect(
      (await call('DELETE', `/courses/${course}/authors/${s.admin.id}`, { token: s.colleague.token })).status,
    ).toBe(403)
    expect(
      (await call('DELETE', `/courses/${course}/authors/${s.colleague.id}`, { token: s.colleague.token }))
        .status,
    ).toBe(204)
    expect(
      (await call('DELETE', `/courses/${course}/authors/${s.admin.id}`, { token: s.teacher.token })).status,
    ).toBe(204)
    expect(await authors(course)).toEqual([[s.teacher.id, 'editor']])
    const again = await call('DELETE', `/courses/${course}/authors/${s.admin.id}`, { token: s.teacher.token })
    expect(again.status).toBe(404)
    expect(
      (await call('DELETE', `/courses/${course}/authors/${s.admin.id}`, { token: s.stranger.token })).status,
    ).toBe(404)
  })

  it('takes the rights away from an author who stops teaching at the school', async () => {
    const course = await newCourse(call, s.teacher, s.tenant.id)
    const demoted = await createUser(sql)
    await sql`insert into public.memberships (tenant_id, user_id, role) values (${s.tenant.id}, ${demoted.id}, 'instructor')`
    await sql`insert into public.course_authors (course_id, user_id, role) values (${course}, ${demoted.id}, 'editor')`
    expect((await call('GET', `/courses/${course}`, { token: demoted.token })).body.my_access.edit).toBe(true)
    await sql`update public.memberships set role = 'student' where tenant_id = ${s.tenant.id} and user_id = ${demoted.id}`
    const after = await call('GET', `/courses/${course}`, { token: demoted.token })
    expect(after.body.my_access).toEqual({ edit: false, read_draft: false, manage: false, enrolled: false })
  })
})

describe('enrolments', () => {
  it('lets teachers enrol students and list them; students see the course lessons then', async () => {
    const course = await newCourse(call, s.teacher, s.tenant.id, { is_free: false })
    const byTeacher = await call('POST', `/courses/${course}/enrolments`, {
      token: s.teacher.token,
      body: { user_id: s.student.id },
    })
    expect(byTeacher.status).toBe(201)
    expect(byTeacher.body).toMatchObject({
      course_id: course,
      user_id: s.student.id,
      display_name: 'Student',
      enrolled_by: s.teacher.id,
    })
    // Any instructor of the school enrols students, not only the course's authors.
    const byColleague = await call('POST', `/courses/${course}/enrolments`, {
      token: s.colleague.token,
      body: { user_id: s.classmate.id },
    })
    expect(byColleague.status).toBe(201)
    const again = await call('POST', `/courses/${course}/enrolments`, {
      token: s.admin.token,
      body: { user_id: s.student.id },
    })
    expect(again.status).toBe(409)
    const list = await call('GET', `/courses/${course}/enrolments`, { token: s.staff.token })
    expect(list.status).toBe(200)
    expect(list.body.map((e: { user_id: string }) => e.user_id).sort()).toEqual(
      [s.student.id, s.classmate.id].sort(),
    )
    expect((await call('GET', `/courses/${course}/enrolments`, { token: s.student.token })).status).toBe(403)
    expect((await call('GET', `/courses/${course}/enrolments`, { token: s.stranger.token })).status).toBe(404)
  })

  it('enrols only students of the school (422), by teachers only (403), with valid input (400)', async () => {
    const course = await newCourse(call, s.teacher, s.tenant.id)
    for (const who of [s.colleague, s.parent, s.stranger]) {
      const res = await call('POST', `/courses/${course}/enrolments`, {
        token: s.teacher.token,
        body: { user_id: who.id },
      })
      expect(res.status).toBe(422)
      expect(res.body.error.message).toBe('Only students of this school can be enrolled.')
    }
    for (const who of [s.staff, s.student, s.parent]) {
      const res = await call('POST', `/courses/${course}/enrolments`, {
        token: who.token,
        body: { user_id: s.student.id },
      })
      expect(res.status).toBe(403)
    }
    for (const body of [{}, { user_id: 'me' }, { user_id: s.student.id, course_id: course }]) {
      expect(
        (await call('POST', `/courses/${course}/enrolments`, { token: s.teacher.token, body })).status,
      ).toBe(400)
    }
    expect(await enrolled(course)).toEqual([])
  })

  it('lets students enrol themselves in free courses only, once', async () => {
    const free = await newCourse(call, s.teacher, s.tenant.id, { is_free: true })
    const paid = await newCourse(call, s.teacher, s.tenant.id, { is_free: false })
    const first = await call('POST', `/courses/${free}/enrol`, { token: s.student.token })
    expect(first.status).toBe(201)
    expect(first.body).toMatchObject({ user_id: s.student.id, enrolled_by: s.student.id })
    expect((await call('POST', `/courses/${free}/enrol`, { token: s.student.token })).status).toBe(200)
    const notFree = await call('POST', `/courses/${paid}/enrol`, { token: s.student.token })
    expect(notFree.status).toBe(403)
    expect(notFree.body.error.message).toBe('This course is not free: ask a teacher to enrol you.')
    for (const who of [s.teacher, s.staff, s.parent]) {
      expect((await call('POST', `/courses/${free}/enrol`, { token: who.token })).status).toBe(403)
    }
    expect((await call('POST', `/courses/${free}/enrol`, { token: s.stranger.token })).status).toBe(404)
    expect((await call('POST', `/courses/${free}/enrol`)).status).toBe(401)
    expect(await enrolled(free)).toEqual([s.student.id])
    expect(await enrolled(paid)).toEqual([])
  })

  it('lets teachers unenrol students and students leave, nobody else', async () => {
    const course = await newCourse(call, s.teacher, s.tenant.id)
    await enrol(sql, course, s.student)
    await enrol(sql, course, s.classmate)
    const del = (who: typeof s.teacher, user: string) =>
      call('DELETE', `/courses/${course}/enrolments/${user}`, { token: who.token })
    expect((await del(s.classmate, s.student.id)).status).toBe(403)
    expect((await del(s.staff, s.student.id)).status).toBe(403)
    expect((await del(s.stranger, s.student.id)).status).toBe(404)
    expect((await del(s.classmate, s.classmate.id)).status).toBe(204)
    expect((await del(s.colleague, s.student.id)).status).toBe(204)
    expect((await del(s.colleague, s.student.id)).status).toBe(404)
    expect(await enrolled(course)).toEqual([])
  })
})

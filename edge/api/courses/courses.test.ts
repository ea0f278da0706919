import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setupApi } from '../core/testing.ts'
import { type CourseSchool, courseSchool, enrol, newCourse, newLesson } from './testing.ts'

const api = await setupApi()
const { sql, call } = api
afterAll(() => api.close())

let s: CourseSchool
beforeAll(async () => {
  s = await courseSchool(sql)
})

const countCourses = async (tenantId: string) =>
  (await sql`select count(*)::int as n from public.courses where tenant_id = ${tenantId}`)[0]?.n as number

describe('POST /api/tenants/:id/courses', () => {
  it('creates a course with its details and makes the creator its editor', async () => {
    const res = await call('POST', `/tenants/${s.tenant.id}/courses`, {
      token: s.teacher.token,
      body: {
        title: '  Fractions for Grade 4 ',
        summary: 'Halves, quarters and more.',
        cover_image_url: 'https://images.example/fractions.png',
        level: 'Grade 4',
        learning_area: 'Mathematics',
        is_free: false,
      },
    })
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({
      tenant_id: s.tenant.id,
      title: 'Fractions for Grade 4',
      summary: 'Halves, quarters and more.',
      cover_image_url: 'https://images.example/fractions.png',
      level: 'Grade 4',
      learning_area: 'Mathematics',
      is_free: false,
      created_by: s.teacher.id,
      modules: [],
      lessons: [],
      my_access: { edit: true, read_draft: true, manage: true, enrolled: false },
    })
    expect(res.body.authors).toEqual([
      expect.objectContaining({ user_id: s.teacher.id, role: 'editor', display_name: 'Teacher' }),
    ])
    const [audit] = await sql`
      select actor_id, details from public.audit_log where action = 'course.created' and target_id = ${res.body.id}`
    expect(audit).toEqual({ actor_id: s.teacher.id, details: { title: 'Fractions for Grade 4' } })
  })

  it('takes free-form levels and areas, and defaults the rest', async () => {
    const res = await call('POST', `/tenants/${s.tenant.id}/courses`, {
      token: s.admin.token,
      body: { title: 'IGCSE Physics', level: 'Year 11 (IGCSE)', learning_area: 'Physics' },
    })
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({
      summary: '',
      cover_image_url: null,
      is_free: true,
      level: 'Year 11 (IGCSE)',
    })
  })

  it('refuses staff, students and parents (403), strangers (404) and anonymous callers (401)', async () => {
    const before = await countCourses(s.tenant.id)
    for (const who of [s.staff, s.student, s.parent]) {
      const res = await call('POST', `/tenants/${s.tenant.id}/courses`, {
        token: who.token,
        body: { title: 'X' },
      })
      expect(res.status).toBe(403)
      expect(res.body.error.message).toBe("Only the school's instructors and admins can create courses.")
    }
    const stranger = await call('POST', `/tenants/${s.tenant.id}/courses`, {
      token: s.stranger.token,
      body: { title: 'X' },
    })
    expect(stranger.status).toBe(404)
    expect((await call('POST', `/tenants/${s.tenant.id}/courses`, { body: { title: 'X' } })).status).toBe(401)
    expect(await countCourses(s.tenant.id)).toBe(before)
  })

  it('rejects bad bodies with the field at fault and writes nothing', async () => {
    const before = await countCourses(s.tenant.id)
    const cases: [object, string][] = [
      [{}, 'title'],
      [{ title: '   ' }, 'title'],
      [{ title: 'x'.repeat(201) }, 'title'],
      [{ title: 'X', summary: 'x'.repeat(2001) }, 'summary'],
      [{ title: 'X', cover_image_url: 'javascript:alert(1)' }, 'cover_image_url'],
      [{ title: 'X', cover_image_url: 'ftp://files.example/a.png' }, 'cover_image_url'],
      [{ title: 'X', level: 'x'.repeat(61) }, 'level'],
      [{ title: 'X', learning_area: 'x'.repeat(81) }, 'learning_area'],
      [{ title: 'X', is_free: 'yes' }, 'is_free'],
      [{ title: 'X', tenant_id: s.tenant.id }, 'tenant_id'],
      [{ title: 'X', created_by: s.owner.id }, 'created_by'],
    ]
    for (const [body, field] of cases) {
      const res = await call('POST', `/tenants/${s.tenant.id}/courses`, { token: s.teacher.token, body })
      expect(res.status, JSON.stringify(body)).toBe(400)
      expect(res.body.error.code).toBe('validation_failed')
      expect(res.body.error.details.issues[0].path).toBe(field)
    }
    const badId = await call('POST', '/tenants/not-a-uuid/courses', {
      token: s.teacher.token,
      body: { title: 'X' },
    })
    expect(badId.status).toBe(400)
    expect(badId.body.error.details.issues[0].path).toBe('id')
    expect(await countCourses(s.tenant.id)).toBe(before)
  })
})

describe('GET /api/tenants/:id/courses', () => {
  it('lists every course of the school to members, with their relation and lesson count', async () => {
    const paid = await newCourse(call, s.teacher, s.tenant.id, { title: 'Paid course', is_free: false })
    await newLesson(call, s.teacher, paid)
    await newLesson(call, s.teacher, paid)
    await enrol(sql, paid, s.student)
    const mine = (res: { body: { id: string }[] }) => res.body.find((c) => c.id === paid)

    const teacher = await call('GET', `/tenants/${s.tenant.id}/courses`, { token: s.teacher.token })
    expect(teacher.status).toBe(200)
    expect(mine(teacher)).toMatchObject({
      author_role: 'editor',
      can_edit: true,
      enrolled: false,
      lesson_count: 2,
    })
    expect(new Date(teacher.body[0].created_at) >= new Date(teacher.body.at(-1).created_at)).toBe(true)

    const student = await call('GET', `/tenants/${s.tenant.id}/courses`, { token: s.student.token })
    expect(mine(student)).toMatchObject({
      author_role: null,
      can_edit: false,
      enrolled: true,
      lesson_count: 2,
    })
    const classmate = await call('GET', `/tenants/${s.tenant.id}/courses`, { token: s.classmate.token })
    expect(mine(classmate)).toMatchObject({ enrolled: false, lesson_count: 2 })
    const colleague = await call('GET', `/tenants/${s.tenant.id}/courses`, { token: s.colleague.token })
    expect(mine(colleague)).toMatchObject({ author_role: null, can_edit: false })

    expect((await call('GET', `/tenants/${s.tenant.id}/courses`, { token: s.stranger.token })).status).toBe(
      404,
    )
    expect((await call('GET', `/tenants/${s.tenant.id}/courses`)).status).toBe(401)
  })
})

describe('GET /api/courses/:id', () => {
  it('shows the outline and authors to teachers, and only the course to students not enrolled', async () => {
    const id = await newCourse(call, s.teacher, s.tenant.id)
    await newLesson(call, s.teacher, id, { title: 'One' })

    const staff = await call('GET', `/courses/${id}`, { token: s.staff.token })
    expect(staff.status).toBe(200)
    expect(staff.body.lessons.map((l: { title: string }) => l.title)).toEqual(['One'])
    expect(staff.body.authors).toHaveLength(1)
    expect(staff.body.my_access).toEqual({ edit: false, read_draft: true, manage: false, enrolled: false })

    const admin = await call('GET', `/courses/${id}`, { token: s.admin.token })
    expect(admin.body.my_access).toEqual({ edit: false, read_draft: true, manage: true, enrolled: false })

    const classmate = await call('GET', `/courses/${id}`, { token: s.classmate.token })
    expect(classmate.status).toBe(200)
    expect(classmate.body).toMatchObject({ title: 'Fractions', lessons: [], modules: [], authors: [] })
    expect(classmate.body.my_access.enrolled).toBe(false)

    await enrol(sql, id, s.classmate)
    const enrolled = await call('GET', `/courses/${id}`, { token: s.classmate.token })
    expect(enrolled.body.lessons).toHaveLength(1)
    expect(enrolled.body.lessons[0]).toMatchObject({ title: 'One', published_version: null })
    expect(enrolled.body.authors).toEqual([])
    expect(enrolled.body.my_access.enrolled).toBe(true)
  })

  it('answers 404 to strangers and for unknown ids, 400 for a bad id, 401 without a token', async () => {
    const id = await newCourse(call, s.teacher, s.tenant.id)
    expect((await call('GET', `/courses/${id}`, { token: s.stranger.token })).status).toBe(404)
    expect((await call('GET', `/courses/${crypto.randomUUID()}`, { token: s.teacher.token })).status).toBe(
      404,
    )
    expect((await call('GET', '/courses/123', { token: s.teacher.token })).status).toBe(400)
    expect((await call('GET', `/courses/${id}`)).status).toBe(401)
  })
})

describe('PATCH /api/courses/:id', () => {
  it("lets the course's editors and the school's admins change details; null removes the cover", async () => {
    const id = await newCourse(call, s.teacher, s.tenant.id, { cover_image_url: 'https://img.example/a.png' })
    const byTeacher = await call('PATCH', `/courses/${id}`, {
      token: s.teacher.token,
      body: { title: 'Fractions II', cover_image_url: null, is_free: false },
    })
    expect(byTeacher.status).toBe(200)
    expect(byTeacher.body).toMatchObject({ title: 'Fractions II', cover_image_url: null, is_free: false })
    const byOwner = await call('PATCH', `/courses/${id}`, {
      token: s.owner.token,
      body: { level: 'Grade 5' },
    })
    expect(byOwner.status).toBe(200)
    expect(byOwner.body).toMatchObject({ title: 'Fractions II', level: 'Grade 5' })
  })

  it('refuses other members (403), strangers (404) and bad bodies (400), changing nothing', async () => {
    const id = await newCourse(call, s.teacher, s.tenant.id)
    for (const who of [s.colleague, s.staff, s.student]) {
      const res = await call('PATCH', `/courses/${id}`, { token: who.token, body: { title: 'Mine now' } })
      expect(res.status).toBe(403)
    }
    expect(
      (await call('PATCH', `/courses/${id}`, { token: s.stranger.token, body: { title: 'X' } })).status,
    ).toBe(404)
    for (const body of [
      {},
      { title: '' },
      { tenant_id: s.tenant.id },
      { cover_image_url: 'data:image/png;base64,AA' },
    ]) {
      expect((await call('PATCH', `/courses/${id}`, { token: s.teacher.token, body })).status).toBe(400)
    }
    const [row] = await sql`select title, cover_image_url from public.courses where id = ${id}`
    expect(row).toEqual({ title: 'Fractions', cover_image_url: null })
  })
})

describe('DELETE /api/courses/:id', () => {
  it('lets an editor delete a course with everything in it, and records it', async () => {
    const id = await newCourse(call, s.teacher, s.tenant.id)
    const lesson = await newLesson(call, s.teacher, id)
    expect((await call('DELETE', `/courses/${id}`, { token: s.colleague.token })).status).toBe(403)
    expect((await call('DELETE', `/courses/${id}`, { token: s.stranger.token })).status).toBe(404)
    expect((await call('DELETE', `/courses/${id}`, { token: s.teacher.token })).status).toBe(204)
    expect(await sql`select 1 from public.lessons where id = ${lesson}`).toHaveLength(0)
    expect(await sql`select 1 from public.course_authors where course_id = ${id}`).toHaveLength(0)
    const [audit] =
      await sql`select actor_id from public.audit_log where action = 'course.deleted' and target_id = ${id}`
    expect(audit).toEqual({ actor_id: s.teacher.id })
    expect((await call('DELETE', `/courses/${id}`, { token: s.teacher.token })).status).toBe(404)
  })

  it("lets the school's admin delete any course", async () => {
    const id = await newCourse(call, s.teacher, s.tenant.id)
    expect((await call('DELETE', `/courses/${id}`, { token: s.admin.token })).status).toBe(204)
  })
})

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setupApi } from '../core/testing.ts'
import { type CourseSchool, courseSchool, enrol, newCourse, newLesson, outlineTools } from './testing.ts'

const api = await setupApi()
const { sql, call } = api
afterAll(() => api.close())

let s: CourseSchool
beforeAll(async () => {
  s = await courseSchool(sql)
})

const { newModule, outline, snapshot } = outlineTools(sql, call, () => s.teacher)

describe('lessons', () => {
  it('creates lessons at the end of their list, with 201 and the lesson', async () => {
    const course = await newCourse(call, s.teacher, s.tenant.id)
    const m = await newModule(course, 'Halves')
    const res = await call('POST', `/courses/${course}/lessons`, {
      token: s.teacher.token,
      body: { title: 'What is a half?', module_id: m },
    })
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({
      course_id: course,
      module_id: m,
      title: 'What is a half?',
      position: 0,
      created_by: s.teacher.id,
      published_version: null,
    })
    const second = await call('POST', `/courses/${course}/lessons`, {
      token: s.teacher.token,
      body: { title: 'Two', module_id: m },
    })
    expect(second.body.position).toBe(1)
    const loose = await call('POST', `/courses/${course}/lessons`, {
      token: s.teacher.token,
      body: { title: 'Loose' },
    })
    expect(loose.body).toMatchObject({ module_id: null, position: 0 })
  })

  it('gets a lesson with its course title and your access', async () => {
    const course = await newCourse(call, s.teacher, s.tenant.id, { title: 'Shapes' })
    const lesson = await newLesson(call, s.teacher, course, { title: 'Triangles' })
    const teacher = await call('GET', `/lessons/${lesson}`, { token: s.teacher.token })
    expect(teacher.status).toBe(200)
    expect(teacher.body).toMatchObject({
      id: lesson,
      title: 'Triangles',
      course_title: 'Shapes',
      my_access: { edit: true, read_draft: true, manage: true, enrolled: false },
    })
    const staff = await call('GET', `/lessons/${lesson}`, { token: s.staff.token })
    expect(staff.body.my_access).toEqual({ edit: false, read_draft: true, manage: false, enrolled: false })
    await enrol(sql, course, s.student)
    const student = await call('GET', `/lessons/${lesson}`, { token: s.student.token })
    expect(student.body.my_access).toEqual({ edit: false, read_draft: false, manage: false, enrolled: true })
    const classmate = await call('GET', `/lessons/${lesson}`, { token: s.classmate.token })
    expect(classmate.status).toBe(403)
    expect(classmate.body.error.message).toBe('Enrol in this course to see its lessons.')
    expect((await call('GET', `/lessons/${lesson}`, { token: s.parent.token })).status).toBe(403)
    expect((await call('GET', `/lessons/${lesson}`, { token: s.stranger.token })).status).toBe(404)
    expect((await call('GET', `/lessons/${crypto.randomUUID()}`, { token: s.teacher.token })).status).toBe(
      404,
    )
    expect((await call('GET', '/lessons/nope', { token: s.teacher.token })).status).toBe(400)
    expect((await call('GET', `/lessons/${lesson}`)).status).toBe(401)
  })

  it('renames and moves lessons between modules and positions, closing the gaps', async () => {
    const course = await newCourse(call, s.teacher, s.tenant.id)
    const a = await newModule(course, 'A')
    const b = await newModule(course, 'B')
    const a1 = await newLesson(call, s.teacher, course, { title: 'a1', module_id: a })
    await newLesson(call, s.teacher, course, { title: 'a2', module_id: a })
    await newLesson(call, s.teacher, course, { title: 'b1', module_id: b })
    const into = await call('PATCH', `/lessons/${a1}`, {
      token: s.teacher.token,
      body: { title: 'a1!', module_id: b, position: 0 },
    })
    expect(into.status).toBe(200)
    expect(into.body).toMatchObject({ title: 'a1!', module_id: b, position: 0 })
    let o = await outline(course)
    expect(o.modules).toEqual([
      ['A', ['a2']],
      ['B', ['a1!', 'b1']],
    ])
    await call('PATCH', `/lessons/${a1}`, { token: s.teacher.token, body: { position: 5 } })
    await call('PATCH', `/lessons/${a1}`, { token: s.teacher.token, body: { module_id: null } })
    o = await outline(course)
    expect(o.modules).toEqual([
      ['A', ['a2']],
      ['B', ['b1']],
    ])
    expect(o.unassigned).toEqual(['a1!'])
    const positions = o.body.lessons.map((l: { title: string; position: number }) => [l.title, l.position])
    expect(positions).toEqual([
      ['a2', 0],
      ['b1', 0],
      ['a1!', 0],
    ])
  })

  it('refuses a module of another course, non-editors and bad input, writing nothing', async () => {
    const course = await newCourse(call, s.teacher, s.tenant.id)
    const other = await newCourse(call, s.teacher, s.tenant.id)
    const foreign = await newModule(other, 'Elsewhere')
    const lesson = await newLesson(call, s.teacher, course)
    const before = await snapshot(course)
    const wrong = await call('POST', `/courses/${course}/lessons`, {
      token: s.teacher.token,
      body: { title: 'X', module_id: foreign },
    })
    expect(wrong.status).toBe(400)
    expect(wrong.body.error.details.issues[0]).toEqual({
      path: 'module_id',
      message: 'No such module in this course.',
      code: 'module_not_in_course',
    })
    const move = await call('PATCH', `/lessons/${lesson}`, {
      token: s.teacher.token,
      body: { module_id: foreign },
    })
    expect(move.status).toBe(400)
    for (const who of [s.colleague, s.staff, s.owner]) {
      expect(
        (await call('POST', `/courses/${course}/lessons`, { token: who.token, body: { title: 'X' } })).status,
      ).toBe(403)
      expect(
        (await call('PATCH', `/lessons/${lesson}`, { token: who.token, body: { title: 'X' } })).status,
      ).toBe(403)
      expect((await call('DELETE', `/lessons/${lesson}`, { token: who.token })).status).toBe(403)
    }
    expect((await call('DELETE', `/lessons/${lesson}`, { token: s.stranger.token })).status).toBe(404)
    for (const body of [
      {},
      { title: ' ' },
      { module_id: 'x' },
      { position: 'first' },
      { course_id: other },
    ]) {
      expect(
        (await call('PATCH', `/lessons/${lesson}`, { token: s.teacher.token, body })).status,
        JSON.stringify(body),
      ).toBe(400)
    }
    expect(
      (
        await call('POST', `/courses/${course}/lessons`, {
          token: s.teacher.token,
          body: { title: 'X', extra: 1 },
        })
      ).status,
    ).toBe(400)
    expect(await snapshot(course)).toEqual(before)
  })

  it('deletes a lesson with its draft, and closes the gap', async () => {
    const course = await newCourse(call, s.teacher, s.tenant.id)
    const one = await newLesson(call, s.teacher, course, { title: 'one' })
    await newLesson(call, s.teacher, course, { title: 'two' })
    await sql`insert into public.lesson_doc_updates (lesson_id, update) values (${one}, '\\x00')`
    expect((await call('DELETE', `/lessons/${one}`, { token: s.teacher.token })).status).toBe(204)
    expect(await sql`select 1 from public.lesson_doc_updates where lesson_id = ${one}`).toHaveLength(0)
    const o = await outline(course)
    expect(o.body.lessons.map((l: { title: string; position: number }) => [l.title, l.position])).toEqual([
      ['two', 0],
    ])
    expect((await call('DELETE', `/lessons/${one}`, { token: s.teacher.token })).status).toBe(404)
  })
})

describe('PUT /api/courses/:id/order', () => {
  it('rewrites the whole order in one go', async () => {
    const course = await newCourse(call, s.teacher, s.tenant.id)
    const a = await newModule(course, 'A')
    const b = await newModule(course, 'B')
    const l1 = await newLesson(call, s.teacher, course, { title: 'l1', module_id: a })
    const l2 = await newLesson(call, s.teacher, course, { title: 'l2', module_id: a })
    const l3 = await newLesson(call, s.teacher, course, { title: 'l3' })
    const res = await call('PUT', `/courses/${course}/order`, {
      token: s.teacher.token,
      body: {
        modules: [
          { id: b, lesson_ids: [l3, l1] },
          { id: a, lesson_ids: [] },
        ],
        unassigned_lesson_ids: [l2],
      },
    })
    expect(res.status).toBe(200)
    const o = await outline(course)
    expect(o.modules).toEqual([
      ['B', ['l3', 'l1']],
      ['A', []],
    ])
    expect(o.unassigned).toEqual(['l2'])
    expect(res.body.lessons.map((l: { id: string }) => l.id)).toEqual([l3, l1, l2])
  })

  it('answers 409 when the lists do not match the course, 400 for duplicates, and writes nothing', async () => {
    const course = await newCourse(call, s.teacher, s.tenant.id)
    const a = await newModule(course, 'A')
    const l1 = await newLesson(call, s.teacher, course, { title: 'l1', module_id: a })
    const l2 = await newLesson(call, s.teacher, course, { title: 'l2' })
    const elsewhere = await newLesson(call, s.teacher, await newCourse(call, s.teacher, s.tenant.id))
    const before = await snapshot(course)
    const put = (body: object, who = s.teacher) =>
      call('PUT', `/courses/${course}/order`, { token: who.token, body })

    const missing = await put({ modules: [{ id: a, lesson_ids: [l1] }], unassigned_lesson_ids: [] })
    expect(missing.status).toBe(409)
    expect(missing.body.error.details).toEqual({ missing: [l2], unknown: [] })
    const foreign = await put({
      modules: [{ id: a, lesson_ids: [l1, elsewhere] }],
      unassigned_lesson_ids: [l2],
    })
    expect(foreign.status).toBe(409)
    expect(foreign.body.error.details).toEqual({ missing: [], unknown: [elsewhere] })
    expect((await put({ modules: [], unassigned_lesson_ids: [l1, l2] })).status).toBe(409)

    const twice = await put({ modules: [{ id: a, lesson_ids: [l1, l2] }], unassigned_lesson_ids: [l2] })
    expect(twice.status).toBe(400)
    expect(twice.body.error.details.issues[0].path).toBe('unassigned_lesson_ids.0')
    expect((await put({ modules: [{ id: a }] })).status).toBe(400)
    expect((await put({ modules: [{ id: 'a', lesson_ids: [] }] })).status).toBe(400)
    expect(
      (await put({ modules: [{ id: a, lesson_ids: [l1] }], unassigned_lesson_ids: [l2] }, s.colleague))
        .status,
    ).toBe(403)
    expect(
      (await put({ modules: [{ id: a, lesson_ids: [l1] }], unassigned_lesson_ids: [l2] }, s.stranger)).status,
    ).toBe(404)
    expect(await snapshot(course)).toEqual(before)
  })
})

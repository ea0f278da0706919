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

describe('modules', () => {
  it('adds modules at the end, renames and moves them, and deletes them keeping their lessons', async () => {
    const course = await newCourse(call, s.teacher, s.tenant.id)
    const a = await newModule(course, 'Halves')
    const b = await newModule(course, 'Quarters')
    const c = await newModule(course, 'Eighths')
    await newLesson(call, s.teacher, course, { title: 'Loose' })
    await newLesson(call, s.teacher, course, { title: 'B1', module_id: b })
    await newLesson(call, s.teacher, course, { title: 'B2', module_id: b })
    expect((await outline(course)).modules).toEqual([
      ['Halves', []],
      ['Quarters', ['B1', 'B2']],
      ['Eighths', []],
    ])

    const moved = await call('PATCH', `/modules/${c}`, {
      token: s.teacher.token,
      body: { title: 'Eighths!', position: 0 },
    })
    expect(moved.status).toBe(200)
    expect(moved.body).toMatchObject({ id: c, title: 'Eighths!', position: 0, course_id: course })
    expect((await outline(course)).modules.map((m: [string]) => m[0])).toEqual([
      'Eighths!',
      'Halves',
      'Quarters',
    ])

    await call('PATCH', `/modules/${a}`, { token: s.teacher.token, body: { position: 99 } })
    expect((await outline(course)).modules.map((m: [string]) => m[0])).toEqual([
      'Eighths!',
      'Quarters',
      'Halves',
    ])

    expect((await call('DELETE', `/modules/${b}`, { token: s.teacher.token })).status).toBe(204)
    const after = await outline(course)
    expect(after.modules).toEqual([
      ['Eighths!', []],
      ['Halves', []],
    ])
    expect(after.unassigned).toEqual(['Loose', 'B1', 'B2'])
    expect(after.body.modules.map((m: { position: number }) => m.position)).toEqual([0, 1])
  })

  it('refuses non-editors (403), strangers and unknown modules (404), bad input (400), writing nothing', async () => {
    const course = await newCourse(call, s.teacher, s.tenant.id)
    const m = await newModule(course, 'Halves')
    await enrol(sql, course, s.student)
    const before = await snapshot(course)
    for (const who of [s.colleague, s.staff, s.admin, s.student]) {
      expect(
        (await call('POST', `/courses/${course}/modules`, { token: who.token, body: { title: 'X' } })).status,
      ).toBe(403)
      expect((await call('PATCH', `/modules/${m}`, { token: who.token, body: { title: 'X' } })).status).toBe(
        403,
      )
      expect((await call('DELETE', `/modules/${m}`, { token: who.token })).status).toBe(403)
    }
    // A student who is not enrolled cannot even see the module, but is told it is not for them.
    const hidden = await call('PATCH', `/modules/${m}`, { token: s.classmate.token, body: { title: 'X' } })
    expect(hidden.status).toBe(403)
    expect(hidden.body.error.message).toBe('Enrol in this course to see its modules.')
    expect(
      (await call('PATCH', `/modules/${m}`, { token: s.stranger.token, body: { title: 'X' } })).status,
    ).toBe(404)
    expect((await call('DELETE', `/modules/${crypto.randomUUID()}`, { token: s.teacher.token })).status).toBe(
      404,
    )
    expect((await call('POST', `/courses/${course}/modules`, { body: { title: 'X' } })).status).toBe(401)
    for (const body of [{}, { title: '' }, { position: -1 }, { position: 1.5 }, { course_id: course }]) {
      expect(
        (await call('PATCH', `/modules/${m}`, { token: s.teacher.token, body })).status,
        JSON.stringify(body),
      ).toBe(400)
    }
    expect(
      (
        await call('POST', `/courses/${course}/modules`, {
          token: s.teacher.token,
          body: { title: 'x'.repeat(201) },
        })
      ).status,
    ).toBe(400)
    expect(await snapshot(course)).toEqual(before)
  })
})

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestUser } from '../../../test/support/fixtures.ts'
import { p, tiptapDoc } from '../../../test/support/lesson-docs.ts'
import { setupApi } from '../core/testing.ts'
import { type CourseSchool, courseSchool, newLesson, publishingTools, writeDraft } from './testing.ts'

const api = await setupApi()
const { sql, call } = api
afterAll(() => api.close())

let s: CourseSchool
beforeAll(async () => {
  s = await courseSchool(sql)
})

const { setup, publish } = publishingTools(sql, call, () => s)

/** A course by the teacher with the student enrolled and one published lesson. */
async function publishedLesson() {
  const { course, lesson } = await setup()
  await writeDraft(sql, s.teacher, lesson, tiptapDoc(p('Half of 8 is 4.')))
  if ((await publish(lesson)).status !== 201) throw new Error('publish failed')
  return { course, lesson }
}

const put = (lesson: string, body: unknown, who: TestUser | null = s.student) =>
  call('PUT', `/lessons/${lesson}/progress`, { ...(who && { token: who.token }), body })

/** Every progress row of a lesson (as the superuser). */
const rowsOf = (lesson: string) =>
  sql`select user_id, course_id, tenant_id, first_read_at, last_read_at, completed_at
      from public.lesson_progress where lesson_id = ${lesson} order by user_id`

/**
 * Moves a lesson's progress times an hour back, as the superuser past the trigger that sets them
 * (replica mode), so that a later call's times are told apart from earlier ones.
 */
async function backdate(lesson: string) {
  await sql.begin(async (tx) => {
    await tx`set local session_replication_role = replica`
    await tx`update public.lesson_progress set first_read_at = first_read_at - interval '1 hour',
      last_read_at = last_read_at - interval '1 hour', completed_at = completed_at - interval '1 hour'
      where lesson_id = ${lesson}`
  })
}

/** Within the last minute. */
const recent = (at: string) => Date.now() - Date.parse(at) < 60_000
/** About an hour ago. */
const anHourAgo = (at: string) => Date.now() - Date.parse(at) > 59 * 60_000

describe('PUT /api/lessons/:id/progress', () => {
  it('records a first read, then marks done, keeps the mark on a read, and takes it away', async () => {
    const { course, lesson } = await publishedLesson()
    const read = await put(lesson, {})
    expect(read.status).toBe(200)
    expect(read.body).toEqual({
      lesson_id: lesson,
      first_read_at: expect.any(String),
      last_read_at: read.body.first_read_at,
      completed_at: null,
    })
    expect(recent(read.body.first_read_at)).toBe(true)
    expect(await rowsOf(lesson)).toEqual([
      expect.objectContaining({ user_id: s.student.id, course_id: course, tenant_id: s.tenant.id }),
    ])

    await backdate(lesson)
    const done = await put(lesson, { done: true })
    expect(done.status).toBe(200)
    expect(anHourAgo(done.body.first_read_at)).toBe(true)
    expect(recent(done.body.last_read_at)).toBe(true)
    expect(done.body.completed_at).toBe(done.body.last_read_at)

    await backdate(lesson)
    const again = await put(lesson, {})
    expect(recent(again.body.last_read_at)).toBe(true)
    expect(anHourAgo(again.body.completed_at)).toBe(true)
    const doneAgain = await put(lesson, { done: true })
    expect(doneAgain.body.completed_at).toBe(again.body.completed_at)

    const undone = await put(lesson, { done: false })
    expect(undone.status).toBe(200)
    expect(undone.body).toMatchObject({ first_read_at: again.body.first_read_at, completed_at: null })
    expect(recent(undone.body.last_read_at)).toBe(true)
    expect(await rowsOf(lesson)).toHaveLength(1)
  })

  it('marks done on the first read too', async () => {
    const { lesson } = await publishedLesson()
    const res = await put(lesson, { done: true })
    expect(res.status).toBe(200)
    expect(res.body.completed_at).toBe(res.body.first_read_at)
  })

  it('shows the caller their own progress in GET /courses/:id, and nobody else\u2019s', async () => {
    const { course, lesson } = await publishedLesson()
    const other = await newLesson(call, s.teacher, course, { title: 'Quarters' })
    await writeDraft(sql, s.teacher, other, tiptapDoc(p('A quarter.')))
    await publish(other)
    const before = await call('GET', `/courses/${course}`, { token: s.student.token })
    expect(before.body.my_progress).toEqual([])
    const first = (await put(lesson, { done: true })).body
    const second = (await put(other, {})).body
    const mine = await call('GET', `/courses/${course}`, { token: s.student.token })
    expect(mine.body.my_progress).toEqual([first, second])
    for (const who of [s.teacher, s.admin, s.colleague]) {
      const res = await call('GET', `/courses/${course}`, { token: who.token })
      expect(res.body.my_progress, who.email).toEqual([])
    }
  })

  it('refuses students not enrolled and teachers (403 enrol_required), strangers (404), writing nothing', async () => {
    const { lesson } = await publishedLesson()
    for (const who of [s.classmate, s.parent]) {
      const res = await put(lesson, { done: true }, who)
      expect(res.status, who.email).toBe(403)
      expect(res.body.error.code).toBe('enrol_required')
    }
    for (const who of [s.teacher, s.colleague, s.admin, s.staff]) {
      const res = await put(lesson, {}, who)
      expect(res.status, who.email).toBe(403)
      expect(res.body.error).toEqual({
        code: 'enrol_required',
        message: 'Enrol in this course to record your progress in its lessons.',
      })
    }
    const stranger = await put(lesson, {}, s.stranger)
    expect(stranger.status).toBe(404)
    expect(stranger.body.error.code).toBe('lesson_not_found')
    const unknown = await put(crypto.randomUUID(), {})
    expect(unknown.status).toBe(404)
    expect(unknown.body.error.code).toBe('lesson_not_found')
    expect((await put(lesson, {}, null)).status).toBe(401)
    expect(await rowsOf(lesson)).toEqual([])
  })

  it('refuses a lesson never published (403 not_published), writing nothing', async () => {
    const { lesson } = await setup()
    const res = await put(lesson, { done: true })
    expect(res.status).toBe(403)
    expect(res.body.error).toEqual({
      code: 'not_published',
      message: 'This lesson has not been published yet.',
    })
    expect(await rowsOf(lesson)).toEqual([])
  })

  it('refuses bad input (400 on the field), changing nothing', async () => {
    const { lesson } = await publishedLesson()
    await put(lesson, { done: true })
    const before = await rowsOf(lesson)
    const cases: [string, unknown, string][] = [
      ['not-a-uuid', {}, 'id'],
      [lesson, { done: 'yes' }, 'done'],
      [lesson, { done: null }, 'done'],
      [lesson, { done: false, completed_at: null }, 'completed_at'],
      [lesson, { user_id: s.classmate.id }, 'user_id'],
    ]
    for (const [id, body, field] of cases) {
      const res = await put(id, body)
      expect(res.status, JSON.stringify(body)).toBe(400)
      expect(res.body.error.code).toBe('validation_failed')
      expect(res.body.error.details.issues[0].path).toBe(field)
    }
    const array = await put(lesson, [true])
    expect(array.status).toBe(400)
    expect(await rowsOf(lesson)).toEqual(before)
  })
})

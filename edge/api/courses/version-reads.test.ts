import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { p, tiptapDoc } from '../../../test/support/lesson-docs.ts'
import { outcome } from '../../../test/support/rls.ts'
import { setupApi } from '../core/testing.ts'
import {
  type CourseSchool,
  courseSchool,
  newCourse,
  newLesson,
  publishingTools,
  writeDraft,
} from './testing.ts'

const api = await setupApi()
const { sql, call } = api
afterAll(() => api.close())

let s: CourseSchool
beforeAll(async () => {
  s = await courseSchool(sql)
})

const { setup, publish, counts } = publishingTools(sql, call, () => s)

describe('reading versions', () => {
  it('lists versions without content and shows one with it, to draft readers and enrolled students', async () => {
    const { lesson } = await setup()
    await writeDraft(sql, s.teacher, lesson, tiptapDoc(p('v1')))
    await publish(lesson, { note: 'one' })
    for (const who of [s.teacher, s.colleague, s.staff, s.admin, s.student]) {
      const list = await call('GET', `/lessons/${lesson}/versions`, { token: who.token })
      expect(list.status).toBe(200)
      expect(list.body).toEqual([
        {
          lesson_id: lesson,
          version: 1,
          title: 'Halves',
          note: 'one',
          published_by: s.teacher.id,
          published_by_name: 'Teacher',
          published_at: expect.any(String),
        },
      ])
      const one = await call('GET', `/lessons/${lesson}/versions/1`, { token: who.token })
      expect(one.status).toBe(200)
      expect(one.body).toMatchObject({ version: 1, html: '<p>v1</p>', plain_text: 'v1' })
    }
  })

  it('refuses instructors who are not authors and students not enrolled (403), strangers (404)', async () => {
    const course = await newCourse(call, s.teacher, s.tenant.id)
    const lesson = await newLesson(call, s.teacher, course)
    await writeDraft(sql, s.teacher, lesson, tiptapDoc(p('v1')))
    await publish(lesson)
    for (const path of [
      `/lessons/${lesson}/versions`,
      `/lessons/${lesson}/versions/1`,
      `/lessons/${lesson}/published`,
    ]) {
      for (const who of [s.colleague, s.student, s.parent]) {
        const res = await call('GET', path, { token: who.token })
        expect(res.status, `${path} ${who.email}`).toBe(403)
      }
      expect((await call('GET', path, { token: s.stranger.token })).status).toBe(404)
      expect((await call('GET', path)).status).toBe(401)
    }
  })

  it('answers 404 for a missing version or nothing published yet, and 400 for a bad number', async () => {
    const { lesson } = await setup()
    const nothing = await call('GET', `/lessons/${lesson}/published`, { token: s.student.token })
    expect(nothing.status).toBe(404)
    expect(nothing.body.error).toEqual({
      code: 'not_published',
      message: 'This lesson has not been published yet.',
    })
    expect((await call('GET', `/lessons/${lesson}/versions`, { token: s.student.token })).body).toEqual([])
    expect((await call('GET', `/lessons/${lesson}/versions/2`, { token: s.teacher.token })).status).toBe(404)
    for (const n of ['0', '-1', 'one', '1.5']) {
      const res = await call('GET', `/lessons/${lesson}/versions/${n}`, { token: s.teacher.token })
      expect(res.status, n).toBe(400)
      expect(res.body.error.details.issues[0].path).toBe('n')
    }
  })

  it('never shows students the draft itself', async () => {
    const { lesson } = await setup()
    await writeDraft(sql, s.teacher, lesson, tiptapDoc(p('secret draft')))
    await sql`insert into public.lesson_docs (lesson_id, state) values (${lesson}, ${Y.encodeStateAsUpdate(new Y.Doc())})`
    await publish(lesson)
    for (const table of ['lesson_doc_updates', 'lesson_docs']) {
      const rows = (who: typeof s.student) =>
        outcome(sql, who, (tx) => tx.unsafe(`select 1 from public.${table} where lesson_id = $1`, [lesson]))
      expect(await rows(s.student), table).toBe(0)
      expect(await rows(s.teacher), table).toBeGreaterThan(0)
    }
  })
})

describe('POST /api/lessons/:id/versions/:n/restore: refusals', () => {
  it('refuses viewers and other members (403), strangers (404), unknown versions (404), appending nothing', async () => {
    const { lesson } = await setup()
    await writeDraft(sql, s.teacher, lesson, tiptapDoc(p('v1')))
    await publish(lesson)
    const before = await counts(lesson)
    for (const who of [s.colleague, s.staff, s.admin, s.student, s.classmate]) {
      expect((await call('POST', `/lessons/${lesson}/versions/1/restore`, { token: who.token })).status).toBe(
        403,
      )
    }
    expect(
      (await call('POST', `/lessons/${lesson}/versions/1/restore`, { token: s.stranger.token })).status,
    ).toBe(404)
    const missing = await call('POST', `/lessons/${lesson}/versions/9/restore`, { token: s.teacher.token })
    expect(missing.status).toBe(404)
    expect(missing.body.error.message).toBe('This lesson has no version 9.')
    expect(
      (await call('POST', `/lessons/${lesson}/versions/x/restore`, { token: s.teacher.token })).status,
    ).toBe(400)
    expect((await call('POST', `/lessons/${lesson}/versions/1/restore`)).status).toBe(401)
    expect(await counts(lesson)).toEqual(before)
  })
})

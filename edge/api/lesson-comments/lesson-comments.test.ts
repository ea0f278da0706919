import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setupApi } from '../core/testing.ts'
import { type CourseSchool, courseSchool, enrol, newCourse, newLesson } from '../courses/testing.ts'

// Lesson comments through the API: the teacher comments on selected text, a co-author replies and
// resolves, the words stay their author's, an admin deletes someone else's (audited), students and
// other schools are refused, every change reaches the course's live topic, and bad bodies are
// refused with their field paths and change nothing.

let api: Awaited<ReturnType<typeof setupApi>>
let s: CourseSchool
let course: string
let lesson: string

beforeAll(async () => {
  api = await setupApi()
  s = await courseSchool(api.sql)
  course = await newCourse(api.call, s.teacher, s.tenant.id)
  lesson = await newLesson(api.call, s.teacher, course)
  await api.sql`insert into public.course_authors (course_id, user_id, role) values (${course}, ${s.colleague.id}, 'editor')`
  await enrol(api.sql, course, s.student)
})
afterAll(() => api?.close())

type Who = { token: string }
const comments = () => `/lessons/${lesson}/comments`
const anchor = { start: 'AQIDBA==', end: 'BQYHCA==' }
const comment = (who: Who, body: object) => api.call('POST', comments(), { token: who.token, body })
const change = (who: Who, id: string, body: object) =>
  api.call('PATCH', `/lesson-comments/${id}`, { token: who.token, body })

describe('lesson comments', () => {
  let thread: string
  let reply: string

  it('a teacher comments on selected text; a co-author replies; the live topic hears of both', async () => {
    const events: string[] = []
    const listener = await api.sql.listen('live', (payload) => events.push(payload))
    const made = await comment(s.teacher, { body: 'Explain the membrane.', quote: 'membrane', anchor })
    expect(made.status).toBe(201)
    expect(made.body.threads).toHaveLength(1)
    thread = made.body.threads[0].id
    expect(made.body.threads[0]).toMatchObject({
      quote: 'membrane',
      anchor,
      author_name: 'Teacher',
      can_edit: true,
      can_delete: true,
      resolved_at: null,
      replies: [],
    })
    const replied = await api.call('POST', `/lesson-comments/${thread}/replies`, {
      token: s.colleague.token,
      body: { body: 'Done: one sentence added.' },
    })
    expect(replied.status).toBe(201)
    reply = replied.body.threads[0].replies[0].id
    expect(replied.body.threads[0].replies[0]).toMatchObject({ author_name: 'Colleague', can_edit: true })
    // The teacher sees the reply as someone else's, and may delete it (they edit the course).
    const seen = await api.call('GET', comments(), { token: s.teacher.token })
    expect(seen.body.threads[0].replies[0]).toMatchObject({ can_edit: false, can_delete: true })
    await new Promise((r) => setTimeout(r, 100))
    await listener.unlisten()
    const live = events.map((e) => JSON.parse(e)).filter((e) => e.event === 'lesson_comments')
    expect(live.length).toBeGreaterThanOrEqual(2)
    expect(live[0]).toMatchObject({
      topic: `course:${course}`,
      data: { course_id: course, lesson_id: lesson },
    })
  })

  it('words stay their author’s; anyone who may comment resolves and reopens; replies cannot be resolved', async () => {
    const theirs = await change(s.teacher, reply, { body: 'Rewritten' })
    expect([theirs.status, theirs.body.error.code]).toEqual([403, 'comment_not_yours'])
    const edited = await change(s.colleague, reply, { body: 'Done: two sentences.' })
    expect(edited.body.threads[0].replies[0]).toMatchObject({ body: 'Done: two sentences.' })
    expect(edited.body.threads[0].replies[0].edited_at).not.toBeNull()
    const resolved = await change(s.staff, thread, { resolved: true })
    expect(resolved.status).toBe(200)
    expect(resolved.body.threads[0]).toMatchObject({ resolved_by_name: 'Staff' })
    expect(resolved.body.threads[0].resolved_at).not.toBeNull()
    const reopened = await change(s.colleague, thread, { resolved: false })
    expect(reopened.body.threads[0]).toMatchObject({ resolved_at: null, resolved_by_name: null })
    const onReply = await change(s.teacher, reply, { resolved: true })
    expect([onReply.status, onReply.body.error.code]).toEqual([422, 'comment_not_thread'])
  })

  it('students, parents and other schools are refused; bad bodies name their fields and change nothing', async () => {
    const student = await api.call('GET', comments(), { token: s.student.token })
    expect([student.status, student.body.error.code]).toEqual([403, 'lesson_comments_forbidden'])
    const wrote = await comment(s.student, { body: 'Hi', quote: 'cell', anchor })
    expect([wrote.status, wrote.body.error.code]).toEqual([403, 'lesson_comments_forbidden'])
    const stranger = await api.call('GET', comments(), { token: s.stranger.token })
    expect([stranger.status, stranger.body.error.code]).toEqual([404, 'lesson_not_found'])
    const bad = await comment(s.teacher, { body: '  ', quote: '', anchor: { start: 'not base64!', end: '' } })
    expect(bad.status).toBe(400)
    const paths = bad.body.error.details.issues.map((i: { path: string }) => i.path)
    expect(paths).toEqual(expect.arrayContaining(['body', 'quote', 'anchor.start', 'anchor.end']))
    const empty = await change(s.teacher, thread, {})
    expect(empty.status).toBe(400)
    const [{ n }] =
      await api.sql`select count(*)::int as n from public.lesson_comments where lesson_id = ${lesson}`
    expect(n).toBe(2)
  })

  it('an admin deletes someone else’s comment (audited); deleting the first comment deletes the thread', async () => {
    const staffCannot = await api.call('DELETE', `/lesson-comments/${reply}`, { token: s.staff.token })
    expect([staffCannot.status, staffCannot.body.error.code]).toEqual([403, 'comment_not_yours'])
    const byAdmin = await api.call('DELETE', `/lesson-comments/${reply}`, { token: s.admin.token })
    expect(byAdmin.status).toBe(200)
    expect(byAdmin.body.threads[0].replies).toEqual([])
    const [entry] = await api.sql`select action, actor_id from public.audit_log where target_id = ${reply}`
    expect(entry).toMatchObject({ action: 'lesson_comment.deleted', actor_id: s.admin.id })
    const mine = await api.call('GET', '/me/export', { token: s.teacher.token })
    expect(mine.body.lesson_comments).toEqual([expect.objectContaining({ id: thread, quote: 'membrane' })])
    const gone = await api.call('DELETE', `/lesson-comments/${thread}`, { token: s.teacher.token })
    expect(gone.body.threads).toEqual([])
    const missing = await change(s.teacher, thread, { resolved: true })
    expect([missing.status, missing.body.error.code]).toEqual([404, 'comment_not_found'])
  })
})

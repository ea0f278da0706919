import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { p, t, tiptapDoc } from '../../../test/support/lesson-docs.ts'
import { setupApi } from '../core/testing.ts'
import {
  type CourseSchool,
  courseSchool,
  enrol,
  newCourse,
  newLesson,
  writeDraft,
} from '../courses/testing.ts'

// Students' questions on a published lesson, and @mentions in draft comments, through the API: the
// course takes questions only when its teachers say so, and only for published lessons; a question
// reaches the teachers (notified) and never the classmate; the teacher's answer notifies the
// student; the student marks it answered. A mention notifies the co-author; mentioning a student
// in a draft comment is refused and writes nothing.

let api: Awaited<ReturnType<typeof setupApi>>
let s: CourseSchool
let course: string
let lesson: string
let draftOnly: string

beforeAll(async () => {
  api = await setupApi()
  s = await courseSchool(api.sql)
  course = await newCourse(api.call, s.teacher, s.tenant.id)
  lesson = await newLesson(api.call, s.teacher, course, { title: 'Photosynthesis' })
  draftOnly = await newLesson(api.call, s.teacher, course, { title: 'Respiration' })
  await api.sql`insert into public.course_authors (course_id, user_id, role) values (${course}, ${s.colleague.id}, 'editor')`
  await enrol(api.sql, course, s.student)
  await enrol(api.sql, course, s.classmate)
  await writeDraft(api.sql, s.teacher, lesson, tiptapDoc(p(t('Leaves hold chlorophyll and catch light.'))))
  const published = await api.call('POST', `/lessons/${lesson}/publish`, { token: s.teacher.token })
  expect(published.status).toBe(201)
})
afterAll(() => api?.close())

type Who = { token: string }
const ask = (who: Who, body: object, on = lesson) =>
  api.call('POST', `/lessons/${on}/questions`, { token: who.token, body })
const questions = (who: Who) => api.call('GET', `/lessons/${lesson}/questions`, { token: who.token })
const notices = (who: { id: string }, kind: string) =>
  api.sql<{ title: string; body: string; link: string }[]>`
    select title, body, link from public.notifications where user_id = ${who.id} and kind = ${kind} order by created_at`

describe('questions on a published lesson', () => {
  let question: string

  it('are closed until the course’s teachers open them; a student reads can_ask', async () => {
    const closed = await ask(s.student, { quote: 'chlorophyll', body: 'What is it made of?' })
    expect([closed.status, closed.body.error.code]).toEqual([409, 'lesson_questions_closed'])
    expect((await questions(s.student)).body).toEqual({ can_ask: false, threads: [] })
    const opened = await api.call('PATCH', `/courses/${course}`, {
      token: s.teacher.token,
      body: { lesson_questions: true },
    })
    expect([opened.status, opened.body.lesson_questions]).toEqual([200, true])
    expect((await questions(s.student)).body.can_ask).toBe(true)
    const unpublished = await ask(s.student, { quote: 'ATP', body: 'What is ATP?' }, draftOnly)
    expect([unpublished.status, unpublished.body.error.code]).toEqual([409, 'lesson_not_published'])
    const staff = await ask(s.staff, { quote: 'chlorophyll', body: 'Hi' })
    expect([staff.status, staff.body.error.code]).toEqual([403, 'lesson_questions_forbidden'])
    const stranger = await ask(s.stranger, { quote: 'chlorophyll', body: 'Hi' })
    expect([stranger.status, stranger.body.error.code]).toEqual([404, 'lesson_not_found'])
  })

  it('a student asks; the teachers see it and are told; the classmate sees nothing', async () => {
    const asked = await ask(s.student, { quote: 'chlorophyll', body: 'Why is it green?' })
    expect(asked.status).toBe(201)
    expect(asked.body.threads).toHaveLength(1)
    question = asked.body.threads[0].id
    expect(asked.body.threads[0]).toMatchObject({
      quote: 'chlorophyll',
      author_name: 'Student',
      can_edit: true,
      resolved_at: null,
      replies: [],
    })
    expect((await questions(s.teacher)).body.threads.map((t: { id: string }) => t.id)).toEqual([question])
    expect((await questions(s.staff)).body.threads).toHaveLength(1)
    expect((await questions(s.classmate)).body.threads).toEqual([])
    const hijack = await api.call('POST', `/lesson-questions/${question}/replies`, {
      token: s.classmate.token,
      body: { body: 'Me too' },
    })
    expect([hijack.status, hijack.body.error.code]).toEqual([404, 'comment_not_found'])
    const [told] = await notices(s.teacher, 'lesson_question')
    expect(told?.body).toContain('Why is it green?')
    expect(told?.link).toContain(`/lessons/${lesson}/edit?comment=${question}`)
    // Questions are not draft comments: the editor's panel lists none of them.
    const drafts = await api.call('GET', `/lessons/${lesson}/comments`, { token: s.teacher.token })
    expect(drafts.body.threads).toEqual([])
  })

  it('the teacher answers (the student is told); the student marks it answered', async () => {
    const answered = await api.call('POST', `/lesson-questions/${question}/replies`, {
      token: s.colleague.token,
      body: { body: 'Chlorophyll reflects green light.' },
    })
    expect(answered.status).toBe(201)
    expect(answered.body.threads[0].replies[0]).toMatchObject({ author_name: 'Colleague' })
    const [told] = await notices(s.student, 'comment_reply')
    expect(told?.body).toContain('Chlorophyll reflects green light.')
    expect(told?.link).toContain(`/lessons/${lesson}?question=${question}`)
    const mine = await questions(s.student)
    expect(mine.body.threads[0].replies).toHaveLength(1)
    const done = await api.call('PATCH', `/lesson-questions/${question}`, {
      token: s.student.token,
      body: { resolved: true },
    })
    expect(done.body.threads[0]).toMatchObject({ resolved_by_name: 'Student' })
  })

  it('bad bodies name their fields; draft ids are not questions', async () => {
    const bad = await ask(s.student, { quote: '', body: ' ' })
    expect(bad.status).toBe(400)
    const paths = bad.body.error.details.issues.map((i: { path: string }) => i.path)
    expect(paths).toEqual(expect.arrayContaining(['quote', 'body']))
    const draft = await api.call('POST', `/lessons/${lesson}/comments`, {
      token: s.teacher.token,
      body: { body: 'Tighten this.', quote: 'light', anchor: { start: 'AQ==', end: 'Ag==' } },
    })
    const asQuestion = await api.call('PATCH', `/lesson-questions/${draft.body.threads[0].id}`, {
      token: s.teacher.token,
      body: { resolved: true },
    })
    expect([asQuestion.status, asQuestion.body.error.code]).toEqual([404, 'comment_not_found'])
  })
})

describe('mentions in draft comments', () => {
  it('offers the people who see the draft, notifies the one mentioned, and refuses a student', async () => {
    const people = await api.call('GET', `/courses/${course}/mentionable?for=comments&q=col`, {
      token: s.teacher.token,
    })
    expect(people.status).toBe(200)
    expect(people.body.people).toEqual([{ id: s.colleague.id, name: 'Colleague', teaches: true }])
    const all = await api.call('GET', `/courses/${course}/mentionable?for=comments`, {
      token: s.teacher.token,
    })
    const names = all.body.people.map((p: { name: string }) => p.name)
    expect(names).toEqual(expect.arrayContaining(['Colleague', 'Staff', 'Admin', 'Owner']))
    expect(names).not.toContain('Student')
    expect(names).not.toContain('Teacher')
    const byStudent = await api.call('GET', `/courses/${course}/mentionable?for=comments`, {
      token: s.student.token,
    })
    expect([byStudent.status, byStudent.body.error.code]).toEqual([403, 'lesson_comments_forbidden'])

    const anchor = { start: 'Aw==', end: 'BA==' }
    const before = await api.sql`select count(*)::int as n from public.lesson_comments`
    const refused = await api.call('POST', `/lessons/${lesson}/comments`, {
      token: s.teacher.token,
      body: { body: '@Student look', quote: 'leaf', anchor, mentions: [s.student.id] },
    })
    expect([refused.status, refused.body.error.code]).toEqual([422, 'mention_not_member'])
    expect(await api.sql`select count(*)::int as n from public.lesson_comments`).toEqual(before)

    const made = await api.call('POST', `/lessons/${lesson}/comments`, {
      token: s.teacher.token,
      body: { body: '@Colleague can you check this?', quote: 'leaf', anchor, mentions: [s.colleague.id] },
    })
    expect(made.status).toBe(201)
    const thread = made.body.threads.find((t: { quote: string }) => t.quote === 'leaf')
    expect(thread.mentions).toEqual([{ id: s.colleague.id, name: 'Colleague' }])
    const [told] = await notices(s.colleague, 'mention')
    expect(told).toMatchObject({ title: 'Teacher mentioned you' })
    expect(told?.link).toContain(`/lessons/${lesson}/edit?comment=${thread.id}`)
    const tooMany = await api.call('POST', `/lesson-comments/${thread.id}/replies`, {
      token: s.teacher.token,
      body: { body: 'x', mentions: Array.from({ length: 11 }, () => s.colleague.id) },
    })
    expect([tooMany.status, tooMany.body.error.details.issues[0].path]).toEqual([400, 'mentions'])
  })
})

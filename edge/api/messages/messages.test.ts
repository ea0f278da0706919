import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setupApi } from '../core/testing.ts'
import { type CourseSchool, courseSchool, enrol, newCourse } from '../courses/testing.ts'

// Direct messages through the API: a student (no birth date recorded: a minor) finds only their
// teacher and classmates to message, the staff member is refused, and after the admin records an
// adult's birth date the staff member is allowed; a message reaches the teacher (notified once
// while unread), words on the school's list are refused and write nothing, and bad input gets
// field paths.

let api: Awaited<ReturnType<typeof setupApi>>
let s: CourseSchool
let conversation: string

beforeAll(async () => {
  api = await setupApi()
  s = await courseSchool(api.sql)
  const course = await newCourse(api.call, s.teacher, s.tenant.id)
  await enrol(api.sql, course, s.student)
  await enrol(api.sql, course, s.classmate)
})
afterAll(() => api?.close())

type Who = { token: string }
const start = (who: Who, person: { id: string }) =>
  api.call('POST', `/tenants/${s.tenant.id}/conversations`, {
    token: who.token,
    body: { person_id: person.id },
  })
const send = (who: Who, body: unknown, id = conversation) =>
  api.call('POST', `/conversations/${id}/messages`, { token: who.token, body })
const messageable = (who: Who, q = '') =>
  api.call('GET', `/tenants/${s.tenant.id}/messageable?q=${encodeURIComponent(q)}`, { token: who.token })

describe('direct messages', () => {
  it('a minor may message only their teacher and classmates', async () => {
    const found = await messageable(s.student)
    expect(found.status).toBe(200)
    const names = found.body.people.map((p: { name: string }) => p.name).sort()
    expect(names).toEqual(['Classmate', 'Teacher'])
    expect(JSON.stringify(found.body)).not.toContain('@')
    const refused = await start(s.student, s.staff)
    expect([refused.status, refused.body.error.code]).toEqual([403, 'message_not_allowed'])
    const card = await api.call('GET', `/tenants/${s.tenant.id}/profiles/${s.staff.id}`, {
      token: s.student.token,
    })
    expect(card.body.can_message).toBe(false)
  })

  it('the student writes to the teacher, who is told once while unread and answers', async () => {
    const started = await start(s.student, s.teacher)
    expect(started.status).toBe(200)
    conversation = started.body.id
    expect((await start(s.teacher, s.student)).body.id).toBe(conversation)
    expect((await send(s.student, { body: 'Is the homework due Friday?' })).status).toBe(201)
    expect((await send(s.student, { body: 'Page 12 or 13?' })).status).toBe(201)
    const told =
      await api.sql`select link from public.notifications where user_id = ${s.teacher.id} and kind = 'direct_message'`
    expect(told.map((n) => n.link)).toEqual([`/t/${s.tenant.slug}/messages/${conversation}`])

    const list = await api.call('GET', `/tenants/${s.tenant.id}/conversations`, { token: s.teacher.token })
    expect(list.body.conversations).toEqual([
      expect.objectContaining({
        id: conversation,
        person: expect.objectContaining({ id: s.student.id, name: 'Student', role: 'student' }),
        last_message: expect.objectContaining({ body: 'Page 12 or 13?', from_me: false }),
        unread: 2,
        can_send: true,
      }),
    ])
    const read = await api.call('POST', `/conversations/${conversation}/read`, { token: s.teacher.token })
    expect(read.status).toBe(204)
    expect((await send(s.teacher, { body: 'Friday, page 12.' })).status).toBe(201)
    const page = await api.call('GET', `/conversations/${conversation}`, { token: s.student.token })
    expect(page.body.messages.map((m: { body: string }) => m.body)).toEqual([
      'Is the homework due Friday?',
      'Page 12 or 13?',
      'Friday, page 12.',
    ])
    expect([page.body.conversation.unread, page.body.has_more]).toEqual([1, false])
  })

  it("the student's data export holds the conversation and the messages they wrote", async () => {
    const mine = await api.call('GET', '/me/export', { token: s.student.token })
    expect(mine.body.conversations).toEqual([
      expect.objectContaining({ id: conversation, with: s.teacher.id }),
    ])
    expect(mine.body.direct_messages.map((m: { body: string }) => m.body)).toEqual([
      'Is the homework due Friday?',
      'Page 12 or 13?',
    ])
  })

  it('others cannot read the conversation or write in it', async () => {
    for (const who of [s.classmate, s.admin, s.stranger]) {
      const got = await api.call('GET', `/conversations/${conversation}`, { token: who.token })
      expect([got.status, got.body.error.code]).toEqual([404, 'conversation_not_found'])
      expect((await send(who, { body: 'Hi' })).status).toBe(404)
    }
  })

  it('refuses words on the list and bad input, writing nothing', async () => {
    const count = async () =>
      (await api.sql`select 1 from public.direct_messages where conversation_id = ${conversation}`).count
    const before = await count()
    const words = await send(s.student, { body: 'you are stupid' })
    expect([words.status, words.body.error.code]).toEqual([422, 'message_words'])
    const empty = await send(s.student, { body: '   ' })
    expect([empty.status, empty.body.error.details.issues[0].path]).toEqual([400, 'body'])
    const extra = await send(s.student, { body: 'Hi', sender_id: s.admin.id })
    expect(extra.status).toBe(400)
    const long = await send(s.student, { body: 'x'.repeat(4001) })
    expect(long.status).toBe(400)
    const badId = await api.call('GET', '/conversations/not-a-uuid', { token: s.student.token })
    expect(badId.status).toBe(400)
    expect(await count()).toBe(before)
  })

  it('an admin records a birth date at the adult age, and the student may message staff', async () => {
    const path = `/tenants/${s.tenant.id}/people/${s.student.id}/birth-date`
    const byTeacher = await api.call('PUT', path, {
      token: s.teacher.token,
      body: { birth_date: '2000-01-01' },
    })
    expect(byTeacher.status).toBe(403)
    const future = await api.call('PUT', path, { token: s.admin.token, body: { birth_date: '2999-01-01' } })
    expect([future.status, future.body.error.code]).toEqual([422, 'birth_date_future'])
    const notStudent = await api.call('PUT', `/tenants/${s.tenant.id}/people/${s.staff.id}/birth-date`, {
      token: s.admin.token,
      body: { birth_date: '2000-01-01' },
    })
    expect([notStudent.status, notStudent.body.error.code]).toEqual([422, 'birth_date_students_only'])
    const saved = await api.call('PUT', path, { token: s.admin.token, body: { birth_date: '2000-01-01' } })
    expect(saved.body).toEqual({ birth_date: '2000-01-01', visible: true, can_edit: true, adult_age: 18 })
    expect((await api.call('GET', path, { token: s.student.token })).body).toMatchObject({
      birth_date: '2000-01-01',
      visible: true,
      can_edit: false,
    })
    expect((await api.call('GET', path, { token: s.classmate.token })).body).toMatchObject({
      birth_date: null,
      visible: false,
    })
    expect((await start(s.student, s.staff)).status).toBe(200)
    // Cleared again: a minor once more, and the conversation with staff turns read-only.
    await api.call('PUT', path, { token: s.admin.token, body: { birth_date: null } })
    const list = await api.call('GET', `/tenants/${s.tenant.id}/conversations`, { token: s.student.token })
    const withStaff = list.body.conversations.find(
      (c: { person: { id: string } }) => c.person.id === s.staff.id,
    )
    expect(withStaff.can_send).toBe(false)
    const refused = await send(s.student, { body: 'Hello' }, withStaff.id)
    expect([refused.status, refused.body.error.code]).toEqual([403, 'message_not_allowed'])
  })

  it('the school sets its adult age in the forum settings', async () => {
    const path = `/tenants/${s.tenant.id}/forum/settings`
    const body = { report_threshold: 3, default_words: true, blocked_words: [] }
    const bad = await api.call('PUT', path, { token: s.admin.token, body: { ...body, adult_age: 5 } })
    expect([bad.status, bad.body.error.details.issues[0].path]).toEqual([400, 'adult_age'])
    const off = await api.call('PUT', path, { token: s.admin.token, body: { ...body, adult_age: 0 } })
    expect(off.body.adult_age).toBe(0)
    expect((await start(s.student, s.staff)).status).toBe(200)
    const kept = await api.call('PUT', path, { token: s.admin.token, body })
    expect(kept.body.adult_age).toBe(0)
    await api.call('PUT', path, { token: s.admin.token, body: { ...body, adult_age: 18 } })
  })
  it('limits how fast one account writes (429 with Retry-After), counting per person', async () => {
    let status = 0
    let sent = 0
    while (sent < 40) {
      const res = await send(s.teacher, { body: `Reminder ${sent}` })
      status = res.status
      if (status !== 201) {
        expect(res.headers.get('retry-after')).toMatch(/^\d+$/)
        break
      }
      sent++
    }
    expect(status).toBe(429)
    expect(sent).toBeLessThanOrEqual(30)
    expect((await send(s.student, { body: 'Thank you' })).status).toBe(201)
  })
})

import { afterAll, describe, expect, it } from 'vitest'
import type { TestUser } from '../../../test/support/fixtures.ts'
import { setupApi } from '../core/testing.ts'
import { enrol, newCourse } from '../courses/testing.ts'
import { openTicket, postMessage, supportSchool } from '../support/testing.ts'
import { book, newSession, tutoringSchool } from '../tutoring/testing.ts'

// Names reach everyone who shares a school; emails only the person themself, the school's owners
// and admins, and its support staff for people who opened a ticket (private.can_see_contact).
// members.test.ts walks the members list; this file the other answers that name people.

const api = await setupApi()
const { sql, call } = api
afterAll(() => api.close())

/** user id → email of the people in an answer's rows. */
const emailsOf = (rows: { user_id: string; email: string | null }[]) =>
  Object.fromEntries(rows.map((r) => [r.user_id, r.email]))

describe('support tickets', () => {
  it("shows the ticket's requester email to the staff who work it, and to nobody through live events", async () => {
    const s = await supportSchool(sql)
    const live: string[] = []
    const listener = await sql.listen('live', (payload) => live.push(payload))
    try {
      const ticket = await openTicket(call, s.student, s.tenant.id)
      expect((await postMessage(call, s.staff, ticket.id, { body: 'Which lesson?' })).status).toBe(201)
      expect((await postMessage(call, s.staff, ticket.id, { body: 'Note', internal: true })).status).toBe(201)
      expect((await postMessage(call, s.student, ticket.id, { body: 'Halves' })).status).toBe(201)

      for (const who of [s.staff, s.staff2, s.admin]) {
        const res = await call('GET', `/tickets/${ticket.id}`, { token: who.token })
        expect(res.status).toBe(200)
        expect(res.body).toMatchObject({ my_access: 'staff', requester_email: s.student.email })
      }
      const own = await call('GET', `/tickets/${ticket.id}`, { token: s.student.token })
      expect(own.body).toMatchObject({ my_access: 'requester', requester_email: s.student.email })
      for (const who of [s.instructor, s.classmate, s.parent, s.stranger]) {
        expect((await call('GET', `/tickets/${ticket.id}`, { token: who.token })).status).toBe(404)
      }
      // The queue and the conversation name people; they carry no email.
      const queue = await call('GET', `/tenants/${s.tenant.id}/tickets`, { token: s.staff.token })
      expect(queue.status).toBe(200)
      expect(queue.text).not.toContain('@')
      const thread = await call('GET', `/tickets/${ticket.id}/messages`, { token: s.student.token })
      expect(thread.status).toBe(200)
      expect(thread.text).not.toContain('@')

      // NOTIFY payloads go to every subscriber of `ticket:<id>` (the requester too) and the queue:
      // the new ticket (queue and topic) and three messages at least.
      const ours = () => live.filter((p) => p.includes(ticket.id))
      await expect.poll(() => ours().length).toBeGreaterThanOrEqual(5)
      for (const payload of ours()) expect(payload).not.toContain('@')
    } finally {
      await listener.unlisten()
    }
  })
})

describe('tutoring, courses and the support desk name people without their emails', () => {
  it("shows the tutor their students' names, not emails; owners and admins see emails", async () => {
    const s = await tutoringSchool(sql)
    const id = await newSession(call, s.teacher, s.tenant.id)
    await book(sql, id, s.student, s.classmate)
    const bookings = async (who: TestUser) => {
      const res = await call('GET', `/sessions/${id}`, { token: who.token })
      expect(res.status).toBe(200)
      return res.body.bookings as { user_id: string; name: string; email: string | null }[]
    }
    const asTutor = await bookings(s.teacher)
    expect(asTutor.map((b) => b.name)).toEqual(['Student', 'Classmate'])
    expect(emailsOf(asTutor)).toEqual({ [s.student.id]: null, [s.classmate.id]: null })
    const both = { [s.student.id]: s.student.email, [s.classmate.id]: s.classmate.email }
    expect(emailsOf(await bookings(s.admin))).toEqual(both)
    expect(emailsOf(await bookings(s.owner))).toEqual(both)
    expect(emailsOf(await bookings(s.staff))).toEqual({ [s.student.id]: null, [s.classmate.id]: null })
    // A student sees only their own seat, with their own email.
    expect(emailsOf(await bookings(s.student))).toEqual({ [s.student.id]: s.student.email })
  })

  it("shows teachers enrolled students' names and co-authors' names, not their emails", async () => {
    const s = await tutoringSchool(sql)
    const course = await newCourse(call, s.teacher, s.tenant.id)
    await enrol(sql, course, s.student)
    const added = await call('PUT', `/courses/${course}/authors/${s.colleague.id}`, {
      token: s.teacher.token,
      body: { role: 'editor' },
    })
    expect(added.status).toBe(201)

    const enrolments = async (who: TestUser) => {
      const res = await call('GET', `/courses/${course}/enrolments`, { token: who.token })
      expect(res.status).toBe(200)
      return res.body as { user_id: string; display_name: string; email: string | null }[]
    }
    const asTeacher = await enrolments(s.teacher)
    expect(asTeacher.map((e) => e.display_name)).toEqual(['Student'])
    expect(emailsOf(asTeacher)).toEqual({ [s.student.id]: null })
    expect(emailsOf(await enrolments(s.admin))).toEqual({ [s.student.id]: s.student.email })

    const authors = async (who: TestUser) => {
      const res = await call('GET', `/courses/${course}`, { token: who.token })
      expect(res.status).toBe(200)
      return res.body.authors as { user_id: string; display_name: string; email: string | null }[]
    }
    expect(emailsOf(await authors(s.colleague))).toEqual({
      [s.teacher.id]: null,
      [s.colleague.id]: s.colleague.email,
    })
    expect(emailsOf(await authors(s.admin))).toEqual({
      [s.teacher.id]: s.teacher.email,
      [s.colleague.id]: s.colleague.email,
    })
  })

  it("shows staff their own email among the support agents; owners and admins everyone's", async () => {
    const s = await supportSchool(sql)
    const agents = async (who: TestUser) => {
      const res = await call('GET', `/tenants/${s.tenant.id}/support/agents`, { token: who.token })
      expect(res.status).toBe(200)
      return res.body as { user_id: string; name: string; email: string | null }[]
    }
    expect(emailsOf(await agents(s.staff))).toEqual({
      [s.owner.id]: null,
      [s.admin.id]: null,
      [s.staff.id]: s.staff.email,
      [s.staff2.id]: null,
    })
    expect(emailsOf(await agents(s.admin))).toEqual({
      [s.owner.id]: s.owner.email,
      [s.admin.id]: s.admin.email,
      [s.staff.id]: s.staff.email,
      [s.staff2.id]: s.staff2.email,
    })
  })
})

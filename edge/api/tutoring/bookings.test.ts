import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createUser, type TestUser } from '../../../test/support/fixtures.ts'
import { Booking } from '../../contract/tutoring.ts'
import { setupApi } from '../core/testing.ts'
import { book, countRows, inMinutes, insertSession, newSession, tutoringSchool } from './testing.ts'

let api: Awaited<ReturnType<typeof setupApi>>
let s: Awaited<ReturnType<typeof tutoringSchool>>
beforeAll(async () => {
  // A connection per racer, so the 12 bookings of the race really reach Postgres at once.
  api = await setupApi({ DB_POOL_MAX: '12' })
  s = await tutoringSchool(api.sql)
})
afterAll(() => api.close())

const bookAs = (who: TestUser, id: string, body: object = {}) =>
  api.call('POST', `/sessions/${id}/bookings`, { token: who.token, body })

describe('POST /sessions/:id/bookings', () => {
  it('books a seat for the student who asks', async () => {
    const id = await newSession(api.call, s.teacher, s.tenant.id)
    const res = await bookAs(s.student, id)
    expect(res.status).toBe(201)
    expect(Booking.parse(res.body)).toMatchObject({ session_id: id, user_id: s.student.id, name: 'Student' })
    const detail = await api.call('GET', `/sessions/${id}`, { token: s.student.token })
    expect(detail.body).toMatchObject({ booked_by_me: true, booked_count: 1, my_role: 'participant' })
  })

  it('refuses a second booking with 409 already_booked and keeps one seat', async () => {
    const id = await newSession(api.call, s.teacher, s.tenant.id)
    expect((await bookAs(s.student, id)).status).toBe(201)
    const again = await bookAs(s.student, id)
    expect(again.status).toBe(409)
    expect(again.body.error).toMatchObject({
      code: 'already_booked',
      message: 'You already have a seat in this session.',
    })
    expect(await countRows(api.sql, 'session_bookings', id)).toBe(1)
  })

  it('lets the tutor book a student, not a parent; other people cannot book for others', async () => {
    const id = await newSession(api.call, s.teacher, s.tenant.id)
    const byTutor = await bookAs(s.teacher, id, { user_id: s.classmate.id })
    expect(byTutor.status).toBe(201)
    expect(byTutor.body.user_id).toBe(s.classmate.id)
    const parent = await bookAs(s.teacher, id, { user_id: s.parent.id })
    expect(parent.status).toBe(422)
    expect(parent.body.error.details.issues[0]).toEqual({
      path: 'user_id',
      message: 'Only students of this school book seats.',
      code: 'booking_not_student',
    })
    expect(parent.body.error.code).toBe('booking_not_student')
    const forOther = await bookAs(s.student, id, { user_id: s.classmate.id })
    expect(forOther.status).toBe(403)
    const staffSelf = await bookAs(s.staff, id)
    expect(staffSelf.status).toBe(422)
    expect(await countRows(api.sql, 'session_bookings', id)).toBe(1)
  })

  it('answers 404 for a session of another school and writes nothing', async () => {
    const id = await newSession(api.call, s.teacher, s.tenant.id)
    const res = await bookAs(s.stranger, id)
    expect(res.status).toBe(404)
    expect(await countRows(api.sql, 'session_bookings', id)).toBe(0)
    expect((await bookAs(s.student, '30000000-0000-4000-a000-00000000dead')).status).toBe(404)
    expect((await bookAs(s.student, 'not-a-uuid')).status).toBe(400)
  })

  it('refuses a full, cancelled or finished session with 409', async () => {
    const full = await newSession(api.call, s.teacher, s.tenant.id, { capacity: 1 })
    await book(api.sql, full, s.classmate)
    const res = await bookAs(s.student, full)
    expect(res.status).toBe(409)
    expect(res.body.error).toMatchObject({ code: 'session_full', message: 'This session is full.' })

    const cancelled = await newSession(api.call, s.teacher, s.tenant.id)
    await api.call('DELETE', `/sessions/${cancelled}`, { token: s.teacher.token })
    expect((await bookAs(s.student, cancelled)).body.error.code).toBe('session_closed')
    const over = await insertSession(api.sql, s.tenant.id, s.teacher, { startsIn: -90, duration: 30 })
    const late = await bookAs(s.student, over)
    expect(late.status).toBe(409)
    expect(late.body.error.code).toBe('session_closed')
  })

  it('gives the last seat to exactly one of 12 students booking at the same moment', async () => {
    const students = await Promise.all(
      Array.from({ length: 12 }, (_, i) => createUser(api.sql, { name: `Racer ${i}` })),
    )
    for (const st of students) {
      await api.sql`insert into public.memberships (tenant_id, user_id, role) values (${s.tenant.id}, ${st.id}, 'student')`
    }
    const id = await newSession(api.call, s.teacher, s.tenant.id, { capacity: 3 })
    await book(api.sql, id, s.student, s.classmate)

    const results = await Promise.all(students.map((st) => bookAs(st, id)))
    const statuses = results.map((r) => r.status)
    expect(statuses.filter((x) => x === 201)).toHaveLength(1)
    expect(statuses.filter((x) => x === 409)).toHaveLength(11)
    expect(new Set(results.filter((r) => r.status === 409).map((r) => r.body.error.code))).toEqual(
      new Set(['session_full']),
    )
    expect(await countRows(api.sql, 'session_bookings', id)).toBe(3)
  })
})

describe('DELETE /sessions/:id/bookings/me', () => {
  it('gives the seat back before the cut-off', async () => {
    const id = await newSession(api.call, s.teacher, s.tenant.id, { starts_at: inMinutes(24 * 60) })
    await book(api.sql, id, s.student)
    const res = await api.call('DELETE', `/sessions/${id}/bookings/me`, { token: s.student.token })
    expect(res.status).toBe(204)
    expect(await countRows(api.sql, 'session_bookings', id)).toBe(0)
    const again = await api.call('DELETE', `/sessions/${id}/bookings/me`, { token: s.student.token })
    expect(again.status).toBe(404)
  })

  it('refuses within 60 minutes of the start, saying until when (school time)', async () => {
    const id = await newSession(api.call, s.teacher, s.tenant.id, { starts_at: inMinutes(30) })
    await book(api.sql, id, s.student)
    const res = await api.call('DELETE', `/sessions/${id}/bookings/me`, { token: s.student.token })
    expect(res.status).toBe(409)
    expect(res.body.error.code).toBe('cancel_cutoff')
    expect(res.body.error.message).toMatch(/until .+ \(Africa\/Nairobi\), 60 minutes before the start/)
    const [row] = await api.sql`select starts_at from public.tutoring_sessions where id = ${id}`
    expect(new Date(res.body.error.details.cancel_until).getTime()).toBe(
      new Date(row?.starts_at).getTime() - 60 * 60_000,
    )
    expect(await countRows(api.sql, 'session_bookings', id)).toBe(1)
  })
})

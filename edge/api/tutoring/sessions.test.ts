import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setupApi } from '../core/testing.ts'
import {
  book,
  inMinutes,
  insertSession,
  tutoringSchool as makeSchool,
  newSession,
  type tutoringSchool,
} from './testing.ts'

let api: Awaited<ReturnType<typeof setupApi>>
let s: Awaited<ReturnType<typeof tutoringSchool>>
beforeAll(async () => {
  api = await setupApi()
  s = await makeSchool(api.sql)
})
afterAll(() => api.close())

describe('PATCH and DELETE /sessions/:id', () => {
  it('lets the tutor change details and notes; others get 403 and nothing changes', async () => {
    const id = await newSession(api.call, s.teacher, s.tenant.id, { starts_at: inMinutes(300) })
    const res = await api.call('PATCH', `/sessions/${id}`, {
      token: s.teacher.token,
      body: { title: 'Renamed', capacity: 5, notes: 'Logbook' },
    })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ title: 'Renamed', capacity: 5, notes: 'Logbook' })
    for (const who of [s.student, s.colleague, s.staff]) {
      const refused = await api.call('PATCH', `/sessions/${id}`, {
        token: who.token,
        body: { notes: 'mine' },
      })
      expect(refused.status).toBe(403)
    }
    const admin = await api.call('PATCH', `/sessions/${id}`, {
      token: s.admin.token,
      body: { notes: 'Admin note' },
    })
    expect(admin.body.notes).toBe('Admin note')
    expect((await api.call('PATCH', `/sessions/${id}`, { token: s.teacher.token, body: {} })).status).toBe(
      400,
    )
  })

  it('keeps capacity at or above the bookings (422) and a start in the future', async () => {
    const id = await newSession(api.call, s.teacher, s.tenant.id, { starts_at: inMinutes(300) })
    await book(api.sql, id, s.student, s.classmate)
    const shrink = await api.call('PATCH', `/sessions/${id}`, {
      token: s.teacher.token,
      body: { capacity: 1 },
    })
    expect(shrink.status).toBe(422)
    expect(shrink.body.error.details.issues[0].path).toBe('capacity')
    const past = await api.call('PATCH', `/sessions/${id}`, {
      token: s.teacher.token,
      body: { starts_at: inMinutes(-600) },
    })
    expect(past.status).toBe(422)
    const [row] = await api.sql`select capacity from public.tutoring_sessions where id = ${id}`
    expect(row?.capacity).toBe(3)
  })

  it('does not move a cancelled or ended session (409), yet its notes stay writable', async () => {
    const cancelled = await newSession(api.call, s.teacher, s.tenant.id, { starts_at: inMinutes(300) })
    await api.call('DELETE', `/sessions/${cancelled}`, { token: s.teacher.token })
    const moved = await api.call('PATCH', `/sessions/${cancelled}`, {
      token: s.teacher.token,
      body: { starts_at: inMinutes(600) },
    })
    expect(moved.status).toBe(409)
    expect(moved.body.error.code).toBe('session_cancelled')

    const ended = await newSession(api.call, s.teacher, s.tenant.id, { starts_at: inMinutes(300) })
    await api.sql`update public.tutoring_sessions set status = 'ended' where id = ${ended}`
    const longer = await api.call('PATCH', `/sessions/${ended}`, {
      token: s.teacher.token,
      body: { duration_minutes: 90 },
    })
    expect(longer.status).toBe(409)
    expect(longer.body.error.code).toBe('session_ended')
    const notes = await api.call('PATCH', `/sessions/${ended}`, {
      token: s.teacher.token,
      body: { notes: 'Went well' },
    })
    expect(notes.status).toBe(200)
    const [row] = await api.sql`select duration_minutes from public.tutoring_sessions where id = ${ended}`
    expect(row?.duration_minutes).toBe(60)
  })

  it('cancels instead of deleting; an ended session cannot be cancelled', async () => {
    const id = await newSession(api.call, s.teacher, s.tenant.id, { starts_at: inMinutes(300) })
    expect((await api.call('DELETE', `/sessions/${id}`, { token: s.student.token })).status).toBe(403)
    expect((await api.call('DELETE', `/sessions/${id}`, { token: s.teacher.token })).status).toBe(204)
    const after = await api.call('GET', `/sessions/${id}`, { token: s.teacher.token })
    expect(after.body.status).toBe('cancelled')

    const over = await insertSession(api.sql, s.tenant.id, s.teacher, { startsIn: -120, duration: 30 })
    const late = await api.call('DELETE', `/sessions/${over}`, { token: s.teacher.token })
    expect(late.status).toBe(409)
  })
})

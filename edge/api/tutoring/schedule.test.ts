import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Session, SessionDetail, SessionList } from '../../contract/tutoring.ts'
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

const sessionsOf = async (tenantId: string) => {
  const [row] = await api.sql<{ n: number }[]>`
    select count(*)::int as n from public.tutoring_sessions where tenant_id = ${tenantId}`
  return row?.n ?? 0
}

describe('POST /tenants/:id/sessions', () => {
  it('schedules a session for the instructor who asks, in the contract shape', async () => {
    const startsAt = inMinutes(120)
    const res = await api.call('POST', `/tenants/${s.tenant.id}/sessions`, {
      token: s.teacher.token,
      body: {
        title: '  Algebra help ',
        starts_at: startsAt,
        duration_minutes: 45,
        capacity: 2,
        waiting_room: true,
      },
    })
    expect(res.status).toBe(201)
    const [created] = SessionList.parse(res.body)
    expect(created).toMatchObject({
      title: 'Algebra help',
      instructor_id: s.teacher.id,
      instructor_name: 'Teacher',
      duration_minutes: 45,
      capacity: 2,
      booked_count: 0,
      waiting_room: true,
      status: 'scheduled',
      time_zone: 'Africa/Nairobi',
      booked_by_me: false,
      my_role: 'moderator',
      series_id: null,
    })
    expect(new Date(created?.starts_at ?? '').getTime()).toBe(new Date(startsAt).getTime())
    expect(new Date(created?.ends_at ?? '').getTime()).toBe(new Date(startsAt).getTime() + 45 * 60_000)
  })

  it('makes a weekly series with one series id at the same school time', async () => {
    const res = await api.call('POST', `/tenants/${s.tenant.id}/sessions`, {
      token: s.teacher.token,
      body: {
        title: 'Weekly',
        starts_at: '2099-03-20T16:00:00+03:00',
        duration_minutes: 60,
        capacity: 4,
        repeat_weeks: 3,
      },
    })
    expect(res.status).toBe(201)
    const series = SessionList.parse(res.body)
    expect(series).toHaveLength(3)
    expect(new Set(series.map((x) => x.series_id)).size).toBe(1)
    expect(series[0]?.series_id).not.toBeNull()
    expect(series.map((x) => new Date(x.starts_at).toISOString())).toEqual([
      '2099-03-20T13:00:00.000Z',
      '2099-03-27T13:00:00.000Z',
      '2099-04-03T13:00:00.000Z',
    ])
  })

  it('lets an admin schedule for an instructor, but not an instructor for a colleague', async () => {
    const forTeacher = await api.call('POST', `/tenants/${s.tenant.id}/sessions`, {
      token: s.admin.token,
      body: {
        title: 'By admin',
        starts_at: inMinutes(60),
        duration_minutes: 30,
        capacity: 1,
        instructor_id: s.teacher.id,
      },
    })
    expect(forTeacher.status).toBe(201)
    expect(forTeacher.body[0]).toMatchObject({ instructor_id: s.teacher.id, my_role: 'observer' })

    const before = await sessionsOf(s.tenant.id)
    const byColleague = await api.call('POST', `/tenants/${s.tenant.id}/sessions`, {
      token: s.colleague.token,
      body: {
        title: 'No',
        starts_at: inMinutes(60),
        duration_minutes: 30,
        capacity: 1,
        instructor_id: s.teacher.id,
      },
    })
    expect(byColleague.status).toBe(403)
    const forStudent = await api.call('POST', `/tenants/${s.tenant.id}/sessions`, {
      token: s.admin.token,
      body: {
        title: 'No',
        starts_at: inMinutes(60),
        duration_minutes: 30,
        capacity: 1,
        instructor_id: s.student.id,
      },
    })
    expect(forStudent.status).toBe(422)
    expect(forStudent.body.error.details.issues).toEqual([
      {
        path: 'instructor_id',
        message: 'Sessions are led by instructors or admins of this school.',
        code: 'instructor_not_teacher',
      },
    ])
    expect(await sessionsOf(s.tenant.id)).toBe(before)
  })

  it('refuses students, staff and other schools', async () => {
    const body = { title: 'X', starts_at: inMinutes(60), duration_minutes: 30, capacity: 1 }
    for (const who of [s.student, s.staff, s.parent]) {
      const res = await api.call('POST', `/tenants/${s.tenant.id}/sessions`, { token: who.token, body })
      expect(res.status).toBe(403)
      expect(res.body.error.message).toMatch(/instructors and admins schedule/)
    }
    const stranger = await api.call('POST', `/tenants/${s.tenant.id}/sessions`, {
      token: s.stranger.token,
      body,
    })
    expect(stranger.status).toBe(404)
  })

  it('answers bad input with field paths and writes nothing', async () => {
    const before = await sessionsOf(s.tenant.id)
    const post = (body: object) =>
      api.call('POST', `/tenants/${s.tenant.id}/sessions`, {
        token: s.teacher.token,
        body: { title: 'Bad', starts_at: inMinutes(60), duration_minutes: 30, capacity: 2, ...body },
      })
    const paths = async (body: object) => {
      const res = await post(body)
      expect(res.status, JSON.stringify(body)).toBe(400)
      return res.body.error.details.issues.map((i: { path: string }) => i.path)
    }
    expect(await paths({ duration_minutes: -30 })).toEqual(['duration_minutes'])
    expect(await paths({ duration_minutes: 0 })).toEqual(['duration_minutes'])
    expect(await paths({ capacity: 0 })).toEqual(['capacity'])
    expect(await paths({ capacity: 101 })).toEqual(['capacity'])
    expect(await paths({ starts_at: '2099-01-01 10:00' })).toEqual(['starts_at'])
    expect(await paths({ title: '   ' })).toEqual(['title'])
    expect(await paths({ ends_at: inMinutes(30) })).toEqual(['ends_at'])
    expect(await paths({ repeat_weeks: 13 })).toEqual(['repeat_weeks'])

    const past = await post({ starts_at: inMinutes(-120), duration_minutes: 60 })
    expect(past.status).toBe(422)
    expect(past.body.error.details.issues[0].path).toBe('starts_at')

    const [{ id: otherCourse }] = await api.sql`
      insert into public.courses (tenant_id, title, created_by)
      select m.tenant_id, 'Elsewhere', m.user_id from public.memberships m where m.user_id = ${s.stranger.id}
      returning id`
    const foreign = await post({ course_id: otherCourse })
    expect(foreign.status).toBe(422)
    expect(foreign.body.error.details.issues).toEqual([
      { path: 'course_id', message: 'That course belongs to another school.', code: 'course_other_school' },
    ])
    expect(await sessionsOf(s.tenant.id)).toBe(before)
  })
})

describe('GET /tenants/:id/sessions and /sessions/:id', () => {
  let upcoming: string
  let over: string
  beforeAll(async () => {
    upcoming = await newSession(api.call, s.teacher, s.tenant.id, {
      starts_at: inMinutes(30 * 24 * 60),
      capacity: 4,
    })
    await book(api.sql, upcoming, s.student, s.classmate)
    over = await insertSession(api.sql, s.tenant.id, s.teacher, { startsIn: -30, duration: 60 })
    await book(api.sql, over, s.student)
    await api.sql`update public.tutoring_sessions set starts_at = now() - interval '2 hours' where id = ${over}`
  })

  it('lists by start with seat counts every member sees and the caller’s own relation', async () => {
    const res = await api.call('GET', `/tenants/${s.tenant.id}/sessions`, { token: s.classmate.token })
    expect(res.status).toBe(200)
    const list = SessionList.parse(res.body)
    const starts = list.map((x) => new Date(x.starts_at).getTime())
    expect(starts).toEqual([...starts].sort((a, b) => a - b))
    expect(list.find((x) => x.id === upcoming)).toMatchObject({
      booked_count: 2,
      booked_by_me: true,
      my_role: 'participant',
    })
    expect(list.some((x) => x.id === over)).toBe(false)

    const parent = await api.call('GET', `/tenants/${s.tenant.id}/sessions`, { token: s.parent.token })
    expect(parent.body.find((x: Session) => x.id === upcoming)).toMatchObject({
      booked_count: 2,
      booked_by_me: false,
      my_role: null,
    })
    const staff = await api.call('GET', `/tenants/${s.tenant.id}/sessions`, { token: s.staff.token })
    expect(staff.body.find((x: Session) => x.id === upcoming)?.my_role).toBe('observer')
  })

  it('shows a session whose time is over as ended, within from/to; mine filters', async () => {
    const from = inMinutes(-24 * 60)
    const res = await api.call(
      'GET',
      `/tenants/${s.tenant.id}/sessions?from=${encodeURIComponent(from)}&to=${encodeURIComponent(inMinutes(0))}`,
      {
        token: s.teacher.token,
      },
    )
    expect(res.status).toBe(200)
    expect(res.body.find((x: Session) => x.id === over)).toMatchObject({ status: 'ended', booked_count: 1 })
    expect(res.body.some((x: Session) => x.id === upcoming)).toBe(false)

    const mine = await api.call(
      'GET',
      `/tenants/${s.tenant.id}/sessions?mine=true&to=${encodeURIComponent(inMinutes(90 * 24 * 60))}`,
      {
        token: s.classmate.token,
      },
    )
    expect(mine.body.map((x: Session) => x.id)).toEqual([upcoming])
  })

  it('pages through the schedule with limit and after, soonest or newest first', async () => {
    const school = await makeSchool(api.sql)
    // Two sessions share a start: the id orders them, and neither is lost between pages.
    const ids = await Promise.all(
      [60, 120, 120, 180, 240].map((m) =>
        insertSession(api.sql, school.tenant.id, school.teacher, { startsIn: m }),
      ),
    )
    const path = `/tenants/${school.tenant.id}/sessions`
    const all = SessionList.parse((await api.call('GET', path, { token: school.student.token })).body)
    expect(all.map((x) => x.id).sort()).toEqual([...ids].sort())
    const walk = async (order: 'asc' | 'desc') => {
      const seen: string[] = []
      let after = ''
      for (let page = 0; page < 5; page++) {
        const res = await api.call('GET', `${path}?limit=2&order=${order}${after}`, {
          token: school.student.token,
        })
        expect(res.status).toBe(200)
        const list = SessionList.parse(res.body)
        seen.push(...list.map((x) => x.id))
        if (list.length < 2) return seen
        const last = list[list.length - 1] as Session
        after = `&after=${encodeURIComponent(`${last.starts_at},${last.id}`)}`
      }
      return seen
    }
    expect(await walk('asc')).toEqual(all.map((x) => x.id))
    expect(await walk('desc')).toEqual(all.map((x) => x.id).reverse())

    for (const query of ['limit=0', 'limit=201', 'after=yesterday', 'order=sideways']) {
      const bad = await api.call('GET', `${path}?${query}`, { token: school.student.token })
      expect(bad.status, query).toBe(400)
      expect(bad.body.error.details.issues[0].path, query).toBe(query.split('=')[0])
    }
  })

  it('refuses a reversed range and other schools', async () => {
    const reversed = await api.call(
      'GET',
      `/tenants/${s.tenant.id}/sessions?from=${encodeURIComponent(inMinutes(60))}&to=${encodeURIComponent(inMinutes(0))}`,
      { token: s.teacher.token },
    )
    expect(reversed.status).toBe(400)
    const stranger = await api.call('GET', `/tenants/${s.tenant.id}/sessions`, { token: s.stranger.token })
    expect(stranger.status).toBe(404)
    const detail = await api.call('GET', `/sessions/${upcoming}`, { token: s.stranger.token })
    expect(detail.status).toBe(404)
  })

  it('shows bookings to the tutor and only their own to a student; notes to tutor and staff only', async () => {
    await api.call('PATCH', `/sessions/${upcoming}`, {
      token: s.teacher.token,
      body: { notes: 'Covered halves.' },
    })
    const tutor = await api.call('GET', `/sessions/${upcoming}`, { token: s.teacher.token })
    expect(tutor.status).toBe(200)
    const detail = SessionDetail.parse(tutor.body)
    expect(detail.bookings.map((b) => b.user_id).sort()).toEqual([s.student.id, s.classmate.id].sort())
    expect(detail).toMatchObject({ notes: 'Covered halves.', can_manage: true })
    expect(new Date(detail.joinable_from).getTime()).toBe(new Date(detail.starts_at).getTime() - 10 * 60_000)
    expect(new Date(detail.cancel_until).getTime()).toBe(new Date(detail.starts_at).getTime() - 60 * 60_000)

    const student = await api.call('GET', `/sessions/${upcoming}`, { token: s.student.token })
    expect(student.body.bookings.map((b: { user_id: string }) => b.user_id)).toEqual([s.student.id])
    expect(student.body).toMatchObject({ notes: null, can_manage: false, booked_count: 2 })
    const staff = await api.call('GET', `/sessions/${upcoming}`, { token: s.staff.token })
    expect(staff.body.notes).toBe('Covered halves.')
  })
})

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTenant, createUser, type TestUser } from '../../../test/support/fixtures.ts'
import { p, tiptapDoc } from '../../../test/support/lesson-docs.ts'
import { setupApi } from '../core/testing.ts'
import {
  type CourseSchool,
  courseSchool,
  enrol,
  newCourse,
  newLesson,
  outlineTools,
  publishingTools,
  writeDraft,
} from '../courses/testing.ts'
import { openTicket, postMessage } from '../support/testing.ts'
import { book, insertSession } from '../tutoring/testing.ts'

const api = await setupApi()
const { sql, call } = api
afterAll(() => api.close())

let s: CourseSchool
beforeAll(async () => {
  s = await courseSchool(sql)
})

const { publish } = publishingTools(sql, call, () => s)
const { newModule } = outlineTools(sql, call, () => s.teacher)

/** A new student of the school, so that each test starts from an empty home. */
async function newStudent() {
  const user = await createUser(sql, { name: 'Learner' })
  await sql`insert into public.memberships (tenant_id, user_id, role) values (${s.tenant.id}, ${user.id}, 'student')`
  return user
}

const home = (who: TestUser, tenantId = s.tenant.id) =>
  call('GET', `/tenants/${tenantId}/home/student`, { token: who.token })

/** A lesson by the teacher (in `module`, or outside modules), published unless `draft`. */
async function lesson(course: string, title: string, opts: { module?: string; draft?: boolean } = {}) {
  const id = await newLesson(call, s.teacher, course, { title, module_id: opts.module ?? null })
  if (!opts.draft) {
    await writeDraft(sql, s.teacher, id, tiptapDoc(p(title)))
    const res = await publish(id)
    if (res.status !== 201) throw new Error(`publish: ${res.status} ${res.text}`)
  }
  return id
}

/** PUT /lessons/:id/progress as `who`: a read, and done or not done when `done` is given. */
async function mark(who: TestUser, lessonId: string, done?: boolean) {
  const res = await call('PUT', `/lessons/${lessonId}/progress`, {
    token: who.token,
    body: done === undefined ? {} : { done },
  })
  if (res.status !== 200) throw new Error(`progress: ${res.status} ${res.text}`)
  return res.body
}

describe('GET /api/tenants/:id/home/student: courses', () => {
  it('counts published lessons and done ones, and names the next one in course order', async () => {
    const me = await newStudent()
    const course = await newCourse(call, s.teacher, s.tenant.id, {
      title: 'Fractions',
      level: 'Grade 4',
      learning_area: 'Mathematics',
    })
    const first = await newModule(course, 'First')
    const second = await newModule(course, 'Second')
    // Made out of course order: the course reads A1, A2 (after an unpublished draft), B1, then Loose.
    const b1 = await lesson(course, 'B1', { module: second })
    const loose = await lesson(course, 'Loose')
    await lesson(course, 'A draft', { module: first, draft: true })
    const a1 = await lesson(course, 'A1', { module: first })
    const a2 = await lesson(course, 'A2', { module: first })
    await enrol(sql, course, me)

    const res = await home(me)
    expect(res.status).toBe(200)
    expect(res.body.courses).toEqual([
      {
        id: course,
        title: 'Fractions',
        level: 'Grade 4',
        learning_area: 'Mathematics',
        cover_image_url: null,
        lesson_count: 4,
        done_count: 0,
        next_lesson: { id: a1, title: 'A1' },
        last_read_at: null,
      },
    ])
    const steps: [string, boolean | undefined, number, string | null][] = [
      [a2, undefined, 0, a1],
      [a1, true, 1, a2],
      [a2, true, 2, b1],
      [b1, true, 3, loose],
      [loose, true, 4, null],
      [a1, false, 3, a1],
      [loose, undefined, 3, a1],
    ]
    for (const [id, done, count, next] of steps) {
      const progress = await mark(me, id, done)
      const [c] = (await home(me)).body.courses
      expect({ done: c.done_count, next: c.next_lesson?.id ?? null }, `${id} ${done}`).toEqual({
        done: count,
        next,
      })
      expect(c.lesson_count).toBe(4)
      expect(c.last_read_at).toBe(progress.last_read_at)
    }
  })

  it("lists this school's enrolled courses only, the most recently read first, then by title", async () => {
    const me = await newStudent()
    const ids: Record<string, string> = {}
    for (const title of ['Zebra', 'Apple', 'Mango', 'Not enrolled']) {
      ids[title] = await newCourse(call, s.teacher, s.tenant.id, { title })
    }
    for (const title of ['Zebra', 'Apple', 'Mango']) await enrol(sql, ids[title] as string, me)
    const elsewhere = await createTenant(sql, s.owner, [[me, 'student']])
    const [other] = await sql`
      insert into public.courses (tenant_id, title, created_by) values (${elsewhere.id}, 'Aardvark', ${s.owner.id})
      returning id`
    await enrol(sql, other?.id, me)

    const courses = async () => (await home(me)).body.courses
    const titles = async () => (await courses()).map((c: { title: string }) => c.title)
    expect(await titles()).toEqual(['Apple', 'Mango', 'Zebra'])
    await mark(me, await lesson(ids.Zebra as string, 'Z1'))
    expect(await titles()).toEqual(['Zebra', 'Apple', 'Mango'])
    await mark(me, await lesson(ids.Mango as string, 'M1'))
    expect(await titles()).toEqual(['Mango', 'Zebra', 'Apple'])
    const apple = (await courses()).find((c: { title: string }) => c.title === 'Apple')
    expect(apple).toMatchObject({ lesson_count: 0, done_count: 0, next_lesson: null, last_read_at: null })
    expect((await home(me, elsewhere.id)).body.courses.map((c: { title: string }) => c.title)).toEqual([
      'Aardvark',
    ])
  })
})

describe('GET /api/tenants/:id/home/student: sessions', () => {
  it('shows the sessions I booked that are still ahead, soonest first, at most 5', async () => {
    const me = await newStudent()
    /** A session starting `startsIn` minutes from now (60 min long), booked by me unless `mine` is false. */
    const session = async (startsIn: number, status?: 'cancelled' | 'ended', mine = true) => {
      const id = await insertSession(sql, s.tenant.id, s.teacher, { startsIn: 60, capacity: 5 })
      if (mine) await book(sql, id, me)
      await sql`update public.tutoring_sessions set starts_at = now() + make_interval(mins => ${startsIn})
                ${status ? sql`, status = ${status}` : sql``} where id = ${id}`
      return id
    }
    await session(-120)
    const live = await session(-30)
    const in40 = await session(40)
    const in10 = await session(10)
    await session(50)
    const in20 = await session(20)
    const in30 = await session(30)
    await session(5, 'cancelled')
    await session(-10, 'ended')
    await session(1, undefined, false)

    const res = await home(me)
    expect(res.status).toBe(200)
    expect(res.body.sessions.map((x: { id: string }) => x.id)).toEqual([live, in10, in20, in30, in40])
    // The very Session objects of the tutoring routes.
    const listed = await call('GET', `/tenants/${s.tenant.id}/sessions?mine=true`, { token: me.token })
    const ahead = listed.body.filter((x: { status: string }) => ['scheduled', 'live'].includes(x.status))
    expect(res.body.sessions).toEqual(ahead.slice(0, 5))
    expect(res.body.sessions.every((x: { booked_by_me: boolean }) => x.booked_by_me)).toBe(true)
  })
})

describe('GET /api/tenants/:id/home/student: tickets', () => {
  it('shows my own tickets, latest activity first, at most 5', async () => {
    const me = await newStudent()
    const opened: string[] = []
    for (const n of [1, 2, 3, 4, 5, 6, 7]) {
      opened.push((await openTicket(call, me, s.tenant.id, { subject: `Ticket ${n}` })).id)
    }
    await openTicket(call, s.student, s.tenant.id, { subject: 'Not mine' })
    const subjects = async () => (await home(me)).body.tickets.map((t: { subject: string }) => t.subject)
    expect(await subjects()).toEqual(['Ticket 7', 'Ticket 6', 'Ticket 5', 'Ticket 4', 'Ticket 3'])
    await postMessage(call, s.staff, opened[0] as string, { body: 'Looking into it.' })
    expect(await subjects()).toEqual(['Ticket 1', 'Ticket 7', 'Ticket 6', 'Ticket 5', 'Ticket 4'])
  })

  it('keeps closed tickets for 14 days', async () => {
    const me = await newStudent()
    const ticket = async (subject: string) => (await openTicket(call, me, s.tenant.id, { subject })).id
    /** Closes a ticket as if `days` ago (the support clock). */
    const closedDaysAgo = (id: string, days: number) =>
      sql.begin(async (tx) => {
        const at = new Date(Date.now() - days * 86_400_000).toISOString()
        await tx`select set_config('kipindi.clock', ${at}, true)`
        await tx`update public.tickets set status = 'closed' where id = ${id}`
      })
    await closedDaysAgo(await ticket('Long closed'), 15)
    await closedDaysAgo(await ticket('Closed lately'), 13)
    await ticket('Open')
    const { tickets } = (await home(me)).body
    expect(tickets.map((t: { subject: string }) => t.subject)).toEqual(['Open', 'Closed lately'])
    expect(tickets[1].status).toBe('closed')
  })

  it('says when a reply came since I last read the ticket', async () => {
    const me = await newStudent()
    const t = await openTicket(call, me, s.tenant.id, { subject: 'Blank page' })
    const mine = async () =>
      (await home(me)).body.tickets.find((x: { id: string }) => x.id === t.id) as { unread_reply: boolean }
    expect((await mine()).unread_reply).toBe(false)
    const reply = await postMessage(call, s.staff, t.id, { body: 'Try reloading.' })
    expect((await mine()).unread_reply).toBe(true)
    const seen = await call('POST', `/tickets/${t.id}/seen`, {
      token: me.token,
      body: { last_read_id: reply.body.id },
    })
    expect(seen.status).toBe(204)
    expect((await mine()).unread_reply).toBe(false)
    await postMessage(call, s.staff, t.id, { body: 'Probably the CDN.', internal: true })
    expect((await mine()).unread_reply).toBe(false)
    await postMessage(call, s.staff, t.id, { body: 'Fixed now.' })
    expect((await mine()).unread_reply).toBe(true)
    await postMessage(call, me, t.id, { body: 'Thanks!' })
    expect((await mine()).unread_reply).toBe(false)
    await call('PATCH', `/tickets/${t.id}`, { token: s.staff.token, body: { status: 'resolved' } })
    expect(await mine()).toEqual({
      id: t.id,
      number: t.number,
      subject: 'Blank page',
      status: 'resolved',
      last_message_at: expect.any(String),
      unread_reply: false,
    })
  })
})

describe('GET /api/tenants/:id/home/student: who', () => {
  it('answers every member, 404 outside the school, 403 for a super-admin outside, 400 and 401', async () => {
    // The teacher's own sessions are not on it: only booked ones are.
    for (const who of [s.teacher, s.parent, s.staff]) {
      const res = await home(who)
      expect(res.status, who.email).toBe(200)
      expect(res.body).toEqual({ courses: [], sessions: [], tickets: [] })
    }
    const stranger = await home(s.stranger)
    expect(stranger.status).toBe(404)
    expect(stranger.body.error.code).toBe('school_not_found')
    expect((await home(s.student, crypto.randomUUID())).status).toBe(404)
    const superadmin = await createUser(sql, { platformRole: 'superadmin' })
    const outside = await home(superadmin)
    expect(outside.status).toBe(403)
    expect(outside.body.error.code).toBe('forbidden')
    const bad = await home(s.student, 'not-a-uuid')
    expect(bad.status).toBe(400)
    expect(bad.body.error.details.issues[0].path).toBe('id')
    expect((await call('GET', `/tenants/${s.tenant.id}/home/student`)).status).toBe(401)
  })
})

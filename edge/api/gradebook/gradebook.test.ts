import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setupApi } from '../core/testing.ts'
import { type CourseSchool, courseSchool, enrol, newCourse } from '../courses/testing.ts'

// The gradebook through the api against the real Postgres: quizzes and assignments graded through
// their own routes, categories with weights and drop-lowest, overrides with reasons, attendance, and
// who sees which rows (students their released results; parents a linked child's).

let api: Awaited<ReturnType<typeof setupApi>>
let s: CourseSchool
let course: string
const ids: Record<string, string> = {}

const call = (...args: Parameters<typeof api.call>) => api.call(...args)

async function quiz(title: string, release: 'on_submit' | 'manual') {
  const q = await call('POST', `/courses/${course}/quizzes`, { token: s.teacher.token, body: { title } })
  await call('POST', `/quizzes/${q.body.id}/questions`, {
    token: s.teacher.token,
    body: { kind: 'true_false', prompt: 'Yes?', points: 10, correct: true },
  })
  await call('PATCH', `/quizzes/${q.body.id}`, { token: s.teacher.token, body: { published: true, release } })
  return q.body.id as string
}

async function take(quizId: string, who: typeof s.student, right: boolean) {
  const a = (await call('POST', `/quizzes/${quizId}/attempts`, { token: who.token })).body
  await call('PUT', `/attempts/${a.id}/answers/${a.questions[0].id}`, {
    token: who.token,
    body: { bool: right },
  })
  await call('POST', `/attempts/${a.id}/submit`, { token: who.token })
}

beforeAll(async () => {
  api = await setupApi()
  s = await courseSchool(api.sql)
  course = await newCourse(call, s.teacher, s.tenant.id, { title: 'Maths' })
  await enrol(api.sql, course, s.student)
  await enrol(api.sql, course, s.classmate)
  await api.sql`insert into public.guardian_links (tenant_id, parent_id, student_id) values (${s.tenant.id}, ${s.parent.id}, ${s.student.id})`
  ids.q1 = await quiz('Quiz 1', 'on_submit')
  ids.q2 = await quiz('Quiz 2', 'on_submit')
  ids.q3 = await quiz('Quiz 3', 'manual')
  await take(ids.q1, s.student, true)
  await take(ids.q2, s.student, false)
  await take(ids.q3, s.student, true)
  await take(ids.q1, s.classmate, false)
  const a = await call('POST', `/courses/${course}/assignments`, {
    token: s.teacher.token,
    body: { title: 'Essay' },
  })
  ids.a1 = a.body.id
  await call('PATCH', `/assignments/${ids.a1}`, {
    token: s.teacher.token,
    body: { published: true, max_points: 20 },
  })
  const sub = await call('PUT', `/assignments/${ids.a1}/submission`, {
    token: s.student.token,
    body: { body: 'Essay' },
  })
  await call('PUT', `/submissions/${sub.body.id}/grade`, { token: s.teacher.token, body: { points: 15 } })
  await call('POST', `/assignments/${ids.a1}/release`, { token: s.teacher.token })
  // Two ended tutoring sessions of the course the student had booked: attended one, missed one.
  // Written as the room's record would leave them (the booking rules concern future sessions only).
  await api.sql.begin(async (tx) => {
    await tx`set local session_replication_role = replica`
    for (const attended of [true, false]) {
      const [session] =
        await tx`insert into public.tutoring_sessions (tenant_id, instructor_id, course_id, title,
          starts_at, duration_minutes, capacity, status)
        values (${s.tenant.id}, ${s.teacher.id}, ${course}, 'Revision', now() - interval '2 days', 60, 10, 'ended')
        returning id`
      await tx`insert into public.session_bookings (session_id, user_id) values (${session?.id}, ${s.student.id})`
      if (attended) {
        await tx`insert into public.session_attendance (session_id, stay_key, user_id, transport, joined_at, left_at)
          values (${session?.id}, 'stay-1', ${s.student.id}, 'p2p', now() - interval '2 days', now() - interval '2 days' + interval '50 minutes')`
      }
    }
  })
})
afterAll(async () => {
  await api?.close()
})

const rowOf = (book: { rows: { user_id: string }[] }, id: string) =>
  book.rows.find((r) => r.user_id === id) as unknown as {
    cells: { item_id: string; percent: number | null; status: string }[]
    categories: { percent: number | null }[]
    total: number | null
    total_override: { reason: string } | null
    attendance: { attended: number; booked: number }
  }

describe('the gradebook', () => {
  it('teachers see every student with unreleased results too; the total is the plain mean without categories', async () => {
    const res = await call('GET', `/courses/${course}/gradebook`, { token: s.teacher.token })
    expect(res.status, res.text).toBe(200)
    expect(res.body.items.map((i: { title: string }) => i.title).sort()).toEqual([
      'Essay',
      'Quiz 1',
      'Quiz 2',
      'Quiz 3',
    ])
    const kevin = rowOf(res.body, s.student.id)
    const cell = (id: string) => kevin.cells.find((c) => c.item_id === id)?.percent
    expect([
      cell(ids.q1 as string),
      cell(ids.q2 as string),
      cell(ids.q3 as string),
      cell(ids.a1 as string),
    ]).toEqual([100, 0, 100, 75])
    expect(kevin.total).toBe(68.8)
    expect(kevin.attendance).toEqual({ attended: 1, booked: 2 })
    expect(res.body.rows).toHaveLength(2)
  })

  it('weighted categories with drop-lowest, and overrides with a reason', async () => {
    const put = await call('PUT', `/courses/${course}/gradebook/categories`, {
      token: s.teacher.token,
      body: {
        categories: [
          { name: 'Quizzes', weight: 40, drop_lowest: 1, item_ids: [ids.q1, ids.q2, ids.q3] },
          { name: 'Assignments', weight: 60, item_ids: [ids.a1] },
        ],
      },
    })
    expect(put.status, put.text).toBe(200)
    expect(rowOf(put.body, s.student.id).total).toBe(85)
    const bad = await call('PUT', `/courses/${course}/gradebook/categories`, {
      token: s.teacher.token,
      body: { categories: [{ name: 'X', weight: 10, item_ids: [crypto.randomUUID()] }] },
    })
    expect([bad.status, bad.body.error.details.issues[0].path]).toEqual([400, 'categories.0.item_ids.0'])
    expect(
      (
        await call('PUT', `/courses/${course}/gradebook/categories`, {
          token: s.student.token,
          body: { categories: [] },
        })
      ).status,
    ).toBe(403)

    const noReason = await call('PUT', `/courses/${course}/gradebook/overrides`, {
      token: s.teacher.token,
      body: { user_id: s.student.id, item: 'total', percent: 90 },
    })
    expect([noReason.status, noReason.body.error.details.issues[0].path]).toEqual([400, 'reason'])
    const over = await call('PUT', `/courses/${course}/gradebook/overrides`, {
      token: s.teacher.token,
      body: { user_id: s.student.id, item: 'total', percent: 90, reason: 'Moderated by the department' },
    })
    expect(rowOf(over.body, s.student.id)).toMatchObject({
      total: 90,
      total_override: { reason: 'Moderated by the department' },
    })
    expect(
      (
        await call('PUT', `/courses/${course}/gradebook/overrides`, {
          token: s.staff.token,
          body: { user_id: s.student.id, item: 'total', percent: 10, reason: 'x' },
        })
      ).status,
    ).toBe(403)
    const removed = await call('PUT', `/courses/${course}/gradebook/overrides`, {
      token: s.teacher.token,
      body: { user_id: s.student.id, item: 'total', percent: null },
    })
    expect(rowOf(removed.body, s.student.id).total).toBe(85)
  })

  it('a student sees their own row with released results only; a parent their linked child; nobody else', async () => {
    const mine = await call('GET', `/courses/${course}/gradebook`, { token: s.student.token })
    expect(mine.body.rows.map((r: { user_id: string }) => r.user_id)).toEqual([s.student.id])
    const q3 = rowOf(mine.body, s.student.id).cells.find((c) => c.item_id === ids.q3)
    expect(q3).toMatchObject({ percent: null, status: 'pending' })
    expect(mine.body).toMatchObject({ can_edit: false, can_override: false })
    const child = await call('GET', `/courses/${course}/gradebook?student=${s.student.id}`, {
      token: s.parent.token,
    })
    expect(child.status, child.text).toBe(200)
    expect(rowOf(child.body, s.student.id).cells.find((c) => c.item_id === ids.q1)?.percent).toBe(100)
    const notMine = await call('GET', `/courses/${course}/gradebook?student=${s.classmate.id}`, {
      token: s.parent.token,
    })
    expect(notMine.status).toBe(403)
    const peek = await call('GET', `/courses/${course}/gradebook?student=${s.student.id}`, {
      token: s.classmate.token,
    })
    expect(peek.status).toBe(403)
    expect([403, 404]).toContain(
      (await call('GET', `/courses/${course}/gradebook`, { token: s.stranger.token })).status,
    )
  })
})

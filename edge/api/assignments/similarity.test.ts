import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { similarityHandler } from '../../../realtime/jobs/grading/similarity.ts'
import { silentLogger } from '../../lib/log.ts'
import { setupApi } from '../core/testing.ts'
import { type CourseSchool, courseSchool, enrol, newCourse } from '../courses/testing.ts'

// GET /assignments/:id/similarity and GET /similarity-pairs/:id against the real Postgres, after the
// similarity job ran: the course's graders read the pairs with names, excerpts, texts and passages;
// students, parents, staff and other schools do not.

let api: Awaited<ReturnType<typeof setupApi>>
let s: CourseSchool
let course: string
let assignment: string

const COPIED =
  'Mangroves along the coast protect the shore from waves, give young fish a safe place to grow, and ' +
  'store more carbon in their muddy roots than most forests on dry land.'

beforeAll(async () => {
  api = await setupApi()
  s = await courseSchool(api.sql)
  course = await newCourse(api.call, s.teacher, s.tenant.id, { title: 'Coasts' })
  await enrol(api.sql, course, s.student)
  await enrol(api.sql, course, s.classmate)
  const created = await api.call('POST', `/courses/${course}/assignments`, {
    token: s.teacher.token,
    body: { title: 'Mangroves' },
  })
  assignment = created.body.id
  const published = await api.call('PATCH', `/assignments/${assignment}`, {
    token: s.teacher.token,
    body: { published: true },
  })
  expect(published.status, published.text).toBe(200)
  for (const [who, own] of [
    [s.student, 'I visited Mida Creek with my class last term.'],
    [s.classmate, 'My uncle is a fisherman in Lamu and worries about cutting.'],
  ] as const) {
    const res = await api.call('PUT', `/assignments/${assignment}/submission`, {
      token: who.token,
      body: { body: `${own} ${COPIED}` },
    })
    expect(res.status, res.text).toBe(200)
  }
})
afterAll(async () => {
  await api?.close()
})

async function check() {
  const [a] = await api.sql`select tenant_id, course_id from public.assignments where id = ${assignment}`
  await similarityHandler(
    {
      id: crypto.randomUUID(),
      kind: 'similarity',
      tenantId: a?.tenant_id,
      courseId: a?.course_id,
      assignmentId: assignment,
      submissionId: null,
      attempt: 1,
    },
    { sql: api.sql, log: silentLogger, progress: async () => {}, signal: new AbortController().signal },
  )
}

describe('similarity routes', () => {
  it('answers "not checked yet" before the first check', async () => {
    const res = await api.call('GET', `/assignments/${assignment}/similarity`, { token: s.teacher.token })
    expect(res.status, res.text).toBe(200)
    expect(res.body).toEqual({
      assignment_id: assignment,
      computed_at: null,
      submissions: 0,
      lessons: 0,
      pairs: [],
    })
  })

  it('lists the pairs with the students’ names, and opens one with both texts and its passages', async () => {
    await check()
    const res = await api.call('GET', `/assignments/${assignment}/similarity`, { token: s.teacher.token })
    expect(res.status, res.text).toBe(200)
    expect(res.body).toMatchObject({ submissions: 2, lessons: 0 })
    expect(typeof res.body.computed_at).toBe('string')
    expect(res.body.pairs).toHaveLength(1)
    const [pair] = res.body.pairs
    expect([pair.a.name, pair.b.name].sort()).toEqual(['Classmate', 'Student'])
    expect(pair.lesson).toBeNull()
    expect(pair.score).toBeGreaterThan(0.6)
    expect(pair).toMatchObject({ passage_count: 1, excerpt: COPIED.slice(0, -1) })

    const one = await api.call('GET', `/similarity-pairs/${pair.id}`, { token: s.admin.token })
    expect(one.status, one.text).toBe(200)
    const [p] = one.body.passages
    expect(one.body.text_a.slice(p.a[0], p.a[1])).toBe(COPIED.slice(0, -1))
    expect(one.body.text_b.slice(p.b[0], p.b[1])).toBe(COPIED.slice(0, -1))
    expect(one.body.a).toEqual(pair.a)
  })

  it('shows nothing to students, parents, staff or another school', async () => {
    const { body } = await api.call('GET', `/assignments/${assignment}/similarity`, {
      token: s.teacher.token,
    })
    const pairId = body.pairs[0].id
    const statuses = async (token: string) => [
      (await api.call('GET', `/assignments/${assignment}/similarity`, { token })).status,
      (await api.call('GET', `/similarity-pairs/${pairId}`, { token })).status,
    ]
    expect(await statuses(s.student.token)).toEqual([403, 404])
    expect(await statuses(s.staff.token)).toEqual([403, 404])
    expect(await statuses(s.parent.token)).toEqual([404, 404])
    expect(await statuses(s.stranger.token)).toEqual([404, 404])
    const missing = await api.call('GET', `/similarity-pairs/${crypto.randomUUID()}`, {
      token: s.teacher.token,
    })
    expect(missing.body.error.code).toBe('similarity_pair_not_found')
    const bad = await api.call('GET', '/similarity-pairs/nope', { token: s.teacher.token })
    expect(bad.status).toBe(400)
  })
})

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestUser } from '../../../test/support/fixtures.ts'
import { setupApi } from '../core/testing.ts'
import { type CourseSchool, courseSchool, enrol, newCourse } from '../courses/testing.ts'

// Assignments through the api against the real Postgres: rubrics (points, BTEC), submissions with
// text and files, late work, grading computed by the server, release, and the grade's history.

let api: Awaited<ReturnType<typeof setupApi>>
let s: CourseSchool
let course: string

beforeAll(async () => {
  api = await setupApi()
  s = await courseSchool(api.sql)
  course = await newCourse(api.call, s.teacher, s.tenant.id, { title: 'Business BTEC' })
  await enrol(api.sql, course, s.student)
  await enrol(api.sql, course, s.classmate)
})
afterAll(async () => {
  await api?.close()
})

const call = (...args: Parameters<typeof api.call>) => api.call(...args)

const BTEC = {
  kind: 'btec',
  title: 'Unit 1: Exploring business',
  criteria: [
    { code: 'P1', description: 'Explain the features of two businesses.' },
    { code: 'P2', description: 'Explain how the two businesses are organised.' },
    { code: 'M1', description: 'Analyse how the features contribute to success.' },
    { code: 'D1', description: 'Evaluate the reasons for success.' },
  ],
}
const POINTS = {
  kind: 'points',
  title: 'Essay',
  criteria: [
    {
      title: 'Argument',
      levels: [
        { title: 'Weak', points: 0 },
        { title: 'Fair', points: 5 },
        { title: 'Strong', points: 10 },
      ],
    },
    {
      title: 'Spelling',
      levels: [
        { title: 'Many errors', points: 0 },
        { title: 'Few errors', points: 5 },
      ],
    },
  ],
}

async function rubric(body: object) {
  const res = await call('POST', `/tenants/${s.tenant.id}/rubrics`, { token: s.teacher.token, body })
  expect(res.status, res.text).toBe(201)
  return res.body
}

async function assignment(settings: Record<string, unknown>) {
  const res = await call('POST', `/courses/${course}/assignments`, {
    token: s.teacher.token,
    body: { title: 'Task' },
  })
  expect(res.status, res.text).toBe(201)
  const patched = await call('PATCH', `/assignments/${res.body.id}`, {
    token: s.teacher.token,
    body: { published: true, ...settings },
  })
  expect(patched.status, patched.text).toBe(200)
  return patched.body
}

/** A row in storage.objects as the store writes it after an upload. */
async function uploaded(who: TestUser, assignmentId: string, file: string, type = 'image/jpeg') {
  const name = `${s.tenant.id}/${assignmentId}/${who.id}/${file}`
  await api.sql`insert into storage.objects (bucket_id, name, owner, owner_id, version, metadata)
    values ('assignment-files', ${name}, ${who.id}, ${who.id}, gen_random_uuid()::text,
            ${api.sql.json({ size: 120_000, mimetype: type })})`
  return `assignment-files/${name}`
}

const submit = (id: string, who: TestUser, body: object) =>
  call('PUT', `/assignments/${id}/submission`, { token: who.token, body })

describe('rubrics', () => {
  it('teachers make points and BTEC rubrics; bad ones are 400 at their field; students cannot', async () => {
    const b = await rubric(BTEC)
    expect(b.criteria.map((c: { code: string }) => c.code)).toEqual(['P1', 'P2', 'M1', 'D1'])
    const p = await rubric(POINTS)
    expect(p.max_points).toBe(15)
    const noPass = await call('POST', `/tenants/${s.tenant.id}/rubrics`, {
      token: s.teacher.token,
      body: { ...BTEC, criteria: [{ code: 'M1', description: 'x' }] },
    })
    expect([noPass.status, noPass.body.error.details.issues[0].path]).toEqual([400, 'criteria'])
    const badCode = await call('POST', `/tenants/${s.tenant.id}/rubrics`, {
      token: s.teacher.token,
      body: { ...BTEC, criteria: [{ code: 'X1', description: 'x' }] },
    })
    expect(badCode.body.error.details.issues[0].path).toBe('criteria.0.code')
    expect(
      (await call('POST', `/tenants/${s.tenant.id}/rubrics`, { token: s.student.token, body: BTEC })).status,
    ).toBe(403)
    expect((await call('GET', `/tenants/${s.tenant.id}/rubrics`, { token: s.stranger.token })).status).toBe(
      403,
    )
  })
})

describe('a BTEC assignment, end to end', () => {
  it('students submit text and their own files; teachers grade; the BTEC grade follows the rule; release shows it with history', async () => {
    const r = await rubric(BTEC)
    const a = await assignment({ rubric_id: r.id, instructions: 'Compare two businesses.' })
    // Students see the rubric they are graded against.
    const seen = await call('GET', `/assignments/${a.id}`, { token: s.student.token })
    expect(seen.body.rubric.criteria).toHaveLength(4)
    expect(seen.body.my_submission).toBeNull()

    const photo = await uploaded(s.student, a.id, 'page1.jpg')
    const done = await submit(a.id, s.student, {
      body: 'My comparison…',
      files: [{ path: photo, name: 'Page 1' }],
    })
    expect(done.status, done.text).toBe(200)
    expect(done.body).toMatchObject({ version: 1, late: false, grade: null })
    expect(done.body.files[0]).toMatchObject({ name: 'Page 1', size: 120_000, type: 'image/jpeg' })
    // Someone else's upload, or a path outside my folder, is refused.
    const theirs = await uploaded(s.classmate, a.id, 'x.jpg')
    const stolen = await submit(a.id, s.student, { files: [{ path: theirs }] })
    expect([stolen.status, stolen.body.error.code]).toEqual([422, 'not_a_submission_file'])
    const again = await submit(a.id, s.student, {
      body: 'My comparison, improved.',
      files: [{ path: photo }],
    })
    expect(again.body.version).toBe(2)

    const list = await call('GET', `/assignments/${a.id}/submissions`, { token: s.teacher.token })
    expect(list.body.items).toHaveLength(1)
    expect(list.body.missing.map((m: { user_id: string }) => m.user_id)).toEqual([s.classmate.id])
    expect((await call('GET', `/assignments/${a.id}/submissions`, { token: s.student.token })).status).toBe(
      403,
    )

    const sub = list.body.items[0].id
    const ids = Object.fromEntries(r.criteria.map((c: { id: string; code: string }) => [c.code, c.id]))
    const mark = (achieved: Record<string, boolean>) =>
      call('PUT', `/submissions/${sub}/grade`, {
        token: s.teacher.token,
        body: {
          criteria: Object.entries(achieved).map(([code, ok]) => ({
            criterion_id: ids[code],
            achieved: ok,
            feedback: `${code} noted`,
          })),
          feedback: 'Good start.',
        },
      })
    const partial = await call('PUT', `/submissions/${sub}/grade`, {
      token: s.teacher.token,
      body: { criteria: [{ criterion_id: ids.P1, achieved: true }] },
    })
    expect([partial.status, partial.body.error.code]).toEqual([422, 'grade_invalid'])
    expect((await mark({ P1: true, P2: true, M1: true, D1: false })).body.grade.btec_grade).toBe('Merit')
    expect((await mark({ P1: true, P2: true, M1: true, D1: true })).body.grade.btec_grade).toBe('Distinction')
    // Students cannot grade, and see nothing before release.
    expect(
      (await call('PUT', `/submissions/${sub}/grade`, { token: s.student.token, body: { feedback: 'A+' } }))
        .status,
    ).toBe(403)
    const before = await call('GET', `/assignments/${a.id}`, { token: s.student.token })
    expect(before.body.my_submission).toMatchObject({ version: 2, grade: null, history: [] })

    expect((await call('POST', `/assignments/${a.id}/release`, { token: s.teacher.token })).status).toBe(200)
    const after = await call('GET', `/submissions/${sub}`, { token: s.student.token })
    expect(after.body.grade).toMatchObject({ btec_grade: 'Distinction', feedback: 'Good start.' })
    expect(after.body.history.map((h: { after: { btec_grade: string } }) => h.after.btec_grade)).toEqual([
      'Merit',
      'Distinction',
    ])
    expect(after.body.history[1].before).toEqual({ points: null, btec_grade: 'Merit' })
    expect((await call('GET', `/submissions/${sub}`, { token: s.classmate.token })).status).toBe(404)
  })
})

describe('points, late work and rubric-less grading', () => {
  it('late work loses the penalty; refused when the policy says so; without a rubric points are out of max', async () => {
    const r = await rubric(POINTS)
    const past = new Date(Date.now() - 3600_000).toISOString()
    const a = await assignment({
      rubric_id: r.id,
      due_at: past,
      late_policy: 'accept',
      late_penalty_percent: 20,
    })
    const late = await submit(a.id, s.student, { body: 'Late essay' })
    expect(late.body.late).toBe(true)
    const [arg, spell] = r.criteria
    const graded = await call('PUT', `/submissions/${late.body.id}/grade`, {
      token: s.teacher.token,
      body: {
        criteria: [
          { criterion_id: arg.id, level_id: arg.levels[2].id },
          { criterion_id: spell.id, level_id: spell.levels[1].id },
        ],
      },
    })
    expect(graded.body.grade).toMatchObject({ raw_points: 15, points: 12, max_points: 15 })

    const closed = await assignment({ due_at: past, late_policy: 'refuse' })
    const refused = await submit(closed.id, s.student, { body: 'Too late' })
    expect([refused.status, refused.body.error.code]).toEqual([409, 'assignment_closed'])

    const plain = await assignment({ max_points: 50, allow_files: false })
    const textOnly = await submit(plain.id, s.student, {
      files: [{ path: await uploaded(s.student, plain.id, 'a.pdf', 'application/pdf') }],
    })
    expect(textOnly.body.error.code).toBe('submissions_files_off')
    const ok = await submit(plain.id, s.student, { body: 'Answer' })
    const over = await call('PUT', `/submissions/${ok.body.id}/grade`, {
      token: s.teacher.token,
      body: { points: 51 },
    })
    expect([over.status, over.body.error.code]).toEqual([422, 'grade_invalid'])
    const fine = await call('PUT', `/submissions/${ok.body.id}/grade`, {
      token: s.colleague.token,
      body: { points: 42.5 },
    })
    expect(fine.body.grade).toMatchObject({ points: 42.5, max_points: 50 })
    expect((await submit(plain.id, s.student, {})).status).toBe(400)
  })

  it('a rubric in use cannot be deleted or change kind', async () => {
    const r = await rubric(POINTS)
    await assignment({ rubric_id: r.id })
    const del = await call('DELETE', `/rubrics/${r.id}`, { token: s.teacher.token })
    expect([del.status, del.body.error.code]).toEqual([409, 'rubric_in_use'])
    const kind = await call('PUT', `/rubrics/${r.id}`, { token: s.teacher.token, body: BTEC })
    expect(kind.body.error.code).toBe('rubric_in_use')
  })
})

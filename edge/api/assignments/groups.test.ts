import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestUser } from '../../../test/support/fixtures.ts'
import { setupApi } from '../core/testing.ts'
import { type CourseSchool, courseSchool, enrol, newCourse } from '../courses/testing.ts'
import { randomGroups } from './groups.ts'

// Group assignments and assessments in the outline through the api against the real Postgres:
// groups made by hand and at random, one submission handed in and resubmitted by any member with
// each other's files, one grade for every member, and a quiz or an assignment placed in a module.

let api: Awaited<ReturnType<typeof setupApi>>
let s: CourseSchool
let course: string

beforeAll(async () => {
  api = await setupApi()
  s = await courseSchool(api.sql)
  course = await newCourse(api.call, s.teacher, s.tenant.id, { title: 'Group projects' })
  await enrol(api.sql, course, s.student)
  await enrol(api.sql, course, s.classmate)
})
afterAll(async () => {
  await api?.close()
})

const call = (...args: Parameters<typeof api.call>) => api.call(...args)

async function groupAssignment() {
  const res = await call('POST', `/courses/${course}/assignments`, {
    token: s.teacher.token,
    body: { title: 'Market study' },
  })
  expect(res.status, res.text).toBe(201)
  const set = await call('PATCH', `/assignments/${res.body.id}`, {
    token: s.teacher.token,
    body: { mode: 'group', published: true, max_points: 20 },
  })
  expect([set.status, set.body.mode]).toEqual([200, 'group'])
  return set.body as { id: string }
}

async function uploaded(who: TestUser, assignmentId: string, file: string) {
  const name = `${s.tenant.id}/${assignmentId}/${who.id}/${file}`
  await api.sql`insert into storage.objects (bucket_id, name, owner, owner_id, version, metadata)
    values ('assignment-files', ${name}, ${who.id}, ${who.id}, gen_random_uuid()::text,
            ${api.sql.json({ size: 5000, mimetype: 'application/pdf' })})`
  return `assignment-files/${name}`
}

const submit = (id: string, who: TestUser, body: object) =>
  call('PUT', `/assignments/${id}/submission`, { token: who.token, body })
const names = (members: { name: string }[]) => members.map((m) => m.name)

describe('randomGroups', () => {
  it('deals students into groups no larger than the size, as even as can be', () => {
    const ids = Array.from({ length: 10 }, (_, i) => `s${i}`)
    const groups = randomGroups(ids, 3, () => 0.5)
    expect(groups.map((g) => g.length)).toEqual([3, 3, 2, 2])
    expect(groups.flat().sort()).toEqual([...ids].sort())
    expect(randomGroups([], 4)).toEqual([])
    expect(randomGroups(['a', 'b'], 5)).toHaveLength(1)
  })
})

describe('a group assignment, end to end', () => {
  it('groups are made and seen by their members only; any member hands in; one grade for all', async () => {
    const a = await groupAssignment()
    const made = await call('POST', `/assignments/${a.id}/groups`, {
      token: s.teacher.token,
      body: { name: 'Lions' },
    })
    expect(made.status, made.text).toBe(201)
    expect(made.body.unassigned).toHaveLength(2)
    const lions = made.body.groups[0].id as string
    const put = (user: TestUser, group: string | null, who = s.teacher) =>
      call('PUT', `/assignments/${a.id}/groups/members`, {
        token: who.token,
        body: { user_id: user.id, group_id: group },
      })
    expect((await put(s.student, lions)).body.groups[0].members).toHaveLength(1)

    // A student outside any group cannot hand in; the group's student sees their group only.
    const alone = await submit(a.id, s.classmate, { body: 'Mine' })
    expect([alone.status, alone.body.error.code]).toEqual([409, 'group_required'])
    expect(
      (await call('GET', `/assignments/${a.id}/groups`, { token: s.classmate.token })).body,
    ).toMatchObject({
      groups: [],
      unassigned: [],
      can_manage: false,
    })
    const moved = await put(s.classmate, lions)
    expect(names(moved.body.groups[0].members).sort()).toEqual(['Classmate', 'Student'])
    expect(moved.body.unassigned).toEqual([])
    const mine = await call('GET', `/assignments/${a.id}/groups`, { token: s.student.token })
    expect(mine.body).toMatchObject({ mode: 'group', can_manage: false, unassigned: [] })
    expect(mine.body.groups).toHaveLength(1)

    // The classmate hands in with their file; the student resubmits the same submission, keeping it.
    const theirs = await uploaded(s.classmate, a.id, 'survey.pdf')
    const first = await submit(a.id, s.classmate, { body: 'Draft', files: [{ path: theirs }] })
    expect(first.status, first.text).toBe(200)
    const mineFile = await uploaded(s.student, a.id, 'charts.pdf')
    const second = await submit(a.id, s.student, {
      body: 'Final',
      files: [{ path: theirs }, { path: mineFile }],
    })
    expect(second.status, second.text).toBe(200)
    expect([second.body.id, second.body.version, second.body.files.length]).toEqual([first.body.id, 2, 2])
    const seen = await call('GET', `/assignments/${a.id}`, { token: s.classmate.token })
    expect([seen.body.my_submission.id, seen.body.my_submission.body]).toEqual([first.body.id, 'Final'])

    // The teacher sees the group's submission and grades it once; after release both members see it.
    const subs = await call('GET', `/assignments/${a.id}/submissions`, { token: s.teacher.token })
    expect([subs.body.items.length, subs.body.missing]).toEqual([1, []])
    const groups = await call('GET', `/assignments/${a.id}/groups`, { token: s.teacher.token })
    expect(groups.body.groups[0].submission).toMatchObject({ id: first.body.id, version: 2, graded: false })
    const graded = await call('PUT', `/submissions/${first.body.id}/grade`, {
      token: s.teacher.token,
      body: { points: 16 },
    })
    expect(graded.status, graded.text).toBe(200)
    expect(
      (await call('GET', `/assignments/${a.id}`, { token: s.student.token })).body.my_submission.grade,
    ).toBeNull()
    expect((await call('POST', `/assignments/${a.id}/release`, { token: s.teacher.token })).status).toBe(200)
    for (const member of [s.student, s.classmate]) {
      const after = await call('GET', `/assignments/${a.id}`, { token: member.token })
      expect(after.body.my_submission.grade.points).toBe(16)
      expect(after.body.my_submission.history).toHaveLength(1)
    }
    const book = await call('GET', `/courses/${course}/gradebook`, { token: s.teacher.token })
    expect(book.status, book.text).toBe(200)
    expect(JSON.stringify(book.body)).toContain(s.classmate.id)

    // Once work is in: the group stays, the mode stays, random groups are refused.
    const gone = await call('DELETE', `/assignment-groups/${lions}`, { token: s.teacher.token })
    expect([gone.status, gone.body.error.code]).toEqual([409, 'group_has_submission'])
    const mode = await call('PATCH', `/assignments/${a.id}`, {
      token: s.teacher.token,
      body: { mode: 'individual' },
    })
    expect([mode.status, mode.body.error.code]).toEqual([409, 'assignment_mode_locked'])
    const random = await call('POST', `/assignments/${a.id}/groups/random`, {
      token: s.teacher.token,
      body: { size: 2 },
    })
    expect([random.status, random.body.error.code]).toEqual([409, 'group_has_submission'])
  })

  it('editors only change groups; other schools see nothing; bad input is refused with its field', async () => {
    const a = await groupAssignment()
    const random = await call('POST', `/assignments/${a.id}/groups/random`, {
      token: s.teacher.token,
      body: { size: 2, prefix: 'Kikundi' },
    })
    expect(random.status, random.text).toBe(200)
    expect(random.body.groups.map((g: { name: string }) => g.name)).toEqual(['Kikundi 1'])
    expect(random.body.groups[0].members).toHaveLength(2)
    const group = random.body.groups[0].id as string

    const renamed = await call('PATCH', `/assignment-groups/${group}`, {
      token: s.teacher.token,
      body: { name: ' Team ' },
    })
    expect(renamed.body.groups[0].name).toBe('Team')
    expect(
      (await call('PATCH', `/assignment-groups/${group}`, { token: s.student.token, body: { name: 'Mine' } }))
        .status,
    ).toBe(403)
    expect((await call('GET', `/assignments/${a.id}/groups`, { token: s.stranger.token })).status).toBe(404)
    expect((await call('DELETE', `/assignment-groups/${group}`, { token: s.stranger.token })).status).toBe(
      404,
    )
    const empty = await call('POST', `/assignments/${a.id}/groups`, {
      token: s.teacher.token,
      body: { name: '  ' },
    })
    expect([empty.status, empty.body.error.details.issues[0].path]).toEqual([400, 'name'])
    const tiny = await call('POST', `/assignments/${a.id}/groups/random`, {
      token: s.teacher.token,
      body: { size: 1 },
    })
    expect([tiny.status, tiny.body.error.details.issues[0].path]).toEqual([400, 'size'])
    const staff = await call('PUT', `/assignments/${a.id}/groups/members`, {
      token: s.teacher.token,
      body: { user_id: s.staff.id, group_id: group },
    })
    expect([staff.status, staff.body.error.code]).toEqual([422, 'group_member_not_enrolled'])
    const out = await call('PUT', `/assignments/${a.id}/groups/members`, {
      token: s.teacher.token,
      body: { user_id: s.student.id, group_id: null },
    })
    expect(out.body.unassigned.map((m: { user_id: string }) => m.user_id)).toEqual([s.student.id])
    const deleted = await call('DELETE', `/assignment-groups/${group}`, { token: s.teacher.token })
    expect([deleted.status, deleted.body.groups]).toEqual([200, []])
  })
})

describe('assessments in the outline', () => {
  it('a quiz and an assignment go in a module of their own course only', async () => {
    const [m] =
      await api.sql`insert into public.course_modules (course_id, title) values (${course}, 'Week 1') returning id`
    const other = await newCourse(api.call, s.teacher, s.tenant.id, { title: 'Other' })
    const [elsewhere] =
      await api.sql`insert into public.course_modules (course_id, title) values (${other}, 'W') returning id`
    const a = await groupAssignment()
    const placed = await call('PATCH', `/assignments/${a.id}`, {
      token: s.teacher.token,
      body: { module_id: m?.id, position: 2 },
    })
    expect([placed.status, placed.body.module_id, placed.body.position]).toEqual([200, m?.id, 2])
    const wrong = await call('PATCH', `/assignments/${a.id}`, {
      token: s.teacher.token,
      body: { module_id: elsewhere?.id },
    })
    expect([wrong.status, wrong.body.error.code]).toEqual([422, 'module_not_in_course'])
    const quiz = await call('POST', `/courses/${course}/quizzes`, {
      token: s.teacher.token,
      body: { title: 'Check' },
    })
    const q = await call('PATCH', `/quizzes/${quiz.body.id}`, {
      token: s.teacher.token,
      body: { module_id: m?.id, position: 0 },
    })
    expect([q.status, q.body.module_id]).toEqual([200, m?.id])
    const list = await call('GET', `/courses/${course}/assignments`, { token: s.student.token })
    expect(list.body.items.find((i: { id: string }) => i.id === a.id)).toMatchObject({
      module_id: m?.id,
      position: 2,
    })
    const bad = await call('PATCH', `/quizzes/${quiz.body.id}`, {
      token: s.teacher.token,
      body: { position: -1 },
    })
    expect([bad.status, bad.body.error.details.issues[0].path]).toEqual([400, 'position'])
    // Placing or moving one tells the course's readers its outline changed; an unplaced draft's edit does not.
    const events: string[] = []
    const listener = await api.sql.listen('live', (payload) => {
      const e = JSON.parse(payload) as { topic: string; event: string }
      if (e.topic === `course:${course}`) events.push(e.event)
    })
    await call('PATCH', `/assignments/${a.id}`, { token: s.teacher.token, body: { position: 5 } })
    const loose = await call('POST', `/courses/${course}/assignments`, {
      token: s.teacher.token,
      body: { title: 'Loose' },
    })
    await call('PATCH', `/assignments/${loose.body.id}`, {
      token: s.teacher.token,
      body: { title: 'Still loose' },
    })
    await new Promise((resolve) => setTimeout(resolve, 200))
    await listener.unlisten()
    expect(events).toEqual(['outline'])
    // Deleting the module leaves them under the outline.
    await api.sql`delete from public.course_modules where id = ${m?.id}`
    expect((await call('GET', `/assignments/${a.id}`, { token: s.teacher.token })).body.module_id).toBeNull()
  })
})

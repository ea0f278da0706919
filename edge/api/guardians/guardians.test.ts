import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  gradeAssignment,
  markLessons,
  newAssignment,
  newCourse,
  newLesson,
  newQuiz,
  quizResult,
} from '../../../test/support/course-work.ts'
import { createTenant, createUser, type TestUser, unique } from '../../../test/support/fixtures.ts'
import { setupApi } from '../core/testing.ts'
import { type CourseSchool, courseSchool } from '../courses/testing.ts'

// Parents (issue 17): link invitations sent by a student or an admin, accepted by the parent, and a
// parent's read-only view of a linked child through the API.

let api: Awaited<ReturnType<typeof setupApi>>
let s: CourseSchool
let otherSchoolParent: TestUser
let otherSchool: { id: string }

beforeAll(async () => {
  api = await setupApi()
  s = await courseSchool(api.sql)
  otherSchoolParent = await createUser(api.sql, { name: 'Far parent' })
  const kid = await createUser(api.sql, { name: 'Far kid' })
  otherSchool = await createTenant(api.sql, await createUser(api.sql), [
    [otherSchoolParent, 'parent'],
    [kid, 'student'],
  ])
  await api.sql`insert into public.guardian_links (tenant_id, parent_id, student_id) values
    (${otherSchool.id}, ${otherSchoolParent.id}, ${kid.id})`
})
afterAll(() => api?.close())

const call = (...args: Parameters<typeof api.call>) => api.call(...args)
const invitations = () => `/tenants/${s.tenant.id}/guardian-invitations`
const tokenOf = (url: string) => url.slice(url.lastIndexOf('/') + 1)
const newEmail = () => `${unique('mum')}@test.kipindi.test`

async function invite(who: TestUser, body: object) {
  return call('POST', invitations(), { token: who.token, body })
}

describe('guardian invitations', () => {
  it('a student invites their parent by email; the parent joins as a parent and sees the child', async () => {
    const email = newEmail()
    const made = await invite(s.student, { student_id: s.student.id, email: email.toUpperCase() })
    expect(made.status).toBe(201)
    expect(made.body).toMatchObject({
      student_id: s.student.id,
      email,
      invited_as: 'student',
      status: 'pending',
    })
    const token = tokenOf(made.body.invite_url)
    const [mail] = await api.sql`select subject, action_url from private.outbox_emails
      where to_email = ${email}`
    expect(mail?.action_url).toBe(made.body.invite_url)
    expect(mail?.subject).toContain('Student')

    const preview = await call('GET', `/guardian-invitations/preview?token=${token}`)
    expect(preview.body).toMatchObject({ student_name: 'Student', email, status: 'pending' })

    const mum = await createUser(api.sql, { email, name: 'Mum' })
    const accepted = await call('POST', '/guardian-invitations/accept', { token: mum.token, body: { token } })
    expect(accepted.status).toBe(200)
    expect(accepted.body).toMatchObject({ tenant_id: s.tenant.id, student_id: s.student.id })
    const [m] = await api.sql`select role from public.memberships
      where tenant_id = ${s.tenant.id} and user_id = ${mum.id}`
    expect(m?.role).toBe('parent')
    const kids = await call('GET', `/tenants/${s.tenant.id}/children`, { token: mum.token })
    expect(kids.body.map((k: { user_id: string }) => k.user_id)).toEqual([s.student.id])

    const again = await call('POST', '/guardian-invitations/accept', { token: mum.token, body: { token } })
    expect([again.status, again.body.error.code]).toEqual([410, 'invitation_used'])
    const audit = await api.sql`select action from public.audit_log
      where tenant_id = ${s.tenant.id} and target_id = ${s.student.id} and action like 'guardian.%'
      order by created_at`
    expect(audit.map((a) => a.action)).toEqual(['guardian.invited', 'guardian.linked'])
  })

  it('a student cannot invite for another student; teachers, parents and strangers cannot invite', async () => {
    const body = { student_id: s.classmate.id, email: newEmail() }
    for (const who of [s.student, s.teacher, s.parent, s.staff]) {
      const res = await invite(who, body)
      expect([res.status, res.body.error.code]).toEqual([403, 'guardian_invite_forbidden'])
    }
    const stranger = await invite(s.stranger, body)
    expect([stranger.status, stranger.body.error.code]).toEqual([404, 'school_not_found'])
    const byParentId = await invite(s.student, { student_id: s.student.id, parent_id: s.parent.id })
    expect([byParentId.status, byParentId.body.error.code]).toEqual([403, 'guardian_invite_forbidden'])
    const [n] = await api.sql`select count(*)::int as n from public.guardian_invitations
      where student_id = ${s.classmate.id}`
    expect(n?.n).toBe(0)
  })

  it('refuses bad input with field paths and writes nothing', async () => {
    const both = await invite(s.admin, {
      student_id: s.classmate.id,
      email: newEmail(),
      parent_id: s.parent.id,
    })
    expect([both.status, both.body.error.details.issues[0].path]).toEqual([400, 'email'])
    const neither = await invite(s.admin, { student_id: s.classmate.id })
    expect(neither.status).toBe(400)
    const bad = await invite(s.admin, { student_id: 'nope', email: 'not-an-email' })
    expect(bad.status).toBe(400)
    const teacherAsChild = await invite(s.admin, { student_id: s.teacher.id, email: newEmail() })
    expect([teacherAsChild.status, teacherAsChild.body.error.code]).toEqual([422, 'link_student_only'])
  })

  it('an admin invites an existing parent member; only that parent can accept', async () => {
    const made = await invite(s.admin, { student_id: s.classmate.id, parent_id: s.parent.id })
    expect(made.status).toBe(201)
    expect(made.body).toMatchObject({ parent_id: s.parent.id, email: s.parent.email, invited_as: 'admin' })
    const token = tokenOf(made.body.invite_url)
    const other = await call('POST', '/guardian-invitations/accept', {
      token: s.teacher.token,
      body: { token },
    })
    expect([other.status, other.body.error.code]).toEqual([403, 'invitation_wrong_account'])
    const ok = await call('POST', '/guardian-invitations/accept', { token: s.parent.token, body: { token } })
    expect(ok.status).toBe(200)
    const twice = await invite(s.admin, { student_id: s.classmate.id, parent_id: s.parent.id })
    expect([twice.status, twice.body.error.code]).toEqual([409, 'guardian_already_linked'])
    await api.sql`delete from public.guardian_links where parent_id = ${s.parent.id} and student_id = ${s.classmate.id}`
  })

  it('a member with another role cannot accept; an expired invitation is refused and replaced', async () => {
    const made = await invite(s.admin, { student_id: s.classmate.id, email: s.teacher.email })
    const token = tokenOf(made.body.invite_url)
    const teacher = await call('POST', '/guardian-invitations/accept', {
      token: s.teacher.token,
      body: { token },
    })
    expect([teacher.status, teacher.body.error.code]).toEqual([409, 'guardian_accept_not_parent'])

    const email = newEmail()
    const first = await invite(s.student, { student_id: s.student.id, email })
    const dup = await invite(s.student, { student_id: s.student.id, email })
    expect([dup.status, dup.body.error.code]).toEqual([409, 'already_invited'])
    await api.sql`update public.guardian_invitations set expires_at = now() - interval '1 minute'
      where id = ${first.body.id}`
    const dad = await createUser(api.sql, { email })
    const old = tokenOf(first.body.invite_url)
    const late = await call('POST', '/guardian-invitations/accept', {
      token: dad.token,
      body: { token: old },
    })
    expect([late.status, late.body.error.code]).toEqual([410, 'invitation_expired'])
    const list = await call('GET', `${invitations()}?student_id=${s.student.id}`, { token: s.student.token })
    expect(list.body.find((i: { id: string }) => i.id === first.body.id)?.status).toBe('expired')
    const fresh = await invite(s.student, { student_id: s.student.id, email })
    expect(fresh.status).toBe(201)
    const gone = await call('GET', `/guardian-invitations/preview?token=${old}`)
    expect(gone.status).toBe(404)
  })

  it('the student or an admin revokes a pending invitation; others cannot; a revoked link is dead', async () => {
    const email = newEmail()
    const made = await invite(s.student, { student_id: s.student.id, email })
    const url = `${invitations()}/${made.body.id}`
    for (const who of [s.classmate, s.parent, s.teacher]) {
      const res = await call('DELETE', url, { token: who.token })
      expect([res.status, res.body.error.code]).toEqual([404, 'invitation_not_found'])
    }
    const seen = await call('GET', invitations(), { token: s.classmate.token })
    expect(seen.body.some((i: { id: string }) => i.id === made.body.id)).toBe(false)
    const adminList = await call('GET', invitations(), { token: s.admin.token })
    expect(adminList.body.some((i: { id: string }) => i.id === made.body.id)).toBe(true)

    expect((await call('DELETE', url, { token: s.student.token })).status).toBe(204)
    const someone = await createUser(api.sql, { email })
    const token = tokenOf(made.body.invite_url)
    const dead = await call('POST', '/guardian-invitations/accept', { token: someone.token, body: { token } })
    expect([dead.status, dead.body.error.code]).toEqual([404, 'invitation_invalid'])

    const byAdmin = await invite(s.admin, { student_id: s.student.id, email: newEmail() })
    expect(
      (await call('DELETE', `${invitations()}/${byAdmin.body.id}`, { token: s.admin.token })).status,
    ).toBe(204)
    const [audit] = await api.sql`select count(*)::int as n from public.audit_log
      where tenant_id = ${s.tenant.id} and action = 'guardian.invitation_revoked'`
    expect(audit?.n).toBe(2)
  })
})

describe("a parent's view of a child", () => {
  let parent: TestUser
  let course: string
  const at = (minutes: number) => new Date(Date.now() + minutes * 60_000)

  beforeAll(async () => {
    const sql = api.sql
    parent = await createUser(sql, { name: 'Linked parent' })
    await sql`insert into public.memberships (tenant_id, user_id, role) values (${s.tenant.id}, ${parent.id}, 'parent')`
    await sql`insert into public.guardian_links (tenant_id, parent_id, student_id) values
      (${s.tenant.id}, ${parent.id}, ${s.classmate.id})`
    course = await newCourse(sql, s.tenant.id, s.teacher.id, 'Biology')
    await sql`insert into public.enrolments (course_id, user_id) values (${course}, ${s.classmate.id})`
    const lessons = [await newLesson(sql, course), await newLesson(sql, course)]
    await markLessons(sql, s.classmate.id, lessons.slice(0, 1))
    const shown = await newQuiz(sql, course)
    await quizResult(sql, shown, s.classmate.id, 4)
    await quizResult(sql, shown, s.classmate.id, 8)
    const hidden = await newQuiz(sql, course, { release: 'manual' })
    await quizResult(sql, hidden, s.classmate.id, 2)
    const graded = await newAssignment(sql, course)
    await gradeAssignment(sql, graded, s.classmate.id, { points: 70 })
    const unreleased = await newAssignment(sql, course, { released: false })
    await gradeAssignment(sql, unreleased, s.classmate.id, { points: 10 })
    const session = async (title: string, startsAt: Date, status = 'scheduled') => {
      // Booked while it is ahead (bookings close when a session is over), then moved to its time.
      const [row] = await sql`insert into public.tutoring_sessions
          (tenant_id, instructor_id, course_id, title, starts_at, duration_minutes, capacity)
        values (${s.tenant.id}, ${s.teacher.id}, ${course}, ${title}, ${at(24 * 60)}, 60, 5) returning id`
      await sql`insert into public.session_bookings (session_id, user_id) values (${row?.id}, ${s.classmate.id})`
      await sql`update public.tutoring_sessions set starts_at = ${startsAt}, status = ${status} where id = ${row?.id}`
      return row?.id as string
    }
    await session('Cells revision', at(24 * 60))
    const went = await session('Plants', at(-3 * 24 * 60), 'ended')
    await session('Animals', at(-2 * 24 * 60), 'ended')
    await sql`insert into public.session_attendance (session_id, stay_key, user_id, transport, joined_at, left_at)
      values (${went}, 'k1', ${s.classmate.id}, 'livekit', ${at(-3 * 24 * 60)}, ${at(-3 * 24 * 60 + 50)})`
    await sql`insert into public.ai_conversations (tenant_id, student_id, title, flagged_at, flag_reason) values
      (${s.tenant.id}, ${s.classmate.id}, 'Help', now(), 'danger'),
      (${s.tenant.id}, ${s.classmate.id}, 'More help', null, null)`
  })

  const overview = (who: TestUser, tenant = s.tenant.id, child = s.classmate.id) =>
    call('GET', `/tenants/${tenant}/children/${child}`, { token: who.token })

  it('shows courses with progress, released grades only, sessions, attendance and tutor flags', async () => {
    const res = await overview(parent)
    expect(res.status).toBe(200)
    expect(res.body.child).toEqual({ user_id: s.classmate.id, display_name: 'Classmate' })
    expect(res.body.courses).toEqual([
      expect.objectContaining({ course_id: course, title: 'Biology', lessons_published: 2, lessons_done: 1 }),
    ])
    const grades = res.body.grades.map((g: { kind: string; points: number }) => [g.kind, g.points])
    expect(grades.sort()).toEqual([
      ['assignment', 70],
      ['quiz', 8],
    ])
    expect(res.body.upcoming_sessions.map((x: { title: string }) => x.title)).toEqual(['Cells revision'])
    expect(res.body.attendance).toMatchObject({ sessions: 2, attended: 1 })
    expect(
      res.body.attendance.recent.map((x: { title: string; attended: boolean }) => [x.title, x.attended]),
    ).toEqual([
      ['Animals', false],
      ['Plants', true],
    ])
    expect(res.body.tutor_flags.count).toBe(1)
    expect(res.body.tutor_flags.last_flagged_at).toEqual(expect.any(String))
    expect(JSON.stringify(res.body)).not.toContain('danger')
  })

  it('a parent sees only linked children: not another child, nor from another school', async () => {
    const sibling = await overview(parent, s.tenant.id, s.student.id)
    expect([sibling.status, sibling.body.error.code]).toEqual([404, 'child_not_found'])
    const unlinked = await overview(s.parent)
    expect([unlinked.status, unlinked.body.error.code]).toEqual([404, 'child_not_found'])
    const far = await overview(otherSchoolParent)
    expect([far.status, far.body.error.code]).toEqual([404, 'school_not_found'])
    const farOwnSchool = await overview(otherSchoolParent, otherSchool.id)
    expect([farOwnSchool.status, farOwnSchool.body.error.code]).toEqual([404, 'child_not_found'])
    for (const who of [s.teacher, s.admin, s.classmate, s.student]) {
      const res = await overview(who)
      expect([res.status, res.body.error.code]).toEqual([404, 'child_not_found'])
    }
  })
})

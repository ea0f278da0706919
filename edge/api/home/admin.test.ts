import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTenant, createUser, type TestUser } from '../../../test/support/fixtures.ts'
import { p, tiptapDoc } from '../../../test/support/lesson-docs.ts'
import { setupApi } from '../core/testing.ts'
import { enrol, newCourse, newLesson, writeDraft } from '../courses/testing.ts'
import { openTicket, type SupportSchool, supportSchool } from '../support/testing.ts'
import { insertSession } from '../tutoring/testing.ts'

const api = await setupApi()
const { sql, call } = api
afterAll(() => api.close())

let s: SupportSchool
beforeAll(async () => {
  s = await supportSchool(sql)
})

const home = (who: TestUser, tenantId = s.tenant.id) =>
  call('GET', `/tenants/${tenantId}/home/admin`, { token: who.token })

const DAY = 24 * 60

/** A published lesson by `teacher` in a new course of the school, with `students` enrolled; its id. */
async function publishedLesson(teacher: TestUser, tenantId: string, students: TestUser[]) {
  const course = await newCourse(call, teacher, tenantId, { title: 'Week' })
  const lesson = await newLesson(call, teacher, course, { title: 'Day one' })
  await writeDraft(sql, teacher, lesson, tiptapDoc(p('Day one')))
  const res = await call('POST', `/lessons/${lesson}/publish`, { token: teacher.token })
  if (res.status !== 201) throw new Error(`publish: ${res.status} ${res.text}`)
  for (const student of students) await enrol(sql, course, student)
  return lesson
}

/** `who` opens the lesson (PUT progress), as if `daysAgo` days ago (backdated past the trigger, replica mode). */
async function read(who: TestUser, lesson: string, daysAgo = 0) {
  const res = await call('PUT', `/lessons/${lesson}/progress`, { token: who.token, body: {} })
  if (res.status !== 200) throw new Error(`progress: ${res.status} ${res.text}`)
  await sql.begin(async (tx) => {
    await tx`set local session_replication_role = replica`
    await tx`update public.lesson_progress set last_read_at = now() - make_interval(days => ${daysAgo})
      where lesson_id = ${lesson} and user_id = ${who.id}`
  })
}

/** A session by `teacher` starting `startsIn` minutes from now (60 minutes), then changed as given. */
async function session(teacher: TestUser, tenantId: string, startsIn: number, change?: 'cancelled' | 'live') {
  const id = await insertSession(sql, tenantId, teacher, { startsIn })
  if (change) await sql`update public.tutoring_sessions set status = ${change} where id = ${id}`
  return id
}

/** Ends a session by its tutor `minutesAgo` minutes ago. */
const endedByTutor = (id: string, minutesAgo: number) =>
  sql`update public.tutoring_sessions set status = 'ended', ended_at = now() - make_interval(mins => ${minutesAgo})
      where id = ${id}`

/** A stay of `who` in a session's room, from `joinedAgo` minutes ago until `leftAgo` (null: still there). */
const stay = (sessionId: string, who: TestUser, joinedAgo: number, leftAgo: number | null) =>
  sql`insert into public.session_attendance (session_id, stay_key, user_id, transport, joined_at, left_at)
      values (${sessionId}, ${crypto.randomUUID()}, ${who.id}, 'p2p', now() - make_interval(mins => ${joinedAgo}),
              ${leftAgo === null ? null : sql`now() - make_interval(mins => ${leftAgo})`})`

/** An invitation to the school, as the superuser: expired or accepted when asked. */
const invite = (tenantId: string, state?: 'expired' | 'accepted') =>
  sql`insert into public.invitations (tenant_id, email, role, token_hash, expires_at, accepted_at)
      values (${tenantId}, ${`${crypto.randomUUID()}@test.kipindi.test`}, 'student', ${crypto.randomUUID()},
              now() + make_interval(days => ${state === 'expired' ? -1 : 7}),
              ${state === 'accepted' ? sql`now()` : null})`

/** Breaches a ticket's first response clock, as the SLA job would. */
async function breach(ticketId: string) {
  await sql`update public.ticket_sla_targets set warned_at = now(), breached_at = now()
            where ticket_id = ${ticketId} and target = 'first_response'`
  await sql`select private.refresh_sla(${ticketId})`
}

describe('GET /api/tenants/:id/home/admin: figures', () => {
  it("counts members, open invitations, this week's students and sessions, and open tickets", async () => {
    const names = [
      'owner',
      'admin',
      'teacher',
      'staff',
      'reader',
      'attendee',
      'both',
      'idle',
      'lapsed',
      'parent',
    ]
    const made = await Promise.all(names.map(async (n) => [n, await createUser(sql, { name: n })] as const))
    const u = Object.fromEntries(made) as Record<string, TestUser>
    const students = ['reader', 'attendee', 'both', 'idle', 'lapsed'].map((n) => u[n] as TestUser)
    const gone = await createUser(sql, { name: 'gone' })
    const t = await createTenant(sql, u.owner as TestUser, [
      [u.admin as TestUser, 'admin'],
      [u.teacher as TestUser, 'instructor'],
      [u.staff as TestUser, 'staff'],
      ...students.map((x) => [x, 'student'] as [TestUser, 'student']),
      [gone, 'student'],
      [u.parent as TestUser, 'parent'],
    ])
    const owner = u.owner as TestUser
    const teacher = u.teacher as TestUser
    // The idle student is busy in another school only.
    const other = await createTenant(sql, owner, [[u.idle as TestUser, 'student']])
    const abroad = await publishedLesson(owner, other.id, [u.idle as TestUser])
    await read(u.idle as TestUser, abroad)
    await stay(await session(owner, other.id, -10, 'live'), u.idle as TestUser, 5, null)
    await session(owner, other.id, DAY)
    await invite(other.id)

    // Students: read 2 days ago, in a room 3 days ago, both now, nothing, last seen 8-9 days ago.
    const lesson = await publishedLesson(teacher, t.id, [...students, gone])
    await read(u.reader as TestUser, lesson, 2)
    await read(u.both as TestUser, lesson)
    await read(u.lapsed as TestUser, lesson, 8)
    await read(gone, lesson)
    await sql`delete from public.memberships where tenant_id = ${t.id} and user_id = ${gone.id}`
    // Sessions held this week: ended by their time, by the tutor, and by the tutor early.
    const byTime = await session(teacher, t.id, -3 * DAY)
    await endedByTutor(await session(teacher, t.id, -DAY - 30), DAY)
    await endedByTutor(await session(teacher, t.id, -20), 10)
    // Not held this week: cancelled, over 8 days ago, still on.
    await session(teacher, t.id, -DAY, 'cancelled')
    const old = await session(teacher, t.id, -8 * DAY)
    const now = await session(teacher, t.id, -10, 'live')
    // Coming in the next 7 days: tomorrow and in 6 days; not in 8 days, not cancelled ones.
    await session(teacher, t.id, DAY)
    await session(teacher, t.id, 6 * DAY)
    await session(teacher, t.id, 8 * DAY)
    await session(teacher, t.id, 2 * DAY, 'cancelled')
    await stay(byTime, u.attendee as TestUser, 3 * DAY, 3 * DAY - 50)
    await stay(now, u.both as TestUser, 5, null)
    await stay(now, teacher, 10, null)
    await stay(old, u.lapsed as TestUser, 8 * DAY, 8 * DAY - 30)
    // Invitations: two open, one expired, one accepted.
    await invite(t.id)
    await invite(t.id)
    await invite(t.id, 'expired')
    await invite(t.id, 'accepted')
    // Tickets: two open (one breached), one pending; resolved and closed ones do not count.
    const staff = u.staff as TestUser
    const ticket = async (who: TestUser, status?: string) => {
      const { id } = await openTicket(call, who, t.id)
      if (status) await call('PATCH', `/tickets/${id}`, { token: staff.token, body: { status } })
      return id as string
    }
    await ticket(u.reader as TestUser)
    await breach(await ticket(u.attendee as TestUser))
    await ticket(u.parent as TestUser, 'pending')
    await ticket(u.reader as TestUser, 'resolved')
    const closed = await ticket(u.both as TestUser, 'closed')
    await sql`update public.tickets set sla_state = 'breached' where id = ${closed}`

    const res = await home(owner, t.id)
    expect(res.status).toBe(200)
    expect(res.body).toEqual({
      members: {
        total: 10,
        by_role: { owner: 1, admin: 1, instructor: 1, staff: 1, student: 5, parent: 1, partner: 0 },
      },
      pending_invitations: 2,
      active_students_7d: 3,
      sessions_held_7d: 3,
      sessions_next_7d: 2,
      open_tickets: 3,
      breached_tickets: 1,
      storage_used_bytes: 0,
      storage_limit_bytes: 1024 ** 3,
    })
    expect((await home(u.admin as TestUser, t.id)).body).toEqual(res.body)
    // The same figures as the member counts and the support desk's home.
    const counts = await call('GET', `/tenants/${t.id}/members/counts`, { token: owner.token })
    expect(res.body.members).toEqual(counts.body)
    const desk = (await call('GET', `/tenants/${t.id}/home/staff`, { token: owner.token })).body
    expect([desk.open + desk.pending, desk.breached]).toEqual([3, 1])
    // The school's files count against its limit (lesson media, materials, ticket files; not avatars).
    await sql`
      insert into storage.objects (bucket_id, name, version, metadata) values
        ('ticket-attachments', ${`${t.id}/x/a.png`}, 'v', '{"size": 1500}'),
        ('avatars', ${`${owner.id}/me.webp`}, 'v', '{"size": 700}')`
    await sql`insert into private.storage_limits (tenant_id, limit_bytes) values (${t.id}, 5000)`
    const stored = (await home(owner, t.id)).body
    expect([stored.storage_used_bytes, stored.storage_limit_bytes]).toEqual([1500, 5000])
    // The other school's own week.
    expect((await home(owner, other.id)).body).toMatchObject({
      pending_invitations: 1,
      active_students_7d: 1,
      sessions_held_7d: 0,
      sessions_next_7d: 1,
    })
  })
})

describe('GET /api/tenants/:id/home/admin: who', () => {
  it('answers owners and admins: 403 for others, 404 outside the school, 400 and 401', async () => {
    for (const who of [s.owner, s.admin]) expect((await home(who)).status, who.email).toBe(200)
    for (const who of [s.staff, s.instructor, s.student, s.parent]) {
      const res = await home(who)
      expect(res.status, who.email).toBe(403)
      expect(res.body.error.code).toBe('admins_only')
    }
    const stranger = await home(s.stranger)
    expect(stranger.status).toBe(404)
    expect(stranger.body.error.code).toBe('school_not_found')
    expect((await home(s.owner, crypto.randomUUID())).status).toBe(404)
    const superadmin = await createUser(sql, { platformRole: 'superadmin' })
    expect((await home(superadmin)).status).toBe(403)
    const bad = await home(s.owner, 'not-a-uuid')
    expect(bad.status).toBe(400)
    expect(bad.body.error.details.issues[0].path).toBe('id')
    expect((await call('GET', `/tenants/${s.tenant.id}/home/admin`)).status).toBe(401)
  })
})

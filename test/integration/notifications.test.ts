import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setupApi } from '../../edge/api/core/testing.ts'
import { type CourseSchool, courseSchool } from '../../edge/api/courses/testing.ts'
import { newSession } from '../../edge/api/tutoring/testing.ts'
import {
  NOTIFICATION_DEFAULTS,
  NOTIFICATION_KINDS,
  REMINDER_MINUTES,
} from '../../edge/contract/notification-values.ts'
import type { Sql } from '../../edge/lib/db.ts'
import { createTenant, createUser, SUPABASE_URL, type TestUser } from '../support/fixtures.ts'

// Notifications for sessions, lessons, roles and invitations (issue 12), driven through the API
// (or, for publishing, as the publisher in SQL): who gets each, who does not (the actor, a student
// not booked or enrolled, someone of another school), in which language, by email or not, with
// which link. Times are in the school's time zone (Africa/Nairobi, UTC+3), named: "Nairobi time (UTC+3)".

const api = await setupApi()
const { sql, call } = api
afterAll(() => api.close())

let s: CourseSchool
/** A student of the school who is neither booked nor enrolled. */
let bystander: TestUser
beforeAll(async () => {
  s = await courseSchool(sql)
  bystander = await createUser(sql, { name: 'Bystander' })
  await sql`insert into public.memberships (tenant_id, user_id, role) values (${s.tenant.id}, ${bystander.id}, 'student')`
  await setLocale(sql, s.student, 'sw')
  await setLocale(sql, s.classmate, 'en')
})

async function setLocale(db: Sql, user: TestUser, locale: 'en' | 'sw') {
  await db`update auth.users set raw_user_meta_data = raw_user_meta_data || ${db.json({ locale })} where id = ${user.id}`
}

interface Row {
  kind: string
  title: string
  body: string
  link: string
  session_id: string | null
  lesson_id: string | null
  tenant_id: string | null
}

/** The bell of a person (superuser read), about one session or lesson when given. */
async function bell(user: TestUser, about: { session?: string; lesson?: string } = {}) {
  return sql<Row[]>`
    select kind, title, body, link, session_id, lesson_id, tenant_id from public.notifications
    where user_id = ${user.id}
      and (${about.session ?? null}::uuid is null or session_id = ${about.session ?? null}::uuid)
      and (${about.lesson ?? null}::uuid is null or lesson_id = ${about.lesson ?? null}::uuid)
    order by id`
}

/** The notification emails queued for a person. */
async function mails(user: TestUser) {
  return sql<{ subject: string; body_text: string; action_url: string | null }[]>`
    select subject, body_text, action_url from private.outbox_emails
    where lower(to_email) = lower(${user.email}) and kind = 'notification' order by created_at`
}

// Monday 4 March 2030, 09:00 UTC: 12:00 in Nairobi.
const MONDAY = '2030-03-04T09:00:00.000Z'
const TUESDAY = '2030-03-05T11:30:00.000Z'

async function bookSeat(sessionId: string, student: TestUser) {
  const res = await call('POST', `/sessions/${sessionId}/bookings`, { token: student.token, body: {} })
  expect(res.status, res.text).toBe(201)
}

describe('session notifications', () => {
  it('tells the tutor of each booking (in the app, no email by default); not the student who booked', async () => {
    const id = await newSession(call, s.teacher, s.tenant.id, { starts_at: MONDAY, title: 'Algebra' })
    await bookSeat(id, s.student)
    const tutor = await bell(s.teacher, { session: id })
    expect(tutor).toHaveLength(1)
    expect(tutor[0]).toMatchObject({
      kind: 'session_booked',
      title: 'New booking: Algebra',
      link: `/t/${s.tenant.slug}/sessions/${id}`,
      session_id: id,
      tenant_id: s.tenant.id,
    })
    expect(tutor[0]?.body).toContain('Mon 4 Mar 2030, 12:00')
    expect(tutor[0]?.body).toContain('Student booked a seat')
    expect(await bell(s.student, { session: id })).toEqual([])
    // session_booked is in-app only by default.
    expect((await mails(s.teacher)).filter((m) => m.subject.includes('Algebra'))).toEqual([])
  })

  it('a tutor booking a student for them is not told of their own booking', async () => {
    const id = await newSession(call, s.teacher, s.tenant.id, { starts_at: MONDAY })
    const res = await call('POST', `/sessions/${id}/bookings`, {
      token: s.teacher.token,
      body: { user_id: s.classmate.id },
    })
    expect(res.status, res.text).toBe(201)
    expect(await bell(s.teacher, { session: id })).toEqual([])
  })

  it('tells every booked student of a cancellation, in their language, by email too; not the tutor, not others', async () => {
    const id = await newSession(call, s.teacher, s.tenant.id, { starts_at: MONDAY, title: 'Geometry' })
    await bookSeat(id, s.student)
    await bookSeat(id, s.classmate)
    const before = (await mails(s.student)).length
    const res = await call('DELETE', `/sessions/${id}`, { token: s.teacher.token })
    expect(res.status).toBe(204)

    const sw = await bell(s.student, { session: id })
    expect(sw).toEqual([
      expect.objectContaining({
        kind: 'session_cancelled',
        title: 'Kipindi kimeghairiwa: Geometry',
        body: 'Teacher ameghairi kipindi cha Jumatatu 4 Machi 2030, saa 12:00 kwa saa za Nairobi (UTC+3).',
        link: `/t/${s.tenant.slug}/sessions/${id}`,
      }),
    ])
    const en = await bell(s.classmate, { session: id })
    expect(en).toEqual([
      expect.objectContaining({
        kind: 'session_cancelled',
        title: 'Session cancelled: Geometry',
        body: 'Teacher cancelled the session of Mon 4 Mar 2030, 12:00 Nairobi time (UTC+3).',
      }),
    ])
    // The tutor (the actor), a student not booked, and another school's member hear nothing.
    expect((await bell(s.teacher, { session: id })).filter((n) => n.kind === 'session_cancelled')).toEqual([])
    expect(await bell(bystander, { session: id })).toEqual([])
    expect(await bell(s.stranger, { session: id })).toEqual([])

    // Email by default, in Kiswahili for the sw account, with the session's page as the link.
    const email = (await mails(s.student)).slice(before)
    expect(email).toHaveLength(1)
    expect(email[0]?.subject).toBe('Kipindi kimeghairiwa: Geometry')
    expect(email[0]?.action_url).toBe(`${SUPABASE_URL}/t/${s.tenant.slug}/sessions/${id}`)
    expect(email[0]?.body_text).toContain(`${SUPABASE_URL}/t/${s.tenant.slug}/sessions/${id}`)
    expect(email[0]?.body_text).not.toContain('English below')
    const classmateMail = (await mails(s.classmate)).filter(
      (m) => m.subject === 'Session cancelled: Geometry',
    )
    expect(classmateMail).toHaveLength(1)
  })

  it('an account that never chose a language gets both, Kiswahili first', async () => {
    const id = await newSession(call, s.teacher, s.tenant.id, { starts_at: MONDAY, title: 'Bilingual' })
    await bookSeat(id, bystander)
    await call('DELETE', `/sessions/${id}`, { token: s.teacher.token })
    const [n] = await bell(bystander, { session: id })
    expect(n?.title).toBe('Session cancelled: Bilingual')
    const email = (await mails(bystander)).filter((m) => m.subject.includes('Bilingual'))
    expect(email).toHaveLength(1)
    expect(email[0]?.subject).toBe('Kipindi kimeghairiwa: Bilingual / Session cancelled: Bilingual')
    const body = email[0]?.body_text ?? ''
    expect(body.indexOf('ameghairi')).toBeGreaterThan(-1)
    expect(body.indexOf('ameghairi')).toBeLessThan(body.indexOf('cancelled the session'))
  })

  it('tells booked students of a new time with the old and the new one, in the school time zone', async () => {
    const id = await newSession(call, s.teacher, s.tenant.id, { starts_at: MONDAY, title: 'Moved' })
    await bookSeat(id, s.classmate)
    const res = await call('PATCH', `/sessions/${id}`, {
      token: s.teacher.token,
      body: { starts_at: TUESDAY, duration_minutes: 45 },
    })
    expect(res.status, res.text).toBe(200)
    const [n] = (await bell(s.classmate, { session: id })).filter((x) => x.kind === 'session_rescheduled')
    expect(n).toMatchObject({
      title: 'Session moved: Moved',
      body: 'Now Tue 5 Mar 2030, 14:30 Nairobi time (UTC+3), 45 minutes (was Mon 4 Mar 2030, 12:00 Nairobi time (UTC+3), 60 minutes).',
    })
    // A change of title alone is no reschedule.
    await call('PATCH', `/sessions/${id}`, { token: s.teacher.token, body: { title: 'Moved again' } })
    expect(
      (await bell(s.classmate, { session: id })).filter((x) => x.kind === 'session_rescheduled'),
    ).toHaveLength(1)
    expect(await bell(bystander, { session: id })).toEqual([])
  })

  it('follows the person’s settings: email off, bell off', async () => {
    const id = await newSession(call, s.teacher, s.tenant.id, { starts_at: MONDAY, title: 'Quiet' })
    const quiet = await createUser(sql, { name: 'Quiet' })
    await sql`insert into public.memberships (tenant_id, user_id, role) values (${s.tenant.id}, ${quiet.id}, 'student')`
    await sql`insert into public.notification_settings (user_id, kind, in_app, email)
              values (${quiet.id}, 'session_cancelled', false, false), (${quiet.id}, 'session_rescheduled', true, false)`
    await bookSeat(id, quiet)
    await call('PATCH', `/sessions/${id}`, { token: s.teacher.token, body: { starts_at: TUESDAY } })
    await call('DELETE', `/sessions/${id}`, { token: s.teacher.token })
    expect((await bell(quiet, { session: id })).map((n) => n.kind)).toEqual(['session_rescheduled'])
    expect(await mails(quiet)).toEqual([])
  })
})

describe('lesson notifications', () => {
  async function publish(lessonId: string, by: TestUser, title = 'Photosynthesis') {
    await sql.begin(async (tx) => {
      await tx`select set_config('request.jwt.claims', ${JSON.stringify({ sub: by.id, role: 'authenticated' })}, true)`
      await tx`insert into public.lesson_versions (lesson_id, version, title, html, plain_text, state, published_by)
               values (${lessonId}, 0, ${title}, '<p>x</p>', 'x', '\\x00', ${by.id})`
    })
  }

  it('tells the enrolled students of a published lesson; not the publisher, not the unenrolled', async () => {
    const [course] = await sql`
      insert into public.courses (tenant_id, title, created_by) values (${s.tenant.id}, 'Biology', ${s.teacher.id}) returning id`
    const [lesson] = await sql`
      insert into public.lessons (course_id, title, created_by) values (${course?.id}, 'Photosynthesis', ${s.teacher.id}) returning id`
    const lessonId = lesson?.id as string
    await sql`insert into public.enrolments (course_id, user_id) values (${course?.id}, ${s.student.id})`
    // An enrolled student who left the school hears nothing.
    const leaver = await createUser(sql)
    await sql`insert into public.memberships (tenant_id, user_id, role) values (${s.tenant.id}, ${leaver.id}, 'student')`
    await sql`insert into public.enrolments (course_id, user_id) values (${course?.id}, ${leaver.id})`
    await sql`delete from public.memberships where tenant_id = ${s.tenant.id} and user_id = ${leaver.id}`
    await publish(lessonId, s.teacher)

    expect(await bell(s.student, { lesson: lessonId })).toEqual([
      expect.objectContaining({
        kind: 'lesson_published',
        title: 'Somo jipya: Photosynthesis',
        body: 'Biology: "Photosynthesis" liko tayari kusomwa.',
        link: `/t/${s.tenant.slug}/lessons/${lessonId}`,
        lesson_id: lessonId,
      }),
    ])
    expect(await bell(s.teacher, { lesson: lessonId })).toEqual([])
    expect(await bell(s.classmate, { lesson: lessonId })).toEqual([])
    expect(await bell(leaver, { lesson: lessonId })).toEqual([])
    // In the app only by default.
    expect((await mails(s.student)).filter((m) => m.subject.includes('Photosynthesis'))).toEqual([])

    await publish(lessonId, s.teacher)
    expect((await bell(s.student, { lesson: lessonId })).map((n) => n.title)).toEqual([
      'Somo jipya: Photosynthesis',
      'Somo limesasishwa: Photosynthesis',
    ])
    // Read through the API, the bell keeps them while enrolled and drops them once unenrolled.
    const mine = async () =>
      ((await call('GET', '/notifications', { token: s.student.token })).body.items as Row[]).filter(
        (n) => n.kind === 'lesson_published' && n.link.endsWith(lessonId),
      )
    expect(await mine()).toHaveLength(2)
    await sql`delete from public.enrolments where course_id = ${course?.id} and user_id = ${s.student.id}`
    expect(await mine()).toEqual([])
  })
})

describe('membership notifications', () => {
  it('tells a member their new role, named as people say it; not the admin who changed it', async () => {
    const member = await createUser(sql, { name: 'Wanjiru' })
    await sql`insert into public.memberships (tenant_id, user_id, role) values (${s.tenant.id}, ${member.id}, 'student')`
    await setLocale(sql, member, 'sw')
    const res = await call('PATCH', `/tenants/${s.tenant.id}/members/${member.id}`, {
      token: s.admin.token,
      body: { role: 'staff' },
    })
    expect(res.status, res.text).toBe(200)
    const [n] = await bell(member)
    expect(n).toMatchObject({
      kind: 'role_changed',
      title: `Sasa wewe ni mhudumu katika ${s.tenant.name}`,
      body: `Admin amekufanya mhudumu katika ${s.tenant.name} (awali: mwanafunzi).`,
      link: `/t/${s.tenant.slug}`,
    })
    expect((await bell(s.admin)).filter((x) => x.kind === 'role_changed')).toEqual([])
    const email = await mails(member)
    expect(email).toHaveLength(1)
    expect(email[0]?.action_url).toBe(`${SUPABASE_URL}/t/${s.tenant.slug}`)
  })

  it('tells the person who invited that their invitation was accepted', async () => {
    const owner = await createUser(sql, { name: 'Owner' })
    const other = await createUser(sql, { name: 'Other admin' })
    const tenant = await createTenant(sql, owner, [[other, 'admin']])
    const invitee = await createUser(sql, { name: 'Baraka' })
    const sent = await call('POST', `/tenants/${tenant.id}/invitations`, {
      token: owner.token,
      body: { email: invitee.email, role: 'instructor' },
    })
    expect(sent.status, sent.text).toBe(201)
    const token = String(sent.body.invite_url).split('/invite/')[1]
    const accepted = await call('POST', '/invitations/accept', { token: invitee.token, body: { token } })
    expect(accepted.status, accepted.text).toBe(200)
    const [n] = await bell(owner)
    expect(n).toMatchObject({
      kind: 'invitation_accepted',
      title: `Baraka joined ${tenant.name}`,
      body: `Baraka (${invitee.email}) accepted your invitation and joined ${tenant.name} as an instructor.`,
      link: `/t/${tenant.slug}/members`,
    })
    expect(await bell(other)).toEqual([])
    expect(await bell(invitee)).toEqual([])
    const email = await mails(owner)
    expect(email).toHaveLength(1)
    expect(email[0]?.subject).toBe(`${'Baraka amejiunga na '}${tenant.name} / Baraka joined ${tenant.name}`)
    expect(email[0]?.body_text).toContain(`${SUPABASE_URL}/t/${tenant.slug}/members`)
    expect(email[0]?.body_text).toContain(`${SUPABASE_URL}/account`)
  })
})

describe('defaults', () => {
  it('private.notification_defaults() is NOTIFICATION_DEFAULTS, in NOTIFICATION_KINDS order', async () => {
    const rows = await sql<{ kind: string; in_app: boolean; email: boolean }[]>`
      select kind, in_app, email from private.notification_defaults() order by ord`
    expect(rows.map((r) => r.kind)).toEqual([...NOTIFICATION_KINDS])
    expect(Object.fromEntries(rows.map((r) => [r.kind, { in_app: r.in_app, email: r.email }]))).toEqual(
      NOTIFICATION_DEFAULTS,
    )
    const [k] = await sql<{ kinds: string[] }[]>`select private.notification_kinds() as kinds`
    expect(k?.kinds).toEqual([...NOTIFICATION_KINDS])
  })

  it('private.reminder_minutes() is REMINDER_MINUTES', async () => {
    const [row] = await sql<{ m: number[] }[]>`select private.reminder_minutes() as m`
    expect(row?.m).toEqual([...REMINDER_MINUTES])
  })

  it('the bell and the settings accept every kind and refuse others', async () => {
    const user = await createUser(sql)
    for (const kind of NOTIFICATION_KINDS) {
      await sql`insert into public.notifications (user_id, kind, title) values (${user.id}, ${kind}, 'x')`
    }
    await expect(
      sql`insert into public.notifications (user_id, kind, title) values (${user.id}, 'made_up', 'x')`,
    ).rejects.toThrow(/notifications_kind_check/)
    await expect(
      sql`insert into public.notification_settings (user_id, kind, in_app, email) values (${user.id}, 'made_up', true, true)`,
    ).rejects.toThrow(/check/)
  })
})

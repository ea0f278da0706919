// Suspending a school (issue 17, superadmin console): its members can neither read nor write its
// data while the data stays intact for the superadmin; reactivation gives everything back; only
// superadmins call the console's functions; members' live subscriptions end within seconds; every
// console action is audited with before and after.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { queueTopic, ticketTopic, userTopic } from '../../edge/contract/support.ts'
import { type Tx, withUser } from '../../edge/lib/db.ts'
import { CloseCode } from '../../realtime/core/close-codes.ts'
import { createDesk, recorder } from '../../realtime/live/testing.ts'
import { startTestServer } from '../../realtime/testing.ts'
import { createLesson, openProvider } from '../../realtime/yjs/testing.ts'
import { newCourse, newLesson } from '../support/course-work.ts'
import { createUser, type TestUser, testDb } from '../support/fixtures.ts'
import { createWorld, outcome, slug, type World } from '../support/rls.ts'

const sql = testDb(6)
let w: World
let course: string
let lesson: string
beforeAll(async () => {
  w = await createWorld(sql)
  course = await newCourse(sql, w.a.id, w.users.instructor.id)
  lesson = await newLesson(sql, course)
  await sql`insert into public.enrolments (course_id, user_id) values (${course}, ${w.users.student.id})`
})
afterAll(() => sql.end())

const SUPERADMINS_ONLY = 'Only platform super-admins can do that.'

const as = <T>(user: TestUser, run: (tx: Tx) => Promise<T>) => withUser(sql, user.claims, run)
const setStatus = (user: TestUser, tenant: string, status: string, reason = 'Unpaid invoices since March') =>
  as(user, (tx) => tx`select * from public.set_school_status(${tenant}, ${status}, ${reason})`)

/** What each person sees of school A: courses, members, lessons, enrolments, the school row. */
async function visible(user: TestUser) {
  return as(user, async (tx) => {
    const [r] = await tx`
      select (select count(*)::int from public.courses where tenant_id = ${w.a.id}) as courses,
             (select count(*)::int from public.memberships where tenant_id = ${w.a.id}) as members,
             (select count(*)::int from public.lessons where course_id = ${course}) as lessons,
             (select count(*)::int from public.enrolments where course_id = ${course}) as enrolments,
             (select count(*)::int from public.tenants where id = ${w.a.id}) as tenant`
    return r
  })
}

describe('a suspended school', () => {
  it('is unreadable and unwritable to its members, intact for the superadmin, and back on reactivation', async () => {
    const { owner, admin, instructor, student, superadmin } = w.users
    const before = await Promise.all([owner, instructor, student, superadmin].map(visible))
    expect(before[0]).toEqual({ courses: 1, members: 6, lessons: 1, enrolments: 1, tenant: 1 })
    expect(before[2]).toMatchObject({ courses: 1, lessons: 1, tenant: 1 })

    await setStatus(superadmin, w.a.id, 'suspended')
    try {
      // Only rows about themselves stay theirs to see (their membership, a student's enrolment):
      // they say that they belong, nothing of the school's content.
      for (const member of [owner, admin, instructor]) {
        expect(await visible(member)).toEqual({
          courses: 0,
          members: 1,
          lessons: 0,
          enrolments: 0,
          tenant: 0,
        })
      }
      expect(await visible(student)).toEqual({ courses: 0, members: 1, lessons: 0, enrolments: 1, tenant: 0 })
      expect(await visible(superadmin)).toEqual(before[3])
      // Nothing is written either.
      expect(
        await outcome(
          sql,
          admin,
          (tx) => tx`update public.courses set title = 'Renamed' where id = ${course}`,
        ),
      ).toBe(0)
      expect(
        await outcome(
          sql,
          owner,
          (tx) => tx`insert into public.courses (tenant_id, title) values (${w.a.id}, 'New')`,
        ),
      ).toBe('new row violates row-level security policy for table "courses"')
      expect(
        await outcome(
          sql,
          owner,
          (tx) => tx`update public.tenants set name = 'Renamed school' where id = ${w.a.id}`,
        ),
      ).toBe(0)
      // Lesson drafts and live topics answer no access.
      const [access] = await as(instructor, (tx) => tx`select public.lesson_access(${lesson}) as a`)
      expect(access.a).toBe('none')
      // The other school is untouched.
      expect(
        await as(w.users.adminB, (tx) => tx`select id from public.tenants where id = ${w.b.id}`),
      ).toHaveLength(1)
      // The data is intact.
      const [rows] =
        await sql`select (select count(*)::int from public.courses where tenant_id = ${w.a.id}) as n`
      expect(rows.n).toBe(1)
    } finally {
      await setStatus(superadmin, w.a.id, 'active', 'Paid in full')
    }
    expect(await Promise.all([owner, instructor, student, superadmin].map(visible))).toEqual(before)
    const [access] = await as(instructor, (tx) => tx`select public.lesson_access(${lesson}) as a`)
    expect(access.a).toBe('edit')
  })

  it('tells its members why they cannot get in; the reason only to owners, admins and superadmins', async () => {
    const { owner, student, superadmin, outsider } = w.users
    const reason = 'Contract under review'
    await setStatus(superadmin, w.a.id, 'suspended', reason)
    try {
      const read = (user: TestUser) =>
        as(
          user,
          (tx) =>
            tx`select status, suspension_reason, suspended_at is not null as since from public.my_school_status(${w.a.slug.toUpperCase()})`,
        )
      expect(await read(owner)).toEqual([{ status: 'suspended', suspension_reason: reason, since: true }])
      expect(await read(student)).toEqual([{ status: 'suspended', suspension_reason: null, since: true }])
      expect(await read(superadmin)).toEqual([
        { status: 'suspended', suspension_reason: reason, since: true },
      ])
      expect(await read(outsider)).toEqual([])
    } finally {
      await setStatus(superadmin, w.a.id, 'active', 'Review done')
    }
    expect(
      await as(owner, (tx) => tx`select status, suspension_reason from public.my_school_status(${w.a.slug})`),
    ).toEqual([{ status: 'active', suspension_reason: null }])
  })

  it('is suspended and reactivated only by superadmins, with a reason, and audited before and after', async () => {
    const { owner, admin, superadmin } = w.users
    for (const who of [owner, admin]) {
      expect(
        await outcome(
          sql,
          who,
          (tx) => tx`select * from public.set_school_status(${w.a.id}, 'suspended', 'Because')`,
        ),
      ).toBe(SUPERADMINS_ONLY)
      // Not by writing the columns either.
      expect(
        await outcome(
          sql,
          who,
          (tx) =>
            tx`update public.tenants set status = 'suspended', suspended_at = now(), suspension_reason = 'x' where id = ${w.a.id}`,
        ),
      ).toBe('Only platform super-admins suspend or reactivate a school, from the console.')
    }
    expect(
      await outcome(
        sql,
        owner,
        (tx) =>
          tx`insert into public.tenants (name, slug, status, suspended_at, suspension_reason) values ('Sneaky', ${slug()}, 'suspended', now(), 'x')`,
      ),
    ).toBe('Only platform super-admins suspend or reactivate a school, from the console.')
    expect(
      await outcome(
        sql,
        superadmin,
        (tx) => tx`select * from public.set_school_status(${w.b.id}, 'suspended', ' ')`,
      ),
    ).toBe('Give a reason of 3 to 500 characters.')
    expect(
      await outcome(
        sql,
        superadmin,
        (tx) => tx`select * from public.set_school_status(${w.b.id}, 'active', 'Why not')`,
      ),
    ).toBe('This school is already active.')
    const since = new Date()
    await setStatus(superadmin, w.b.id, 'suspended', 'Fraud check')
    await setStatus(superadmin, w.b.id, 'active', 'Cleared')
    const entries = await sql`
      select action, actor_id, details from public.audit_log
      where tenant_id = ${w.b.id} and action like 'school.%' and created_at >= ${since} order by id`
    expect(entries.map((e) => [e.action, e.actor_id])).toEqual([
      ['school.suspended', superadmin.id],
      ['school.reactivated', superadmin.id],
    ])
    expect(entries[0].details).toMatchObject({
      reason: 'Fraud check',
      before: { status: 'active', suspended_at: null, suspension_reason: null },
      after: { status: 'suspended', suspension_reason: 'Fraud check' },
    })
    expect(entries[1].details).toMatchObject({
      reason: 'Cleared',
      before: { status: 'suspended', suspension_reason: 'Fraud check' },
      after: { status: 'active', suspended_at: null, suspension_reason: null },
    })
  })
})

describe('the console functions', () => {
  it('answer superadmins only', async () => {
    const { owner, admin, student } = w.users
    for (const who of [owner, admin, student]) {
      const calls: ((tx: Tx) => Promise<{ count: number }>)[] = [
        (tx) => tx`select * from public.admin_schools(null, null, 10, 0)`,
        (tx) => tx`select * from public.set_school_plan(${w.a.id}, 'premium', 'Upgrade please')`,
        (tx) => tx`select * from public.admin_create_school('Mine', ${slug()}, 'me@test.kipindi.test', 'x')`,
      ]
      for (const call of calls) expect(await outcome(sql, who, call)).toBe(SUPERADMINS_ONLY)
    }
  })

  it('list a school with its plan, status, members by role, owners and usage this month', async () => {
    await sql`insert into public.ai_usage_daily (tenant_id, day, provider, requests, tokens_in, tokens_out)
              values (${w.a.id}, (now() at time zone 'Africa/Nairobi')::date, 'fake', 7, 1000, 234)`
    await sql`insert into public.tutoring_sessions (tenant_id, instructor_id, title, starts_at, duration_minutes, capacity)
              values (${w.a.id}, ${w.users.instructor.id}, 'Fractions', now() - interval '1 minute', 45, 4)`
    const [row] = await as(
      w.users.superadmin,
      (tx) => tx`select * from public.admin_schools(${w.a.slug}, null, 10, 0)`,
    )
    expect(row).toMatchObject({
      id: w.a.id,
      status: 'active',
      plan: 'free',
      stripe_subscribed: false,
      members_by_role: { owner: 1, admin: 1, instructor: 1, staff: 1, student: 2 },
      member_count: 6,
      owner_emails: [w.users.owner.email],
      ai_requests: '7',
      ai_tokens: '1234',
      video_minutes: '45',
      storage_bytes: '0',
      total: 1,
    })
    const suspendedOnly = await as(
      w.users.superadmin,
      (tx) => tx`select id from public.admin_schools(${w.a.slug}, 'suspended', 10, 0)`,
    )
    expect(suspendedOnly).toHaveLength(0)
  })

  it('put a school on a plan by hand, audited as an override that the next Stripe event replaces', async () => {
    const owner = await createUser(sql)
    const [t] =
      await sql`insert into public.tenants (name, slug, created_by) values ('Plan school', ${slug()}, ${owner.id}) returning id`
    await sql`select private.apply_subscription('stripe', ${`evt_${t.id}_1`}, ${t.id}, 'standard', 'active', now() + interval '30 days',
      'cus_1', ${`sub_${t.id}`}, now() - interval '1 hour')`
    const [changed] = await as(
      w.users.superadmin,
      (tx) => tx`select * from public.set_school_plan(${t.id}, 'premium', 'Pilot for the county')`,
    )
    expect(changed).toEqual({ plan: 'premium', status: 'active', stripe_subscribed: true })
    const [entry] = await sql`
      select actor_id, details from public.audit_log
      where tenant_id = ${t.id} and action = 'plan.changed' and details ->> 'source' = 'superadmin'`
    expect(entry.actor_id).toBe(w.users.superadmin.id)
    expect(entry.details).toMatchObject({
      manual_override: true,
      reason: 'Pilot for the county',
      stripe_subscription_id: `sub_${t.id}`,
      before: { plan: 'standard', seats: 500 },
      after: { plan: 'premium', seats: 5000 },
    })
    // A Stripe event created before the override and delivered late changes nothing…
    const [late] =
      await sql`select private.apply_subscription('stripe', ${`evt_${t.id}_2`}, ${t.id}, 'standard', 'active', null,
      null, null, now() - interval '10 minutes') as r`
    expect(late.r).toBe('ignored')
    // …the subscription's next event replaces the manual plan.
    const [next] =
      await sql`select private.apply_subscription('stripe', ${`evt_${t.id}_3`}, ${t.id}, 'standard', 'active', null,
      null, null, now() + interval '1 second') as r`
    expect(next.r).toBe('applied')
    const [e] = await sql`select plan from public.school_entitlements where tenant_id = ${t.id}`
    expect(e.plan).toBe('standard')
    expect(
      await outcome(
        sql,
        w.users.superadmin,
        (tx) => tx`select * from public.set_school_plan(${t.id}, 'gold', 'Because')`,
      ),
    ).toBe('Unknown plan gold.')
  })

  it('create a school for someone: no members yet, an owner invitation for their email, audited', async () => {
    const s = slug()
    const ownerEmail = `owner-${s}@test.kipindi.test`
    const [created] = await as(
      w.users.superadmin,
      (tx) =>
        tx`select * from public.admin_create_school('  Mwangaza Academy ', ${s}, ${ownerEmail.toUpperCase()}, 'hash-of-token')`,
    )
    const [inv] =
      await sql`select email, role, invited_by from public.invitations where id = ${created.invitation_id}`
    expect(inv).toEqual({ email: ownerEmail, role: 'owner', invited_by: w.users.superadmin.id })
    const [school] =
      await sql`select name, created_by, status, (select count(*)::int from public.memberships m where m.tenant_id = t.id) as members
                               from public.tenants t where t.id = ${created.tenant_id}`
    expect(school).toEqual({ name: 'Mwangaza Academy', created_by: null, status: 'active', members: 0 })
    const [entry] =
      await sql`select actor_id, details from public.audit_log where tenant_id = ${created.tenant_id} and action = 'school.created_for_owner'`
    expect(entry.actor_id).toBe(w.users.superadmin.id)
    expect(entry.details).toMatchObject({
      before: null,
      after: { slug: s, status: 'active' },
      owner_email: ownerEmail,
    })
  })
})

describe('live connections of a suspended school', () => {
  it('a member’s subscriptions end within 2 s of the suspension (the access signal)', async () => {
    // The periodic backstop is off: only the database's signal can end these subscriptions.
    const t = await startTestServer({ liveRecheckMs: 0 })
    const desk = await createDesk(sql)
    const staff = recorder(t.url(undefined, desk.staff.token))
    try {
      expect(await staff.subscribe(ticketTopic(desk.ticket))).toMatchObject({ type: 'subscribed' })
      expect(await staff.subscribe(queueTopic(desk.tenant.id))).toMatchObject({ type: 'subscribed' })
      expect(await staff.subscribe(userTopic(desk.staff.id))).toMatchObject({ type: 'subscribed' })
      const at = Date.now()
      await setStatus(w.users.superadmin, desk.tenant.id, 'suspended', 'Security incident')
      await staff.waitFor(
        (m) => m.type === 'error' && m.code === 'forbidden' && m.topic === ticketTopic(desk.ticket),
        'the ticket refused',
        2000,
      )
      await staff.waitFor(
        (m) => m.type === 'unsubscribed' && m.topic === queueTopic(desk.tenant.id),
        'the queue ended',
        2000,
      )
      // Their own topic hears why (the web app's cue to show the notice in place).
      await staff.waitFor(
        (m) =>
          m.type === 'event' &&
          m.topic === userTopic(desk.staff.id) &&
          m.event === 'access' &&
          JSON.stringify(m.data).includes('tenants'),
        'the access event',
        2000,
      )
      expect(Date.now() - at).toBeLessThan(2000)
      expect(await staff.subscribe(ticketTopic(desk.ticket))).toMatchObject({
        type: 'error',
        code: 'forbidden',
      })
      // Reactivated: they may subscribe again.
      await setStatus(w.users.superadmin, desk.tenant.id, 'active', 'Incident closed')
      expect(await staff.subscribe(ticketTopic(desk.ticket))).toMatchObject({ type: 'subscribed' })
    } finally {
      staff.close()
      await t.close()
    }
  })

  it('a co-author’s lesson editing socket closes within 3 s of the suspension', async () => {
    // The periodic re-check is slow here: only the database's signal can close the socket in time.
    const t = await startTestServer({ yjs: { accessCheckMs: 60_000 } })
    const lesson = await createLesson(sql)
    const p = openProvider(t.server.port, lesson.lessonId, lesson.editor.token)
    try {
      await p.synced()
      const closed = new Promise<{ code: number }>((resolve) => p.provider.once('closed', resolve))
      const at = Date.now()
      await setStatus(w.users.superadmin, lesson.tenantId, 'suspended', 'Security incident')
      expect((await closed).code).toBe(CloseCode.FORBIDDEN)
      expect(Date.now() - at).toBeLessThan(3000)
    } finally {
      p.destroy()
      await t.close()
    }
  })
})

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { setupApi } from '../../edge/api/core/testing.ts'
import { type Tx, withUser } from '../../edge/lib/db.ts'
import { createUser, type TestUser, unique } from '../support/fixtures.ts'

// The platform dashboard (issue 20): public.platform_weekly and public.platform_totals. The clock is
// fixed at Wednesday 22 May 1991, noon in Nairobi, so that no other file's data falls in its three
// weeks (Mondays 6, 13 and 20 May); the figures are compared with the ones worked out by hand from
// the rows below and with an independent computation (one query per week and figure, straight from
// the tables), and the totals with the tables as they stand, in the same snapshot.
//
// School A (new in week 1): student s1 reads and finishes a lesson, comes to session S1 with the
// tutor; the tutor alone in S2; s1 "came" to S3, which was cancelled; s1 opens a ticket. s2 asks A's
// tutor on Sunday 12 May at 22:00 UTC, which is Monday in Nairobi: week 2. A sells a course for USD
// 2,000.00 in week 2; in week 3 s1 opens another lesson and the teacher (not a student) posts.
// School B (new in week 2): s2 (also a student of A) opens and finishes a lesson and starts a forum
// thread, s3 replies; a KES 1,500.00 sale, KES 500.00 of it refunded in week 3. School C: new in
// week 3, nothing else. Outside the weeks: a ticket on 1 May, s3's reply on 23 May (after the clock).
const api = await setupApi()
const { sql } = api
afterAll(() => api.close())

const CLOCK = '1991-05-22T09:00:00Z'
const WEEKS = ['1991-05-06', '1991-05-13', '1991-05-20']
/** A moment in Nairobi time (UTC+3) on a day of May 1991. */
const at = (day: number, hour = 10) => new Date(Date.UTC(1991, 4, day, hour - 3)).toISOString()

let superadmin: TestUser
let ownerA: TestUser
let s1: TestUser
let s2: TestUser
let s3: TestUser
let teacher: TestUser
const school = { a: '', b: '', c: '' }

async function newSchool(owner: TestUser, created: string) {
  const slug = unique('plat-').toLowerCase().slice(0, 40)
  const [t] = await sql`insert into public.tenants (name, slug, created_by, created_at)
    values (${`Platform ${slug}`}, ${slug}, ${owner.id}, ${created}) returning id`
  return t?.id as string
}

async function lessonIn(tenant: string, by: string) {
  const [c] =
    await sql`insert into public.courses (tenant_id, title, created_by) values (${tenant}, 'C', ${by}) returning id`
  const [l] = await sql`insert into public.lessons (course_id, title) values (${c?.id}, 'L') returning id`
  return { course: c?.id as string, lesson: l?.id as string }
}

/** Rows as they were written then: triggers that stamp the present time are off. */
const asThen = (write: (tx: Tx) => Promise<unknown>) =>
  sql.begin(async (tx) => {
    await tx`set local session_replication_role = replica`
    await write(tx)
  })

async function session(tenant: string, course: string, startsAt: string, came: string[], status?: string) {
  const [s] =
    await sql`insert into public.tutoring_sessions (tenant_id, instructor_id, course_id, title, starts_at, duration_minutes, capacity)
    values (${tenant}, ${teacher.id}, ${course}, 'S', ${startsAt}, 60, 10) returning id`
  const id = s?.id as string
  for (const person of came) {
    await sql`insert into public.session_attendance (session_id, stay_key, user_id, transport, joined_at, left_at)
      values (${id}, ${person}, ${person}, 'p2p', ${startsAt}, ${startsAt}::timestamptz + interval '40 minutes')`
  }
  if (status)
    await asThen((tx) => tx`update public.tutoring_sessions set status = ${status} where id = ${id}`)
}

/** A course payment that succeeded (and a refund), with its ledger postings dated as in those weeks. */
async function sale(tenant: string, course: string, currency: string, amount: number, when: string) {
  const [p] =
    await sql`insert into public.payments (tenant_id, payer_id, beneficiary_id, purpose, course_id, provider, currency, amount_minor)
    values (${tenant}, ${s2.id}, ${s2.id}, 'course', ${course}, 'test', ${currency}, ${amount}) returning id`
  const id = p?.id as string
  await sql`select private.record_payment_success('test', ${unique('ev')}, ${id}, ${`ref-${id}`}, ${amount}, ${currency})`
  await asThen(async (tx) => {
    await tx`update public.ledger_transactions set created_at = ${when} where payment_id = ${id} and kind = 'sale'`
    await tx`update public.ledger_entries e set created_at = ${when} from public.ledger_transactions t
      where t.id = e.transaction_id and t.payment_id = ${id} and t.kind = 'sale'`
  })
  return id
}

async function refund(payment: string, amount: number, when: string) {
  await sql`select private.record_refund('test', ${unique('ev')}, ${payment}, ${amount})`
  await asThen(async (tx) => {
    await tx`update public.ledger_transactions set created_at = ${when} where payment_id = ${payment} and kind = 'refund'`
    await tx`update public.ledger_entries e set created_at = ${when} from public.ledger_transactions t
      where t.id = e.transaction_id and t.payment_id = ${payment} and t.kind = 'refund'`
  })
}

beforeAll(async () => {
  superadmin = await createUser(sql, { platformRole: 'superadmin' })
  let ownerB: TestUser
  let ownerC: TestUser
  ;[ownerA, ownerB, ownerC, s1, s2, s3, teacher] = await Promise.all(
    Array.from({ length: 7 }, () => createUser(sql)),
  )
  school.a = await newSchool(ownerA, at(7))
  school.b = await newSchool(ownerB, at(14))
  school.c = await newSchool(ownerC, at(21))
  await sql`insert into public.memberships (tenant_id, user_id, role) values
    (${school.a}, ${s1.id}, 'student'), (${school.a}, ${s2.id}, 'student'), (${school.a}, ${teacher.id}, 'instructor'),
    (${school.b}, ${s2.id}, 'student'), (${school.b}, ${s3.id}, 'student')`
  const a1 = await lessonIn(school.a, ownerA.id)
  const [a2] =
    await sql`insert into public.lessons (course_id, title) values (${a1.course}, 'L2') returning id`
  const b1 = await lessonIn(school.b, ownerB.id)

  await asThen(async (tx) => {
    await tx`insert into public.lesson_progress (user_id, lesson_id, course_id, tenant_id, first_read_at, last_read_at, completed_at) values
      (${s1.id}, ${a1.lesson}, ${a1.course}, ${school.a}, ${at(8)}, ${at(8, 11)}, ${at(8, 11)}),
      (${s1.id}, ${a2?.id}, ${a1.course}, ${school.a}, ${at(21)}, ${at(21)}, null),
      (${s2.id}, ${b1.lesson}, ${b1.course}, ${school.b}, ${at(14)}, ${at(16)}, ${at(16)})`
    await tx`insert into public.tickets (tenant_id, number, requester_id, subject, category, created_at) values
      (${school.a}, 1, ${s1.id}, 'Sound', 'technical', ${at(11)}), (${school.a}, 2, ${s1.id}, 'Old', 'technical', ${at(1)})`
    const [thread] =
      await tx`insert into public.forum_threads (tenant_id, course_id, category, title, body, author_id, created_at, last_post_at)
      values (${school.b}, ${b1.course}, 'question', 'T', 'Body', ${s2.id}, ${at(15)}, ${at(15)}) returning id`
    await tx`insert into public.forum_posts (thread_id, course_id, tenant_id, body, author_id, created_at) values
      (${thread?.id}, ${b1.course}, ${school.b}, 'Reply', ${s3.id}, ${at(16)}),
      (${thread?.id}, ${b1.course}, ${school.b}, 'Late', ${s3.id}, ${at(23)})`
    await tx`insert into public.forum_threads (tenant_id, course_id, category, title, body, author_id, created_at, last_post_at)
      values (${school.a}, ${a1.course}, 'question', 'News', 'Body', ${teacher.id}, ${at(21)}, ${at(21)})`
  })
  await session(school.a, a1.course, at(9), [s1.id, teacher.id])
  await session(school.a, a1.course, at(10), [teacher.id])
  await session(school.a, a1.course, at(10, 14), [s1.id], 'cancelled')
  const [conv] =
    await sql`insert into public.ai_conversations (tenant_id, student_id, course_id, title, created_at)
    values (${school.a}, ${s2.id}, ${a1.course}, 'Q', ${'1991-05-12T22:00:00Z'}) returning id`
  await sql`insert into public.ai_messages (conversation_id, role, content, created_at) values
    (${conv?.id}, 'user', 'Why is the sky blue?', ${'1991-05-12T22:00:00Z'}),
    (${conv?.id}, 'assistant', 'Light scatters.', ${'1991-05-12T22:00:05Z'})`
  await sale(school.a, a1.course, 'USD', 200_000, at(17))
  const kes = await sale(school.b, b1.course, 'KES', 150_000, at(15))
  await refund(kes, 50_000, at(20))
})

type Week = {
  week: string
  schools_active: number
  schools_new: number
  active_students: number
  lessons_completed: number
  sessions_held: number
  tutor_questions: number
  tickets_opened: number
  money: { currency: string; received_minor: number; refunded_minor: number }[]
}

/** The function's weeks as `who` calls it, on the test's clock (rolled back: nothing is kept). */
async function platformWeeks(who: TestUser, weeks = 3): Promise<Week[]> {
  let rows: Week[] = []
  await withUser(sql, who.claims, async (tx) => {
    await tx`select set_config('kipindi.clock', ${CLOCK}, true)`
    rows = [
      ...(await tx<Week[]>`select week::text as week, schools_active, schools_new, active_students,
        lessons_completed, sessions_held, tutor_questions, tickets_opened, money
        from public.platform_weekly(${weeks})`),
    ]
  })
  return rows
}

/** The same figures straight from the tables: one query per week and figure, no shared code. */
async function independent(): Promise<Week[]> {
  return sql<Week[]>`
    with w as (
      select d::date::text as week, d::timestamp at time zone 'Africa/Nairobi' as from_at,
             least((d + interval '7 days')::timestamp at time zone 'Africa/Nairobi', ${CLOCK}::timestamptz) as to_at
      from generate_series(${WEEKS[0]}::date, ${WEEKS[2]}::date, interval '7 days') d
    ), act as (
      -- Who did what where, and when: the reports' definition of activity.
      select p.tenant_id, p.user_id, 'lesson' as what, t as at_ from public.lesson_progress p,
        unnest(array[p.first_read_at, p.last_read_at]) t
      union all select p.tenant_id, p.user_id, 'done', p.completed_at from public.lesson_progress p where p.completed_at is not null
      union all select s.tenant_id, a.user_id, 'came', s.starts_at from public.session_attendance a
        join public.tutoring_sessions s on s.id = a.session_id where a.joined_at is not null and s.status <> 'cancelled'
      union all select c.tenant_id, c.student_id, 'asked', m.created_at from public.ai_messages m
        join public.ai_conversations c on c.id = m.conversation_id where m.role = 'user'
      union all select f.tenant_id, f.author_id, 'posted', f.created_at from public.forum_threads f
      union all select f.tenant_id, f.author_id, 'posted', f.created_at from public.forum_posts f
    ), money as (
      select t.tenant_id, t.kind, t.created_at, e.currency, e.amount_minor from public.ledger_transactions t
      join public.ledger_entries e on e.transaction_id = t.id
      join public.ledger_accounts l on l.id = e.account_id and l.kind = 'gateway_clearing'
      where t.kind in ('sale', 'refund')
    )
    select w.week,
      (select count(*)::int from public.tenants t where t.id in (
         select x.tenant_id from act x where x.at_ >= w.from_at and x.at_ < w.to_at
         union select k.tenant_id from public.tickets k where k.created_at >= w.from_at and k.created_at < w.to_at
         union select y.tenant_id from money y where y.created_at >= w.from_at and y.created_at < w.to_at)) as schools_active,
      (select count(*)::int from public.tenants t where t.created_at >= w.from_at and t.created_at < w.to_at) as schools_new,
      (select count(distinct x.user_id)::int from act x where x.at_ >= w.from_at and x.at_ < w.to_at
         and exists (select 1 from public.memberships m where m.tenant_id = x.tenant_id and m.user_id = x.user_id
                     and m.role = 'student')) as active_students,
      (select count(*)::int from act x where x.what = 'done' and x.at_ >= w.from_at and x.at_ < w.to_at
         and exists (select 1 from public.memberships m where m.tenant_id = x.tenant_id and m.user_id = x.user_id
                     and m.role = 'student')) as lessons_completed,
      (select count(*)::int from public.tutoring_sessions s where s.status <> 'cancelled'
         and s.starts_at >= w.from_at and s.starts_at < w.to_at
         and exists (select 1 from public.session_attendance a join public.memberships m
                     on m.tenant_id = s.tenant_id and m.user_id = a.user_id and m.role = 'student'
                     where a.session_id = s.id and a.joined_at is not null)) as sessions_held,
      (select count(*)::int from act x where x.what = 'asked' and x.at_ >= w.from_at and x.at_ < w.to_at
         and exists (select 1 from public.memberships m where m.tenant_id = x.tenant_id and m.user_id = x.user_id
                     and m.role = 'student')) as tutor_questions,
      (select count(*)::int from public.tickets k where k.created_at >= w.from_at and k.created_at < w.to_at) as tickets_opened,
      coalesce((select jsonb_agg(jsonb_build_object('currency', c.currency, 'received_minor', c.received,
                                                    'refunded_minor', c.refunded) order by c.currency)
                from (select y.currency,
                        coalesce(sum(y.amount_minor) filter (where y.kind = 'sale'), 0)::bigint as received,
                        coalesce(-sum(y.amount_minor) filter (where y.kind = 'refund'), 0)::bigint as refunded
                      from money y where y.created_at >= w.from_at and y.created_at < w.to_at
                      group by y.currency) c), '[]'::jsonb) as money
    from w order by w.week`
}

const noMoney: Week['money'] = []

describe('public.platform_weekly', () => {
  it('counts the platform week by week, Monday to Sunday in Nairobi, up to now', async () => {
    const weeks = await platformWeeks(superadmin)
    expect(weeks).toEqual([
      {
        week: WEEKS[0],
        schools_active: 1,
        schools_new: 1,
        active_students: 1,
        lessons_completed: 1,
        sessions_held: 1,
        tutor_questions: 0,
        tickets_opened: 1,
        money: noMoney,
      },
      {
        week: WEEKS[1],
        schools_active: 2,
        schools_new: 1,
        active_students: 2,
        lessons_completed: 1,
        sessions_held: 0,
        tutor_questions: 1,
        tickets_opened: 0,
        money: [
          { currency: 'KES', received_minor: 150_000, refunded_minor: 0 },
          { currency: 'USD', received_minor: 200_000, refunded_minor: 0 },
        ],
      },
      {
        week: WEEKS[2],
        schools_active: 2,
        schools_new: 1,
        active_students: 1,
        lessons_completed: 0,
        sessions_held: 0,
        tutor_questions: 0,
        tickets_opened: 0,
        money: [{ currency: 'KES', received_minor: 0, refunded_minor: 50_000 }],
      },
    ])
    expect(weeks).toEqual(await independent())
  })

  it('gives the weeks asked for, the current one last', async () => {
    const one = await platformWeeks(superadmin, 1)
    expect(one.map((w) => w.week)).toEqual([WEEKS[2]])
    const many = await platformWeeks(superadmin, 52)
    expect(many).toHaveLength(52)
    expect(many.slice(-3)).toEqual(await independent())
    // Before: only the ticket of 1 May (week of 29 April) in school A.
    const before = many.slice(0, -3).filter((w) => w.schools_active + w.schools_new + w.tickets_opened > 0)
    expect(before).toEqual([{ ...many[0], week: '1991-04-29', schools_active: 1, tickets_opened: 1 }])
  })

  it('is for superadmins only (42501), and for 1 to 52 weeks (22023)', async () => {
    const refused = (who: TestUser, query: (tx: Tx) => Promise<unknown>) =>
      withUser(sql, who.claims, query).then(
        () => null,
        (e: { code?: string; hint?: string; message?: string }) => ({
          code: e.code,
          hint: e.hint,
          message: e.message,
        }),
      )
    for (const call of [
      (tx: Tx) => tx`select * from public.platform_weekly(3)`,
      (tx: Tx) => tx`select * from public.platform_totals()`,
    ]) {
      expect(await refused(ownerA, call)).toEqual({
        code: '42501',
        hint: 'superadmins_only',
        message: 'Only platform super-admins can do that.',
      })
    }
    for (const weeks of [0, 53, null]) {
      expect(await refused(superadmin, (tx) => tx`select * from public.platform_weekly(${weeks})`)).toEqual({
        code: '22023',
        hint: 'weeks_range',
        message: 'Charts cover 1 to 52 weeks.',
      })
    }
  })
})

describe('public.platform_totals', () => {
  it('counts schools by status and memberships by role as the tables stand', async () => {
    await sql`update public.tenants set status = 'suspended', suspended_at = ${at(22)}, suspension_reason = 'Test'
      where id = ${school.c}`
    const [fn, direct] = await sql.begin('isolation level repeatable read', async (tx) => {
      await tx`select set_config('request.jwt.claims', ${JSON.stringify(superadmin.claims)}, true)`
      const [totals] = await tx`select * from public.platform_totals()`
      const [tables] = await tx`select
        (select jsonb_object_agg(s, (select count(*) from public.tenants t where t.status = s))
         from unnest(array['active', 'suspended', 'deleted']) s) as schools_by_status,
        (select count(*)::int from public.tenants t where t.deletion_due_at is not null and t.status <> 'deleted') as deletion_planned,
        (select jsonb_object_agg(r, (select count(*) from public.memberships m where m.role = r))
         from unnest(enum_range(null::public.tenant_role)) r
         where exists (select 1 from public.memberships m where m.role = r)) as members_by_role,
        (select count(*)::int from (select distinct m.user_id from public.memberships m) p) as people`
      return [totals, tables]
    })
    expect(fn).toEqual(direct)
    expect(fn?.schools_by_status.suspended).toBeGreaterThanOrEqual(1)
    expect(fn?.members_by_role.student).toBeGreaterThanOrEqual(4)
  })
})

describe('GET /api/admin/platform/weekly', () => {
  it('answers 403 to a school owner and 422 to weeks out of range', async () => {
    const owner = await api.call('GET', '/admin/platform/weekly', { token: ownerA.token })
    expect(owner.status).toBe(403)
    expect(owner.body.error.code).toBe('superadmins_only')
    const many = await api.call('GET', '/admin/platform/weekly?weeks=53', { token: superadmin.token })
    expect(many.status).toBe(422)
    expect(many.body.error).toEqual({ code: 'weeks_range', message: 'Charts cover 1 to 52 weeks.' })
  })
})

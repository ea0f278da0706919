import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { withUser } from '../../edge/lib/db.ts'
import { createUser, type TestUser, testDb } from '../support/fixtures.ts'
import { createWorld, outcome, type World } from '../support/rls.ts'

// The payments report (issue 20). Tenant A keeps Nairobi time (UTC+3); the period is November 2026.
// Courses C and D. Payments that count (succeeded, partially refunded, refunded):
// - the student, C, M-Pesa, KES 1,500.00, 3 Nov 09:00 UTC;
// - the peer, C, card, USD 25.00 of which 10.00 refunded, 3 Nov 10:00 UTC (a second currency that day);
// - the student, D, card, USD 40.00, 3 Nov 22:30 UTC — 4 Nov in Nairobi;
// - the owner, plan "growth", test checkout, KES 500.00 refunded in full, 10 Nov;
// - the peer, C, M-Pesa, KES 200.00, 31 Oct 21:30 UTC — 1 Nov 00:30 in Nairobi, inside.
// Left out: a pending and a failed payment in the period, KES 900.00 on 31 Oct 20:30 UTC (23:30 in
// Nairobi, before the period), and tenant B's payment. The figures are checked against a plain
// query of public.payments; instructors, staff, students, parents and another school's admin are refused.
const sql = testDb(4)
let w: World
let parent: TestUser
const ids = {} as Record<'C' | 'D', string>
const FROM = '2026-11-01'
const TO = '2026-11-30'

type Row = {
  key: string | null
  day: string | null
  label: string | null
  detail: string | null
  reference: string | null
  provider: string | null
  status: string | null
  currency: string
  payments: number
  amount_minor: number
  refunded_minor: number
  net_minor: number
}

beforeAll(async () => {
  w = await createWorld(sql)
  const A = w.a.id
  const { student, peer, owner, instructor, adminB } = w.users
  parent = await createUser(sql)
  await sql`insert into public.memberships (tenant_id, user_id, role) values (${A}, ${parent.id}, 'parent')`
  await sql`update public.tenants set time_zone = 'Africa/Nairobi' where id = ${A}`
  await sql`update public.profiles set display_name = 'Amina' where id = ${student.id}`
  await sql`update public.profiles set display_name = 'Baraka' where id = ${peer.id}`
  for (const [key, title] of [
    ['C', 'Chemistry'],
    ['D', 'Drawing'],
  ] as const) {
    const [c] = await sql`insert into public.courses (tenant_id, title, created_by)
      values (${A}, ${title}, ${instructor.id}) returning id`
    ids[key] = c?.id as string
  }
  const pay = (
    tenant: string,
    payer: string,
    course: string | null,
    provider: string,
    currency: string,
    amount: number,
    status: string,
    refunded: number,
    at: string,
    ref: string,
  ) => sql`
    insert into public.payments (tenant_id, payer_id, beneficiary_id, purpose, course_id, plan, provider, currency,
      amount_minor, status, refunded_minor, provider_ref, created_at)
    values (${tenant}, ${payer}, ${course ? payer : null}, ${course ? 'course' : 'plan'}, ${course},
      ${course ? null : 'growth'}, ${provider}, ${currency}, ${amount}, ${status}, ${refunded}, ${ref}, ${at})`
  await pay(A, student.id, ids.C, 'mpesa', 'KES', 150000, 'succeeded', 0, '2026-11-03T09:00:00Z', 'MP-1')
  await pay(
    A,
    peer.id,
    ids.C,
    'stripe',
    'USD',
    2500,
    'partially_refunded',
    1000,
    '2026-11-03T10:00:00Z',
    'cs_2',
  )
  await pay(A, student.id, ids.D, 'stripe', 'USD', 4000, 'succeeded', 0, '2026-11-03T22:30:00Z', 'cs_3')
  await pay(A, owner.id, null, 'test', 'KES', 50000, 'refunded', 50000, '2026-11-10T08:00:00Z', 'test_4')
  await pay(A, peer.id, ids.C, 'mpesa', 'KES', 20000, 'succeeded', 0, '2026-10-31T21:30:00Z', 'MP-5')
  await pay(A, peer.id, ids.C, 'mpesa', 'KES', 30000, 'pending', 0, '2026-11-05T08:00:00Z', 'MP-6')
  await pay(A, peer.id, ids.D, 'stripe', 'USD', 9900, 'failed', 0, '2026-11-06T08:00:00Z', 'cs_7')
  await pay(A, student.id, ids.C, 'mpesa', 'KES', 90000, 'succeeded', 0, '2026-10-31T20:30:00Z', 'MP-8')
  await pay(w.b.id, adminB.id, null, 'stripe', 'USD', 7700, 'succeeded', 0, '2026-11-04T08:00:00Z', 'cs_b')
})
afterAll(() => sql.end())

const report = (who: TestUser, group: string, course: string | null = null) =>
  withUser(
    sql,
    who.claims,
    (tx) =>
      tx<Row[]>`select key, day::text as day, label, detail, reference, provider, status, currency, payments,
        amount_minor::float8 as amount_minor, refunded_minor::float8 as refunded_minor, net_minor::float8 as net_minor
      from public.payments_report(${w.a.id}, ${FROM}::date, ${TO}::date, ${group}, ${course}) order by ordinal`,
  )

/** The same figures straight from public.payments, grouped by `by` (a SQL expression of p) and currency. */
const independent = async (by: 'day' | 'course') => {
  const rows = await sql<{ k: string | null; currency: string; n: number; a: number; r: number }[]>`
    select ${by === 'day' ? sql`((p.created_at at time zone 'Africa/Nairobi')::date)::text` : sql`p.course_id::text`} as k,
      p.currency, count(*)::int as n, sum(p.amount_minor)::float8 as a, sum(p.refunded_minor)::float8 as r
    from public.payments p
    where p.tenant_id = ${w.a.id} and p.status in ('succeeded', 'partially_refunded', 'refunded')
      and (p.created_at at time zone 'Africa/Nairobi')::date between ${FROM}::date and ${TO}::date
    group by 1, 2`
  return rows
    .map((x) => [x.k, x.currency, x.n, x.a, x.r, x.a - x.r])
    .sort((x, y) => `${x[0]}${x[1]}`.localeCompare(`${y[0]}${y[1]}`))
}

describe('payments report', () => {
  it('lists each payment that brought money in, on its day in the school’s time zone', async () => {
    const rows = await report(w.users.admin, 'payment')
    expect(
      rows.map((r) => [r.day, r.reference, r.label, r.detail, r.provider, r.status, r.currency, r.net_minor]),
    ).toEqual([
      ['2026-11-01', 'MP-5', 'Baraka', 'Chemistry', 'mpesa', 'succeeded', 'KES', 20000],
      ['2026-11-03', 'MP-1', 'Amina', 'Chemistry', 'mpesa', 'succeeded', 'KES', 150000],
      ['2026-11-03', 'cs_2', 'Baraka', 'Chemistry', 'stripe', 'partially_refunded', 'USD', 1500],
      ['2026-11-04', 'cs_3', 'Amina', 'Drawing', 'stripe', 'succeeded', 'USD', 4000],
      ['2026-11-10', 'test_4', expect.any(String), 'growth', 'test', 'refunded', 'KES', 0],
    ])
    expect(rows[2]).toMatchObject({ payments: 1, amount_minor: 2500, refunded_minor: 1000 })
  })

  it('sums by day and by course per currency, equal to a plain query of the payments', async () => {
    const byDay = await report(w.users.owner, 'day')
    expect(byDay.map((r) => [r.day, r.currency])).toEqual([
      ['2026-11-01', 'KES'],
      ['2026-11-03', 'KES'],
      ['2026-11-03', 'USD'],
      ['2026-11-04', 'USD'],
      ['2026-11-10', 'KES'],
    ])
    const shape = (rows: Row[], k: (r: Row) => string | null) =>
      rows
        .map((r) => [k(r), r.currency, r.payments, r.amount_minor, r.refunded_minor, r.net_minor])
        .sort((x, y) => `${x[0]}${x[1]}`.localeCompare(`${y[0]}${y[1]}`))
    expect(shape(byDay, (r) => r.day)).toEqual(await independent('day'))

    const byCourse = await report(w.users.admin, 'course')
    expect(byCourse.map((r) => [r.label, r.currency, r.payments, r.net_minor])).toEqual([
      ['Chemistry', 'KES', 2, 170000],
      ['Chemistry', 'USD', 1, 1500],
      ['Drawing', 'USD', 1, 4000],
      [null, 'KES', 1, 0],
    ])
    expect(shape(byCourse, (r) => r.key)).toEqual(await independent('course'))

    const drawing = await report(w.users.admin, 'course', ids.D)
    expect(drawing.map((r) => [r.label, r.amount_minor])).toEqual([['Drawing', 4000]])
  })

  it('is for owners and admins only; another school’s admin sees nothing of it', async () => {
    const run = (who: TestUser) =>
      outcome(
        sql,
        who,
        (tx) => tx`select * from public.payments_report(${w.a.id}, ${FROM}::date, ${TO}::date, 'day')`,
      )
    const refused = "The payments report is for the school's owners and admins."
    const { instructor, staff, student, adminB, outsider } = w.users
    for (const who of [instructor, staff, student, parent, adminB, outsider]) {
      expect(await run(who)).toBe(refused)
    }
    const hint = await withUser(
      sql,
      staff.claims,
      (tx) => tx`select * from public.payments_report(${w.a.id}, ${FROM}::date, ${TO}::date, 'day')`,
    ).catch((e: { code?: string; hint?: string }) => [e.code, e.hint])
    expect(hint).toEqual(['42501', 'payments_report_forbidden'])
    expect(await run(w.users.admin)).toBe(5)
  })

  it('refuses a bad grouping and too long a period', async () => {
    const bad = await withUser(
      sql,
      w.users.admin.claims,
      (tx) => tx`select * from public.payments_report(${w.a.id}, ${FROM}::date, ${TO}::date, 'student')`,
    ).catch((e: { hint?: string }) => e.hint)
    expect(bad).toBe('payments_grouping')
    const long = await withUser(
      sql,
      w.users.admin.claims,
      (tx) => tx`select * from public.payments_report(${w.a.id}, '2024-01-01'::date, ${TO}::date, 'day')`,
    ).catch((e: { hint?: string }) => e.hint)
    expect(long).toBe('period_too_long')
  })

  it('is exported for owners and admins only', async () => {
    const ask = (who: TestUser) =>
      outcome(
        sql,
        who,
        (tx) =>
          tx`select id from public.request_report_export(${w.a.id}, 'payments', 'csv',
          ${sql.json({ group: 'day', from: FROM, to: TO })}, 'en')`,
      )
    expect(await ask(w.users.admin)).toBe(1)
    expect(await ask(w.users.staff)).toBe("The payments report is for the school's owners and admins.")
  })
})

// The payments benchmark's data: a school whose instructor sells courses, with pending Stripe payments
// as the checkout route leaves them, and the SQL checks that each payment took effect exactly once.
import type postgres from 'postgres'
import { addBenchUsers } from '../bench-db.ts'
import type { PendingPayment } from './load.ts'

export const COURSES = 50

export interface Check {
  name: string
  expected: number
  found: number
}

/**
 * A school with an instructor's courses ($15.00 to $39.50) and `n` pending Stripe payments, each a
 * different student–course pair, the Checkout Session id attached as the checkout route leaves it.
 */
export async function prepareSchool(sql: postgres.Sql, n: number) {
  const studentCount = Math.ceil(n / COURSES)
  const [owner, instructor, ...students] = await addBenchUsers(sql, 'payhook', 'Payer', 1, 2 + studentCount)
  const [school] = await sql`
    insert into public.tenants (name, slug, created_by) values ('Bench Pay School', 'bench-pay-hooks', ${owner.id})
    returning id`
  await sql`insert into public.memberships (tenant_id, user_id, role)
    select ${school.id}::uuid, u, 'student'::public.tenant_role from unnest(${students.map((s) => s.id)}::uuid[]) u
    union all select ${school.id}::uuid, ${instructor.id}::uuid, 'instructor'`
  const courses = await sql`
    insert into public.courses (tenant_id, title, created_by, is_free)
    select ${school.id}, 'Course ' || i, ${instructor.id}, false from generate_series(0, ${COURSES - 1}::int) i
    returning id, title`
  courses.sort((a, b) => Number(a.title.slice(7)) - Number(b.title.slice(7)))
  const courseIds = courses.map((c) => c.id as string)
  await sql`insert into public.course_prices (course_id, currency, amount_minor)
    select c, 'USD', 1500 + 50 * (i - 1) from unnest(${courseIds}::uuid[]) with ordinality as x(c, i)`
  const rows = await sql`
    insert into public.payments (tenant_id, payer_id, beneficiary_id, purpose, course_id, provider, currency,
                                 amount_minor, provider_ref)
    select ${school.id}, s, s, 'course', c, 'stripe', 'USD', 1500 + 50 * (n % ${COURSES}::int),
           'cs_test_bench' || lpad(n::text, 8, '0')
    from generate_series(0, ${n - 1}::int) n,
      lateral (select (${courseIds}::uuid[])[1 + n % ${COURSES}::int] as c,
                      (${students.map((s) => s.id)}::uuid[])[1 + n / ${COURSES}::int] as s) x
    returning id, provider_ref, amount_minor, currency`
  const payments: PendingPayment[] = new Array(n)
  for (const r of rows) {
    payments[Number(r.provider_ref.slice(13))] = {
      id: r.id,
      session: r.provider_ref,
      amountMinor: Number(r.amount_minor),
      currency: r.currency,
    }
  }
  return { school: school.id as string, instructor: instructor.id as string, payments }
}

/** Every way an event could take effect twice (or not at all), counted in the database. */
export async function checkEffects(
  sql: postgres.Sql,
  school: string,
  instructor: string,
  events: number,
): Promise<Check[]> {
  const [r] = await sql`
    with p as (select * from public.payments where tenant_id = ${school})
    select
      (select count(*) from p)::int as payments,
      (select count(*) from p where p.status = 'succeeded' and p.succeeded_at is not null)::int as succeeded,
      (select count(*) from p where (select count(*) from public.ledger_transactions t
                                     where t.payment_id = p.id and t.kind = 'sale') = 1)::int as one_sale,
      (select count(*) from public.ledger_transactions t where t.tenant_id = ${school})::int as transactions,
      (select count(*) from p where p.granted_enrolment and exists (
         select 1 from public.enrolments e where e.course_id = p.course_id and e.user_id = p.beneficiary_id))::int
        as enrolled,
      (select count(*) from public.enrolments e join public.courses c on c.id = e.course_id
       where c.tenant_id = ${school})::int as enrolments,
      (select count(*) from (select 1 from public.ledger_entries e where e.tenant_id = ${school}
                             group by e.transaction_id, e.currency having sum(e.amount_minor) <> 0) x)::int
        as unbalanced,
      (select count(*) from public.ledger_transactions t join p on p.id = t.payment_id where t.kind = 'sale'
         and (select array_agg(-e.amount_minor order by e.id) from public.ledger_entries e
              where e.transaction_id = t.id and e.amount_minor < 0)
             is distinct from private.allocate(p.amount_minor, array[6000, 3000, 1000]::bigint[]))::int as split_off,
      (select count(*) from public.ledger_accounts a where a.tenant_id = ${school} and a.balance_minor
         <> coalesce((select sum(e.amount_minor) from public.ledger_entries e where e.account_id = a.id), 0))::int
        as accounts_off,
      (select -coalesce(sum(a.balance_minor), 0) from public.ledger_accounts a
       where a.tenant_id = ${school} and a.kind = 'instructor_pending' and a.owner_id = ${instructor})::bigint
        as instructor_pending,
      (select coalesce(sum((private.allocate(p.amount_minor, array[6000, 3000, 1000]::bigint[]))[1]), 0) from p)::bigint
        as instructor_due,
      (select count(*) from private.payment_events ev join p on p.id = ev.payment_id)::int as event_rows,
      (select count(*) from p where (select count(*) from private.payment_events ev
                                     where ev.payment_id = p.id) = 1)::int as one_event`
  const n = r.payments as number
  return [
    { name: 'payments succeeded', expected: n, found: r.succeeded },
    { name: "payments with exactly one 'sale' transaction", expected: n, found: r.one_sale },
    { name: 'ledger transactions in the school', expected: n, found: r.transactions },
    { name: 'payments whose student is enrolled by them', expected: n, found: r.enrolled },
    { name: "enrolments in the school's courses", expected: n, found: r.enrolments },
    { name: 'transactions not balanced per currency', expected: 0, found: r.unbalanced },
    { name: 'sales not split 60/30/10', expected: 0, found: r.split_off },
    { name: 'accounts whose balance is not the sum of their entries', expected: 0, found: r.accounts_off },
    {
      name: "instructor's pending balance, minor units",
      expected: Number(r.instructor_due),
      found: Number(r.instructor_pending),
    },
    { name: 'payment_events rows (= distinct events sent)', expected: events, found: r.event_rows },
    { name: 'payments with exactly one event row', expected: n, found: r.one_event },
  ]
}

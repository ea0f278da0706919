import { afterAll, beforeAll } from 'vitest'
import { createUser, testDb } from '../support/fixtures.ts'
import {
  CAST,
  createWorld,
  denied,
  NO_PRIVATE_CALL,
  type Role,
  type Row,
  violates,
  type World,
  walkCast,
} from '../support/rls.ts'

// Payments' tables (issue 15). Tenant A: the instructor's course c1 (priced KES 1,500) and c2 (no
// price). The student paid for c1 (p1, succeeded: 4 ledger entries, one of them in the
// instructor's pending wallet) and for c3 (p3, then partly refunded); the peer started a payment
// for c1 (p2, pending). Tenant B: a school course bought by its own student (pB, 2 entries). The
// instructor has a payout request; the outsider sponsors seats in c1; A is on the Standard plan.
const sql = testDb(12)
let w: World
const ids = {} as Record<
  'c1' | 'c2' | 'c3' | 'cB' | 'p1' | 'p2' | 'p3' | 'pB' | 'payout' | 'sponsorship',
  string
>

beforeAll(async () => {
  w = await createWorld(sql)
  const { instructor, student, peer, adminB, outsider } = w.users
  const studentB = await createUser(sql)
  await sql`insert into public.memberships (tenant_id, user_id, role) values (${w.b.id}, ${studentB.id}, 'student')`
  const course = async (tenant: string, by: string) =>
    (
      await sql`insert into public.courses (tenant_id, title, created_by) values (${tenant}, 'C', ${by}) returning id`
    )[0]?.id as string
  ids.c1 = await course(w.a.id, instructor.id)
  ids.c2 = await course(w.a.id, instructor.id)
  ids.c3 = await course(w.a.id, instructor.id)
  ids.cB = await course(w.b.id, adminB.id)
  await sql`insert into public.course_prices (course_id, currency, amount_minor) values (${ids.c1}, 'KES', 150000)`
  const pay = async (tenant: string, courseId: string, who: string) =>
    (
      await sql`insert into public.payments (tenant_id, payer_id, beneficiary_id, purpose, course_id, provider, currency, amount_minor)
                values (${tenant}, ${who}, ${who}, 'course', ${courseId}, 'mpesa', 'KES', 150000) returning id`
    )[0]?.id as string
  ids.p1 = await pay(w.a.id, ids.c1, student.id)
  ids.p2 = await pay(w.a.id, ids.c1, peer.id)
  ids.p3 = await pay(w.a.id, ids.c3, student.id)
  ids.pB = await pay(w.b.id, ids.cB, studentB.id)
  for (const p of [ids.p1, ids.p3, ids.pB]) {
    await sql`select private.record_payment_success('mpesa', ${`ws_CO_${p}:0`}, ${p}, ${`ws_CO_${p}`}, 150000, 'KES')`
  }
  await sql`select private.record_refund('mpesa', ${`rev_${ids.p3}`}, ${ids.p3}, 50000)`
  await sql`insert into public.refund_requests (tenant_id, payment_id, amount_minor, conversation_id)
            values (${w.a.id}, ${ids.p3}, 10000, ${`AG_${ids.p3}`})`
  const [payout] =
    await sql`insert into public.payouts (tenant_id, instructor_id, currency, amount_minor, method, destination)
                             values (${w.a.id}, ${instructor.id}, 'KES', 10000, 'mpesa', '254700000000') returning id`
  ids.payout = payout?.id
  const [s] =
    await sql`insert into public.sponsorships (tenant_id, sponsor_id, organisation, course_id, seats)
                        values (${w.a.id}, ${outsider.id}, 'Partner Org', ${ids.c1}, 10) returning id`
  ids.sponsorship = s?.id
  await sql`insert into public.sponsored_seats (sponsorship_id, student_id) values (${s?.id}, ${student.id})`
  await sql`select private.apply_subscription('stripe', ${`evt_${w.a.id}`}, ${w.a.id}, 'standard', 'active', null, 'cus_a', ${`sub_${w.a.id}`}, now())`
})
afterAll(() => sql.end())

/** `value` for the given roles, `rest` for the other signed-in ones, `anon` for anon. */
const only = (
  roles: Partial<Record<Role, number | string>>,
  rest: number | string,
  anon: number | string,
): Row => Object.fromEntries(CAST.map((r) => [r, r === 'anon' ? anon : (roles[r] ?? rest)])) as Row

/** The same outcome for every signed-in member of the cast; anon gets `anon`. */
const all = (value: number | string, anon: number | string) => only({}, value, anon)

const ADMINS_A = { admin: 1, owner: 1 } as const
const MEMBERS_A = { student: 1, instructor: 1, staff: 1, admin: 1, owner: 1, superadmin: 1 } as const
const MANAGERS_C1 = { instructor: 1, admin: 1, owner: 1 } as const

/** What approve_payout says when the wallet's available balance is short. */
const NOT_COVERED = "The instructor's available balance no longer covers this payout."

const txOf = () => [ids.p1, ids.pB]

// biome-ignore format: the expected outcomes read as a table, one row per command
walkCast('payments', () => w, [
  {
    op: 'select', name: 'read payments (payer/beneficiary; school admins; superadmin)',
    run: (tx) => tx`select 1 from public.payments where id in ${tx([ids.p1, ids.p2, ids.p3, ids.pB])}`,
    expect: only({ student: 2, admin: 3, owner: 3, adminB: 1, superadmin: 4 }, 0, denied('payments')),
  },
  {
    op: 'insert', name: 'write a payment directly (nobody)',
    run: (tx) => tx`insert into public.payments (tenant_id, payer_id, beneficiary_id, purpose, course_id, provider, currency, amount_minor, status)
                    values (${w.a.id}, (select auth.uid()), (select auth.uid()), 'course', ${ids.c2}, 'test', 'KES', 100, 'succeeded')`,
    expect: all(denied('payments'), denied('payments')),
  },
  {
    op: 'update', name: 'mark a payment succeeded (nobody)',
    run: (tx) => tx`update public.payments set status = 'succeeded' where id = ${ids.p2}`,
    expect: all(denied('payments'), denied('payments')),
  },
  {
    op: 'delete',
    run: (tx) => tx`delete from public.payments where id = ${ids.p2}`,
    expect: all(denied('payments'), denied('payments')),
  },
  {
    op: 'select', name: 'call the webhook functions (nobody signed in)',
    run: (tx) => tx`select private.record_payment_success('test', 'forged', ${ids.p2}, null, 150000, 'KES')`,
    expect: all('permission denied for function record_payment_success', NO_PRIVATE_CALL),
  },
])

// biome-ignore format: the expected outcomes read as a table, one row per command
walkCast('refunds', () => w, [
  {
    op: 'select', name: 'read refunds (who sees the payment)',
    run: (tx) => tx`select 1 from public.refunds where payment_id = ${ids.p3}`,
    expect: only({ student: 1, ...ADMINS_A, superadmin: 1 }, 0, denied('refunds')),
  },
  {
    op: 'insert', name: 'record a refund directly (nobody)',
    run: (tx) => tx`insert into public.refunds (tenant_id, payment_id, provider, amount_minor) values (${w.a.id}, ${ids.p1}, 'mpesa', 1)`,
    expect: all(denied('refunds'), denied('refunds')),
  },
  { op: 'update', run: (tx) => tx`update public.refunds set amount_minor = 1`, expect: all(denied('refunds'), denied('refunds')) },
  { op: 'delete', run: (tx) => tx`delete from public.refunds`, expect: all(denied('refunds'), denied('refunds')) },
])

// biome-ignore format: the expected outcomes read as a table, one row per command
walkCast('refund_requests', () => w, [
  {
    op: 'select', name: 'read M-Pesa refunds on their way (who sees the payment)',
    run: (tx) => tx`select 1 from public.refund_requests where payment_id = ${ids.p3}`,
    expect: only({ student: 1, ...ADMINS_A, superadmin: 1 }, 0, denied('refund_requests')),
  },
  {
    op: 'insert', name: 'ask for a reversal directly (nobody: the api does)',
    run: (tx) => tx`insert into public.refund_requests (tenant_id, payment_id, amount_minor, conversation_id)
                    values (${w.a.id}, ${ids.p1}, 1, 'AG_forged')`,
    expect: all(denied('refund_requests'), denied('refund_requests')),
  },
  {
    op: 'update', name: 'settle a request by hand (nobody)',
    run: (tx) => tx`update public.refund_requests set status = 'done'`,
    expect: all(denied('refund_requests'), denied('refund_requests')),
  },
  {
    op: 'delete',
    run: (tx) => tx`delete from public.refund_requests`,
    expect: all(denied('refund_requests'), denied('refund_requests')),
  },
])

// biome-ignore format: the expected outcomes read as a table, one row per command
walkCast('ledger', () => w, [
  {
    op: 'select', name: 'read entries (instructor: their wallet line; admins: their school)',
    run: (tx) => tx`select 1 from public.ledger_entries e join public.ledger_transactions t on t.id = e.transaction_id
                    where t.payment_id in ${tx(txOf())}`,
    expect: only({ instructor: 1, admin: 4, owner: 4, adminB: 2, superadmin: 6 }, 0, denied('ledger_entries')),
  },
  {
    op: 'select', name: 'read transactions',
    run: (tx) => tx`select 1 from public.ledger_transactions where payment_id in ${tx(txOf())}`,
    expect: only({ instructor: 1, admin: 1, owner: 1, adminB: 1, superadmin: 2 }, 0, denied('ledger_transactions')),
  },
  {
    op: 'select', name: 'read accounts',
    run: (tx) => tx`select 1 from public.ledger_accounts where tenant_id in ${tx([w.a.id, w.b.id])}`,
    expect: only({ instructor: 1, admin: 4, owner: 4, adminB: 2, superadmin: 6 }, 0, denied('ledger_accounts')),
  },
  {
    op: 'select', name: 'read wallets',
    run: (tx) => tx`select 1 from public.instructor_wallets where tenant_id in ${tx([w.a.id, w.b.id])}`,
    expect: only({ instructor: 1, admin: 1, owner: 1, superadmin: 1 }, 0, 'permission denied for view instructor_wallets'),
  },
  {
    op: 'insert', name: 'post an entry directly (nobody)',
    run: (tx) => tx`insert into public.ledger_entries (tenant_id, transaction_id, account_id, currency, amount_minor)
                    select tenant_id, transaction_id, account_id, currency, amount_minor from public.ledger_entries limit 1`,
    expect: all(denied('ledger_entries'), denied('ledger_entries')),
  },
  {
    op: 'insert', name: 'post a transaction directly (nobody)',
    run: (tx) => tx`insert into public.ledger_transactions (tenant_id, kind, payment_id) values (${w.a.id}, 'release', ${ids.p1})`,
    expect: all(denied('ledger_transactions'), denied('ledger_transactions')),
  },
  {
    op: 'update', name: 'change a balance (nobody)',
    run: (tx) => tx`update public.ledger_accounts set balance_minor = 0`,
    expect: all(denied('ledger_accounts'), denied('ledger_accounts')),
  },
  {
    op: 'delete', name: 'remove entries (nobody)',
    run: (tx) => tx`delete from public.ledger_entries`,
    expect: all(denied('ledger_entries'), denied('ledger_entries')),
  },
])

// biome-ignore format: the expected outcomes read as a table, one row per command
walkCast('payouts', () => w, [
  {
    op: 'select', name: 'read payouts (the instructor; school admins)',
    run: (tx) => tx`select 1 from public.payouts where id = ${ids.payout}`,
    expect: only({ instructor: 1, ...ADMINS_A, superadmin: 1 }, 0, denied('payouts')),
  },
  {
    op: 'insert', name: 'request a payout directly (only through request_payout)',
    run: (tx) => tx`insert into public.payouts (tenant_id, instructor_id, currency, amount_minor, method, destination)
                    values (${w.a.id}, (select auth.uid()), 'KES', 10000, 'mpesa', '254700000000')`,
    expect: all(denied('payouts'), denied('payouts')),
  },
  {
    op: 'update', name: 'approve by editing the row (nobody)',
    run: (tx) => tx`update public.payouts set status = 'approved' where id = ${ids.payout}`,
    expect: all(denied('payouts'), denied('payouts')),
  },
  {
    op: 'select', name: 'approve through approve_payout (school admins only)',
    run: (tx) => tx`select public.approve_payout(${ids.payout})`,
    expect: only(
      // The instructor's wallet holds only pending money: the approval is refused, not applied.
      { admin: NOT_COVERED, owner: NOT_COVERED },
      'This payout was not found.', 'permission denied for function approve_payout'),
  },
  {
    op: 'update', name: 'record a payout as paid through mark_payout_paid (school admins, once approved)',
    run: (tx) => tx`select public.mark_payout_paid(${ids.payout}, 'FT12345')`,
    expect: only(
      { admin: 'Approve the payout before recording it as paid.', owner: 'Approve the payout before recording it as paid.' },
      'This payout was not found.', 'permission denied for function mark_payout_paid'),
  },
  { op: 'delete', run: (tx) => tx`delete from public.payouts`, expect: all(denied('payouts'), denied('payouts')) },
])

// biome-ignore format: the expected outcomes read as a table, one row per command
walkCast('school usage', () => w, [
  {
    op: 'select', name: "read a school's usage (its owners and admins; superadmins)",
    run: (tx) => tx`select * from public.school_usage(${w.a.id})`,
    expect: only(
      { ...ADMINS_A, superadmin: 1 },
      'Only owners and admins of this school see its usage.', 'permission denied for function school_usage'),
  },
])

// biome-ignore format: the expected outcomes read as a table, one row per command
walkCast('course_prices', () => w, [
  {
    op: 'select', name: 'see a price (members of the school)',
    run: (tx) => tx`select 1 from public.course_prices where course_id = ${ids.c1}`,
    expect: only(MEMBERS_A, 0, denied('course_prices')),
  },
  {
    op: 'insert', name: 'price a course (its editors and the school admins)',
    run: (tx) => tx`insert into public.course_prices (course_id, currency, amount_minor) values (${ids.c2}, 'USD', 999)`,
    expect: only(MANAGERS_C1, violates('course_prices'), denied('course_prices')),
  },
  {
    op: 'update', name: 'change a price',
    run: (tx) => tx`update public.course_prices set amount_minor = 200000 where course_id = ${ids.c1}`,
    expect: only(MANAGERS_C1, 0, denied('course_prices')),
  },
  {
    op: 'delete', name: 'make a course free again',
    run: (tx) => tx`delete from public.course_prices where course_id = ${ids.c1}`,
    expect: only(MANAGERS_C1, 0, denied('course_prices')),
  },
])

// biome-ignore format: the expected outcomes read as a table, one row per command
walkCast('plans, entitlements, sponsorships, events', () => w, [
  {
    op: 'select', name: 'read the plans',
    run: (tx) => tx`select 1 from public.plans`,
    expect: all(3, denied('plans')),
  },
  {
    op: 'select', name: 'read the school\u2019s limits (members)',
    run: (tx) => tx`select plan, seats, ai_monthly_tokens, storage_bytes, status from public.school_entitlements where tenant_id in ${tx([w.a.id, w.b.id])}`,
    expect: only(MEMBERS_A, 0, denied('school_entitlements')),
  },
  {
    op: 'select', name: 'read the Stripe ids (nobody signed in)',
    run: (tx) => tx`select stripe_customer_id from public.school_entitlements`,
    expect: all(denied('school_entitlements'), denied('school_entitlements')),
  },
  {
    op: 'update', name: 'upgrade the plan by editing the row (nobody)',
    run: (tx) => tx`update public.school_entitlements set plan = 'premium'`,
    expect: all(denied('school_entitlements'), denied('school_entitlements')),
  },
  {
    op: 'select', name: 'read sponsorships (the sponsor; school admins)',
    run: (tx) => tx`select 1 from public.sponsorships where tenant_id = ${w.a.id}`,
    expect: only({ outsider: 1, ...ADMINS_A, superadmin: 1 }, 0, denied('sponsorships')),
  },
  {
    op: 'select', name: 'read sponsored seats (the student; school admins; never the sponsor)',
    run: (tx) => tx`select 1 from public.sponsored_seats where sponsorship_id = ${ids.sponsorship}`,
    expect: only({ student: 1, ...ADMINS_A, superadmin: 1 }, 0, denied('sponsored_seats')),
  },
  {
    op: 'insert', name: 'record a provider event (nobody signed in)',
    run: (tx) => tx`insert into private.payment_events (provider, event_id, type) values ('stripe', 'evt_forged', 'x')`,
    expect: all(denied('payment_events'), NO_PRIVATE_CALL),
  },
  {
    op: 'insert', name: 'queue a Stripe event in the inbox (nobody signed in)',
    run: (tx) => tx`insert into private.stripe_inbox (event_id, type, event) values ('evt_forged', 'charge.refunded', '{}')`,
    expect: all(denied('stripe_inbox'), NO_PRIVATE_CALL),
  },
  {
    op: 'select', name: 'read the Stripe inbox (nobody signed in)',
    run: (tx) => tx`select 1 from private.stripe_inbox`,
    expect: all(denied('stripe_inbox'), NO_PRIVATE_CALL),
  },
])

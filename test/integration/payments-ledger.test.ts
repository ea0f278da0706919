import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  CURRENCY_CODES,
  DEFAULT_SPLIT,
  HOLD_DAYS,
  PAYOUT_MINIMUMS,
  PLANS,
} from '../../edge/contract/payments-values.ts'
import { withUser } from '../../edge/lib/db.ts'
import { allocate } from '../../edge/payments/split.ts'
import { testDb, unique } from '../support/fixtures.ts'
import { createWorld, type World } from '../support/rls.ts'

// The payments ledger (issue 15) against the real Postgres: invariants, replays, order, refunds,
// the hold and payouts, plans. Tenant A's instructor authors instructor courses (60/30/10), its
// admin authors school courses (100% school). Payments are inserted as the checkout would leave
// them (pending) and moved by the functions the webhooks call.
const sql = testDb(8)
let w: World
afterAll(() => sql.end())
beforeAll(async () => {
  w = await createWorld(sql)
})

type Provider = 'mpesa' | 'stripe' | 'test'

async function course(by: 'instructor' | 'admin' = 'instructor'): Promise<string> {
  const [c] = await sql`insert into public.courses (tenant_id, title, created_by)
                        values (${w.a.id}, ${unique('Course ')}, ${w.users[by].id}) returning id`
  return c?.id as string
}

async function payment(
  courseId: string,
  opts: { provider?: Provider; currency?: string; amount?: number; student?: string } = {},
): Promise<string> {
  const [p] = await sql`
    insert into public.payments (tenant_id, payer_id, beneficiary_id, purpose, course_id, provider, currency, amount_minor)
    values (${w.a.id}, ${opts.student ?? w.users.student.id}, ${opts.student ?? w.users.student.id}, 'course', ${courseId},
            ${opts.provider ?? 'test'}, ${opts.currency ?? 'KES'}, ${opts.amount ?? 100_000})
    returning id`
  return p?.id as string
}

const succeed = async (
  pid: string,
  event: string,
  amount = 100_000,
  currency = 'KES',
  provider: Provider = 'test',
) =>
  (
    await sql`select private.record_payment_success(${provider}, ${event}, ${pid}, ${`ref-${pid}`}, ${amount}, ${currency}) as r`
  )[0]?.r as string

const refund = async (
  pid: string,
  event: string,
  amount: number,
  ref: string | null = null,
  provider: Provider = 'test',
) =>
  Number(
    (await sql`select private.record_refund(${provider}, ${event}, ${pid}, ${amount}, ${ref}) as r`)[0]?.r,
  )

/** What a person or an accountant would notice about a payment. */
async function state(pid: string) {
  const [p] = await sql`select p.status, p.refunded_minor::int as refunded,
      exists (select 1 from public.enrolments e where e.course_id = p.course_id and e.user_id = p.beneficiary_id) as enrolled,
      (select count(*)::int from public.ledger_transactions t where t.payment_id = p.id and t.kind = 'sale') as sales
    from public.payments p where p.id = ${pid}`
  const balances = await sql`
    select a.kind, sum(e.amount_minor)::int as total
    from public.ledger_entries e join public.ledger_transactions t on t.id = e.transaction_id
    join public.ledger_accounts a on a.id = e.account_id
    where t.payment_id = ${pid} group by a.kind order by a.kind`
  return { ...p, balances: Object.fromEntries(balances.map((b) => [b.kind, b.total])) }
}

/** Every ordering of a list. */
function permutations<T>(xs: T[]): T[][] {
  if (xs.length <= 1) return [xs]
  return xs.flatMap((x, i) =>
    permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((rest) => [x, ...rest]),
  )
}

describe('one home for payment values', () => {
  it('has the same plans, payout minimums, currencies and default split in SQL and TypeScript', async () => {
    const plans =
      await sql`select id, name, seats, ai_monthly_tokens::float8 as ai, video_hours, storage_bytes::float8 as storage
                            from public.plans order by position`
    expect(
      plans.map((p) => [
        p.id,
        {
          name: p.name,
          seats: p.seats,
          aiMonthlyTokens: p.ai,
          videoHours: p.video_hours,
          storageBytes: p.storage,
        },
      ]),
    ).toEqual(Object.entries(PLANS))
    for (const method of ['mpesa', 'bank'] as const) {
      for (const currency of CURRENCY_CODES) {
        const [m] = await sql`select private.payout_minimum(${currency}, ${method})::int as min`
        expect(m?.min ?? undefined, `${method} ${currency}`).toBe(PAYOUT_MINIMUMS[method][currency])
      }
    }
    const [ok] = await sql`select array_agg(c order by c) filter (where private.currency_ok(c)) as codes
                           from unnest(array['KES','USD','EUR','GBP','TZS','kes']) c`
    expect(ok?.codes).toEqual([...CURRENCY_CODES].sort())
    const [split] = await sql`select * from private.revenue_split(${w.b.id})`
    expect(split).toEqual({
      instructor_bp: DEFAULT_SPLIT.instructor,
      platform_bp: DEFAULT_SPLIT.platform,
      marketing_bp: DEFAULT_SPLIT.marketing,
      hold_days: HOLD_DAYS,
    })
  })

  it('splits exactly as edge/payments/split.ts does', async () => {
    const cases: [number, number[]][] = [
      [0, [6000, 3000, 1000]],
      [7, [6000, 3000, 1000]],
      [9999, [6000, 3000, 1000]],
      [1, [1, 1, 1]],
      [2, [1, 1, 1]],
      [100, [3, 3, 3]],
      [999_999_999_999, [5999, 3001, 1000]],
      [10, [0, 7, 0, 3]],
      [3333, [5999, 3000, 1000]],
    ]
    for (const [total, weights] of cases) {
      const [row] =
        await sql`select private.allocate(${total}::bigint, ${weights}::bigint[])::float8[] as parts`
      expect(row?.parts, `${total} by ${weights}`).toEqual(allocate(total, weights))
    }
  })
})

describe('ledger invariants', () => {
  it('refuses an unbalanced transaction at commit, and a transaction without entries', async () => {
    const [p1, p2] = [await payment(await course()), await payment(await course())]
    const oneSided = sql.begin(async (tx) => {
      const [t] = await tx`insert into public.ledger_transactions (tenant_id, kind, payment_id)
                           values (${w.a.id}, 'sale', ${p1}) returning id`
      await tx`insert into public.ledger_entries (tenant_id, transaction_id, account_id, currency, amount_minor)
               values (${w.a.id}, ${t?.id}, private.ledger_account(${w.a.id}, 'gateway_clearing', null, 'KES'), 'KES', 500)`
      // Balanced in another currency does not help.
      await tx`insert into public.ledger_entries (tenant_id, transaction_id, account_id, currency, amount_minor)
               values (${w.a.id}, ${t?.id}, private.ledger_account(${w.a.id}, 'platform_revenue', null, 'USD'), 'USD', -500)`
    })
    await expect(oneSided).rejects.toThrow(/does not balance: 500 KES off/)
    const empty = sql.begin(async (tx) => {
      await tx`insert into public.ledger_transactions (tenant_id, kind, payment_id) values (${w.a.id}, 'sale', ${p2})`
    })
    await expect(empty).rejects.toThrow(/has no entries/)
  })

  it('refuses entries added later to a transaction that is already posted, and moves no balance', async () => {
    const pid = await payment(await course())
    expect(await succeed(pid, unique('evt'))).toBe('applied')
    const [sale] =
      await sql`select id from public.ledger_transactions where payment_id = ${pid} and kind = 'sale'`
    const balances = () =>
      sql`select id, balance_minor from public.ledger_accounts where tenant_id = ${w.a.id} order by id`
    const before = await balances()
    // Balanced on its own, so only the rule that entries are written with their transaction refuses it.
    const late = sql.begin(async (tx) => {
      await tx`insert into public.ledger_entries (tenant_id, transaction_id, account_id, currency, amount_minor)
               select ${w.a.id}, ${sale?.id}, private.ledger_account(${w.a.id}, k, null, 'KES'), 'KES', a
               from (values ('gateway_clearing', 700), ('school_revenue', -700)) v(k, a)`
    })
    await expect(late).rejects.toThrow(/ledger_entries_transaction/)
    expect(await balances()).toEqual(before)
  })

  it('keeps entries and transactions append-only even for the privileged connection', async () => {
    const pid = await payment(await course())
    expect(await succeed(pid, unique('evt'))).toBe('applied')
    const [e] =
      await sql`select e.id from public.ledger_entries e join public.ledger_transactions t on t.id = e.transaction_id
                          where t.payment_id = ${pid} limit 1`
    await expect(sql`update public.ledger_entries set amount_minor = 1 where id = ${e?.id}`).rejects.toThrow(
      /append-only/,
    )
    await expect(sql`delete from public.ledger_entries where id = ${e?.id}`).rejects.toThrow(/append-only/)
    await expect(
      sql`update public.ledger_transactions set memo = 'x' where payment_id = ${pid}`,
    ).rejects.toThrow(/append-only/)
    await expect(sql`delete from public.ledger_transactions where payment_id = ${pid}`).rejects.toThrow(
      /append-only/,
    )
    await expect(sql`truncate public.ledger_entries cascade`).rejects.toThrow(/append-only/)
    await expect(
      sql`update public.ledger_accounts set balance_minor = 0 where tenant_id = ${w.a.id}`,
    ).rejects.toThrow(/only by posting entries/)
    await expect(sql`delete from public.ledger_accounts where tenant_id = ${w.a.id}`).rejects.toThrow(
      /never removed/,
    )
  })
})

describe('a course payment', () => {
  it('enrols the student and splits 60/30/10 into the instructor\u2019s pending wallet, to the cent', async () => {
    const c = await course()
    const pid = await payment(c, { provider: 'stripe', currency: 'USD', amount: 9999 })
    expect(await succeed(pid, unique('evt_'), 9999, 'USD', 'stripe')).toBe('applied')
    const s = await state(pid)
    expect(s).toMatchObject({ status: 'succeeded', enrolled: true, sales: 1 })
    // 59.994 / 29.997 / 9.999: floors 5999 / 2999 / 999 and the last cent to the largest remainder.
    expect(s.balances).toEqual({
      gateway_clearing: 9999,
      instructor_pending: -5999,
      platform_revenue: -3000,
      marketing_support: -1000,
    })
    const [sale] = await sql`select extract(day from available_at - created_at)::int as hold
                             from public.ledger_transactions where payment_id = ${pid}`
    expect(sale?.hold).toBe(HOLD_DAYS)
    const [wallet] = await sql`select pending_minor::int, available_minor::int from public.instructor_wallets
                               where instructor_id = ${w.users.instructor.id} and tenant_id = ${w.a.id} and currency = 'USD'`
    expect(wallet?.pending_minor).toBeGreaterThanOrEqual(5999)
  })

  it('gives 100% to the school for a course by the school', async () => {
    const pid = await payment(await course('admin'))
    expect(await succeed(pid, unique('evt'))).toBe('applied')
    expect((await state(pid)).balances).toEqual({ gateway_clearing: 100_000, school_revenue: -100_000 })
  })

  it('applies the same success once, replayed 3\u00d7 in a row and 3\u00d7 at the same time', async () => {
    const pid = await payment(await course())
    const event = unique('evt')
    expect([await succeed(pid, event), await succeed(pid, event), await succeed(pid, event)]).toEqual([
      'applied',
      'duplicate',
      'duplicate',
    ])
    const concurrent = await payment(await course())
    const again = unique('evt')
    const outcomes = await Promise.all([
      succeed(concurrent, again),
      succeed(concurrent, again),
      succeed(concurrent, again),
    ])
    expect(outcomes.sort()).toEqual(['applied', 'duplicate', 'duplicate'])
    // Different events for the same success (e.g. checkout.session.completed and the M-Pesa query).
    const other = await payment(await course())
    const different = await Promise.all([
      succeed(other, unique('a')),
      succeed(other, unique('b')),
      succeed(other, unique('c')),
    ])
    expect(different.sort()).toEqual(['applied', 'ignored', 'ignored'])
    for (const p of [pid, concurrent, other]) {
      const s = await state(p)
      expect(s).toMatchObject({ status: 'succeeded', enrolled: true, sales: 1 })
      expect(s.balances).toEqual({
        gateway_clearing: 100_000,
        instructor_pending: -60_000,
        platform_revenue: -30_000,
        marketing_support: -10_000,
      })
    }
    const [enrolments] = await sql`select count(*)::int as n from public.enrolments e join public.payments p
      on p.course_id = e.course_id and p.beneficiary_id = e.user_id where p.id in ${sql([pid, concurrent, other])}`
    expect(enrolments?.n).toBe(3)
  })

  it('refuses a success that does not match the payment and writes nothing', async () => {
    const pid = await payment(await course())
    const event = unique('evt')
    await expect(succeed(pid, event, 99_900)).rejects.toThrow(/reports 99900 KES/)
    await expect(succeed(pid, event, 100_000, 'USD')).rejects.toThrow(/payment_mismatch|reports/)
    expect(await state(pid)).toMatchObject({ status: 'pending', enrolled: false, sales: 0, balances: {} })
    // The event id was not consumed: the right event still applies.
    expect(await succeed(pid, event)).toBe('applied')
  })

  it('keeps a failure with its reason; a later success still applies; a failure after success is ignored', async () => {
    const pid = await payment(await course())
    const fail = (event: string, status: string, reason: string) =>
      sql`select private.record_payment_failure('test', ${event}, ${pid}, ${status}, ${reason}) as r`.then(
        (r) => r[0]?.r,
      )
    expect(await fail(unique('f'), 'cancelled', 'Cancelled on the phone')).toBe('applied')
    expect(await state(pid)).toMatchObject({ status: 'cancelled', enrolled: false, sales: 0 })
    const [p] = await sql`select failure_reason from public.payments where id = ${pid}`
    expect(p?.failure_reason).toBe('Cancelled on the phone')
    expect(await succeed(pid, unique('evt'))).toBe('applied')
    expect(await fail(unique('f'), 'failed', 'Insufficient balance')).toBe('ignored')
    expect(await state(pid)).toMatchObject({ status: 'succeeded', enrolled: true, sales: 1 })
  })
})

describe('refunds', () => {
  it('never exceed what was paid; a full refund reverses everything and removes access', async () => {
    const pid = await payment(await course())
    await succeed(pid, unique('evt'))
    expect(await refund(pid, unique('r'), 70_000, 're_1')).toBe(70_000)
    expect(await state(pid)).toMatchObject({ status: 'partially_refunded', refunded: 70_000, enrolled: true })
    expect(await refund(pid, unique('r'), 70_000, 're_1')).toBe(0) // the same refund through another event
    expect(await refund(pid, unique('r'), 70_000, 're_2')).toBe(30_000) // capped at what is left
    expect(await refund(pid, unique('r'), 1, 're_3')).toBe(0)
    const s = await state(pid)
    expect(s).toMatchObject({ status: 'refunded', refunded: 100_000, enrolled: false, sales: 1 })
    expect(s.balances).toEqual({
      gateway_clearing: 0,
      instructor_pending: 0,
      platform_revenue: 0,
      marketing_support: 0,
    })
    const [r] =
      await sql`select sum(amount_minor)::int as total, count(*)::int as n from public.refunds where payment_id = ${pid}`
    expect(r).toEqual({ total: 100_000, n: 2 })
  })

  it('keep an enrolment the payment did not create', async () => {
    const c = await course()
    await sql`insert into public.enrolments (course_id, user_id) values (${c}, ${w.users.student.id})`
    const pid = await payment(c)
    await succeed(pid, unique('evt'))
    await refund(pid, unique('r'), 100_000)
    expect(await state(pid)).toMatchObject({ status: 'refunded', enrolled: true })
  })

  // The issue's event set, in every order: success, a refund, the same success again, a second
  // refund. Each order runs on its own course; all reach the same state.
  const SETS = [
    {
      name: 'partial refunds',
      amount: 100_000,
      currency: 'KES',
      provider: 'test' as Provider,
      refunds: [30_000, 20_000],
    },
    {
      name: 'refunds past the total',
      amount: 9999,
      currency: 'USD',
      provider: 'stripe' as Provider,
      refunds: [3333, 7000],
    },
  ]
  for (const set of SETS) {
    it(`reach the same final state whatever the order of the events (${set.name})`, async () => {
      const events = ['success', 'refund1', 'success', 'refund2']
      const orders = permutations([0, 1, 2, 3]).map((order) => order.map((i) => events[i] as string))
      const finals = await Promise.all(
        orders.map(async (order) => {
          const pid = await payment(await course(), {
            amount: set.amount,
            currency: set.currency,
            provider: set.provider,
          })
          const ids = { success: unique('evt'), refund1: unique('r'), refund2: unique('r') }
          for (const e of order) {
            if (e === 'success') await succeed(pid, ids.success, set.amount, set.currency, set.provider)
            else {
              const n = e === 'refund1' ? 0 : 1
              await refund(
                pid,
                ids[e as 'refund1' | 'refund2'],
                set.refunds[n] as number,
                `re_${n}`,
                set.provider,
              )
            }
          }
          return state(pid)
        }),
      )
      const first = finals[0]
      for (const f of finals) expect(f).toEqual(first)
      const refunded = Math.min(set.amount, (set.refunds[0] ?? 0) + (set.refunds[1] ?? 0))
      expect(first).toMatchObject({ refunded, sales: 1, enrolled: refunded < set.amount })
      expect(first?.balances.gateway_clearing).toBe(set.amount - refunded)
      const credits = Object.entries(first?.balances ?? {}).filter(([k]) => k !== 'gateway_clearing')
      expect(credits.reduce((a, [, v]) => a + (v as number), 0)).toBe(refunded - set.amount)
    })
  }
})

describe('the hold and payouts', () => {
  it('moves matured pending money to available once; refunds after it come out of available', async () => {
    const [before] =
      await sql`select coalesce(sum(available_minor), 0)::int as a from public.instructor_wallets
                               where instructor_id = ${w.users.instructor.id} and currency = 'KES'`
    const pid = await payment(await course())
    await succeed(pid, unique('evt'))
    await refund(pid, unique('r'), 10_000)
    const [first] = await sql`select private.release_pending(now() + interval '8 days') as n`
    expect(first?.n).toBeGreaterThanOrEqual(1)
    // Released again: nothing more for this payment (other files' sales may be released by it).
    await sql`select private.release_pending(now() + interval '8 days')`
    const [released] =
      await sql`select count(*)::int as n from public.ledger_transactions where payment_id = ${pid} and kind = 'release'`
    expect(released?.n).toBe(1)
    await refund(pid, unique('r'), 10_000)
    const s = await state(pid)
    // 60% of 80,000 left with the instructor, all of it now available.
    expect(s.balances).toMatchObject({ instructor_pending: 0, instructor_available: -48_000 })
    const [after] =
      await sql`select coalesce(sum(available_minor), 0)::int as a from public.instructor_wallets
                              where instructor_id = ${w.users.instructor.id} and currency = 'KES'`
    expect((after?.a ?? 0) - (before?.a ?? 0)).toBeGreaterThanOrEqual(48_000)
  })

  it('pays out at least the minimum, never more than available, and debits the wallet once however often it is approved', async () => {
    const { instructor, admin } = w.users
    await sql`select private.release_pending(now() + interval '30 days')`
    const available = async () =>
      Number((await sql`select private.wallet_available(${w.a.id}, ${instructor.id}, 'KES') as a`)[0]?.a)
    const start = await available()
    expect(start).toBeGreaterThanOrEqual(10_000)
    const ask = (amount: number, method = 'mpesa') =>
      withUser(
        sql,
        instructor.claims,
        (tx) =>
          tx`select public.request_payout(${w.a.id}, 'KES', ${amount}, ${method}, '254700000000') as id`,
      )
    await expect(ask(9_900)).rejects.toThrow('The smallest payout by mpesa is 100 KES')
    await expect(ask(start + 100)).rejects.toThrow('That is more than your available balance.')
    const [{ id }] = (await ask(10_000)) as unknown as [{ id: string }]
    const approve = () =>
      withUser(sql, admin.claims, (tx) => tx`select public.approve_payout(${id}) as r`).then((r) => r[0]?.r)
    await expect(
      withUser(sql, instructor.claims, (tx) => tx`select public.approve_payout(${id})`),
    ).rejects.toThrow('This payout was not found.')
    const outcomes = await Promise.all([approve(), approve(), approve()])
    expect(outcomes.sort()).toEqual(['applied', 'ignored', 'ignored'])
    expect(await approve()).toBe('ignored')
    expect(await available()).toBe(start - 10_000)
    const [steps] =
      await sql`select count(*)::int as n from public.ledger_transactions where payout_id = ${id}`
    expect(steps?.n).toBe(1)
    // Daraja B2C says it failed: the money goes back, once.
    const event = unique('b2c')
    const settle = () =>
      sql`select private.settle_payout('mpesa', ${event}, ${id}, false, null, 'Invalid phone') as r`.then(
        (r) => r[0]?.r,
      )
    expect([await settle(), await settle()]).toEqual(['applied', 'duplicate'])
    expect(await available()).toBe(start)
    const [p] = await sql`select status from public.payouts where id = ${id}`
    expect(p?.status).toBe('failed')
  })
})

describe('a course payment started by the student', () => {
  it('charges the course\u2019s price, refuses free courses and people outside the school', async () => {
    const c = await course()
    const start = (who: keyof World['users'], provider = 'mpesa') =>
      withUser(
        sql,
        w.users[who].claims,
        (tx) => tx`select public.start_course_payment(${c}, ${provider}) as id`,
      )
    await expect(start('student')).rejects.toThrow('This course is free: join it from the course page.')
    await withUser(
      sql,
      w.users.instructor.claims,
      (tx) =>
        tx`insert into public.course_prices (course_id, currency, amount_minor) values (${c}, 'KES', 150000)`,
    )
    const [course_] = await sql`select is_free from public.courses where id = ${c}`
    expect(course_?.is_free).toBe(false)
    await expect(
      withUser(
        sql,
        w.users.instructor.claims,
        (tx) => tx`update public.course_prices set amount_minor = 150050 where course_id = ${c}`,
      ),
    ).rejects.toThrow(/course_prices_whole_shillings/)
    const [{ id }] = (await start('student')) as unknown as [{ id: string }]
    const [p] =
      await sql`select currency, amount_minor::int, status, payer_id, beneficiary_id from public.payments where id = ${id}`
    expect(p).toEqual({
      currency: 'KES',
      amount_minor: 150_000,
      status: 'pending',
      payer_id: w.users.student.id,
      beneficiary_id: w.users.student.id,
    })
    await expect(start('outsider')).rejects.toThrow('This course was not found.')
    await expect(start('adminB')).rejects.toThrow('This course was not found.')
    await expect(start('instructor')).rejects.toThrow('Only students of this school can be enrolled.')
  })
})

describe('plans and entitlements', () => {
  it('apply subscription events once and in event order; storage and AI limits follow the plan', async () => {
    const t = w.b.id
    const apply = (event: string, plan: string, status: string, at: string) =>
      sql`select private.apply_subscription('stripe', ${event}, ${t}, ${plan}, ${status}, now() + interval '30 days',
            'cus_1', 'sub_1', ${at}::timestamptz) as r`.then((r) => r[0]?.r)
    const limit = async () => Number((await sql`select private.storage_limit(${t}) as l`)[0]?.l)
    const budget = async () => Number((await sql`select private.ai_monthly_budget(${t}) as b`)[0]?.b)
    expect(await limit()).toBe(PLANS.free.storageBytes)
    expect(await budget()).toBe(PLANS.free.aiMonthlyTokens)
    const e1 = unique('evt')
    expect(await apply(e1, 'premium', 'active', '2026-12-02T00:00:00Z')).toBe('applied')
    expect(await apply(e1, 'premium', 'active', '2026-12-02T00:00:00Z')).toBe('duplicate')
    // An older event (created → standard) arriving late changes nothing.
    expect(await apply(unique('evt'), 'standard', 'active', '2026-12-01T00:00:00Z')).toBe('ignored')
    expect(await limit()).toBe(PLANS.premium.storageBytes)
    expect(await budget()).toBe(PLANS.premium.aiMonthlyTokens)
    // The school's own AI budget is capped by the plan.
    await sql`insert into private.ai_settings (tenant_id, monthly_token_budget) values (${t}, 5000000000)`
    expect(await budget()).toBe(PLANS.premium.aiMonthlyTokens)
    await sql`update private.ai_settings set monthly_token_budget = 1000 where tenant_id = ${t}`
    expect(await budget()).toBe(1000)
    expect(await apply(unique('evt'), 'premium', 'cancelled', '2026-12-03T00:00:00Z')).toBe('applied')
    expect(await limit()).toBe(PLANS.free.storageBytes)
    const [limits] = await sql`select plan, status, seats from private.school_limits(${t})`
    expect(limits).toEqual({ plan: 'free', status: 'cancelled', seats: PLANS.free.seats })
  })
})

describe('the ledger as a whole', () => {
  it('keeps every balance equal to the sum of its entries and every transaction balanced', async () => {
    const drift = await sql`
      select a.id, a.balance_minor, coalesce(sum(e.amount_minor), 0) as total
      from public.ledger_accounts a left join public.ledger_entries e on e.account_id = a.id
      group by a.id having a.balance_minor <> coalesce(sum(e.amount_minor), 0)`
    expect(drift).toEqual([])
    const unbalanced = await sql`select transaction_id, currency from public.ledger_entries
                                 group by transaction_id, currency having sum(amount_minor) <> 0`
    expect(unbalanced).toEqual([])
    const [count] =
      await sql`select count(*)::int as n from public.ledger_entries where tenant_id = ${w.a.id}`
    expect(count?.n).toBeGreaterThan(100)
  })
})

import Stripe from 'stripe'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Logger } from '../../edge/lib/log.ts'
import { createStripeWebhookApp, MAX_BODY_BYTES } from '../../edge/stripe-webhook/app.ts'
import { createTenant, testDb, testEnv, unique } from '../support/fixtures.ts'
import { createWorld, type World } from '../support/rls.ts'

// The stripe-webhook function against the real Postgres: events built as JSON the way Stripe sends
// them and signed with the SDK's own test-header helper, delivered to the app (the same app the
// Deno entry serves). Payments are started as the API leaves them (pending, Stripe, the Checkout
// Session id attached or not).
const SECRET = 'whsec_test_kipindi_stripe_webhook_secret'
const sql = testDb(8)
const lines: string[] = []
const capture: Logger = {
  info: (m, f) => lines.push(`info ${m} ${JSON.stringify(f)}`),
  warn: (m, f) => lines.push(`warn ${m} ${JSON.stringify(f)}`),
  error: (m, f) => lines.push(`error ${m} ${JSON.stringify(f)}`),
}
let hook: ReturnType<typeof createStripeWebhookApp>
let off: ReturnType<typeof createStripeWebhookApp>
let w: World
beforeAll(async () => {
  hook = createStripeWebhookApp(await testEnv({ STRIPE_WEBHOOK_SECRET: SECRET, DB_POOL_MAX: '4' }), {
    log: capture,
  })
  off = createStripeWebhookApp(await testEnv({ STRIPE_WEBHOOK_SECRET: '' }), { log: capture })
  w = await createWorld(sql)
})
afterAll(async () => {
  await hook.close()
  await off.close()
  await sql.end()
})

const now = () => Math.floor(Date.now() / 1000)

interface StripeEventJson {
  id: string
  object: 'event'
  type: string
  created: number
  livemode: false
  api_version: string
  data: { object: Record<string, unknown> }
}
const event = (type: string, object: Record<string, unknown>, created = now()): StripeEventJson => ({
  id: `evt_${unique()}`,
  object: 'event',
  type,
  created,
  livemode: false,
  api_version: '2025-10-29.clover',
  data: { object },
})

const sign = (payload: string, opts: { secret?: string; timestamp?: number } = {}) =>
  Stripe.webhooks.generateTestHeaderString({
    payload,
    secret: opts.secret ?? SECRET,
    timestamp: opts.timestamp,
  })

async function deliver(body: BodyInit, signature: string | undefined, app = hook.app) {
  const headers: Record<string, string> = { 'content-type': 'application/json' }
  if (signature !== undefined) headers['stripe-signature'] = signature
  const res = await app.request('/stripe-webhook', { method: 'POST', headers, body })
  return { status: res.status, body: (await res.json()) as Record<string, unknown> }
}
/** What the inbox made of an event: its state, or undefined when it was never stored. */
async function inbox(eventId: string) {
  const [row] = await sql<{ state: string; waits_for: string | null; last_error: string | null }[]>`
    select state, waits_for, last_error from private.stripe_inbox where event_id = ${eventId}`
  return row
}

/** Delivers a signed event, lets the worker apply what is due, and reads the event's inbox state. */
async function send(e: StripeEventJson, app = hook) {
  const payload = JSON.stringify(e)
  const res = await deliver(payload, sign(payload), app.app)
  await app.drain()
  return { ...res, outcome: (await inbox(e.id))?.state }
}
const queued = { received: true, ignored: false, duplicate: false }
const again = { received: true, ignored: false, duplicate: true }

interface Pay {
  id: string
  session: string
  pi: string
  charge: string
  amount: number
  currency: string
}

/** A pending Stripe payment for a new instructor course, as the checkout route leaves it. */
async function payment(amount: number, currency = 'USD', opts: { attach?: boolean } = {}): Promise<Pay> {
  const [c] = await sql`insert into public.courses (tenant_id, title, created_by)
                        values (${w.a.id}, ${unique('Course ')}, ${w.users.instructor.id}) returning id`
  const [p] = await sql`
    insert into public.payments (tenant_id, payer_id, beneficiary_id, purpose, course_id, provider, currency, amount_minor)
    values (${w.a.id}, ${w.users.student.id}, ${w.users.student.id}, 'course', ${c?.id}, 'stripe', ${currency}, ${amount})
    returning id`
  const pay = {
    id: p?.id as string,
    session: `cs_test_${unique()}`,
    pi: `pi_${unique()}`,
    charge: `ch_${unique()}`,
    amount,
    currency,
  }
  if (opts.attach !== false) await sql`select private.attach_provider_ref(${pay.id}, ${pay.session})`
  return pay
}

const session = (p: Pay, over: Record<string, unknown> = {}) => ({
  id: p.session,
  object: 'checkout.session',
  mode: 'payment',
  status: 'complete',
  payment_status: 'paid',
  amount_total: p.amount,
  currency: p.currency.toLowerCase(),
  payment_intent: p.pi,
  customer: null,
  subscription: null,
  metadata: { payment_id: p.id },
  ...over,
})

const charge = (p: Pay, refunds: [string, number][], opts: { metadata?: boolean; list?: boolean } = {}) => ({
  id: p.charge,
  object: 'charge',
  amount: p.amount,
  amount_refunded: refunds.reduce((a, [, n]) => a + n, 0),
  currency: p.currency.toLowerCase(),
  payment_intent: p.pi,
  refunded: refunds.reduce((a, [, n]) => a + n, 0) === p.amount,
  metadata: opts.metadata === false ? {} : { payment_id: p.id },
  ...(opts.list === false
    ? {}
    : {
        refunds: {
          object: 'list',
          has_more: false,
          data: refunds.map(([id, amount]) => ({ id, object: 'refund', amount, status: 'succeeded' })),
        },
      }),
})

interface PayState {
  status: string
  refunded: number
  provider_ref: string | null
  failure_reason: string | null
  enrolled: boolean
  sales: number
  transactions: number
  balances: Record<string, number>
}

/** What a student, an instructor or an accountant would notice about a payment. */
async function state(pid: string): Promise<PayState> {
  const [p] = await sql`select p.status, p.refunded_minor::int as refunded, p.provider_ref, p.failure_reason,
      exists (select 1 from public.enrolments e where e.course_id = p.course_id and e.user_id = p.beneficiary_id) as enrolled,
      (select count(*)::int from public.ledger_transactions t where t.payment_id = p.id and t.kind = 'sale') as sales,
      (select count(*)::int from public.ledger_transactions t where t.payment_id = p.id) as transactions
    from public.payments p where p.id = ${pid}`
  const balances = await sql`
    select a.kind, sum(e.amount_minor)::int as total
    from public.ledger_entries e join public.ledger_transactions t on t.id = e.transaction_id
    join public.ledger_accounts a on a.id = e.account_id
    where t.payment_id = ${pid} group by a.kind order by a.kind`
  return { ...p, balances: Object.fromEntries(balances.map((b) => [b.kind, b.total])) } as PayState
}

const recorded = async (eventId: string) =>
  Number(
    (
      await sql`select count(*)::int as n from private.payment_events
                where provider = 'stripe' and (event_id = ${eventId} or event_id like ${`${eventId}:%`})`
    )[0]?.n,
  )

async function entitlements(tenant: string) {
  const [e] =
    await sql`select plan, status, seats, current_period_end, stripe_customer_id, stripe_subscription_id
                        from public.school_entitlements where tenant_id = ${tenant}`
  return e ? { ...e } : null
}

const newTenant = async () => (await createTenant(sql, w.users.ownerB)).id

const subscription = (tenant: string, sub: string, status: string, plan: string, over = {}) => ({
  id: sub,
  object: 'subscription',
  customer: `cus_${tenant.slice(0, 8)}`,
  status,
  metadata: { tenant_id: tenant },
  items: {
    object: 'list',
    data: [
      {
        id: `si_${sub}`,
        price: { id: `price_${plan}`, lookup_key: `${plan}_monthly` },
        current_period_end: 1_900_000_000,
      },
    ],
  },
  ...over,
})

const invoice = (tenant: string, sub: string, plan: string) => ({
  id: `in_${unique()}`,
  object: 'invoice',
  customer: `cus_${tenant.slice(0, 8)}`,
  parent: {
    type: 'subscription_details',
    subscription_details: { subscription: sub, metadata: { tenant_id: tenant, plan } },
  },
  metadata: {},
  lines: { object: 'list', data: [{ id: 'il_1', period: { start: 1, end: 1_900_000_000 }, metadata: {} }] },
})

describe('POST /stripe-webhook: checkout', () => {
  it('enrols the student on checkout.session.completed; replays answer 200 and change nothing', async () => {
    const p = await payment(9999)
    const e = event('checkout.session.completed', session(p))
    expect(await send(e)).toEqual({ status: 200, body: queued, outcome: 'applied' })
    const after = await state(p.id)
    expect(after).toMatchObject({ status: 'succeeded', enrolled: true, sales: 1, provider_ref: p.session })
    expect(after.balances).toEqual({
      gateway_clearing: 9999,
      instructor_pending: -5999,
      platform_revenue: -3000,
      marketing_support: -1000,
    })
    for (let i = 0; i < 3; i++) {
      expect(await send(e)).toEqual({ status: 200, body: again, outcome: 'applied' })
    }
    const concurrent = await Promise.all([send(e), send(e), send(e)])
    expect(concurrent.map((r) => r.body.duplicate)).toEqual([true, true, true])
    expect(await state(p.id)).toEqual(after)
  })

  it('stores the PaymentIntent when the API attached no session id; waits for async payments', async () => {
    const p = await payment(5000, 'EUR', { attach: false })
    const unpaid = event('checkout.session.completed', session(p, { payment_status: 'unpaid' }))
    expect(await send(unpaid)).toEqual({ status: 200, body: { received: true, ignored: true } })
    expect(await state(p.id)).toMatchObject({ status: 'pending', sales: 0 })
    const later = event('checkout.session.async_payment_succeeded', session(p))
    expect((await send(later)).outcome).toBe('applied')
    expect(await state(p.id)).toMatchObject({ status: 'succeeded', provider_ref: p.pi, enrolled: true })
  })

  it('fails a session whose amount or currency contradicts the payment, with an error logged; nothing written', async () => {
    const p = await payment(9999)
    lines.length = 0
    for (const over of [{ amount_total: 999 }, { currency: 'gbp' }, { id: `cs_test_${unique()}` }]) {
      const e = event('checkout.session.completed', session(p, over))
      expect(await send(e)).toMatchObject({ status: 200, body: queued, outcome: 'failed' })
      expect((await inbox(e.id))?.last_error).toMatch(/reports|belongs to/i)
      expect(await recorded(e.id)).toBe(0)
    }
    expect(lines.filter((l) => l.startsWith('error stripe event contradicts the payment'))).toHaveLength(3)
    expect(await state(p.id)).toMatchObject({ status: 'pending', enrolled: false, sales: 0, balances: {} })
  })

  it('acknowledges signed sessions it cannot use (no metadata, unknown payment) with a log line', async () => {
    const p = await payment(1234)
    lines.length = 0
    const noMeta = event('checkout.session.completed', session(p, { metadata: {} }))
    expect(await send(noMeta)).toEqual({ status: 200, body: { received: true, ignored: true } })
    const badId = event('checkout.session.completed', session(p, { metadata: { payment_id: 'not-a-uuid' } }))
    expect((await send(badId)).status).toBe(200)
    const unknown = event(
      'checkout.session.completed',
      session(p, { metadata: { payment_id: crypto.randomUUID() } }),
    )
    expect(await send(unknown)).toEqual({ status: 200, body: queued, outcome: 'ignored' })
    const broken = event('checkout.session.completed', { id: 42, amount_total: 'lots' })
    expect((await send(broken)).status).toBe(200)
    expect(lines.filter((l) => l.startsWith('warn stripe event ignored'))).toHaveLength(4)
    for (const e of [noMeta, badId, unknown, broken]) expect(await recorded(e.id)).toBe(0)
    expect(await state(p.id)).toMatchObject({ status: 'pending', sales: 0 })
  })

  it('marks an expired or failed checkout, with a reason; a later success still applies', async () => {
    const p = await payment(2500, 'GBP')
    expect(
      (
        await send(
          event('checkout.session.expired', session(p, { status: 'expired', payment_status: 'unpaid' })),
        )
      ).outcome,
    ).toBe('applied')
    expect(await state(p.id)).toMatchObject({
      status: 'cancelled',
      failure_reason: 'The checkout was not completed in time.',
    })
    const q = await payment(2500, 'GBP')
    expect(
      (await send(event('checkout.session.async_payment_failed', session(q, { payment_status: 'unpaid' }))))
        .outcome,
    ).toBe('applied')
    expect(await state(q.id)).toMatchObject({ status: 'failed', enrolled: false })
    expect((await send(event('checkout.session.completed', session(q)))).outcome).toBe('applied')
    expect(await state(q.id)).toMatchObject({ status: 'succeeded', enrolled: true, failure_reason: null })
  })
})

describe('POST /stripe-webhook: refunds', () => {
  it('records each refund once by its re_ id, caps at the charge, and a full refund removes access', async () => {
    const p = await payment(9999)
    await send(event('checkout.session.completed', session(p)))
    const first = event('charge.refunded', charge(p, [['re_a', 3333]]))
    expect((await send(first)).outcome).toBe('applied')
    expect(await state(p.id)).toMatchObject({ status: 'partially_refunded', refunded: 3333, enrolled: true })
    expect((await send(first)).body.duplicate).toBe(true)
    // The next event lists both refunds: re_a counts once.
    const second = event(
      'charge.refunded',
      charge(p, [
        ['re_a', 3333],
        ['re_b', 6666],
      ]),
    )
    expect((await send(second)).outcome).toBe('applied')
    const s = await state(p.id)
    expect(s).toMatchObject({ status: 'refunded', refunded: 9999, enrolled: false, sales: 1 })
    expect(s.balances).toEqual({
      gateway_clearing: 0,
      instructor_pending: 0,
      platform_revenue: 0,
      marketing_support: 0,
    })
    const refunds = await sql`select refund_ref, amount_minor::int as amount from public.refunds
                              where payment_id = ${p.id} order by refund_ref`
    expect([...refunds]).toEqual([
      { refund_ref: 're_a', amount: 3333 },
      { refund_ref: 're_b', amount: 6666 },
    ])
  })

  it('finds the payment by PaymentIntent when the charge has no metadata, and without a refund list', async () => {
    const p = await payment(2000, 'USD', { attach: false })
    await send(event('checkout.session.completed', session(p)))
    expect(
      (await send(event('charge.refunded', charge(p, [['re_x', 500]], { metadata: false })))).outcome,
    ).toBe('applied')
    // An older API version: no refunds list, only the charge's cumulative amount.
    expect(
      (
        await send(
          event(
            'charge.refunded',
            charge(
              p,
              [
                ['re_x', 500],
                ['re_y', 700],
              ],
              { metadata: false, list: false },
            ),
          ),
        )
      ).outcome,
    ).toBe('applied')
    expect(await state(p.id)).toMatchObject({ status: 'partially_refunded', refunded: 1200, enrolled: true })
    // A refund listed after it was counted without its id does not count twice.
    expect(
      (
        await send(
          event(
            'charge.refunded',
            charge(p, [
              ['re_x', 500],
              ['re_y', 700],
            ]),
          ),
        )
      ).outcome,
    ).toBe('ignored')
    expect(await state(p.id)).toMatchObject({ refunded: 1200 })
  })

  it('ignores a refund of a payment it does not have; keeps one it cannot find yet until its payment succeeds', async () => {
    const p = await payment(2000, 'USD', { attach: false })
    const ghost = event('charge.refunded', {
      ...charge(p, [['re_z', 500]]),
      metadata: { payment_id: crypto.randomUUID() },
    })
    expect(await send(ghost)).toEqual({ status: 200, body: queued, outcome: 'ignored' })
    // Only the PaymentIntent, which the payment learns when its session completes: the refund waits.
    const early = event('charge.refunded', charge(p, [['re_z', 500]], { metadata: false }))
    expect(await send(early)).toMatchObject({ status: 200, body: queued, outcome: 'pending' })
    expect(await inbox(early.id)).toMatchObject({ waits_for: p.pi })
    for (const e of [ghost, early]) expect(await recorded(e.id)).toBe(0)
    // The session's completion wakes it: applied in the same pass, long before its retry was due.
    expect((await send(event('checkout.session.completed', session(p)))).outcome).toBe('applied')
    expect(await inbox(early.id)).toMatchObject({ state: 'applied' })
    expect(await state(p.id)).toMatchObject({ status: 'partially_refunded', refunded: 500 })
  })
})

describe('POST /stripe-webhook: school plans', () => {
  it('applies subscription created, invoice paid/failed, updated and deleted in event order', async () => {
    const t = await newTenant()
    const sub = `sub_${unique()}`
    const t0 = now() - 1000
    const created = event('customer.subscription.created', subscription(t, sub, 'active', 'standard'), t0)
    expect((await send(created)).outcome).toBe('applied')
    expect(await entitlements(t)).toMatchObject({
      plan: 'standard',
      status: 'active',
      seats: 500,
      stripe_subscription_id: sub,
      current_period_end: new Date(1_900_000_000 * 1000),
    })
    expect((await send(event('invoice.payment_failed', invoice(t, sub, 'standard'), t0 + 10))).outcome).toBe(
      'applied',
    )
    expect(await entitlements(t)).toMatchObject({ plan: 'standard', status: 'past_due' })
    expect((await send(event('invoice.paid', invoice(t, sub, 'standard'), t0 + 20))).outcome).toBe('applied')
    expect(await entitlements(t)).toMatchObject({ status: 'active' })
    const upgraded = event(
      'customer.subscription.updated',
      subscription(t, sub, 'active', 'premium'),
      t0 + 30,
    )
    expect((await send(upgraded)).outcome).toBe('applied')
    expect(await entitlements(t)).toMatchObject({ plan: 'premium', seats: 5000 })
    // An older event arriving late changes nothing.
    expect((await send(event('invoice.paid', invoice(t, sub, 'standard'), t0 + 25))).outcome).toBe('ignored')
    const deleted = event(
      'customer.subscription.deleted',
      subscription(t, sub, 'canceled', 'premium'),
      t0 + 40,
    )
    expect((await send(deleted)).outcome).toBe('applied')
    const [limits] = await sql`select plan, status from private.school_limits(${t})`
    expect(limits).toEqual({ plan: 'free', status: 'cancelled' })
    expect((await send(deleted)).body.duplicate).toBe(true)
  })

  it('applies a subscription checkout (plan payment and plan) in one go', async () => {
    const t = await newTenant()
    const [p] =
      await sql`insert into public.payments (tenant_id, payer_id, purpose, plan, provider, currency, amount_minor)
      values (${t}, ${w.users.ownerB.id}, 'plan', 'standard', 'stripe', 'USD', 4900) returning id`
    const pay = {
      id: p?.id as string,
      session: `cs_test_${unique()}`,
      pi: '',
      charge: '',
      amount: 4900,
      currency: 'USD',
    }
    const e = event(
      'checkout.session.completed',
      session(pay, {
        mode: 'subscription',
        payment_intent: null,
        customer: 'cus_plan',
        subscription: 'sub_plan_1',
        metadata: { payment_id: pay.id, tenant_id: t, plan: 'standard' },
      }),
    )
    expect((await send(e)).outcome).toBe('applied')
    expect(await entitlements(t)).toMatchObject({
      plan: 'standard',
      status: 'active',
      stripe_customer_id: 'cus_plan',
    })
    expect(await state(pay.id)).toMatchObject({
      status: 'succeeded',
      balances: { gateway_clearing: 4900, platform_revenue: -4900 },
    })
    expect((await send(e)).body.duplicate).toBe(true)
    // A subscription in a school that does not exist, or without a plan: acknowledged, nothing written.
    const ghost = event(
      'customer.subscription.updated',
      subscription(crypto.randomUUID(), 'sub_g', 'active', 'premium'),
    )
    expect(await send(ghost)).toEqual({ status: 200, body: queued, outcome: 'ignored' })
    const noPlan = event('customer.subscription.updated', subscription(t, 'sub_n', 'active', 'gold'))
    expect(await send(noPlan)).toEqual({ status: 200, body: { received: true, ignored: true } })
    expect(await recorded(ghost.id)).toBe(0)
  })
})

describe('POST /stripe-webhook: what it refuses', () => {
  it('refuses tampered, stale, wrong-secret and unsigned events with 400 and writes nothing', async () => {
    const p = await payment(9999)
    const e = event('checkout.session.completed', session(p))
    const payload = JSON.stringify(e)
    const tampered = payload.replace('"amount_total":9999', '"amount_total":9998')
    const cases: [string, BodyInit, string | undefined][] = [
      ['tampered', tampered, sign(payload)],
      ['stale', payload, sign(payload, { timestamp: now() - 400 })],
      ['wrong secret', payload, sign(payload, { secret: 'whsec_someone_else' })],
      ['no header', payload, undefined],
      ['garbage header', payload, 'hello'],
      ['empty header', payload, ''],
    ]
    for (const [name, body, header] of cases) {
      const res = await deliver(body, header)
      expect(res, name).toMatchObject({ status: 400, body: { error: { code: 'invalid_signature' } } })
    }
    expect(await recorded(e.id)).toBe(0)
    expect(await state(p.id)).toMatchObject({ status: 'pending', enrolled: false, sales: 0, balances: {} })
    // Within the tolerance it applies.
    expect(await deliver(payload, sign(payload, { timestamp: now() - 200 }))).toEqual({
      status: 200,
      body: queued,
    })
    await hook.drain()
    expect(await inbox(e.id)).toMatchObject({ state: 'applied' })
  })

  it('answers 503 and writes nothing without STRIPE_WEBHOOK_SECRET', async () => {
    const p = await payment(9999)
    const e = event('checkout.session.completed', session(p))
    expect(await send(e, off)).toMatchObject({
      status: 503,
      body: { error: { code: 'payments_unavailable' } },
    })
    expect(await recorded(e.id)).toBe(0)
    expect(await state(p.id)).toMatchObject({ status: 'pending' })
  })

  it('acknowledges unknown event types and ignores them', async () => {
    const e = event('customer.created', { id: 'cus_1', object: 'customer', metadata: {} })
    expect(await send(e)).toEqual({ status: 200, body: { received: true, ignored: true } })
    expect(await recorded(e.id)).toBe(0)
  })

  it('survives garbage and huge bodies and keeps serving', async () => {
    const junk = [
      '',
      'not json',
      '{"id":',
      '\u0000\u0001',
      '[]',
      'null',
      '{"type":"checkout.session.completed"}',
    ]
    for (const body of junk) {
      expect((await deliver(body, 't=1,v1=abc')).status).toBe(400) // unsigned
      const signed = await deliver(body, sign(body))
      expect([200, 400], body).toContain(signed.status)
    }
    expect(await deliver('not json', sign('not json'))).toMatchObject({
      status: 400,
      body: { error: { code: 'invalid_event' } },
    })
    expect(await deliver('[]', sign('[]'))).toEqual({ status: 200, body: { received: true, ignored: true } })
    const huge = 'x'.repeat(MAX_BODY_BYTES + 1)
    expect((await deliver(huge, sign(huge))).status).toBe(413)
    // Streamed without a length.
    const stream = new ReadableStream({
      start(c) {
        for (let i = 0; i < 20; i++) c.enqueue(new Uint8Array(100 * 1024))
        c.close()
      },
    })
    const res = await hook.app.request('/stripe-webhook', {
      method: 'POST',
      headers: { 'stripe-signature': 't=1,v1=abc' },
      body: stream,
      // @ts-expect-error Node's fetch needs duplex for a stream body
      duplex: 'half',
    })
    expect(res.status).toBe(413)
    expect((await hook.app.request('/stripe-webhook', { method: 'GET' })).status).toBe(404)
    const p = await payment(100)
    expect((await send(event('checkout.session.completed', session(p)))).outcome).toBe('applied')
  })
})

describe('the inbox', () => {
  /** Runs `fn` while another transaction holds the payment's row (as a concurrent writer would). */
  async function whileHeld(paymentId: string, fn: () => Promise<void>) {
    const held = await sql.reserve()
    await held`begin`
    await held`select 1 from public.payments where id = ${paymentId} for update`
    try {
      await fn()
    } finally {
      await held`rollback`
      held.release()
    }
  }

  it('acknowledges without waiting for the effect, which lands once the payment is free', async () => {
    const p = await payment(4200)
    const e = event('checkout.session.completed', session(p))
    const payload = JSON.stringify(e)
    // Someone holds the payment row: applying must wait for them, the acknowledgement must not.
    await whileHeld(p.id, async () => {
      const res = await deliver(payload, sign(payload))
      expect(res).toEqual({ status: 200, body: queued })
      expect(await state(p.id)).toMatchObject({ status: 'pending', sales: 0 })
      expect(await inbox(e.id)).toMatchObject({ state: 'pending' })
    })
    await hook.drain()
    expect(await inbox(e.id)).toMatchObject({ state: 'applied' })
    expect(await state(p.id)).toMatchObject({ status: 'succeeded', enrolled: true, sales: 1 })
  })

  it('stores an event claimed by the instance that received it: another instance leaves it to that one', async () => {
    const other = createStripeWebhookApp(await testEnv({ STRIPE_WEBHOOK_SECRET: SECRET }), { log: capture })
    const p = await payment(4300)
    const e = event('checkout.session.completed', session(p))
    const payload = JSON.stringify(e)
    try {
      await whileHeld(p.id, async () => {
        expect(await deliver(payload, sign(payload))).toEqual({ status: 200, body: queued })
        const [row] =
          await sql`select state, attempts, next_attempt_at > now() + interval '1 minute' as leased
                                from private.stripe_inbox where event_id = ${e.id}`
        expect(row).toMatchObject({ state: 'pending', attempts: 1, leased: true })
        await other.drain()
        expect(await inbox(e.id)).toMatchObject({ state: 'pending' })
      })
    } finally {
      await other.close()
    }
    await hook.drain()
    expect(await inbox(e.id)).toMatchObject({ state: 'applied' })
    expect(await state(p.id)).toMatchObject({ status: 'succeeded', enrolled: true, sales: 1 })
  })

  it("takes over an event whose worker died after claiming it, once the claim's lease ends", async () => {
    const p = await payment(700)
    const e = event('checkout.session.completed', session(p))
    // As a dead worker leaves it: claimed once, its lease over.
    await sql`insert into private.stripe_inbox (event_id, type, event, attempts, next_attempt_at)
              values (${e.id}, ${e.type}, ${sql.json(e as never)}, 1, now() - interval '1 second')`
    await hook.drain()
    expect(await inbox(e.id)).toMatchObject({ state: 'applied' })
    expect(await state(p.id)).toMatchObject({ status: 'succeeded', sales: 1 })
  })

  it('retries an event that failed for a passing reason later, not at once', async () => {
    const p = await payment(800)
    const e = event('checkout.session.completed', session(p))
    const payload = JSON.stringify(e)
    // A statement timeout stands in for any passing database error (a restart, a full pool).
    await sql`alter function private.record_payment_success set statement_timeout = '1ms'`
    await sql`alter function private.record_payment_success set lock_timeout = '1ms'`
    try {
      await whileHeld(p.id, async () => {
        await deliver(payload, sign(payload))
        await hook.drain()
      })
    } finally {
      await sql`alter function private.record_payment_success reset lock_timeout`
      await sql`alter function private.record_payment_success reset statement_timeout`
    }
    const [row] = await sql`select state, attempts, last_error, next_attempt_at > now() as later
                            from private.stripe_inbox where event_id = ${e.id}`
    expect(row).toMatchObject({ state: 'pending', attempts: 1, later: true })
    expect(row?.last_error).toMatch(/lock|timeout/i)
    await sql`update private.stripe_inbox set next_attempt_at = now() where event_id = ${e.id}`
    await hook.drain()
    expect(await inbox(e.id)).toMatchObject({ state: 'applied' })
  })
})

// The issue's invariant: the full event set of several payments and a subscription, replayed 3×
// shuffled and concurrently, ends where a single clean pass ends: no double enrolment or credit,
// every ledger transaction balanced.
describe('the full event set, replayed', () => {
  interface World_ {
    pays: Pay[]
    tenant: string
    events: StripeEventJson[]
  }

  async function scenario(): Promise<World_> {
    const p1 = await payment(9999, 'USD')
    const p2 = await payment(5000, 'EUR')
    const p3 = await payment(12345, 'GBP')
    const p4 = await payment(2000, 'USD', { attach: false })
    const tenant = await newTenant()
    const sub = `sub_${unique()}`
    const t0 = now() - 5000
    const events = [
      event('checkout.session.completed', session(p1)),
      event('charge.refunded', charge(p1, [['re_a', 3333]])),
      event(
        'charge.refunded',
        charge(p1, [
          ['re_a', 3333],
          ['re_b', 6666],
        ]),
      ),
      event('checkout.session.completed', session(p2)),
      event('charge.refunded', charge(p2, [['re_c', 1000]])),
      event('checkout.session.expired', session(p3, { payment_status: 'unpaid' })),
      event('checkout.session.completed', session(p4)),
      event('charge.refunded', charge(p4, [['re_d', 2000]], { metadata: false })),
      event('customer.subscription.created', subscription(tenant, sub, 'active', 'standard'), t0),
      event('invoice.paid', invoice(tenant, sub, 'standard'), t0),
      event('customer.subscription.updated', subscription(tenant, sub, 'past_due', 'premium'), t0 + 60),
      event('invoice.payment_failed', invoice(tenant, sub, 'premium'), t0 + 60),
      event('customer.subscription.updated', subscription(tenant, sub, 'active', 'premium'), t0 + 120),
    ]
    return { pays: [p1, p2, p3, p4], tenant, events }
  }

  async function snapshot(s: World_) {
    const pays = await Promise.all(s.pays.map((p) => state(p.id)))
    const e = await entitlements(s.tenant)
    return {
      pays: pays.map(({ provider_ref: _, ...rest }) => rest),
      plan: { ...e, stripe_customer_id: undefined, stripe_subscription_id: undefined },
    }
  }

  function shuffle<T>(xs: T[]): T[] {
    const a = [...xs]
    for (let i = a.length - 1; i > 0; i--) {
      const j = Math.floor(Math.random() * (i + 1))
      ;[a[i], a[j]] = [a[j] as T, a[i] as T]
    }
    return a
  }

  it('ends in the state of a single clean pass: 0 double enrolments, 0 double credits, ledger balanced', async () => {
    const clean = await scenario()
    for (const e of clean.events) expect((await send(e)).status).toBe(200)
    const expected = await snapshot(clean)
    expect(expected.pays.map((p) => p.status)).toEqual([
      'refunded',
      'partially_refunded',
      'cancelled',
      'refunded',
    ])
    expect(expected.plan).toMatchObject({ plan: 'premium', status: 'active' })

    const replayed = await scenario()
    const deliveries = shuffle([...replayed.events, ...replayed.events, ...replayed.events])
    const results = await Promise.all(deliveries.map((e) => send(e)))
    // A refund found only by its PaymentIntent before its session completed waits in the inbox and
    // is woken by the completion: every delivery is acknowledged, each event stored once.
    expect(results.filter((r) => r.status !== 200)).toEqual([])
    expect(results.filter((r) => !r.body.duplicate)).toHaveLength(replayed.events.length)
    await hook.drain()
    const states = await Promise.all(replayed.events.map((e) => inbox(e.id)))
    expect(states.filter((x) => x?.state === 'pending')).toEqual([])
    expect(await snapshot(replayed)).toEqual(expected)

    const ids = replayed.pays.map((p) => p.id)
    const [sales] =
      await sql`select count(*)::int as n, count(distinct payment_id)::int as d from public.ledger_transactions
                              where kind = 'sale' and payment_id in ${sql(ids)}`
    expect(sales).toEqual({ n: 3, d: 3 })
    const doubled = await sql`select e.course_id, e.user_id, count(*) from public.enrolments e
      join public.payments p on p.course_id = e.course_id and p.beneficiary_id = e.user_id
      where p.id in ${sql(ids)} group by 1, 2 having count(*) > 1`
    expect(doubled).toEqual([])
    const refunds = await sql`select payment_id, refund_ref, count(*)::int as n from public.refunds
      where payment_id in ${sql(ids)} group by 1, 2 having count(*) > 1`
    expect(refunds).toEqual([])
    const unbalanced = await sql`select e.transaction_id, e.currency from public.ledger_entries e
      join public.ledger_transactions t on t.id = e.transaction_id
      where t.payment_id in ${sql(ids)} group by 1, 2 having sum(e.amount_minor) <> 0`
    expect(unbalanced).toEqual([])
    const [events] = await sql`select count(*)::int as n from private.payment_events
      where provider = 'stripe' and split_part(event_id, ':', 1) in ${sql(replayed.events.map((e) => e.id))}
        and event_id not like '%:%'`
    expect(events?.n).toBe(replayed.events.length)
  })
})

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTenant, createUser, type TestUser } from '../../../test/support/fixtures.ts'
import { type PaymentStack, paymentStack, untilPaymentIs } from '../../../test/support/payment-stack.ts'
import { setupApi } from '../core/testing.ts'
import { type CourseSchool, courseSchool, newCourse } from '../courses/testing.ts'

// Cards (Stripe Checkout through the local Stripe simulator and our stripe-webhook), refunds,
// payouts and school plans, against the real Postgres and both simulators calling our functions
// over HTTP.

let stack: PaymentStack
let api: Awaited<ReturnType<typeof setupApi>>
let s: CourseSchool

beforeAll(async () => {
  stack = await paymentStack()
  api = await setupApi(stack.env)
  s = await courseSchool(api.sql)
})
afterAll(async () => {
  await api?.close()
  await stack?.close()
})

const call = (...args: Parameters<typeof api.call>) => api.call(...args)
const until = (paymentId: string, who: TestUser, status: string) =>
  untilPaymentIs(call, paymentId, who.token, status)

async function pricedCourse(currency: string, amountMinor: number, title = 'Geometry') {
  const id = await newCourse(call, s.teacher, s.tenant.id, { title })
  const res = await call('PUT', `/courses/${id}/price`, {
    token: s.teacher.token,
    body: { currency, amount_minor: amountMinor },
  })
  expect(res.status).toBe(200)
  return id
}

async function enrolled(courseId: string, who: TestUser) {
  const [r] = await api.sql`select exists (select 1 from public.enrolments
    where course_id = ${courseId} and user_id = ${who.id}) as e`
  return r?.e as boolean
}

/** Buys a course by card and pays on the test checkout; answers the payment id. */
async function buyByCard(courseId: string, who: TestUser) {
  const res = await call('POST', `/courses/${courseId}/checkout`, {
    token: who.token,
    body: { method: 'card' },
  })
  expect(res.status).toBe(201)
  const session = stack.stripe.sessions.find((x) => x.metadata?.payment_id === res.body.payment.id)
  await stack.stripe.pay(session?.id as string)
  await until(res.body.payment.id, who, 'succeeded')
  return res.body.payment.id as string
}

describe('buying a course by card', () => {
  it('the price offers cards; checkout opens the test checkout; paying enrols and credits 60% pending', async () => {
    const courseId = await pricedCourse('USD', 1999)
    const price = await call('GET', `/courses/${courseId}/price`, { token: s.student.token })
    expect(price.body.methods).toEqual(['card'])

    const res = await call('POST', `/courses/${courseId}/checkout`, {
      token: s.student.token,
      body: { method: 'card' },
    })
    expect(res.status).toBe(201)
    expect(res.body.payment).toMatchObject({
      provider: 'stripe',
      status: 'pending',
      amount_minor: 1999,
      currency: 'USD',
    })
    expect(res.body.checkout_url).toMatch(/\/__stripe\/checkout\/cs_/)
    const session = stack.stripe.sessions.at(-1)
    expect(session).toMatchObject({ amount_total: 1999, currency: 'usd', mode: 'payment' })
    expect(session?.success_url).toContain(`/courses/${courseId}/pay?payment=${res.body.payment.id}`)
    expect(session?.cancel_url).toContain('&cancelled=1')

    await stack.stripe.pay(session?.id as string)
    await until(res.body.payment.id, s.student, 'succeeded')
    expect(await enrolled(courseId, s.student)).toBe(true)
    const wallet = await call('GET', `/tenants/${s.tenant.id}/wallet`, { token: s.teacher.token })
    expect(wallet.body.balances).toContainEqual({ currency: 'USD', pending_minor: 1199, available_minor: 0 })
  })

  it('the payer cancels on the checkout page: the session expires and the payment is cancelled', async () => {
    const courseId = await pricedCourse('GBP', 1500)
    const res = await call('POST', `/courses/${courseId}/checkout`, {
      token: s.classmate.token,
      body: { method: 'card' },
    })
    const id = res.body.payment.id
    const other = await call('POST', `/payments/${id}/cancel`, { token: s.admin.token })
    expect([other.status, other.body.error.code]).toEqual([409, 'payment_not_cancellable'])
    const cancelled = await call('POST', `/payments/${id}/cancel`, { token: s.classmate.token })
    expect(cancelled.status).toBe(200)
    const after = await until(id, s.classmate, 'cancelled')
    expect(after.failure_reason).toBe('The checkout was not completed in time.')
    expect(await enrolled(courseId, s.classmate)).toBe(false)
  })

  it('a paid session whose webhook never came is confirmed from Stripe by the status check', async () => {
    const courseId = await pricedCourse('EUR', 2500)
    const res = await call('POST', `/courses/${courseId}/checkout`, {
      token: s.classmate.token,
      body: { method: 'card' },
    })
    const id = res.body.payment.id
    stack.stripe.setWebhookUrl('http://127.0.0.1:9/nowhere')
    try {
      await stack.stripe.pay(stack.stripe.sessions.at(-1)?.id as string)
    } finally {
      stack.stripe.setWebhookUrl(`${stack.env.DARAJA_CALLBACK_BASE}/functions/v1/stripe-webhook`)
    }
    expect((await call('GET', `/payments/${id}`, { token: s.classmate.token })).body.status).toBe('pending')
    await api.sql`update public.payments set created_at = now() - interval '1 minute' where id = ${id}`
    const confirmed = await call('GET', `/payments/${id}`, { token: s.classmate.token })
    expect(confirmed.body.status).toBe('succeeded')
    expect(await enrolled(courseId, s.classmate)).toBe(true)
  })
})

describe('refunds', () => {
  it('admins refund a card payment in parts; the event that follows counts once; a full refund removes the course', async () => {
    const courseId = await pricedCourse('USD', 1000, 'Biology')
    const id = await buyByCard(courseId, s.student)

    // The instructor does not see the buyer's payment at all.
    const teacher = await call('POST', `/payments/${id}/refunds`, {
      token: s.teacher.token,
      body: { reason: 'Asked' },
    })
    expect(teacher.status).toBe(404)
    const tooMuch = await call('POST', `/payments/${id}/refunds`, {
      token: s.admin.token,
      body: { amount_minor: 1001, reason: 'Asked' },
    })
    expect([tooMuch.status, tooMuch.body.error.details.issues[0].path]).toEqual([422, 'amount_minor'])
    const noReason = await call('POST', `/payments/${id}/refunds`, { token: s.admin.token, body: {} })
    expect([noReason.status, noReason.body.error.details.issues[0].path]).toEqual([400, 'reason'])

    const part = await call('POST', `/payments/${id}/refunds`, {
      token: s.admin.token,
      body: { amount_minor: 400, reason: 'Missed two weeks' },
    })
    expect(part.status).toBe(200)
    expect(part.body).toMatchObject({
      outcome: 'refunded',
      payment: { refunded_minor: 400, status: 'partially_refunded' },
    })
    // Stripe's charge.refunded for the same refund arrives and changes nothing.
    await waitForDeliveries('charge.refunded', 1)
    expect((await call('GET', `/payments/${id}`, { token: s.admin.token })).body.refunded_minor).toBe(400)
    expect(await enrolled(courseId, s.student)).toBe(true)

    const rest = await call('POST', `/payments/${id}/refunds`, {
      token: s.admin.token,
      body: { reason: 'Left the school' },
    })
    expect(rest.body).toMatchObject({
      outcome: 'refunded',
      payment: { refunded_minor: 1000, status: 'refunded' },
    })
    await waitForDeliveries('charge.refunded', 2)
    expect(await enrolled(courseId, s.student)).toBe(false)
    const again = await call('POST', `/payments/${id}/refunds`, {
      token: s.admin.token,
      body: { reason: 'Again' },
    })
    expect([again.status, again.body.error.code]).toEqual([409, 'nothing_to_refund'])

    const wallet = await call('GET', `/tenants/${s.tenant.id}/wallet`, { token: s.teacher.token })
    const refunds = wallet.body.entries.filter((e: { kind: string }) => e.kind === 'refund')
    expect(
      refunds.map((e: { amount_minor: number }) => e.amount_minor).sort((a: number, b: number) => a - b),
    ).toEqual([-360, -240])
  })

  it('an M-Pesa payment is reversed through Daraja and recorded when Safaricom confirms', async () => {
    const courseId = await pricedCourse('KES', 50_000, 'Chemistry')
    const res = await call('POST', `/courses/${courseId}/checkout`, {
      token: s.classmate.token,
      body: { method: 'mpesa', phone: '0712345678' },
    })
    const push = stack.daraja.push()
    await stack.daraja.settle(push.checkoutRequestId, 'success')
    const id = res.body.payment.id
    await until(id, s.classmate, 'succeeded')

    const cents = await call('POST', `/payments/${id}/refunds`, {
      token: s.admin.token,
      body: { amount_minor: 10_050, reason: 'Half a term' },
    })
    expect([cents.status, cents.body.error.details.issues[0].path]).toEqual([422, 'amount_minor'])
    const asked = await call('POST', `/payments/${id}/refunds`, {
      token: s.owner.token,
      body: { reason: 'Duplicate' },
    })
    expect(asked.body).toMatchObject({
      outcome: 'requested',
      payment: { status: 'succeeded', refunded_minor: 0, refund_pending_minor: 50_000 },
    })
    // On its way: asking again would refund twice.
    const twice = await call('POST', `/payments/${id}/refunds`, {
      token: s.owner.token,
      body: { reason: 'Again' },
    })
    expect([twice.status, twice.body.error.code]).toEqual([409, 'nothing_to_refund'])
    const reversal = stack.daraja.reversals.at(-1)
    expect(reversal).toBeDefined()
    const delivered = await stack.daraja.settleReversal(reversal?.conversationId as string, 0)
    expect(delivered.status, `${reversal?.resultUrl} ${delivered.body}`).toBe(200)
    const done = await until(id, s.classmate, 'refunded')
    expect(done).toMatchObject({ refunded_minor: 50_000, refund_pending_minor: 0 })
    expect(await enrolled(courseId, s.classmate)).toBe(false)
  })
})

async function waitForDeliveries(type: string, n: number) {
  for (let i = 0; i < 100; i++) {
    if (stack.stripe.deliveries.filter((d) => d.type === type && d.status === 200).length >= n) return
    await new Promise((r) => setTimeout(r, 50))
  }
  throw new Error(`fewer than ${n} ${type} deliveries`)
}

describe('payouts', () => {
  /** Gives the teacher available KES by selling a course by M-Pesa and releasing the hold. */
  async function earnKes() {
    const courseId = await pricedCourse('KES', 500_000, 'Physics')
    await call('POST', `/courses/${courseId}/checkout`, {
      token: s.student.token,
      body: { method: 'mpesa', phone: '0712345678' },
    })
    const push = stack.daraja.push()
    await stack.daraja.settle(push.checkoutRequestId, 'success')
    await api.sql`select private.release_pending(now() + interval '8 days')`
  }

  it('an instructor asks; the admin approves; B2C pays; the wallet is debited once', async () => {
    await earnKes()
    const student = await call('POST', `/tenants/${s.tenant.id}/payouts`, {
      token: s.student.token,
      body: { method: 'mpesa', currency: 'KES', amount_minor: 10_000, destination: '0712345678' },
    })
    expect(student.status).toBe(403)
    const small = await call('POST', `/tenants/${s.tenant.id}/payouts`, {
      token: s.teacher.token,
      body: { method: 'mpesa', currency: 'KES', amount_minor: 5_000, destination: '0712345678' },
    })
    expect([small.status, small.body.error.code]).toEqual([409, 'payout_minimum'])
    const badPhone = await call('POST', `/tenants/${s.tenant.id}/payouts`, {
      token: s.teacher.token,
      body: { method: 'mpesa', currency: 'KES', amount_minor: 10_000, destination: '12' },
    })
    expect([badPhone.status, badPhone.body.error.details.issues[0].path]).toEqual([400, 'destination'])

    const asked = await call('POST', `/tenants/${s.tenant.id}/payouts`, {
      token: s.teacher.token,
      body: { method: 'mpesa', currency: 'KES', amount_minor: 100_000, destination: '+254712345678' },
    })
    expect(asked.status).toBe(201)
    expect(asked.body).toMatchObject({
      status: 'requested',
      destination: '254712345678',
      instructor_name: 'Teacher',
    })
    const mine = await call('GET', `/tenants/${s.tenant.id}/payouts`, { token: s.teacher.token })
    expect(mine.body.map((p: { id: string }) => p.id)).toContain(asked.body.id)
    const colleague = await call('GET', `/tenants/${s.tenant.id}/payouts`, { token: s.colleague.token })
    expect(colleague.body).toEqual([])
    const notAdmin = await call('GET', `/tenants/${s.tenant.id}/payouts?scope=school`, {
      token: s.teacher.token,
    })
    expect(notAdmin.status).toBe(403)
    const byTeacher = await call('POST', `/payouts/${asked.body.id}/approve`, { token: s.teacher.token })
    expect(byTeacher.status).toBe(404)

    const before = await available()
    const approved = await call('POST', `/payouts/${asked.body.id}/approve`, { token: s.admin.token })
    expect(approved.body.status).toBe('approved')
    expect(await available()).toBe(before - 100_000)
    const b2c = stack.daraja.b2cs.at(-1)
    expect(b2c?.amount).toBe(1000)
    await stack.daraja.settleB2C(b2c?.conversationId as string, 0)
    const list = await call('GET', `/tenants/${s.tenant.id}/payouts?scope=school`, { token: s.admin.token })
    expect(list.body.find((p: { id: string }) => p.id === asked.body.id)).toMatchObject({ status: 'paid' })
    const twice = await call('POST', `/payouts/${asked.body.id}/approve`, { token: s.admin.token })
    expect(twice.body.status).toBe('paid')
    expect(await available()).toBe(before - 100_000)
  })

  it('bank payouts are recorded as paid with a reference; rejected ones leave the wallet alone', async () => {
    const bank = await call('POST', `/tenants/${s.tenant.id}/payouts`, {
      token: s.teacher.token,
      body: {
        method: 'bank',
        currency: 'KES',
        amount_minor: 100_000,
        destination: 'KCB Moi Avenue 1234567890',
      },
    })
    expect(bank.status).toBe(201)
    const early = await call('POST', `/payouts/${bank.body.id}/paid`, {
      token: s.admin.token,
      body: { reference: 'FT123' },
    })
    expect([early.status, early.body.error.code]).toEqual([409, 'payout_not_approved'])
    await call('POST', `/payouts/${bank.body.id}/approve`, { token: s.admin.token })
    const paid = await call('POST', `/payouts/${bank.body.id}/paid`, {
      token: s.admin.token,
      body: { reference: 'FT24123ABC' },
    })
    expect(paid.body).toMatchObject({ status: 'paid', reference: 'FT24123ABC' })

    const before = await available()
    const other = await call('POST', `/tenants/${s.tenant.id}/payouts`, {
      token: s.teacher.token,
      body: { method: 'mpesa', currency: 'KES', amount_minor: 10_000, destination: '0712345678' },
    })
    const noReason = await call('POST', `/payouts/${other.body.id}/reject`, {
      token: s.admin.token,
      body: {},
    })
    expect(noReason.status).toBe(400)
    const rejected = await call('POST', `/payouts/${other.body.id}/reject`, {
      token: s.admin.token,
      body: { reason: 'Use your bank account this month' },
    })
    expect(rejected.body).toMatchObject({ status: 'rejected', reason: 'Use your bank account this month' })
    expect(await available()).toBe(before)
  })

  async function available() {
    const res = await call('GET', `/tenants/${s.tenant.id}/wallet`, { token: s.teacher.token })
    return res.body.balances.find((b: { currency: string }) => b.currency === 'KES')?.available_minor ?? 0
  }
})

describe('school plans', () => {
  it('admins see the plan and usage; subscribe through checkout; the webhook applies limits; the portal changes them', async () => {
    const teacher = await call('GET', `/tenants/${s.tenant.id}/billing`, { token: s.teacher.token })
    expect(teacher.status).toBe(403)
    const free = await call('GET', `/tenants/${s.tenant.id}/billing`, { token: s.admin.token })
    expect(free.body).toMatchObject({
      plan: 'free',
      status: 'active',
      cards: true,
      portal: false,
      limits: { seats: 50 },
      usage: { seats: 2 },
    })
    expect(free.body.plans.map((p: { id: string }) => p.id)).toEqual(['free', 'standard', 'premium'])
    const noPortal = await call('POST', `/tenants/${s.tenant.id}/billing/portal`, { token: s.admin.token })
    expect([noPortal.status, noPortal.body.error.code]).toEqual([409, 'no_subscription'])
    const badPlan = await call('POST', `/tenants/${s.tenant.id}/billing/checkout`, {
      token: s.admin.token,
      body: { plan: 'free' },
    })
    expect([badPlan.status, badPlan.body.error.details.issues[0].path]).toEqual([400, 'plan'])

    const checkout = await call('POST', `/tenants/${s.tenant.id}/billing/checkout`, {
      token: s.owner.token,
      body: { plan: 'standard' },
    })
    expect(checkout.status).toBe(201)
    expect(checkout.body.url).toMatch(/\/__stripe\/checkout\/cs_/)
    const session = stack.stripe.sessions.at(-1)
    expect(session).toMatchObject({ mode: 'subscription', amount_total: 4900 })
    await stack.stripe.pay(session?.id as string)
    const standard = await call('GET', `/tenants/${s.tenant.id}/billing`, { token: s.admin.token })
    expect(standard.body).toMatchObject({
      plan: 'standard',
      status: 'active',
      portal: true,
      limits: { seats: 500 },
    })
    expect(standard.body.current_period_end).not.toBeNull()

    const again = await call('POST', `/tenants/${s.tenant.id}/billing/checkout`, {
      token: s.admin.token,
      body: { plan: 'premium' },
    })
    expect([again.status, again.body.error.code]).toEqual([409, 'subscription_exists'])
    const portal = await call('POST', `/tenants/${s.tenant.id}/billing/portal`, { token: s.admin.token })
    expect(portal.body.url).toMatch(/\/__stripe\/portal\//)

    const sub = stack.stripe.subscriptions.at(-1)?.id as string
    await stack.stripe.changePlan(sub, 'premium')
    expect((await call('GET', `/tenants/${s.tenant.id}/billing`, { token: s.admin.token })).body.plan).toBe(
      'premium',
    )
    await stack.stripe.failRenewal(sub)
    const pastDue = await call('GET', `/tenants/${s.tenant.id}/billing`, { token: s.admin.token })
    expect(pastDue.body).toMatchObject({ plan: 'premium', status: 'past_due' })
    await stack.stripe.cancelSubscription(sub)
    const cancelled = await call('GET', `/tenants/${s.tenant.id}/billing`, { token: s.admin.token })
    expect(cancelled.body).toMatchObject({ plan: 'free', status: 'cancelled', limits: { seats: 50 } })
  })
})

describe('student seats', () => {
  it('a school whose plan seats are all taken cannot invite another student; a bigger plan can', async () => {
    const owner = await createUser(api.sql)
    const students = await Promise.all(Array.from({ length: 49 }, () => createUser(api.sql)))
    const school = await createTenant(
      api.sql,
      owner,
      students.map((u) => [u, 'student'] as [TestUser, 'student']),
    )
    const invite = (email: string, role = 'student') =>
      call('POST', `/tenants/${school.id}/invitations`, { token: owner.token, body: { email, role } })

    // Free has 50 seats: 49 students and one open invitation fill them.
    expect((await invite('fiftieth@example.org')).status).toBe(201)
    const full = await invite('fifty-first@example.org')
    expect([full.status, full.body.error.code]).toEqual([409, 'seats_full'])
    expect(full.body.error.message).toContain('All 50 student seats')
    expect((await invite('teacher@example.org', 'instructor')).status).toBe(201)

    await api.sql`select private.apply_subscription('stripe', ${`evt_seats_${school.id}`}, ${school.id}, 'standard',
      'active', null, null, null, now())`
    expect((await invite('fifty-first@example.org')).status).toBe(201)
  })
})

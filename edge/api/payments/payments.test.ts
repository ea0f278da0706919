import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createUser, type TestUser } from '../../../test/support/fixtures.ts'
import { type PaymentStack, paymentStack } from '../../../test/support/payment-stack.ts'
import { setupApi } from '../core/testing.ts'
import { type CourseSchool, courseSchool, enrol, newCourse } from '../courses/testing.ts'

// Prices, M-Pesa checkout, following a payment, purchases and wallets against the real Postgres,
// the local Daraja simulator and the mpesa-callback function it calls back over HTTP
// (test/support/payment-stack.ts, without cards).

let stack: PaymentStack
let api: Awaited<ReturnType<typeof setupApi>>
let s: CourseSchool

beforeAll(async () => {
  // M-Pesa only: no Stripe keys, so courses priced in KES offer one way to pay.
  stack = await paymentStack({ cards: false, b2c: false })
  api = await setupApi(stack.env)
  s = await courseSchool(api.sql)
})
afterAll(async () => {
  await api?.close()
  await stack?.close()
})

const call = (...args: Parameters<typeof api.call>) => api.call(...args)

/** A course by the teacher priced at `amount` minor units of KES (KES 1,000.00 by default). */
async function pricedCourse(amountMinor = 100_000, title = 'Fractions') {
  const id = await newCourse(call, s.teacher, s.tenant.id, { title })
  const res = await call('PUT', `/courses/${id}/price`, {
    token: s.teacher.token,
    body: { currency: 'KES', amount_minor: amountMinor },
  })
  expect(res.status).toBe(200)
  return id
}

const buy = (courseId: string, who: TestUser, body: object = {}) =>
  call('POST', `/courses/${courseId}/checkout`, {
    token: who.token,
    body: { method: 'mpesa', phone: '0712345678', ...body },
  })

async function enrolled(courseId: string, who: TestUser) {
  const [r] = await api.sql`select exists (select 1 from public.enrolments
    where course_id = ${courseId} and user_id = ${who.id}) as e`
  return r?.e as boolean
}

describe('course prices', () => {
  it('managers set and remove a price; members read it; others get 403 or 404', async () => {
    const id = await newCourse(call, s.teacher, s.tenant.id)
    const free = await call('GET', `/courses/${id}/price`, { token: s.student.token })
    expect([free.status, free.body]).toEqual([200, { price: null, methods: [], owned: false }])

    const refused = await call('PUT', `/courses/${id}/price`, {
      token: s.student.token,
      body: { currency: 'KES', amount_minor: 50_000 },
    })
    expect([refused.status, refused.body.error.code]).toEqual([403, 'course_managers_only'])

    const cents = await call('PUT', `/courses/${id}/price`, {
      token: s.teacher.token,
      body: { currency: 'KES', amount_minor: 50_050 },
    })
    expect(cents.status).toBe(400)
    expect(cents.body.error.details.issues[0].path).toBe('amount_minor')

    const set = await call('PUT', `/courses/${id}/price`, {
      token: s.teacher.token,
      body: { currency: 'KES', amount_minor: 50_000 },
    })
    expect([set.status, set.body]).toEqual([
      200,
      { price: { currency: 'KES', amount_minor: 50_000 }, methods: ['mpesa'], owned: false },
    ])
    const usd = await call('PUT', `/courses/${id}/price`, {
      token: s.admin.token,
      body: { currency: 'USD', amount_minor: 1999 },
    })
    expect(usd.body).toEqual({ price: { currency: 'USD', amount_minor: 1999 }, methods: [], owned: false })
    const seen = await call('GET', `/courses/${id}/price`, { token: s.student.token })
    expect(seen.body.price).toEqual({ currency: 'USD', amount_minor: 1999 })

    const hidden = await call('GET', `/courses/${id}/price`, { token: s.stranger.token })
    expect([hidden.status, hidden.body.error.code]).toEqual([404, 'course_not_found'])

    const removed = await call('DELETE', `/courses/${id}/price`, { token: s.teacher.token })
    expect([removed.status, removed.body]).toEqual([200, { price: null, methods: [], owned: false }])
  })
})

describe('buying a course with M-Pesa', () => {
  it('pending → the phone pays → succeeded, enrolled, and the instructor sees 60% pending', async () => {
    const courseId = await pricedCourse(100_000, 'Algebra')
    const res = await buy(courseId, s.student)
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({
      checkout_url: null,
      customer_message: 'Success. Request accepted for processing',
      payment: {
        course_id: courseId,
        course_title: 'Algebra',
        beneficiary_id: s.student.id,
        beneficiary_name: 'Student',
        provider: 'mpesa',
        currency: 'KES',
        amount_minor: 100_000,
        refunded_minor: 0,
        status: 'pending',
        failure_reason: null,
        succeeded_at: null,
      },
    })
    const paymentId = res.body.payment.id as string
    const push = stack.sim.pushes.at(-1)
    expect(push).toMatchObject({ amount: 1000, phone: '254712345678', accountReference: 'KIPINDI' })

    const pending = await call('GET', `/payments/${paymentId}`, { token: s.student.token })
    expect([pending.status, pending.body.status]).toEqual([200, 'pending'])

    expect((await stack.sim.settle(push?.checkoutRequestId as string, 'success')).status).toBe(200)
    const paid = await call('GET', `/payments/${paymentId}`, { token: s.student.token })
    expect(paid.body).toMatchObject({ status: 'succeeded', failure_reason: null })
    expect(paid.body.succeeded_at).toBeTruthy()
    expect(await enrolled(courseId, s.student)).toBe(true)
    const price = await call('GET', `/courses/${courseId}/price`, { token: s.student.token })
    expect(price.body.owned).toBe(true)

    const again = await buy(courseId, s.student)
    expect([again.status, again.body.error.code]).toEqual([409, 'already_exists'])

    const wallet = await call('GET', `/tenants/${s.tenant.id}/wallet`, { token: s.teacher.token })
    expect(wallet.status).toBe(200)
    expect(wallet.body.balances).toEqual([{ currency: 'KES', pending_minor: 60_000, available_minor: 0 }])
    expect(wallet.body.entries[0]).toMatchObject({
      currency: 'KES',
      amount_minor: 60_000,
      kind: 'sale',
      course_title: 'Algebra',
      account: 'pending',
    })

    // The admin sees it; the teacher (neither payer nor admin) does not.
    const admin = await call('GET', `/payments/${paymentId}`, { token: s.admin.token })
    expect(admin.status).toBe(200)
    const teacher = await call('GET', `/payments/${paymentId}`, { token: s.teacher.token })
    expect([teacher.status, teacher.body.error.code]).toEqual([404, 'payment_not_found'])

    const mine = await call('GET', `/tenants/${s.tenant.id}/payments`, { token: s.student.token })
    expect(mine.body.map((p: { id: string }) => p.id)).toContain(paymentId)
    const school = await call('GET', `/tenants/${s.tenant.id}/payments?scope=school`, {
      token: s.admin.token,
    })
    expect(school.body[0].id).toBe(paymentId)
    const notAdmin = await call('GET', `/tenants/${s.tenant.id}/payments?scope=school`, {
      token: s.student.token,
    })
    expect([notAdmin.status, notAdmin.body.error.code]).toEqual([403, 'admins_only'])
    const classmate = await call('GET', `/tenants/${s.tenant.id}/payments`, { token: s.classmate.token })
    expect(classmate.body.map((p: { id: string }) => p.id)).not.toContain(paymentId)
  })

  it('cancelled on the phone: cancelled with the reason in plain words, not enrolled', async () => {
    const courseId = await pricedCourse()
    const res = await buy(courseId, s.classmate, { phone: '+254110123456' })
    expect(res.status).toBe(201)
    const push = stack.sim.push()
    expect(push.phone).toBe('254110123456')
    await stack.sim.settle(push.checkoutRequestId, 'cancelled')
    const after = await call('GET', `/payments/${res.body.payment.id}`, { token: s.classmate.token })
    expect(after.body).toMatchObject({
      status: 'cancelled',
      failure_reason: 'You cancelled the payment on your phone.',
    })
    expect(await enrolled(courseId, s.classmate)).toBe(false)
    const price = await call('GET', `/courses/${courseId}/price`, { token: s.classmate.token })
    expect(price.body.owned).toBe(false)
  })

  it('a callback that never arrived is settled by the status check after ~20 s', async () => {
    const courseId = await pricedCourse()
    const res = await buy(courseId, s.classmate)
    const id = res.body.payment.id as string
    const push = stack.sim.push()
    push.resultCode = 0 // the customer paid; Daraja's callback was lost
    const fresh = await call('GET', `/payments/${id}`, { token: s.classmate.token })
    expect(fresh.body.status).toBe('pending')
    await api.sql`update public.payments set created_at = now() - interval '1 minute' where id = ${id}`
    const settled = await call('GET', `/payments/${id}`, { token: s.classmate.token })
    expect(settled.body.status).toBe('succeeded')
    expect(await enrolled(courseId, s.classmate)).toBe(true)
  })

  it('refuses free and owned courses, other schools, bad phones, cards, and people who are not students', async () => {
    const free = await newCourse(call, s.teacher, s.tenant.id)
    const a = await buy(free, s.student)
    expect([a.status, a.body.error.code]).toEqual([409, 'course_free'])

    const priced = await pricedCourse()
    const b = await buy(priced, s.stranger)
    expect([b.status, b.body.error.code]).toEqual([404, 'course_not_found'])

    const c = await buy(priced, s.student, { phone: '0812345678' })
    expect(c.status).toBe(400)
    expect(c.body.error.details.issues.map((i: { path: string }) => i.path)).toEqual(['phone'])

    const d = await call('POST', `/courses/${priced}/checkout`, {
      token: s.student.token,
      body: { method: 'card' },
    })
    expect([d.status, d.body.error.code]).toEqual([503, 'payments_unavailable'])

    const e = await buy(priced, s.staff)
    expect([e.status, e.body.error.code]).toEqual([422, 'students_only_enrol'])

    const owned = await pricedCourse()
    await enrol(api.sql, owned, s.student)
    const f = await buy(owned, s.student)
    expect([f.status, f.body.error.code]).toEqual([409, 'already_exists'])
  })

  it('a push Daraja refuses fails the payment and says so (502)', async () => {
    const bad = await setupApi({ ...stack.env, DARAJA_PASSKEY: 'not-the-passkey' })
    try {
      const courseId = await pricedCourse()
      const res = await bad.call('POST', `/courses/${courseId}/checkout`, {
        token: s.student.token,
        body: { method: 'mpesa', phone: '0712345678' },
      })
      expect(res.status).toBe(502)
      expect(res.body.error).toMatchObject({
        code: 'payments_unavailable',
        message: 'M-Pesa could not send the payment request to your phone. Please try again.',
        details: { status: 'failed' },
      })
      const p = await call('GET', `/payments/${res.body.error.details.payment_id}`, {
        token: s.student.token,
      })
      expect(p.body.status).toBe('failed')
    } finally {
      await bad.close()
    }
  })

  it('without Daraja: no M-Pesa method, and checkout answers 503', async () => {
    const off = await setupApi()
    try {
      const courseId = await pricedCourse()
      const price = await off.call('GET', `/courses/${courseId}/price`, { token: s.student.token })
      expect(price.body.methods).toEqual([])
      const res = await off.call('POST', `/courses/${courseId}/checkout`, {
        token: s.student.token,
        body: { method: 'mpesa', phone: '0712345678' },
      })
      expect([res.status, res.body.error.code]).toEqual([503, 'payments_unavailable'])
    } finally {
      await off.close()
    }
  })
})

describe('wallets', () => {
  it('is empty for people without one', async () => {
    const res = await call('GET', `/tenants/${s.tenant.id}/wallet`, { token: s.student.token })
    expect([res.status, res.body]).toEqual([200, { balances: [], entries: [] }])
    const outsider = await createUser(api.sql)
    const hidden = await call('GET', `/tenants/${s.tenant.id}/wallet`, { token: outsider.token })
    expect(hidden.status).toBe(404)
  })
})

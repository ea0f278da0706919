import Stripe from 'stripe'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Logger } from '../../edge/lib/log.ts'
import { createCourseCheckout, stripeFrom } from '../../edge/payments/stripe.ts'
import { createStripeWebhookApp } from '../../edge/stripe-webhook/app.ts'
import { type StripeSimulator, startStripeSimulator } from '../../scripts/lib/stripe-simulator.ts'
import { testDb, testEnv, unique } from '../support/fixtures.ts'
import { createWorld, type World } from '../support/rls.ts'

// The stripe-webhook function's reconciliation pass (edge/stripe-webhook/reconcile.ts) against the
// local Stripe and the real Postgres: the simulator has no webhook URL, so the events of a paid
// checkout reach nobody, as when an acknowledged event is lost in a crash; the pass reads them from
// GET /v1/events and the inbox applies them once.
const sql = testDb(4)
const lines: string[] = []
const capture: Logger = {
  info: (m, f) => lines.push(`info ${m} ${JSON.stringify(f)}`),
  warn: (m, f) => lines.push(`warn ${m} ${JSON.stringify(f)}`),
  error: (m, f) => lines.push(`error ${m} ${JSON.stringify(f)}`),
}
let sim: StripeSimulator
let hook: ReturnType<typeof createStripeWebhookApp>
let w: World

beforeAll(async () => {
  sim = await startStripeSimulator({ retryDelaysMs: [] })
  hook = createStripeWebhookApp(await testEnv({ ...sim.env }), { log: capture, reconcileMs: 0 })
  w = await createWorld(sql)
})
afterAll(async () => {
  await hook.close()
  await sim.close()
  await sql.end()
})

/** A pending card payment for a new course, with its Checkout Session opened on the simulator. */
async function openCheckout() {
  const [course] = await sql`insert into public.courses (tenant_id, title, created_by)
    values (${w.a.id}, ${unique('Course ')}, ${w.users.instructor.id}) returning id`
  const [payment] = await sql`
    insert into public.payments (tenant_id, payer_id, beneficiary_id, purpose, course_id, provider, currency, amount_minor)
    values (${w.a.id}, ${w.users.student.id}, ${w.users.student.id}, 'course', ${course?.id}, 'stripe', 'KES', 150000)
    returning id`
  const id = payment?.id as string
  const session = await createCourseCheckout(stripeFrom(sim.env) as Stripe, {
    paymentId: id,
    amountMinor: 150_000,
    currency: 'KES',
    title: 'Coding club',
    email: null,
    successUrl: 'http://127.0.0.1:9/done',
    cancelUrl: 'http://127.0.0.1:9/cancel',
    locale: 'en',
  })
  await sql`select private.attach_provider_ref(${id}, ${session.id})`
  return { id, session: session.id, course: course?.id as string }
}

async function paymentState(p: { id: string; course: string }) {
  const [row] = await sql`select p.status,
      exists (select 1 from public.enrolments e where e.course_id = ${p.course} and e.user_id = p.beneficiary_id) as enrolled,
      (select count(*)::int from public.ledger_transactions t where t.payment_id = p.id and t.kind = 'sale') as sales
    from public.payments p where p.id = ${p.id}`
  return { ...row }
}

describe('reconciliation from the events API', () => {
  it('stores and applies a paid checkout whose event never arrived; a second pass stores nothing', async () => {
    const p = await openCheckout()
    await sim.pay(p.session)
    const event = sim.eventsSent('checkout.session.completed').at(-1)
    expect(sim.deliveries.find((d) => d.eventId === event?.id)?.status).toBe(0)
    expect(await paymentState(p)).toEqual({ status: 'pending', enrolled: false, sales: 0 })

    expect(await hook.reconcile()).toBe(1)
    await hook.drain()
    expect(await paymentState(p)).toEqual({ status: 'succeeded', enrolled: true, sales: 1 })
    expect(lines.some((l) => l.startsWith('warn stripe events recovered'))).toBe(true)

    expect(await hook.reconcile()).toBe(0)
    await hook.drain()
    expect(await paymentState(p)).toEqual({ status: 'succeeded', enrolled: true, sales: 1 })
    // The next pass reads from a little before this one started, not from an hour back.
    const [mark] = await sql`select read_from between now() - interval '11 minutes' and now() as recent,
      recovered::int from private.stripe_reconciliation`
    expect(mark?.recent).toBe(true)
    expect(mark?.recovered).toBeGreaterThanOrEqual(1)
  })

  it('leaves alone an event that was delivered and acknowledged', async () => {
    const p = await openCheckout()
    await sim.pay(p.session)
    const event = sim.eventsSent('checkout.session.completed').at(-1)
    const payload = JSON.stringify(event)
    const signature = Stripe.webhooks.generateTestHeaderString({
      payload,
      secret: sim.env.STRIPE_WEBHOOK_SECRET,
    })
    const res = await hook.app.request('/stripe-webhook', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'stripe-signature': signature },
      body: payload,
    })
    expect(await res.json()).toEqual({ received: true, ignored: false, duplicate: false })
    expect(await hook.reconcile()).toBe(0)
    await hook.drain()
    expect(await paymentState(p)).toEqual({ status: 'succeeded', enrolled: true, sales: 1 })
  })

  it('logs a pass that cannot reach Stripe and keeps serving; off without a secret key', async () => {
    const closed = createStripeWebhookApp(
      await testEnv({ ...sim.env, STRIPE_API_BASE: 'http://127.0.0.1:9' }),
      { log: capture, reconcileMs: 0 },
    )
    try {
      expect(await closed.reconcile()).toBe(0)
      expect(lines.some((l) => l.startsWith('error stripe reconciliation failed'))).toBe(true)
      const health = await closed.app.request('/stripe-webhook', { method: 'POST', body: '{}' })
      expect(health.status).toBe(400)
    } finally {
      await closed.close()
    }
    const keyless = createStripeWebhookApp(await testEnv({ ...sim.env, STRIPE_SECRET_KEY: '' }), {
      log: capture,
      reconcileMs: 0,
    })
    expect(await keyless.reconcile()).toBe(0)
    await keyless.close()
  })
})

import type { Billing, Plan } from '../../contract/billing.ts'
import { PLAN_IDS, PLAN_PRICES, PLANS, type PlanId } from '../../contract/payments-values.ts'
import * as R from '../../contract/routes/payments.ts'
import { type Sql, withUser } from '../../lib/db.ts'
import { ApiError, conflict } from '../../lib/errors.ts'
import { createPlanCheckout, createPortal } from '../../payments/stripe.ts'
import { apiRoute, ErrorSchema, jsonResponse } from '../core/openapi.ts'
import { type ApiDeps, newRouter } from '../core/router.ts'
import { requireAdmin } from '../tenancy/access.ts'
import type { PaymentsSetup } from './queries.ts'
import './schemas.ts'

const tags = ['payments']

const get = apiRoute(R.getBilling, {
  tags,
  summary: "Your school's plan, its limits and what the school uses of them (school admins)",
  description:
    'Limits come from the school\u2019s entitlements (Free without a subscription or after cancelling; ' +
    'past_due keeps the plan while the card is fixed). Usage: student seats, AI tutor tokens and hours of ' +
    'live tutoring this calendar month, storage.',
  responses: { 200: 'The billing overview.' },
  errors: [400, 401, 403, 404],
})

const checkout = apiRoute(R.planCheckout, {
  tags,
  summary: 'Start a monthly subscription to Standard or Premium (school admins): a Stripe Checkout page',
  description:
    'The plan and its limits apply when Stripe\u2019s webhook confirms the subscription. A school that has a ' +
    'subscription changes it in the billing portal instead (409 `subscription_exists`).',
  responses: { 201: 'The checkout page to open.' },
  errors: [400, 401, 403, 404, 409, 503],
  more: { 502: jsonResponse(ErrorSchema, 'Stripe could not be reached or refused; nothing changed.') },
})

const portal = apiRoute(R.billingPortal, {
  tags,
  summary: "Open Stripe's billing portal for your school (school admins): plan changes, cancellation, cards",
  responses: { 201: 'The portal page to open.' },
  errors: [400, 401, 403, 404, 409, 503],
  more: { 502: jsonResponse(ErrorSchema, 'Stripe could not be reached or refused.') },
})

/** The plans as the contract shows them, cheapest first. */
export const plans = (): Plan[] =>
  PLAN_IDS.map((id) => ({
    id,
    name: PLANS[id].name,
    price: PLAN_PRICES[id],
    limits: {
      seats: PLANS[id].seats,
      ai_monthly_tokens: PLANS[id].aiMonthlyTokens,
      video_hours: PLANS[id].videoHours,
      storage_bytes: PLANS[id].storageBytes,
    },
  }))

interface Subscription {
  customer: string | null
  subscription: string | null
  status: string | null
  name: string
  slug: string
}

/** The school's Stripe ids and status (not granted to members: read on the privileged connection after the admin check). */
async function subscriptionOf(sql: Sql, tenantId: string): Promise<Subscription> {
  const [row] = await sql<Subscription[]>`
    select e.stripe_customer_id as customer, e.stripe_subscription_id as subscription, e.status, t.name, t.slug
    from public.tenants t left join public.school_entitlements e on e.tenant_id = t.id where t.id = ${tenantId}`
  return row as Subscription
}

const stripeRefused = (what: string) =>
  new ApiError(502, 'payments_unavailable', `Stripe could not open the ${what}. Please try again.`)

/** GET /tenants/:tenantId/billing, POST …/billing/checkout, POST …/billing/portal. */
export function billingRoutes({ sql, auth, siteUrl }: ApiDeps, setup: PaymentsSetup) {
  const cardsOff = () =>
    new ApiError(503, 'payments_unavailable', 'Card payments are not set up on this server.')

  return newRouter()
    .openapi({ ...get, middleware: auth }, async (c) => {
      const { tenantId } = c.req.valid('param')
      // withUser, not withUserRead: public.school_usage raises for non-admins, so the admin check answers first.
      const { limits, usage } = await withUser(sql, c.var.claims, async (tx) => {
        await requireAdmin(tx, tenantId)
        const [limits] = await tx<
          {
            plan: PlanId
            status: Billing['status']
            seats: number
            ai_monthly_tokens: string
            video_hours: number
            storage_bytes: string
          }[]
        >`select * from private.school_limits(${tenantId})`
        const [usage] = await tx<
          { seats: number; ai_tokens: string; video_minutes: string; storage_bytes: string }[]
        >`select * from public.school_usage(${tenantId})`
        return { limits, usage }
      })
      const [period] = await sql<{ end: Date | null; customer: string | null }[]>`
        select current_period_end as end, stripe_customer_id as customer
        from public.school_entitlements where tenant_id = ${tenantId}`
      const body: Billing = {
        plan: limits?.plan ?? 'free',
        status: limits?.status ?? 'active',
        current_period_end: period?.end ? period.end.toISOString() : null,
        limits: {
          seats: Number(limits?.seats ?? 0),
          ai_monthly_tokens: Number(limits?.ai_monthly_tokens ?? 0),
          video_hours: Number(limits?.video_hours ?? 0),
          storage_bytes: Number(limits?.storage_bytes ?? 0),
        },
        usage: {
          seats: Number(usage?.seats ?? 0),
          ai_tokens: Number(usage?.ai_tokens ?? 0),
          video_hours: Math.round((Number(usage?.video_minutes ?? 0) / 60) * 10) / 10,
          storage_bytes: Number(usage?.storage_bytes ?? 0),
        },
        plans: plans(),
        cards: Boolean(setup.stripe),
        portal: Boolean(setup.stripe && period?.customer),
      }
      return c.json(body, 200)
    })
    .openapi({ ...checkout, middleware: auth }, async (c) => {
      const { tenantId } = c.req.valid('param')
      const { plan } = c.req.valid('json')
      const stripe = setup.stripe
      await withUser(sql, c.var.claims, (tx) => requireAdmin(tx, tenantId))
      if (!stripe) throw cardsOff()
      const sub = await subscriptionOf(sql, tenantId)
      if (sub.subscription && sub.status !== 'cancelled')
        throw conflict(
          'subscription_exists',
          'Your school already has a subscription: change it in Manage billing.',
        )
      const id = plan as Exclude<PlanId, 'free'>
      const page = `${siteUrl}/t/${sub.slug}/billing`
      try {
        const session = await createPlanCheckout(stripe, {
          tenantId,
          schoolName: sub.name,
          plan: id,
          planName: PLANS[id].name,
          price: PLAN_PRICES[id],
          customer: sub.customer,
          email: c.var.claims.email ?? null,
          successUrl: `${page}?checkout=done`,
          cancelUrl: `${page}?checkout=cancelled`,
        })
        if (!session.url) throw new Error('the session has no url')
        return c.json({ url: session.url }, 201)
      } catch (error) {
        setup.log?.error('stripe plan checkout refused', { tenantId, error })
        throw stripeRefused('checkout page')
      }
    })
    .openapi({ ...portal, middleware: auth }, async (c) => {
      const { tenantId } = c.req.valid('param')
      const stripe = setup.stripe
      await withUser(sql, c.var.claims, (tx) => requireAdmin(tx, tenantId))
      if (!stripe) throw cardsOff()
      const sub = await subscriptionOf(sql, tenantId)
      if (!sub.customer)
        throw conflict(
          'no_subscription',
          'Your school has no subscription to manage yet: choose a plan first.',
        )
      try {
        const session = await createPortal(stripe, sub.customer, `${siteUrl}/t/${sub.slug}/billing`)
        return c.json({ url: session.url }, 201)
      } catch (error) {
        setup.log?.error('stripe portal refused', { tenantId, error })
        throw stripeRefused('billing portal')
      }
    })
}

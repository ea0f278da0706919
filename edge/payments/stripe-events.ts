// Stripe events → what they do to our payments and plans, as plain data (no I/O). The
// `stripe-webhook` function verifies an event's signature, maps it here and applies each effect
// through the ledger's SQL functions (supabase/migrations/20261206100200_payment_effects.sql,
// 20261206100300_plans.sql). Shapes are read leniently (Stripe adds fields and moves some between
// API versions) but every value we pass on is checked: a signed event that lacks what we need is
// `ignored` with a reason, never an error.
//
// Conventions the API follows when it creates Checkout Sessions and subscriptions:
//   * course (or plan, sponsorship) payments: `metadata.payment_id` = our payments.id on the
//     Checkout Session, and `payment_intent_data.metadata.payment_id` too (charges carry it, so
//     `charge.refunded` finds the payment);
//   * subscriptions: `subscription_data.metadata` = { tenant_id, plan } (and the same on the
//     session's metadata); prices' `lookup_key` = the plan id or `<plan id>_<anything>`.
import { z } from 'zod'
import type { PLANS } from '../contract/payments-values.ts'

export type PlanId = keyof typeof PLANS
export type SubscriptionStatus = 'active' | 'past_due' | 'cancelled'

/** One call of a ledger function. `eventId` is the idempotency key recorded with its effect. */
export type StripeEffect =
  | {
      kind: 'success'
      eventId: string
      paymentId: string
      /** The Checkout Session id (what the API attaches with private.attach_provider_ref). */
      sessionId: string
      /**
       * The session's PaymentIntent: stored as provider_ref when the API attached nothing (so
       * `charge.refunded` finds the payment by it); when the API attached the session id, that stays.
       */
      paymentIntent: string | null
      amountMinor: number
      currency: string
    }
  | { kind: 'failure'; eventId: string; paymentId: string; status: 'failed' | 'cancelled'; reason: string }
  | {
      kind: 'refunds'
      eventId: string
      /** metadata.payment_id of the charge, when it has one. */
      paymentId: string | null
      /** The charge's PaymentIntent, to find the payment by provider_ref when metadata is missing. */
      paymentIntent: string | null
      /** The charge's cumulative refunded amount: the event never takes the payment beyond it. */
      amountRefunded: number
      refunds: { id: string; amountMinor: number }[]
    }
  | {
      kind: 'subscription'
      eventId: string
      tenantId: string
      plan: PlanId
      status: SubscriptionStatus
      currentPeriodEnd: Date | null
      customerId: string | null
      subscriptionId: string | null
      /** When Stripe created the event, with a tie-break by type within one second (see EVENT_RANK). */
      eventAt: Date
    }

/** `handled` with no effects: an allow-listed type with nothing to apply (`reason` says why). */
export type MappedEvent =
  | { id: string; type: string; handled: true; effects: StripeEffect[]; reason?: string }
  | { id: string; type: string; handled: false; reason: string }

/** The event types we act on; every other type is acknowledged and ignored. */
export const STRIPE_EVENT_TYPES = [
  'checkout.session.completed',
  'checkout.session.async_payment_succeeded',
  'checkout.session.expired',
  'checkout.session.async_payment_failed',
  'charge.refunded',
  'invoice.paid',
  'invoice.payment_failed',
  'customer.subscription.created',
  'customer.subscription.updated',
  'customer.subscription.deleted',
] as const
export type StripeEventType = (typeof STRIPE_EVENT_TYPES)[number]

/**
 * Stripe's `created` has whole seconds, and a subscription's events often share one. Within a
 * second, later steps of a subscription's life win (ms added to event_at), so events of the same
 * second end in the same state whatever order they arrive in.
 */
const EVENT_RANK: Partial<Record<StripeEventType, number>> = {
  'customer.subscription.created': 0,
  'checkout.session.completed': 1,
  'checkout.session.async_payment_succeeded': 1,
  'invoice.paid': 2,
  'invoice.payment_failed': 3,
  'customer.subscription.updated': 4,
  'customer.subscription.deleted': 9,
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const PLAN_KEY = /^(free|standard|premium)(?:[_.:-].*)?$/

const stripeId = z.string().min(1).max(200)
/** An id field Stripe may expand into the object: we keep the id. */
const expandable = z
  .union([stripeId, z.object({ id: stripeId })])
  .nullish()
  .transform((v) => (v == null ? null : typeof v === 'string' ? v : v.id))
const metadata = z
  .record(z.string(), z.unknown())
  .nullish()
  .transform((m) => {
    const out: Record<string, string> = {}
    for (const [k, v] of Object.entries(m ?? {})) if (typeof v === 'string') out[k] = v
    return out
  })
const minor = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER)
const unixSeconds = z.number().int().min(0).max(32_503_680_000)

const EventEnvelope = z.object({
  id: stripeId,
  type: z.string().min(1).max(100),
  created: unixSeconds,
  data: z.object({ object: z.record(z.string(), z.unknown()) }),
})

const CheckoutSession = z.object({
  id: stripeId,
  mode: z.string().nullish(),
  payment_status: z.string().nullish(),
  amount_total: minor.nullish(),
  currency: z.string().nullish(),
  payment_intent: expandable,
  customer: expandable,
  subscription: expandable,
  metadata,
})

const Charge = z.object({
  id: stripeId,
  payment_intent: expandable,
  amount_refunded: minor,
  metadata,
  refunds: z
    .object({
      data: z.array(z.object({ id: stripeId, amount: minor, status: z.string().nullish() })),
    })
    .nullish(),
})

const Price = z.object({ lookup_key: z.string().nullish(), metadata }).nullish()

const Invoice = z.object({
  id: stripeId,
  customer: expandable,
  subscription: expandable, // before API 2025-03-31
  subscription_details: z.object({ metadata }).nullish(), // before API 2025-03-31
  parent: z
    .object({
      subscription_details: z.object({ subscription: expandable, metadata }).nullish(),
    })
    .nullish(),
  metadata,
  lines: z
    .object({
      data: z.array(
        z.object({
          period: z.object({ end: unixSeconds }).nullish(),
          price: Price,
          metadata,
        }),
      ),
    })
    .nullish(),
})

const Subscription = z.object({
  id: stripeId,
  customer: expandable,
  status: z.string(),
  metadata,
  current_period_end: unixSeconds.nullish(), // before API 2025-03-31
  items: z
    .object({
      data: z.array(z.object({ price: Price, current_period_end: unixSeconds.nullish() })),
    })
    .nullish(),
})

/** A plan id from metadata.plan or a price's lookup key (`standard`, `standard_monthly`…). */
function planFrom(...candidates: (string | null | undefined)[]): PlanId | null {
  for (const c of candidates) {
    const m = c ? PLAN_KEY.exec(c.trim().toLowerCase()) : null
    if (m) return m[1] as PlanId
  }
  return null
}

const tenantFrom = (...metas: Record<string, string>[]) => {
  for (const m of metas) {
    const t = m.tenant_id ?? m.tenant
    if (t && UUID.test(t)) return t.toLowerCase()
  }
  return null
}

const paymentIdFrom = (m: Record<string, string>) =>
  m.payment_id && UUID.test(m.payment_id) ? m.payment_id.toLowerCase() : null

/** Stripe's subscription statuses in ours; null: not a state that changes limits (incomplete). */
export function subscriptionStatus(stripeStatus: string): SubscriptionStatus | null {
  switch (stripeStatus) {
    case 'active':
    case 'trialing':
      return 'active'
    case 'past_due':
    case 'unpaid':
      return 'past_due'
    case 'canceled':
    case 'incomplete_expired':
    case 'paused':
      return 'cancelled'
    default:
      return null
  }
}

const fromSeconds = (s: number | null | undefined) => (s ? new Date(s * 1000) : null)

/**
 * Maps a verified Stripe event (the parsed JSON) to the effects to apply, in order. Never throws:
 * an event whose envelope is unusable is reported with `handled: false`.
 */
export function mapStripeEvent(raw: unknown): MappedEvent {
  const env = EventEnvelope.safeParse(raw)
  if (!env.success) {
    const r = raw as { id?: unknown; type?: unknown } | null
    return {
      id: typeof r?.id === 'string' ? r.id.slice(0, 200) : '',
      type: typeof r?.type === 'string' ? r.type.slice(0, 100) : '',
      handled: false,
      reason: 'malformed event envelope',
    }
  }
  const { id, type, created, data } = env.data
  if (!(STRIPE_EVENT_TYPES as readonly string[]).includes(type)) {
    return { id, type, handled: false, reason: 'event type not handled' }
  }
  const t = type as StripeEventType
  const eventAt = new Date(created * 1000 + (EVENT_RANK[t] ?? 0))
  const nothing = (reason: string): MappedEvent => ({ id, type, handled: true, effects: [], reason })
  const done = (effects: StripeEffect[]): MappedEvent => ({ id, type, handled: true, effects })

  switch (t) {
    case 'checkout.session.completed':
    case 'checkout.session.async_payment_succeeded': {
      const s = CheckoutSession.safeParse(data.object)
      if (!s.success) return nothing('malformed checkout session')
      const session = s.data
      if (session.payment_status !== 'paid') return nothing(`payment_status is ${session.payment_status}`)
      const effects: StripeEffect[] = []
      const paymentId = paymentIdFrom(session.metadata)
      if (paymentId) {
        if (session.amount_total == null || !session.currency) return nothing('session without amount')
        effects.push({
          kind: 'success',
          eventId: id,
          paymentId,
          sessionId: session.id,
          paymentIntent: session.payment_intent,
          amountMinor: session.amount_total,
          currency: session.currency.toUpperCase(),
        })
      }
      if (session.mode === 'subscription') {
        const tenantId = tenantFrom(session.metadata)
        const plan = planFrom(session.metadata.plan)
        if (tenantId && plan) {
          effects.push({
            kind: 'subscription',
            eventId: effects.length ? `${id}:subscription` : id,
            tenantId,
            plan,
            status: 'active',
            currentPeriodEnd: null,
            customerId: session.customer,
            subscriptionId: session.subscription,
            eventAt,
          })
        }
      }
      return effects.length ? done(effects) : nothing('session without metadata.payment_id or tenant_id/plan')
    }

    case 'checkout.session.expired':
    case 'checkout.session.async_payment_failed': {
      const s = CheckoutSession.safeParse(data.object)
      if (!s.success) return nothing('malformed checkout session')
      const paymentId = paymentIdFrom(s.data.metadata)
      if (!paymentId) return nothing('session without metadata.payment_id')
      const expired = t === 'checkout.session.expired'
      return done([
        {
          kind: 'failure',
          eventId: id,
          paymentId,
          status: expired ? 'cancelled' : 'failed',
          reason: expired
            ? 'The checkout was not completed in time.'
            : 'The bank did not complete the payment.',
        },
      ])
    }

    case 'charge.refunded': {
      const c = Charge.safeParse(data.object)
      if (!c.success) return nothing('malformed charge')
      const charge = c.data
      const paymentId = paymentIdFrom(charge.metadata)
      if (!paymentId && !charge.payment_intent)
        return nothing('charge without metadata.payment_id or payment_intent')
      const refunds = (charge.refunds?.data ?? [])
        .filter((r) => r.amount > 0 && r.status !== 'failed' && r.status !== 'canceled')
        .map((r) => ({ id: r.id, amountMinor: r.amount }))
      if (charge.amount_refunded <= 0) return nothing('nothing refunded')
      return done([
        {
          kind: 'refunds',
          eventId: id,
          paymentId,
          paymentIntent: charge.payment_intent,
          amountRefunded: charge.amount_refunded,
          refunds,
        },
      ])
    }

    case 'invoice.paid':
    case 'invoice.payment_failed': {
      const i = Invoice.safeParse(data.object)
      if (!i.success) return nothing('malformed invoice')
      const inv = i.data
      const details = inv.parent?.subscription_details
      const subMeta = details?.metadata ?? inv.subscription_details?.metadata ?? {}
      const line = inv.lines?.data[0]
      const tenantId = tenantFrom(subMeta, inv.metadata, line?.metadata ?? {})
      const plan = planFrom(
        subMeta.plan,
        inv.metadata.plan,
        line?.price?.lookup_key,
        line?.price?.metadata.plan,
        line?.metadata.plan,
      )
      if (!tenantId || !plan) return nothing('invoice without tenant_id/plan in its subscription metadata')
      return done([
        {
          kind: 'subscription',
          eventId: id,
          tenantId,
          plan,
          status: t === 'invoice.paid' ? 'active' : 'past_due',
          currentPeriodEnd: fromSeconds(line?.period?.end),
          customerId: inv.customer,
          subscriptionId: details?.subscription ?? inv.subscription,
          eventAt,
        },
      ])
    }

    case 'customer.subscription.created':
    case 'customer.subscription.updated':
    case 'customer.subscription.deleted': {
      const s = Subscription.safeParse(data.object)
      if (!s.success) return nothing('malformed subscription')
      const sub = s.data
      const item = sub.items?.data[0]
      const status = t === 'customer.subscription.deleted' ? 'cancelled' : subscriptionStatus(sub.status)
      if (!status) return nothing(`subscription status ${sub.status}`)
      const tenantId = tenantFrom(sub.metadata)
      const plan = planFrom(sub.metadata.plan, item?.price?.lookup_key, item?.price?.metadata.plan)
      if (!tenantId || !plan) return nothing('subscription without metadata.tenant_id or a plan')
      return done([
        {
          kind: 'subscription',
          eventId: id,
          tenantId,
          plan,
          status,
          currentPeriodEnd: fromSeconds(sub.current_period_end ?? item?.current_period_end),
          customerId: sub.customer,
          subscriptionId: sub.id,
          eventAt,
        },
      ])
    }
  }
}

// Stripe calls the api makes: Checkout Sessions for a course (one payment) and for a school plan
// (a subscription), the customer portal, refunds, and reading a session back. The webhook
// (edge/stripe-webhook) applies what Stripe then reports; these calls only start things, except a
// refund, which the route records at once (by its re_… id, so the later charge.refunded counts it
// once). Conventions the webhook's mapper relies on are set here (edge/payments/stripe-events.ts).
//
// STRIPE_API_BASE points the SDK elsewhere: the local test checkout (scripts/lib/stripe-simulator.ts)
// on a laptop, a fake in tests.
import Stripe from 'stripe'
import type { Currency, PlanId } from '../contract/payments-values.ts'

export interface StripeEnv {
  STRIPE_SECRET_KEY?: string
  STRIPE_API_BASE?: string
}

/** The Stripe client for this deployment; null without STRIPE_SECRET_KEY (cards off). */
export function stripeFrom(env: StripeEnv): Stripe | null {
  if (!env.STRIPE_SECRET_KEY) return null
  const base = env.STRIPE_API_BASE ? new URL(env.STRIPE_API_BASE) : null
  const protocol = base?.protocol === 'http:' ? 'http' : 'https'
  return new Stripe(env.STRIPE_SECRET_KEY, {
    // fetch works the same on Deno and Node; the SDK's default Node client does not run on Deno.
    httpClient: Stripe.createFetchHttpClient(),
    maxNetworkRetries: 2,
    timeout: 15_000,
    ...(base
      ? {
          host: base.hostname.replace(/^\[|\]$/g, ''),
          port: base.port || (protocol === 'http' ? 80 : 443),
          protocol,
        }
      : {}),
  })
}

/** Minutes a card checkout stays open (Stripe's minimum is 30). */
const CHECKOUT_MINUTES = 30
const expiresAt = () => Math.floor(Date.now() / 1000) + CHECKOUT_MINUTES * 60

export interface CourseCheckout {
  paymentId: string
  amountMinor: number
  currency: Currency
  title: string
  email: string | null
  successUrl: string
  cancelUrl: string
  locale: 'en' | 'sw'
}

/**
 * A Checkout Session for one course payment. Our payment id rides in the session's metadata and
 * in the PaymentIntent's (charges carry it, so charge.refunded finds the payment); the idempotency
 * key makes a retried request the same session.
 */
export function createCourseCheckout(stripe: Stripe, c: CourseCheckout) {
  return stripe.checkout.sessions.create(
    {
      mode: 'payment',
      line_items: [
        {
          quantity: 1,
          price_data: {
            currency: c.currency.toLowerCase(),
            unit_amount: c.amountMinor,
            product_data: { name: c.title.slice(0, 250) },
          },
        },
      ],
      metadata: { payment_id: c.paymentId },
      payment_intent_data: { metadata: { payment_id: c.paymentId } },
      client_reference_id: c.paymentId,
      ...(c.email ? { customer_email: c.email } : {}),
      success_url: c.successUrl,
      cancel_url: c.cancelUrl,
      expires_at: expiresAt(),
      // Stripe's Checkout has no Kiswahili: English for both.
      locale: 'en',
    },
    { idempotencyKey: `course-checkout:${c.paymentId}` },
  )
}

export interface PlanCheckout {
  tenantId: string
  schoolName: string
  plan: Exclude<PlanId, 'free'>
  planName: string
  price: { currency: Currency; amount_minor: number }
  /** The school's Stripe customer when it had a subscription before. */
  customer: string | null
  email: string | null
  successUrl: string
  cancelUrl: string
}

/** A Checkout Session that starts a school's monthly subscription; the webhook applies the plan. */
export function createPlanCheckout(stripe: Stripe, p: PlanCheckout) {
  const metadata = { tenant_id: p.tenantId, plan: p.plan }
  return stripe.checkout.sessions.create({
    mode: 'subscription',
    line_items: [
      {
        quantity: 1,
        price_data: {
          currency: p.price.currency.toLowerCase(),
          unit_amount: p.price.amount_minor,
          recurring: { interval: 'month' },
          product_data: { name: `Kipindi ${p.planName} — ${p.schoolName}`.slice(0, 250) },
        },
      },
    ],
    metadata,
    subscription_data: { metadata },
    client_reference_id: p.tenantId,
    ...(p.customer ? { customer: p.customer } : p.email ? { customer_email: p.email } : {}),
    success_url: p.successUrl,
    cancel_url: p.cancelUrl,
    expires_at: expiresAt(),
  })
}

/** The customer portal: plan changes, cancellation and card changes, back to returnUrl. */
export function createPortal(stripe: Stripe, customer: string, returnUrl: string) {
  return stripe.billingPortal.sessions.create({ customer, return_url: returnUrl })
}

/** The PaymentIntent behind a payment's provider_ref (a Checkout Session id or the intent itself). */
export async function paymentIntentOf(stripe: Stripe, providerRef: string): Promise<string | null> {
  if (providerRef.startsWith('pi_')) return providerRef
  const session = await stripe.checkout.sessions.retrieve(providerRef)
  const intent = session.payment_intent
  return typeof intent === 'string' ? intent : (intent?.id ?? null)
}

/**
 * Refunds (part of) a card payment. The key names the payment, what was refunded before and the
 * amount, so a double click is one refund while a later refund of the same amount is another.
 */
export function refundCard(
  stripe: Stripe,
  r: { paymentId: string; paymentIntent: string; amountMinor: number; refundedBefore: number },
) {
  return stripe.refunds.create(
    {
      payment_intent: r.paymentIntent,
      amount: r.amountMinor,
      reason: 'requested_by_customer',
      metadata: { payment_id: r.paymentId },
    },
    { idempotencyKey: `refund:${r.paymentId}:${r.refundedBefore}:${r.amountMinor}` },
  )
}

/** What a Checkout Session says about its payment: paid, expired (cancelled), or still open. */
export function sessionOutcome(session: {
  status: string | null
  payment_status: string | null
}): 'paid' | 'expired' | 'open' {
  if (session.status === 'complete' && session.payment_status === 'paid') return 'paid'
  if (session.status === 'expired') return 'expired'
  return 'open'
}

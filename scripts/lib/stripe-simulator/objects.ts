// The simulator's records as Stripe sends them, in API answers and in events' data.object: the
// fields our code and the event mapper (edge/payments/stripe-events.ts) read, in today's shapes
// plus the pre-2025-03-31 places the mapper also reads, not all of Stripe's.
import {
  byId,
  DAY,
  type Json,
  type Metadata,
  refundedOf,
  refundsOf,
  type SimCustomer,
  type SimInvoice,
  type SimPayment,
  type SimPortalSession,
  type SimPrice,
  type SimRefund,
  type SimSession,
  type SimSubscription,
  type State,
} from './model.ts'
import { checkoutPath, portalPath } from './pages.ts'

/** A Checkout Session as the API answers it (the fields the simulator fills in, in Stripe's names). */
export interface SessionObject extends Json {
  id: string
  object: 'checkout.session'
  mode: SimSession['mode']
  status: SimSession['status']
  payment_status: SimSession['paymentStatus']
  amount_total: number
  currency: string
  metadata: Metadata
  customer: string | null
  customer_email: string | null
  client_reference_id: string | null
  payment_intent: string | null
  subscription: string | null
  success_url: string | null
  cancel_url: string | null
  url: string | null
  created: number
  expires_at: number
}

export interface PriceObject extends Json {
  id: string
  product: string
  unit_amount: number
  currency: string
  lookup_key: string | null
  metadata: Metadata
}

export interface SubscriptionObject extends Json {
  id: string
  object: 'subscription'
  customer: string
  status: SimSubscription['status']
  metadata: Metadata
  cancel_at_period_end: boolean
  current_period_end: number
  items: ListObject<{ id: string; current_period_end: number; price: PriceObject; quantity: number }>
}

export interface RefundObject extends Json {
  id: string
  object: 'refund'
  amount: number
  charge: string
  payment_intent: string
  status: 'succeeded'
  reason: string | null
  metadata: Metadata
}

export interface ListObject<T> {
  object: 'list'
  data: T[]
  has_more: false
  total_count: number
  url: string
}

export const listOf = <T>(data: T[], url: string): ListObject<T> => ({
  object: 'list',
  data,
  has_more: false,
  total_count: data.length,
  url,
})

export function customerObject(c: SimCustomer): Json {
  return {
    id: c.id,
    object: 'customer',
    address: null,
    balance: 0,
    created: c.created,
    currency: null,
    default_source: null,
    delinquent: false,
    description: null,
    email: c.email,
    invoice_settings: {
      custom_fields: null,
      default_payment_method: null,
      footer: null,
      rendering_options: null,
    },
    livemode: false,
    metadata: { ...c.metadata },
    name: c.name,
    phone: null,
    preferred_locales: [],
    shipping: null,
    tax_exempt: 'none',
    test_clock: null,
  }
}

export function sessionObject(st: State, s: SimSession): SessionObject {
  const email = s.customerEmail ?? byId(st.customers, s.customer)?.email ?? null
  const closed = s.status !== 'open'
  return {
    id: s.id,
    object: 'checkout.session',
    amount_subtotal: s.amountTotal,
    amount_total: s.amountTotal,
    automatic_tax: { enabled: false, liability: null, provider: null, status: null },
    cancel_url: s.cancelUrl,
    client_reference_id: s.clientReferenceId,
    client_secret: null,
    created: s.created,
    currency: s.currency,
    customer: s.customer,
    customer_creation: s.customer ? null : s.mode === 'payment' ? 'if_required' : 'always',
    customer_details:
      s.status === 'complete'
        ? { email, name: null, phone: null, address: null, tax_exempt: 'none', tax_ids: [] }
        : null,
    customer_email: s.customerEmail,
    expires_at: s.expiresAt,
    invoice: s.invoice,
    livemode: false,
    locale: s.locale,
    metadata: { ...s.metadata },
    mode: s.mode,
    payment_intent: s.paymentIntent,
    payment_link: null,
    payment_method_types: ['card'],
    payment_status: s.paymentStatus,
    status: s.status,
    submit_type: null,
    subscription: s.subscription,
    success_url: s.successUrl,
    total_details: { amount_discount: 0, amount_shipping: 0, amount_tax: 0 },
    ui_mode: 'hosted',
    // Stripe's url is null once the session is complete or expired.
    url: closed ? null : `${st.publicBase}${checkoutPath(s.id)}`,
  }
}

export function paymentIntentObject(p: SimPayment): Json {
  return {
    id: p.intentId,
    object: 'payment_intent',
    amount: p.amount,
    amount_capturable: 0,
    amount_received: p.amount,
    capture_method: 'automatic_async',
    created: p.created,
    currency: p.currency,
    customer: p.customer,
    description: null,
    latest_charge: p.chargeId,
    livemode: false,
    metadata: { ...p.metadata },
    payment_method: `pm_${p.intentId.slice(3)}`,
    payment_method_types: ['card'],
    status: 'succeeded',
  }
}

export function refundObject(r: SimRefund): RefundObject {
  return {
    id: r.id,
    object: 'refund',
    amount: r.amount,
    balance_transaction: `txn_${r.id.slice(3)}`,
    charge: r.chargeId,
    created: r.created,
    currency: r.currency,
    metadata: { ...r.metadata },
    payment_intent: r.intentId,
    reason: r.reason,
    receipt_number: null,
    source_transfer_reversal: null,
    status: 'succeeded',
    transfer_reversal: null,
  }
}

export function chargeObject(st: State, p: SimPayment): Json {
  const refunded = refundedOf(st, p)
  const refunds = refundsOf(st, p).reverse()
  return {
    id: p.chargeId,
    object: 'charge',
    amount: p.amount,
    amount_captured: p.amount,
    amount_refunded: refunded,
    balance_transaction: `txn_${p.chargeId.slice(3)}`,
    captured: true,
    created: p.created,
    currency: p.currency,
    customer: p.customer,
    description: null,
    disputed: false,
    failure_code: null,
    failure_message: null,
    livemode: false,
    metadata: { ...p.metadata },
    outcome: {
      network_status: 'approved_by_network',
      reason: null,
      risk_level: 'normal',
      type: 'authorized',
    },
    paid: true,
    payment_intent: p.intentId,
    payment_method: `pm_${p.intentId.slice(3)}`,
    payment_method_details: {
      type: 'card',
      card: { brand: 'visa', last4: '4242', funding: 'credit', country: 'US' },
    },
    receipt_url: null,
    refunded: refunded >= p.amount,
    // Newest first, as Stripe lists them.
    refunds: listOf(refunds.map(refundObject), `/v1/charges/${p.chargeId}/refunds`),
    status: 'succeeded',
  }
}

export function priceObject(p: SimPrice): PriceObject {
  return {
    id: p.id,
    object: 'price',
    active: true,
    billing_scheme: 'per_unit',
    created: p.created,
    currency: p.currency,
    livemode: false,
    lookup_key: p.plan ? `${p.plan}_${p.interval === 'day' ? 'daily' : `${p.interval}ly`}` : null,
    metadata: p.plan ? { plan: p.plan } : {},
    nickname: null,
    product: p.productId,
    recurring: { interval: p.interval, interval_count: p.intervalCount, usage_type: 'licensed', meter: null },
    tax_behavior: 'unspecified',
    type: 'recurring',
    unit_amount: p.unitAmount,
    unit_amount_decimal: String(p.unitAmount),
  }
}

export function subscriptionObject(sub: SimSubscription): SubscriptionObject {
  const item = {
    id: sub.itemId,
    object: 'subscription_item',
    created: sub.created,
    current_period_start: sub.periodStart,
    current_period_end: sub.periodEnd,
    metadata: {},
    price: priceObject(sub.price),
    quantity: sub.quantity,
    subscription: sub.id,
  }
  return {
    id: sub.id,
    object: 'subscription',
    billing_cycle_anchor: sub.created,
    cancel_at: sub.cancelAtPeriodEnd ? sub.periodEnd : null,
    cancel_at_period_end: sub.cancelAtPeriodEnd,
    canceled_at: sub.canceledAt,
    cancellation_details: {
      comment: null,
      feedback: null,
      reason: sub.canceledAt ? 'cancellation_requested' : null,
    },
    collection_method: 'charge_automatically',
    created: sub.created,
    currency: sub.price.currency,
    // Where the period lived before API 2025-03-31 (it is on the item now): both, for either reader.
    current_period_start: sub.periodStart,
    current_period_end: sub.periodEnd,
    customer: sub.customer,
    default_payment_method: null,
    description: null,
    discounts: [],
    ended_at: sub.status === 'canceled' ? sub.canceledAt : null,
    items: listOf([item], `/v1/subscription_items?subscription=${sub.id}`),
    latest_invoice: sub.latestInvoice,
    livemode: false,
    metadata: { ...sub.metadata },
    start_date: sub.created,
    status: sub.status,
    trial_end: null,
    trial_start: null,
  }
}

export function invoiceObject(inv: SimInvoice): Json {
  const amount = inv.price.unitAmount * inv.quantity
  const paid = inv.status === 'paid'
  const line = {
    id: `il_${inv.id.slice(3)}`,
    object: 'line_item',
    amount,
    currency: inv.price.currency,
    description: `${inv.quantity} × ${inv.price.productName}`,
    invoice: inv.id,
    livemode: false,
    // Subscription lines carry the subscription's metadata.
    metadata: { ...inv.metadata },
    parent: {
      type: 'subscription_item_details',
      subscription_item_details: { subscription: inv.subscription, proration: false, invoice_item: null },
    },
    period: { start: inv.periodStart, end: inv.periodEnd },
    pricing: {
      type: 'price_details',
      price_details: { price: inv.price.id, product: inv.price.productId },
      unit_amount_decimal: String(inv.price.unitAmount),
    },
    // The line's price before API 2025-03-31 (`pricing` now): the mapper still reads it.
    price: priceObject(inv.price),
    quantity: inv.quantity,
    subtotal: amount,
  }
  return {
    id: inv.id,
    object: 'invoice',
    amount_due: amount,
    amount_paid: paid ? amount : 0,
    amount_remaining: paid ? 0 : amount,
    attempt_count: inv.attemptCount,
    attempted: inv.attemptCount > 0,
    billing_reason: inv.billingReason,
    collection_method: 'charge_automatically',
    created: inv.created,
    currency: inv.price.currency,
    customer: inv.customer,
    lines: listOf([line], `/v1/invoices/${inv.id}/lines`),
    livemode: false,
    metadata: {},
    next_payment_attempt: paid ? null : inv.created + 3 * DAY,
    parent: {
      type: 'subscription_details',
      quote_details: null,
      subscription_details: { subscription: inv.subscription, metadata: { ...inv.metadata } },
    },
    period_start: inv.created,
    period_end: inv.created,
    status: inv.status,
    status_transitions: {
      finalized_at: inv.created,
      paid_at: inv.paidAt,
      marked_uncollectible_at: null,
      voided_at: null,
    },
    subtotal: amount,
    total: amount,
  }
}

export function portalObject(st: State, p: SimPortalSession): Json {
  return {
    id: p.id,
    object: 'billing_portal.session',
    configuration: 'bpc_simulator',
    created: p.created,
    customer: p.customer,
    flow: null,
    livemode: false,
    locale: null,
    on_behalf_of: null,
    return_url: p.returnUrl,
    url: `${st.publicBase}${portalPath(p.id)}`,
  }
}

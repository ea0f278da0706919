// The simulator's state: what it keeps of each Stripe object, in our names (the Stripe-shaped
// answers are built from these in objects.ts), the plans it offers, and the ids and clock it
// stamps them with.

import { randomBytes } from 'node:crypto'
import type { StripeEvent } from './webhooks.ts'

/** A plan the portal offers; unit_amount in minor units, as Stripe's. */
export interface SimPlan {
  name: string
  unit_amount: number
  currency: string
}
/** The plans the portal offers unless told otherwise. */
export const DEFAULT_PLANS: Record<string, SimPlan> = {
  free: { name: 'Free', unit_amount: 0, currency: 'usd' },
  standard: { name: 'Standard', unit_amount: 4900, currency: 'usd' },
  premium: { name: 'Premium', unit_amount: 19900, currency: 'usd' },
}

export type Metadata = Record<string, string>
export type Json = Record<string, unknown>
/** Stripe's recurring intervals. */
export const INTERVALS = ['day', 'week', 'month', 'year'] as const
export type Interval = (typeof INTERVALS)[number]

/** One line of a Checkout Session, from its inline price_data. */
export interface SimLineItem {
  name: string
  unitAmount: number
  currency: string
  quantity: number
  recurring: { interval: Interval; intervalCount: number } | null
}

/** A Checkout Session. */
export interface SimSession {
  id: string
  mode: 'payment' | 'subscription'
  status: 'open' | 'complete' | 'expired'
  paymentStatus: 'unpaid' | 'paid' | 'no_payment_required'
  items: SimLineItem[]
  amountTotal: number
  currency: string
  metadata: Metadata
  paymentIntentMetadata: Metadata
  subscriptionMetadata: Metadata
  customer: string | null
  customerEmail: string | null
  clientReferenceId: string | null
  locale: string | null
  successUrl: string | null
  cancelUrl: string | null
  created: number
  expiresAt: number
  paymentIntent: string | null
  subscription: string | null
  invoice: string | null
}

/** A customer, made by the API or by a subscription's checkout. */
export interface SimCustomer {
  id: string
  email: string | null
  name: string | null
  metadata: Metadata
  created: number
}

/** A paid session's PaymentIntent and its one charge. */
export interface SimPayment {
  intentId: string
  chargeId: string
  sessionId: string
  amount: number
  currency: string
  customer: string | null
  metadata: Metadata
  created: number
}

/** A refund of all or part of a payment's charge. */
export interface SimRefund {
  id: string
  amount: number
  currency: string
  chargeId: string
  intentId: string
  reason: string | null
  metadata: Metadata
  created: number
}

/** A subscription's recurring price and its product. */
export interface SimPrice {
  id: string
  productId: string
  productName: string
  unitAmount: number
  currency: string
  interval: Interval
  intervalCount: number
  /** Our plan id when the subscription has one: the price's lookup_key and metadata.plan. */
  plan: string | null
  created: number
}

/** A subscription with its one item. */
export interface SimSubscription {
  id: string
  itemId: string
  customer: string
  status: 'active' | 'past_due' | 'canceled'
  metadata: Metadata
  price: SimPrice
  quantity: number
  created: number
  periodStart: number
  periodEnd: number
  cancelAtPeriodEnd: boolean
  canceledAt: number | null
  latestInvoice: string | null
}

/** A subscription's invoice for one period. */
export interface SimInvoice {
  id: string
  subscription: string
  customer: string
  price: SimPrice
  quantity: number
  metadata: Metadata
  periodStart: number
  periodEnd: number
  status: 'open' | 'paid'
  attemptCount: number
  billingReason: 'subscription_create' | 'subscription_cycle'
  created: number
  paidAt: number | null
}

/** A customer portal session: a link to the portal page. */
export interface SimPortalSession {
  id: string
  customer: string
  returnUrl: string | null
  created: number
}

/** A simulator action that does not fit the object's state (paying a closed session…). */
export class StateError extends Error {}
/** A simulator action on an object it does not have. */
export class MissingError extends StateError {}

/** Everything the simulator knows; the actions change it, the objects read it. */
export interface State {
  plans: Record<string, SimPlan>
  publicBase: string
  customers: SimCustomer[]
  sessions: SimSession[]
  payments: SimPayment[]
  refunds: SimRefund[]
  subscriptions: SimSubscription[]
  invoices: SimInvoice[]
  portals: SimPortalSession[]
  /** Product ids the simulator made (price_data.product must name one). */
  products: Set<string>
  /** Every event so far, oldest first, as GET /v1/events lists them (newest first). */
  events: StripeEvent[]
}

/** An id in Stripe's style: the object's prefix, then random letters and digits. */
export const newId = (prefix: string) =>
  `${prefix}_${randomBytes(12).toString('base64url').replace(/[-_]/g, 'x')}`
/** Now in Unix seconds, as Stripe's timestamps are. */
export const nowS = () => Math.floor(Date.now() / 1000)
export const DAY = 24 * 3600

/** The record with this id, if there is one. */
export const byId = <T extends { id: string }>(items: T[], id: string | null): T | undefined =>
  items.find((x) => x.id === id)

/** A payment's refunds, oldest first. */
export const refundsOf = (st: State, p: SimPayment) => st.refunds.filter((r) => r.chargeId === p.chargeId)

/** How much of a payment has been refunded. */
export const refundedOf = (st: State, p: SimPayment) => refundsOf(st, p).reduce((sum, r) => sum + r.amount, 0)

/** What a subscription's product is called: its plan's name, else the name its price has now. */
export const productName = (plans: State['plans'], plan: string | null | undefined, sub: SimSubscription) =>
  (plan && plans[plan]?.name) || sub.price.productName

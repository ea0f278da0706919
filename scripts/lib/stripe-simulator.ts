// A local Stripe for tests and the offline stack: the REST calls our api makes with the official
// SDK (edge/payments/stripe.ts), in Stripe's wire format — form-encoded bodies in bracket notation,
// JSON answers, Stripe's error shapes, idempotency keys — and the webhook events that follow, signed
// with the SDK's own test helper and POSTed to the webhook URL with Stripe's retries. Browser pages
// under /__stripe/ stand in for Checkout and the customer portal (stripe-simulator-pages.ts); tests
// drive the same actions through the returned object, Playwright through POST /__simulator/….
// The objects carry the fields our code and the event mapper (edge/payments/stripe-events.ts) read,
// in today's shapes plus the pre-2025-03-31 places the mapper also reads, not all of Stripe's.
import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import Stripe from 'stripe'
import {
  checkoutPage,
  closedCheckoutPage,
  formatMoney,
  messagePage,
  PORTAL_NOTICES,
  pageHeaders,
  portalPage,
} from './stripe-simulator-pages.ts'

export const SIM_SECRET_KEY = 'sk_test_kipindi_stripe_simulator'
export const SIM_WEBHOOK_SECRET = 'whsec_kipindi_stripe_simulator'
/** The version our events claim: after 2025-03-31, whose invoice and period shapes we send. */
export const SIM_API_VERSION = '2025-10-29.clover'

export interface SimPlan {
  name: string
  unit_amount: number
  currency: string
}
export const DEFAULT_PLANS: Record<string, SimPlan> = {
  free: { name: 'Free', unit_amount: 0, currency: 'usd' },
  standard: { name: 'Standard', unit_amount: 4900, currency: 'usd' },
  premium: { name: 'Premium', unit_amount: 19900, currency: 'usd' },
}

type Metadata = Record<string, string>
type Json = Record<string, unknown>
const INTERVALS = ['day', 'week', 'month', 'year'] as const
type Interval = (typeof INTERVALS)[number]

export interface SimLineItem {
  name: string
  unitAmount: number
  currency: string
  quantity: number
  recurring: { interval: Interval; intervalCount: number } | null
}

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

export interface SimPortalSession {
  id: string
  customer: string
  returnUrl: string | null
  created: number
}

export interface StripeEvent {
  id: string
  object: 'event'
  api_version: string
  created: number
  livemode: false
  pending_webhooks: number
  request: { id: null; idempotency_key: null }
  type: string
  data: { object: Json; previous_attributes?: Json }
}

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

/** One event's delivery: status 0 when nothing answered (or no webhook URL is set). */
export interface StripeDelivery {
  eventId: string
  type: string
  status: number
  attempts: number
  /** The receiver's last answer, cut to 500 characters. */
  response?: string
}

export interface StripeSimulatorOptions {
  webhookUrl?: string
  /** Where browser URLs point (the gateway's origin); default: the simulator's own URL. */
  publicBase?: string
  /** Plans the portal offers; default free/standard/premium in USD. */
  plans?: Record<string, SimPlan>
  secretKey?: string
  webhookSecret?: string
  /** Waits between delivery attempts after a non-2xx or network error; default 100, 400, 1600 ms. */
  retryDelaysMs?: number[]
  port?: number
}

export interface StripeSimulator {
  /** http://127.0.0.1:<port> */
  url: string
  env: { STRIPE_SECRET_KEY: string; STRIPE_WEBHOOK_SECRET: string; STRIPE_API_BASE: string }
  setWebhookUrl(url: string): void
  setPublicBase(url: string): void
  /** Every Checkout Session as GET /v1/checkout/sessions/:id answers it now, oldest first. */
  readonly sessions: SessionObject[]
  readonly refunds: RefundObject[]
  readonly subscriptions: SubscriptionObject[]
  /** Every event's delivery so far, in order (live). */
  readonly deliveries: StripeDelivery[]
  /** As the Pay button; resolves after the events are delivered. */
  pay(sessionId: string): Promise<void>
  /** Expires an open session as Stripe does at expires_at; resolves after the event is delivered. */
  expire(sessionId: string): Promise<void>
  changePlan(subscriptionId: string, plan: string): Promise<void>
  cancelSubscription(subscriptionId: string): Promise<void>
  failRenewal(subscriptionId: string): Promise<void>
  renew(subscriptionId: string): Promise<void>
  /** Waits for a Checkout Session to be created (the nth from 1, or the next one). */
  waitForSession(n?: number, timeoutMs?: number): Promise<SessionObject>
  /** The events sent so far (all of them, or of one type), in order. */
  eventsSent(type?: string): StripeEvent[]
  close(): Promise<void>
}

// ---------------------------------------------------------------------------------------------
// Section: errors and ids

/** A refusal in Stripe's error shape, with the status Stripe answers it with. */
export class StripeApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code?: string,
    readonly param?: string,
    readonly type = 'invalid_request_error',
  ) {
    super(message)
  }

  body(): Json {
    const doc = this.code
      ? `https://stripe.com/docs/error-codes/${this.code.replaceAll('_', '-')}`
      : undefined
    return {
      error: { type: this.type, code: this.code, doc_url: doc, message: this.message, param: this.param },
    }
  }
}

const invalid = (message: string, param?: string, code = 'parameter_invalid') =>
  new StripeApiError(400, message, code, param)
const noSuch = (kind: string, id: string, param: string, status = 400) =>
  new StripeApiError(status, `No such ${kind}: '${id}'`, 'resource_missing', param)

/** A simulator action that does not fit the object's state (paying a closed session…). */
class StateError extends Error {}
/** A simulator action on an object it does not have. */
class MissingError extends StateError {}

const newId = (prefix: string) => `${prefix}_${randomBytes(12).toString('base64url').replace(/[-_]/g, 'x')}`
const nowS = () => Math.floor(Date.now() / 1000)
const DAY = 24 * 3600

// ---------------------------------------------------------------------------------------------
// Section: form bodies (Stripe's bracket notation) and reading parameters

/** A parsed body: `a[b][0]=x` → { a: { b: { 0: 'x' } } } (null-prototype objects). */
interface Params {
  [key: string]: string | Params
}

const MAX_PAIRS = 1000
const MAX_DEPTH = 6
const KEY = /^([^[\]]+)((?:\[[^[\]]*\])*)$/
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype'])

function decodeFormPart(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '))
  } catch {
    throw invalid('Invalid request: the body is not valid application/x-www-form-urlencoded.')
  }
}

function keyPath(key: string): string[] {
  const m = KEY.exec(key)
  const path = m
    ? [m[1] as string, ...[...(m[2] as string).matchAll(/\[([^[\]]*)\]/g)].map((x) => x[1] as string)]
    : []
  if (!m || path.length > MAX_DEPTH || path.some((p) => FORBIDDEN_KEYS.has(p))) {
    throw invalid(`Invalid parameter name: ${key.slice(0, 100)}`)
  }
  return path
}

function setParam(root: Params, path: string[], value: string, key: string): void {
  let node = root
  for (const [i, raw] of path.entries()) {
    // `a[]=x` appends, as qs reads it.
    const seg = raw === '' ? String(Object.keys(node).length) : raw
    const existing = node[seg]
    if (i === path.length - 1) {
      if (typeof existing === 'object')
        throw invalid(`Invalid parameter: ${key.slice(0, 100)} is both a hash and a value.`)
      node[seg] = value
      return
    }
    if (typeof existing === 'string')
      throw invalid(`Invalid parameter: ${key.slice(0, 100)} is both a hash and a value.`)
    const next: Params = existing ?? Object.create(null)
    node[seg] = next
    node = next
  }
}

function parseForm(raw: string): Params {
  const root: Params = Object.create(null)
  const pairs = raw.split('&').filter((p) => p !== '')
  if (pairs.length > MAX_PAIRS) throw invalid(`Too many parameters (at most ${MAX_PAIRS}).`)
  for (const pair of pairs) {
    const eq = pair.indexOf('=')
    const key = decodeFormPart(eq < 0 ? pair : pair.slice(0, eq))
    setParam(root, keyPath(key), eq < 0 ? '' : decodeFormPart(pair.slice(eq + 1)), key)
  }
  return root
}

const isHttpUrl = (s: string) => {
  if (/[\p{Cc}\s]/u.test(s)) return false
  try {
    return ['http:', 'https:'].includes(new URL(s).protocol)
  } catch {
    return false
  }
}

/** Stripe's largest amount (8 digits). */
const MAX_AMOUNT = 99_999_999

/**
 * Reads one hash of parameters as Stripe does — '' means unset — and names each parameter in its
 * errors the way Stripe does (`line_items[0][quantity]`).
 */
class Reader {
  constructor(
    private readonly p: Params,
    private readonly prefix = '',
  ) {}

  name(key: string): string {
    return this.prefix ? `${this.prefix}[${key}]` : key
  }

  /** `value`, or Stripe's parameter_missing for `key`. */
  need<T>(value: T | undefined, key: string): T {
    if (value !== undefined) return value
    throw new StripeApiError(
      400,
      `Missing required param: ${this.name(key)}.`,
      'parameter_missing',
      this.name(key),
    )
  }

  str(key: string, max = 5000): string | undefined {
    const v = this.p[key]
    if (v === undefined || v === '') return undefined
    if (typeof v !== 'string')
      throw invalid(`Invalid string: ${this.name(key)} must be a string.`, this.name(key))
    if (v.length > max)
      throw invalid(`Invalid string: ${this.name(key)} is over ${max} characters.`, this.name(key))
    return v
  }

  int(key: string, min: number, max: number): number | undefined {
    const s = this.str(key, 20)
    if (s === undefined) return undefined
    const n = /^-?\d+$/.test(s) ? Number(s) : Number.NaN
    if (Number.isSafeInteger(n) && n >= min && n <= max) return n
    const message = `Invalid integer: ${this.name(key)} must be an integer from ${min} to ${max}.`
    throw invalid(message, this.name(key), 'parameter_invalid_integer')
  }

  bool(key: string): boolean | undefined {
    const s = this.str(key, 10)
    if (s !== undefined && s !== 'true' && s !== 'false')
      throw invalid(`Invalid boolean: ${s}`, this.name(key))
    return s === undefined ? undefined : s === 'true'
  }

  oneOf<T extends string>(key: string, values: readonly T[]): T | undefined {
    const s = this.str(key, 100)
    if (s === undefined || (values as readonly string[]).includes(s)) return s as T | undefined
    throw invalid(`Invalid ${this.name(key)}: must be one of ${values.join(', ')}`, this.name(key))
  }

  hash(key: string): Reader | undefined {
    const v = this.p[key]
    if (v === undefined || v === '') return undefined
    if (typeof v === 'string')
      throw invalid(`Invalid hash: ${this.name(key)} must be a hash.`, this.name(key))
    return new Reader(v, this.name(key))
  }

  /** An array (`line_items[0]…`), in index order. */
  list(key: string): Reader[] {
    const h = this.hash(key)
    if (!h) return []
    const indexes = Object.keys(h.p)
    if (indexes.some((k) => !/^\d+$/.test(k)))
      throw invalid(`Invalid array: ${this.name(key)}`, this.name(key))
    return indexes.sort((x, y) => Number(x) - Number(y)).map((i) => h.need(h.hash(i), i))
  }

  /** `metadata[…]` merged into `current`: '' removes a key, `metadata=` clears them all (Stripe's rules). */
  metadata(current: Metadata = {}): Metadata {
    if (this.p.metadata === '') return {}
    const m = this.hash('metadata')
    const out: Metadata = { ...current }
    for (const k of m ? Object.keys(m.p) : []) {
      const v = m?.str(k, 500)
      if (v === undefined) delete out[k]
      else out[k] = v
    }
    if (Object.keys(out).length > 50)
      throw invalid('Metadata can have at most 50 keys.', this.name('metadata'))
    const long = Object.keys(out).find((k) => k.length > 40)
    if (long) throw invalid(`Metadata keys can be at most 40 characters: ${long}`, this.name('metadata'))
    return out
  }

  url(key: string): string | null {
    const s = this.str(key)
    if (s !== undefined && !isHttpUrl(s)) throw invalid('Not a valid URL', this.name(key), 'url_invalid')
    return s ?? null
  }

  email(key: string): string | null {
    const s = this.str(key, 512)
    if (s !== undefined && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s)) {
      throw invalid(`Invalid email address: ${s}`, this.name(key), 'email_invalid')
    }
    return s ?? null
  }

  /** A currency, lowercased as Stripe keeps it. */
  currency(): string {
    const c = this.need(this.str('currency', 10), 'currency').toLowerCase()
    if (!/^[a-z]{3}$/.test(c)) throw invalid(`Invalid currency: ${c}`, this.name('currency'))
    return c
  }

  /** `…[unit_amount]` and `…[recurring]` of a price_data hash. */
  unitAmount(): number {
    return this.need(this.int('unit_amount', 0, MAX_AMOUNT), 'unit_amount')
  }

  recurring(): SimLineItem['recurring'] {
    const r = this.hash('recurring')
    if (!r) return null
    return {
      interval: r.need(r.oneOf('interval', INTERVALS), 'interval'),
      intervalCount: r.int('interval_count', 1, 365) ?? 1,
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Section: state and the objects as Stripe sends them

interface State {
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
}

const listOf = <T>(data: T[], url: string): ListObject<T> => ({
  object: 'list',
  data,
  has_more: false,
  total_count: data.length,
  url,
})

function customerObject(c: SimCustomer): Json {
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

function sessionObject(st: State, s: SimSession): SessionObject {
  const email = s.customerEmail ?? st.customers.find((c) => c.id === s.customer)?.email ?? null
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
    url: closed ? null : `${st.publicBase}/__stripe/checkout/${s.id}`,
  }
}

function paymentIntentObject(p: SimPayment): Json {
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

function refundObject(r: SimRefund): RefundObject {
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

const refundedOf = (st: State, p: SimPayment) =>
  st.refunds.filter((r) => r.chargeId === p.chargeId).reduce((sum, r) => sum + r.amount, 0)

function chargeObject(st: State, p: SimPayment): Json {
  const refunded = refundedOf(st, p)
  const refunds = st.refunds.filter((r) => r.chargeId === p.chargeId).reverse()
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

function priceObject(p: SimPrice): PriceObject {
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

function subscriptionObject(sub: SimSubscription): SubscriptionObject {
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

function invoiceObject(inv: SimInvoice): Json {
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

function portalObject(st: State, p: SimPortalSession): Json {
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
    url: `${st.publicBase}/__stripe/portal/${p.id}`,
  }
}

function event(type: string, object: Json, previous?: Json): StripeEvent {
  return {
    id: newId('evt'),
    object: 'event',
    api_version: SIM_API_VERSION,
    created: nowS(),
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
    data: previous ? { object, previous_attributes: previous } : { object },
  }
}

/** customer.subscription.updated with the top-level fields that changed since `before`, or nothing. */
function updatedEvent(sub: SimSubscription, before: Json): StripeEvent[] {
  const after = subscriptionObject(sub)
  const previous: Json = {}
  for (const [k, v] of Object.entries(after)) {
    if (JSON.stringify(before[k]) !== JSON.stringify(v)) previous[k] = before[k]
  }
  return Object.keys(previous).length ? [event('customer.subscription.updated', after, previous)] : []
}

// ---------------------------------------------------------------------------------------------
// Section: what the API calls and the buttons do (state changes; each returns the events to send)

function customerParams(p: Reader): Omit<SimCustomer, 'id' | 'created'> {
  return { email: p.email('email'), name: p.str('name', 256) ?? null, metadata: p.metadata() }
}

function createCustomer(st: State, c: Omit<SimCustomer, 'id' | 'created'>): SimCustomer {
  const customer = { id: newId('cus'), created: nowS(), ...c }
  st.customers.push(customer)
  return customer
}

/** One `line_items[i]`: only inline prices (price_data), as our api sends them. */
function lineItem(li: Reader, mode: SimSession['mode']): SimLineItem {
  const priceId = li.str('price')
  if (priceId) throw noSuch('price', priceId, li.name('price'))
  const pd = li.need(li.hash('price_data'), 'price_data')
  const product = pd.need(pd.hash('product_data'), 'product_data')
  const recurring = pd.recurring()
  if (mode === 'payment' && recurring) {
    const message =
      'You specified `payment` mode but passed a recurring price. Either switch to `subscription` mode or use only one-time prices.'
    throw invalid(message, pd.name('recurring'))
  }
  if (mode === 'subscription' && !recurring) {
    const message = 'You must specify at least one recurring price in `subscription` mode when using prices.'
    throw invalid(message, pd.name('recurring'))
  }
  return {
    name: product.need(product.str('name', 250), 'name'),
    unitAmount: pd.unitAmount(),
    currency: pd.currency(),
    quantity: li.need(li.int('quantity', 1, 999_999), 'quantity'),
    recurring,
  }
}

function lineItems(p: Reader, mode: SimSession['mode']): SimLineItem[] {
  const entries = p.list('line_items')
  if (entries.length === 0) p.need(undefined, 'line_items')
  const items = entries.map((li) => lineItem(li, mode))
  if (mode === 'subscription' && items.length > 1) {
    throw invalid('The Stripe simulator supports one line item in subscription mode.', 'line_items')
  }
  if (items.some((i) => i.currency !== items[0]?.currency)) {
    throw invalid('All line items must use the same currency.', 'line_items')
  }
  const total = items.reduce((sum, i) => sum + i.unitAmount * i.quantity, 0)
  if (total > MAX_AMOUNT) throw invalid('The total amount is too large.', 'line_items', 'amount_too_large')
  if (mode === 'payment' && total < 1) {
    throw invalid('The total amount due must be greater than zero.', 'line_items', 'amount_too_small')
  }
  return items
}

function checkoutCustomer(st: State, p: Reader) {
  const customer = p.str('customer', 200) ?? null
  const customerEmail = p.email('customer_email')
  if (customer && customerEmail) {
    throw invalid('You may only specify one of these parameters: customer, customer_email.', 'customer_email')
  }
  if (customer && !st.customers.some((c) => c.id === customer)) throw noSuch('customer', customer, 'customer')
  return { customer, customerEmail }
}

function expiresAtParam(p: Reader, created: number): number {
  const at = p.int('expires_at', 0, 2 ** 32) ?? created + DAY
  // A minute of slack below Stripe's 30 minutes: the api asks for exactly 30 by its own clock.
  if (at < created + 30 * 60 - 60 || at > created + DAY) {
    const message =
      'The `expires_at` timestamp must be between 30 minutes and 24 hours from Checkout Session creation.'
    throw invalid(message, 'expires_at')
  }
  return at
}

/** payment_intent_data[metadata] only in payment mode, subscription_data[metadata] only in subscription mode. */
function modeMetadata(p: Reader, mode: SimSession['mode']) {
  const pid = p.hash('payment_intent_data')
  const sd = p.hash('subscription_data')
  if (pid && mode !== 'payment') {
    throw invalid('You can not pass `payment_intent_data` in `subscription` mode.', 'payment_intent_data')
  }
  if (sd && mode !== 'subscription') {
    throw invalid('You can not pass `subscription_data` in `payment` mode.', 'subscription_data')
  }
  return { paymentIntentMetadata: pid?.metadata() ?? {}, subscriptionMetadata: sd?.metadata() ?? {} }
}

function createSession(st: State, p: Reader): SimSession {
  const mode = p.need(p.oneOf('mode', ['payment', 'subscription', 'setup'] as const), 'mode')
  if (mode === 'setup') {
    throw invalid('The Stripe simulator supports mode=payment and mode=subscription only.', 'mode')
  }
  const items = lineItems(p, mode)
  const created = nowS()
  const session: SimSession = {
    id: newId('cs_test'),
    mode,
    status: 'open',
    paymentStatus: 'unpaid',
    items,
    amountTotal: items.reduce((sum, i) => sum + i.unitAmount * i.quantity, 0),
    currency: (items[0] as SimLineItem).currency,
    metadata: p.metadata(),
    ...modeMetadata(p, mode),
    ...checkoutCustomer(st, p),
    clientReferenceId: p.str('client_reference_id', 200) ?? null,
    locale: p.str('locale', 10) ?? null,
    successUrl: p.url('success_url'),
    cancelUrl: p.url('cancel_url'),
    created,
    expiresAt: expiresAtParam(p, created),
    paymentIntent: null,
    subscription: null,
    invoice: null,
  }
  st.sessions.push(session)
  return session
}

function assertOpen(s: SimSession): void {
  if (s.status !== 'open') throw new StateError(`Checkout Session ${s.id} is ${s.status}, not open.`)
}

function expireSession(st: State, s: SimSession): StripeEvent[] {
  assertOpen(s)
  s.status = 'expired'
  return [event('checkout.session.expired', sessionObject(st, s))]
}

function payOnce(st: State, s: SimSession): StripeEvent[] {
  const payment: SimPayment = {
    intentId: newId('pi'),
    chargeId: newId('ch'),
    sessionId: s.id,
    amount: s.amountTotal,
    currency: s.currency,
    customer: s.customer,
    metadata: { ...s.paymentIntentMetadata },
    created: nowS(),
  }
  st.payments.push(payment)
  Object.assign(s, { status: 'complete', paymentStatus: 'paid', paymentIntent: payment.intentId })
  return [event('checkout.session.completed', sessionObject(st, s))]
}

const PERIOD_DAYS: Record<Interval, number> = { day: 1, week: 7, month: 30, year: 365 }
const periodSeconds = (p: SimPrice) => PERIOD_DAYS[p.interval] * p.intervalCount * DAY

function newPrice(
  st: State,
  item: Omit<SimLineItem, 'quantity'>,
  plan: string | null,
  productId?: string,
): SimPrice {
  const price: SimPrice = {
    id: newId('price'),
    productId: productId ?? newId('prod'),
    productName: item.name,
    unitAmount: item.unitAmount,
    currency: item.currency,
    interval: item.recurring?.interval ?? 'month',
    intervalCount: item.recurring?.intervalCount ?? 1,
    plan,
    created: nowS(),
  }
  st.products.add(price.productId)
  return price
}

function newInvoice(st: State, sub: SimSubscription, reason: SimInvoice['billingReason']): SimInvoice {
  const invoice: SimInvoice = {
    id: newId('in'),
    subscription: sub.id,
    customer: sub.customer,
    price: sub.price,
    quantity: sub.quantity,
    metadata: { ...sub.metadata },
    periodStart: sub.periodStart,
    periodEnd: sub.periodEnd,
    status: 'open',
    attemptCount: 0,
    billingReason: reason,
    created: nowS(),
    paidAt: null,
  }
  st.invoices.push(invoice)
  sub.latestInvoice = invoice.id
  return invoice
}

function markPaid(inv: SimInvoice): void {
  inv.attemptCount += 1
  inv.status = 'paid'
  inv.paidAt = nowS()
}

/** Checkout in subscription mode: a customer if none, the subscription and its first invoice, paid. */
function paySubscription(st: State, s: SimSession): StripeEvent[] {
  const item = s.items[0] as SimLineItem
  const customer = s.customer ?? createCustomer(st, { email: s.customerEmail, name: null, metadata: {} }).id
  const plan = s.subscriptionMetadata.plan ?? null
  const now = nowS()
  const sub: SimSubscription = {
    id: newId('sub'),
    itemId: newId('si'),
    customer,
    status: 'active',
    metadata: { ...s.subscriptionMetadata },
    price: newPrice(st, item, plan),
    quantity: item.quantity,
    created: now,
    periodStart: now,
    periodEnd: 0,
    cancelAtPeriodEnd: false,
    canceledAt: null,
    latestInvoice: null,
  }
  sub.periodEnd = now + periodSeconds(sub.price)
  st.subscriptions.push(sub)
  const invoice = newInvoice(st, sub, 'subscription_create')
  markPaid(invoice)
  // A zero total needs no payment: Stripe says so rather than "paid".
  const paymentStatus = s.amountTotal === 0 ? 'no_payment_required' : 'paid'
  Object.assign(s, { status: 'complete', paymentStatus, customer, subscription: sub.id, invoice: invoice.id })
  return [
    event('customer.subscription.created', subscriptionObject(sub)),
    event('checkout.session.completed', sessionObject(st, s)),
    event('invoice.paid', invoiceObject(invoice)),
  ]
}

function paySession(st: State, s: SimSession): StripeEvent[] {
  assertOpen(s)
  return s.mode === 'payment' ? payOnce(st, s) : paySubscription(st, s)
}

function assertLive(sub: SimSubscription): void {
  if (sub.status === 'canceled') throw new StateError(`Subscription ${sub.id} is canceled.`)
}

function changePlan(st: State, sub: SimSubscription, plan: string): StripeEvent[] {
  assertLive(sub)
  const p = st.plans[plan]
  if (!p) throw new StateError(`No plan ${plan}; the simulator knows ${Object.keys(st.plans).join(', ')}.`)
  const before = subscriptionObject(sub)
  const recurring = { interval: sub.price.interval, intervalCount: sub.price.intervalCount }
  sub.metadata = { ...sub.metadata, plan }
  sub.price = newPrice(st, { name: p.name, unitAmount: p.unit_amount, currency: p.currency, recurring }, plan)
  return updatedEvent(sub, before)
}

function cancelSubscription(sub: SimSubscription): StripeEvent[] {
  assertLive(sub)
  sub.status = 'canceled'
  sub.canceledAt = nowS()
  return [event('customer.subscription.deleted', subscriptionObject(sub))]
}

/**
 * The next renewal, as if its day came now: the period moves on (Stripe advances it whether or
 * not the invoice is paid) and a new invoice opens — unless one is still open from a failed
 * attempt, which is tried again. A subscription set to cancel at period end ends instead.
 */
function renewal(st: State, sub: SimSubscription, pays: boolean): StripeEvent[] {
  assertLive(sub)
  if (sub.cancelAtPeriodEnd) return cancelSubscription(sub)
  const before = subscriptionObject(sub)
  let invoice = st.invoices.find((i) => i.subscription === sub.id && i.status === 'open')
  if (!invoice) {
    sub.periodStart = sub.periodEnd
    sub.periodEnd += periodSeconds(sub.price)
    invoice = newInvoice(st, sub, 'subscription_cycle')
  }
  if (pays) markPaid(invoice)
  else invoice.attemptCount += 1
  sub.status = pays ? 'active' : 'past_due'
  const invoiceEvent = event(pays ? 'invoice.paid' : 'invoice.payment_failed', invoiceObject(invoice))
  return [invoiceEvent, ...updatedEvent(sub, before)]
}

/** items[0] on POST /v1/subscriptions/:id: a new inline price (of a product it has) and quantity. */
function itemUpdate(st: State, sub: SimSubscription, p: Reader, plan: string | null) {
  const items = p.list('items')
  if (items.length > 1) throw invalid('The Stripe simulator supports one subscription item.', 'items')
  const item = items[0]
  if (!item) return {}
  const itemId = item.str('id')
  if (itemId && itemId !== sub.itemId) throw noSuch('subscription_item', itemId, item.name('id'))
  const priceId = item.str('price')
  if (priceId && priceId !== sub.price.id) throw noSuch('price', priceId, item.name('price'))
  const quantity = item.int('quantity', 1, 999_999)
  const pd = item.hash('price_data')
  if (!pd) return { quantity }
  const product = pd.need(pd.str('product'), 'product')
  if (!st.products.has(product)) throw noSuch('product', product, pd.name('product'))
  const currency = pd.currency()
  if (currency !== sub.price.currency)
    throw invalid('A subscription cannot change its currency.', pd.name('currency'))
  const recurring = pd.need(pd.recurring() ?? undefined, 'recurring')
  const name = (plan && st.plans[plan]?.name) || sub.price.productName
  return {
    quantity,
    price: newPrice(st, { name, unitAmount: pd.unitAmount(), currency, recurring }, plan, product),
  }
}

/** POST /v1/subscriptions/:id: metadata, cancel_at_period_end, the item's price and quantity. */
function updateSubscription(st: State, sub: SimSubscription, p: Reader): StripeEvent[] {
  const metadata = p.metadata(sub.metadata)
  const cancelAtPeriodEnd = p.bool('cancel_at_period_end')
  const { price, quantity } = itemUpdate(st, sub, p, metadata.plan ?? null)
  if (sub.status === 'canceled' && (cancelAtPeriodEnd !== undefined || price || quantity)) {
    throw invalid('A canceled subscription can only update its cancellation_details and metadata.')
  }
  const before = subscriptionObject(sub)
  sub.metadata = metadata
  sub.cancelAtPeriodEnd = cancelAtPeriodEnd ?? sub.cancelAtPeriodEnd
  sub.price = price ?? sub.price
  sub.quantity = quantity ?? sub.quantity
  return updatedEvent(sub, before)
}

/** The payment a refund names by payment_intent or charge. */
function refundedPayment(st: State, p: Reader): SimPayment {
  const intentId = p.str('payment_intent', 200)
  const chargeId = p.str('charge', 200)
  const payment = intentId
    ? st.payments.find((x) => x.intentId === intentId)
    : st.payments.find((x) => x.chargeId === chargeId)
  if (intentId && !payment) throw noSuch('payment_intent', intentId, 'payment_intent')
  if (chargeId && (!payment || payment.chargeId !== chargeId)) throw noSuch('charge', chargeId, 'charge')
  if (!payment) {
    const message =
      'One of the following params should be provided for this request: payment_intent or charge.'
    throw new StripeApiError(400, message, 'parameter_missing', 'payment_intent')
  }
  return payment
}

function createRefund(st: State, p: Reader): { refund: SimRefund; events: StripeEvent[] } {
  const payment = refundedPayment(st, p)
  const left = payment.amount - refundedOf(st, payment)
  if (left <= 0) {
    const message = `Charge ${payment.chargeId} has already been refunded.`
    throw new StripeApiError(400, message, 'charge_already_refunded', 'payment_intent')
  }
  const amount = p.int('amount', 1, Number.MAX_SAFE_INTEGER) ?? left
  if (amount > left) {
    const [asked, unrefunded] = [formatMoney(amount, payment.currency), formatMoney(left, payment.currency)]
    const message = `Refund amount (${asked}) is greater than unrefunded amount on charge (${unrefunded})`
    throw invalid(message, 'amount', 'amount_too_large')
  }
  const refund: SimRefund = {
    id: newId('re'),
    amount,
    currency: payment.currency,
    chargeId: payment.chargeId,
    intentId: payment.intentId,
    reason: p.oneOf('reason', ['duplicate', 'fraudulent', 'requested_by_customer'] as const) ?? null,
    metadata: p.metadata(),
    created: nowS(),
  }
  st.refunds.push(refund)
  return { refund, events: [event('charge.refunded', chargeObject(st, payment))] }
}

function createPortal(st: State, p: Reader): SimPortalSession {
  const customer = p.need(p.str('customer', 200), 'customer')
  if (!st.customers.some((c) => c.id === customer)) throw noSuch('customer', customer, 'customer')
  const portal = { id: newId('bps'), customer, returnUrl: p.url('return_url'), created: nowS() }
  st.portals.push(portal)
  return portal
}

/** The subscription a portal shows: the customer's newest live one, else the newest. */
function portalSubscription(st: State, customer: string): SimSubscription | null {
  const subs = st.subscriptions.filter((s) => s.customer === customer)
  return subs.findLast((s) => s.status !== 'canceled') ?? subs.at(-1) ?? null
}

// ---------------------------------------------------------------------------------------------
// Section: webhook deliveries

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms)
    signal.addEventListener('abort', () => {
      clearTimeout(t)
      resolve()
    })
  })

/**
 * Sends events one after another (the order of actions, and of each action's events, is kept):
 * signed anew for each attempt, retried after a non-2xx answer or a network error as Stripe does.
 */
class WebhookSender {
  webhookUrl: string | null = null
  readonly deliveries: StripeDelivery[] = []
  readonly sent: StripeEvent[] = []
  private queue: Promise<unknown> = Promise.resolve()
  private readonly stop = new AbortController()
  private lastSecond = 0

  constructor(
    private readonly secret: string,
    private readonly retryDelaysMs: number[],
  ) {}

  /**
   * Queues one action's events; resolves when they are delivered (or given up on). Their
   * `created` is a second after the previous action's at least: Stripe's has whole seconds and
   * our mapper orders events of one second by type, so a test's quick actions (a plan change, then
   * a failed renewal) would otherwise share a second and lose their order. An action's own
   * events share their second, as Stripe's do.
   */
  send(events: StripeEvent[]): Promise<StripeDelivery[]> {
    this.lastSecond = Math.max(nowS(), this.lastSecond + 1)
    for (const e of events) e.created = this.lastSecond
    const run = this.queue.then(async () => {
      const out: StripeDelivery[] = []
      for (const e of events) out.push(await this.deliver(e))
      return out
    })
    this.queue = run.catch(() => undefined)
    return run
  }

  private async deliver(e: StripeEvent): Promise<StripeDelivery> {
    const d: StripeDelivery = { eventId: e.id, type: e.type, status: 0, attempts: 0 }
    this.sent.push(e)
    this.deliveries.push(d)
    const url = this.webhookUrl
    if (!url) return d
    const payload = JSON.stringify(e)
    for (const wait of [0, ...this.retryDelaysMs]) {
      if (wait) await sleep(wait, this.stop.signal)
      if (this.stop.signal.aborted) break
      d.attempts += 1
      const answer = await this.post(url, payload)
      d.status = answer.status
      d.response = answer.body.slice(0, 500)
      if (d.status >= 200 && d.status < 300) break
    }
    return d
  }

  private async post(url: string, payload: string): Promise<{ status: number; body: string }> {
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'stripe-signature': Stripe.webhooks.generateTestHeaderString({ payload, secret: this.secret }),
          'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
        },
        body: payload,
        signal: AbortSignal.any([this.stop.signal, AbortSignal.timeout(10_000)]),
      })
      return { status: res.status, body: await res.text() }
    } catch (error) {
      return { status: 0, body: String(error) }
    }
  }

  /** Stops retrying and waits for what is in flight. */
  async close(): Promise<void> {
    this.stop.abort()
    await this.queue
  }
}

// ---------------------------------------------------------------------------------------------
// Section: HTTP — /v1 (the API), /__stripe (browser pages), /__simulator (control)

const MAX_BODY_BYTES = 256 * 1024

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    size += (chunk as Buffer).length
    if (size > MAX_BODY_BYTES)
      throw new StripeApiError(413, 'The request body is too large.', 'request_too_large')
    chunks.push(chunk as Buffer)
  }
  return Buffer.concat(chunks).toString('utf8')
}

function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, {
    'content-type': 'application/json',
    'cache-control': 'no-cache, no-store',
    'request-id': newId('req'),
    ...headers,
  })
  res.end(JSON.stringify(body, null, 2))
}

function sendHtml(
  res: ServerResponse,
  status: number,
  html: string,
  redirectTargets: (string | null)[] = [],
): void {
  res.writeHead(status, pageHeaders(redirectTargets))
  res.end(html)
}

/** A 303 (after a form's POST) to an absolute URL the app gave or a /__stripe/ path. */
function seeOther(res: ServerResponse, location: string): void {
  res.writeHead(303, { location, 'cache-control': 'no-store', 'content-length': '0' })
  res.end()
}

const unrecognised = (method: string, path: string) =>
  new StripeApiError(
    404,
    `Unrecognized request URL (${method}: ${path.slice(0, 200)}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`,
  )

function authError(header: string | undefined, key: string): StripeApiError | null {
  const bearer = /^Bearer (.+)$/i.exec(header ?? '')?.[1]
  const basic = /^Basic (.+)$/i.exec(header ?? '')?.[1]
  const given = bearer ?? (basic ? Buffer.from(basic, 'base64').toString('utf8').split(':')[0] : undefined)
  if (!given) {
    return new StripeApiError(
      401,
      "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY').",
      undefined,
      undefined,
      'authentication_error',
    )
  }
  if (given === key) return null
  const masked = `${given.slice(0, 8)}${'*'.repeat(4)}${given.slice(-4)}`
  return new StripeApiError(
    401,
    `Invalid API Key provided: ${masked}`,
    'api_key_invalid',
    undefined,
    'authentication_error',
  )
}

interface ApiAnswer {
  body: Json
  events?: StripeEvent[]
}
type ApiHandler = (st: State, id: string, p: Reader) => ApiAnswer

function found<T>(items: T[], match: (x: T) => boolean, kind: string, id: string): T {
  const item = items.find(match)
  if (!item) throw noSuch(kind, id, 'id', 404)
  return item
}
const sessionById = (st: State, id: string) => found(st.sessions, (s) => s.id === id, 'checkout.session', id)
const subscriptionById = (st: State, id: string) =>
  found(st.subscriptions, (s) => s.id === id, 'subscription', id)

/** A state error from the API: Stripe's 400 for an action the object's state forbids. */
function asApi<T>(run: () => T): T {
  try {
    return run()
  } catch (error) {
    if (error instanceof StateError) throw invalid(error.message, undefined, 'resource_state_invalid')
    throw error
  }
}

/** The API's routes, by `METHOD /path` with `:id` for the object's id. */
const API: Record<string, ApiHandler> = {
  'POST /v1/customers': (st, _id, p) => ({ body: customerObject(createCustomer(st, customerParams(p))) }),
  'GET /v1/customers/:id': (st, id) => ({
    body: customerObject(found(st.customers, (c) => c.id === id, 'customer', id)),
  }),
  'POST /v1/checkout/sessions': (st, _id, p) => ({ body: sessionObject(st, createSession(st, p)) }),
  'GET /v1/checkout/sessions/:id': (st, id) => ({ body: sessionObject(st, sessionById(st, id)) }),
  'POST /v1/checkout/sessions/:id/expire': (st, id) => {
    const s = sessionById(st, id)
    return { events: asApi(() => expireSession(st, s)), body: sessionObject(st, s) }
  },
  'POST /v1/billing_portal/sessions': (st, _id, p) => ({ body: portalObject(st, createPortal(st, p)) }),
  'POST /v1/refunds': (st, _id, p) => {
    const { refund, events } = createRefund(st, p)
    return { body: refundObject(refund), events }
  },
  'GET /v1/refunds/:id': (st, id) => ({
    body: refundObject(found(st.refunds, (r) => r.id === id, 'refund', id)),
  }),
  'GET /v1/payment_intents/:id': (st, id) => ({
    body: paymentIntentObject(found(st.payments, (x) => x.intentId === id, 'payment_intent', id)),
  }),
  'GET /v1/charges/:id': (st, id) => ({
    body: chargeObject(
      st,
      found(st.payments, (x) => x.chargeId === id, 'charge', id),
    ),
  }),
  'GET /v1/subscriptions/:id': (st, id) => ({ body: subscriptionObject(subscriptionById(st, id)) }),
  'POST /v1/subscriptions/:id': (st, id, p) => {
    const sub = subscriptionById(st, id)
    return { events: updateSubscription(st, sub, p), body: subscriptionObject(sub) }
  },
  'DELETE /v1/subscriptions/:id': (st, id) => {
    const sub = subscriptionById(st, id)
    return { events: asApi(() => cancelSubscription(sub)), body: subscriptionObject(sub) }
  },
}

const ROUTES = Object.entries(API).map(([route, handler]) => {
  const [method, path] = route.split(' ') as [string, string]
  return { method, path: new RegExp(`^${path.replace(':id', '([^/]+)')}$`), handler }
})

/** The route for a request and the id in its path. */
function apiRoute(method: string, pathname: string) {
  for (const r of ROUTES) {
    const m = r.method === method ? r.path.exec(pathname) : null
    if (m) return { handler: r.handler, id: safeDecode(m[1] ?? '') }
  }
  throw unrecognised(method, pathname)
}

const safeDecode = (s: string) => {
  try {
    return decodeURIComponent(s)
  } catch {
    return s
  }
}

/** Stripe's idempotency: a POST with a used key answers what the first answered, if the body is the same. */
class IdempotencyCache {
  static readonly MAX_KEYS = 10_000
  private readonly answers = new Map<string, { fingerprint: string; status: number; body: Json }>()

  replay(key: string | undefined, fingerprint: string): { status: number; body: Json } | null {
    const hit = key ? this.answers.get(key) : undefined
    if (!hit) return null
    if (hit.fingerprint !== fingerprint) {
      throw new StripeApiError(
        400,
        `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
        undefined,
        undefined,
        'idempotency_error',
      )
    }
    return hit
  }

  remember(key: string | undefined, fingerprint: string, status: number, body: Json): void {
    if (!key) return
    this.answers.set(key, { fingerprint, status, body })
    // The SDK keys every POST: a long-running stack forgets the oldest (Stripe forgets after 24 h).
    if (this.answers.size > IdempotencyCache.MAX_KEYS)
      this.answers.delete(this.answers.keys().next().value as string)
  }
}

const CHECKOUT_PATH = /^\/__stripe\/checkout\/([^/]+)(?:\/(pay|decline|cancel))?$/
const PORTAL_PATH = /^\/__stripe\/portal\/([^/]+)(?:\/(cancel|fail-renewal|renew|plan\/[^/]+))?$/
const CONTROL_PATH =
  /^\/__simulator\/(sessions|subscriptions)\/([^/]+)\/(pay|expire|cancel|fail-renewal|renew|plan\/[^/]+)$/

/** Where the Pay button sends the browser: success_url with the session's id put in. */
const successLocation = (s: SimSession) =>
  s.successUrl ? new URL(s.successUrl.replaceAll('{CHECKOUT_SESSION_ID}', s.id)).href : null
const cancelLocation = (s: SimSession) => (s.cancelUrl ? new URL(s.cancelUrl).href : null)

/** The state, the deliveries and the routes; startStripeSimulator puts a server in front. */
class Simulator {
  readonly st: State
  readonly sender: WebhookSender
  private readonly idempotency = new IdempotencyCache()
  private readonly expiryTimers = new Map<string, NodeJS.Timeout>()
  private readonly waiters = new Set<() => void>()

  constructor(
    private readonly secretKey: string,
    webhookSecret: string,
    plans: Record<string, SimPlan>,
    retryDelaysMs: number[],
  ) {
    this.st = {
      plans,
      publicBase: '',
      customers: [],
      sessions: [],
      payments: [],
      refunds: [],
      subscriptions: [],
      invoices: [],
      portals: [],
      products: new Set(),
    }
    this.sender = new WebhookSender(webhookSecret, retryDelaysMs)
  }

  session(id: string): SimSession {
    const s = this.st.sessions.find((x) => x.id === id)
    if (!s) throw new MissingError(`No Checkout Session ${id}`)
    return s
  }

  subscription(id: string): SimSubscription {
    const sub = this.st.subscriptions.find((x) => x.id === id)
    if (!sub) throw new MissingError(`No subscription ${id}`)
    return sub
  }

  async pay(id: string): Promise<StripeDelivery[]> {
    return this.sender.send(paySession(this.st, this.session(id)))
  }

  async expire(id: string): Promise<StripeDelivery[]> {
    return this.sender.send(expireSession(this.st, this.session(id)))
  }

  /** A portal action on a subscription: `plan/<plan>`, `cancel`, `fail-renewal` or `renew`. */
  async subscriptionAction(id: string, action: string): Promise<StripeDelivery[]> {
    const sub = this.subscription(id)
    if (action.startsWith('plan/'))
      return this.sender.send(changePlan(this.st, sub, safeDecode(action.slice(5))))
    if (action === 'cancel') return this.sender.send(cancelSubscription(sub))
    if (action === 'fail-renewal' || action === 'renew')
      return this.sender.send(renewal(this.st, sub, action === 'renew'))
    throw new StateError(`No subscription action ${action}`)
  }

  async waitForSession(n: number | undefined, timeoutMs: number): Promise<SessionObject> {
    const want = n ?? this.st.sessions.length + 1
    const deadline = Date.now() + timeoutMs
    while (this.st.sessions.length < want) {
      if (Date.now() > deadline) throw new Error(`No Checkout Session #${want} within ${timeoutMs} ms`)
      await new Promise<void>((resolve) => {
        this.waiters.add(resolve)
        setTimeout(resolve, 50)
      })
    }
    return sessionObject(this.st, this.st.sessions[want - 1] as SimSession)
  }

  /** Stripe expires an open session at expires_at and tells the webhook. */
  private scheduleExpiry(s: SimSession): void {
    const timer = setTimeout(
      () => {
        this.expiryTimers.delete(s.id)
        if (s.status === 'open') void this.sender.send(expireSession(this.st, s))
      },
      Math.max(0, s.expiresAt * 1000 - Date.now()),
    )
    timer.unref()
    this.expiryTimers.set(s.id, timer)
  }

  async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(`http://simulator${req.url ?? '/'}`)
    if (url.pathname.startsWith('/v1/')) return this.api(req, res, url)
    if (url.pathname.startsWith('/__stripe/')) return this.page(req, res, url)
    if (url.pathname.startsWith('/__simulator/')) return this.control(req, res, url)
    throw unrecognised(req.method ?? 'GET', url.pathname)
  }

  private async api(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const auth = authError(req.headers.authorization, this.secretKey)
    if (auth) throw auth
    const method = req.method ?? 'GET'
    const raw = await readBody(req)
    const params = new Reader(parseForm(method === 'POST' ? raw : url.search.slice(1)))
    const { handler, id } = apiRoute(method, url.pathname)
    const header = req.headers['idempotency-key']
    const key = method === 'POST' && typeof header === 'string' ? header : undefined
    const fingerprint = `${method} ${url.pathname} ${raw}`
    const replay = this.idempotency.replay(key, fingerprint)
    if (replay) return sendJson(res, replay.status, replay.body, { 'idempotent-replayed': 'true' })
    const sessionsBefore = this.st.sessions.length
    const answer = handler(this.st, id, params)
    this.idempotency.remember(key, fingerprint, 200, answer.body)
    sendJson(res, 200, answer.body)
    for (const s of this.st.sessions.slice(sessionsBefore)) this.scheduleExpiry(s)
    if (this.st.sessions.length > sessionsBefore) for (const w of this.waiters) w()
    // After the answer, as Stripe does: the caller never waits for its webhook.
    if (answer.events?.length) void this.sender.send(answer.events)
  }

  private async page(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const post = req.method === 'POST'
    if (post) await readBody(req)
    // The forms are the simulator's own: another site may not press its buttons.
    if (post && req.headers['sec-fetch-site'] === 'cross-site') {
      return sendHtml(
        res,
        403,
        messagePage('Not allowed', 'These buttons work only from the simulator’s own pages.'),
      )
    }
    const checkout = CHECKOUT_PATH.exec(url.pathname)
    const portal = PORTAL_PATH.exec(url.pathname)
    // A GET shows a page, a POST presses one of its buttons.
    if (checkout && post === !!checkout[2])
      return this.checkoutPage(res, safeDecode(checkout[1] as string), checkout[2])
    if (portal && post === !!portal[2])
      return this.portalPage(res, safeDecode(portal[1] as string), portal[2], url)
    sendHtml(res, 404, messagePage('Page not found', 'The Stripe simulator has no such page.'))
  }

  private async checkoutPage(res: ServerResponse, id: string, action: string | undefined): Promise<void> {
    const s = this.st.sessions.find((x) => x.id === id)
    if (!s) {
      return sendHtml(
        res,
        404,
        messagePage('This checkout link is not valid', 'Start the payment again from Kipindi.'),
      )
    }
    const targets = [s.successUrl, s.cancelUrl]
    if (s.status !== 'open') {
      const back = s.status === 'complete' ? successLocation(s) : cancelLocation(s)
      return sendHtml(res, action ? 409 : 200, closedCheckoutPage(s, back))
    }
    if (action === 'pay') {
      // Stripe redirects at once; the simulator waits for the webhook so the page the browser
      // lands on already knows the payment (the events stay asynchronous for API callers).
      await this.sender.send(paySession(this.st, s))
      const location = successLocation(s)
      return location ? seeOther(res, location) : sendHtml(res, 200, closedCheckoutPage(s, null))
    }
    const back = action === 'cancel' ? cancelLocation(s) : null
    if (back) return seeOther(res, back)
    sendHtml(res, 200, checkoutPage(s, { declined: action === 'decline' }), targets)
  }

  private async portalPage(
    res: ServerResponse,
    id: string,
    action: string | undefined,
    url: URL,
  ): Promise<void> {
    const portal = this.st.portals.find((p) => p.id === id)
    if (!portal)
      return sendHtml(
        res,
        404,
        messagePage('This portal link is not valid', 'Open the billing portal again from Kipindi.'),
      )
    const sub = portalSubscription(this.st, portal.customer)
    const base = `/__stripe/portal/${encodeURIComponent(portal.id)}`
    if (!action) {
      const notice = PORTAL_NOTICES[url.searchParams.get('done') ?? '']
      const view = {
        portalId: portal.id,
        subscription: sub,
        plans: this.st.plans,
        returnUrl: portal.returnUrl,
        notice,
      }
      return sendHtml(res, 200, portalPage(view))
    }
    try {
      if (!sub) throw new StateError('This customer has no subscription.')
      await this.subscriptionAction(sub.id, action)
    } catch (error) {
      if (!(error instanceof StateError)) throw error
      const back = { href: base, label: 'Back to your subscription' }
      return sendHtml(res, 409, messagePage('That did not work', error.message, back))
    }
    seeOther(res, `${base}?done=${action.startsWith('plan/') ? 'plan' : action}`)
  }

  private async control(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    if (req.method === 'POST') await readBody(req)
    if (req.method === 'GET' && url.pathname === '/__simulator/state') {
      const { st } = this
      return sendJson(res, 200, {
        sessions: st.sessions.map((x) => sessionObject(st, x)),
        subscriptions: st.subscriptions.map(subscriptionObject),
        refunds: st.refunds.map(refundObject),
        deliveries: this.sender.deliveries,
      })
    }
    const m = CONTROL_PATH.exec(url.pathname)
    if (req.method !== 'POST' || !m) throw unrecognised(req.method ?? 'GET', url.pathname)
    const [, kind, id, action] = m as unknown as [string, string, string, string]
    try {
      const deliveries =
        kind === 'subscriptions'
          ? await this.subscriptionAction(safeDecode(id), action)
          : action === 'pay' || action === 'expire'
            ? await this[action](safeDecode(id))
            : []
      sendJson(res, 200, { deliveries })
    } catch (error) {
      if (!(error instanceof StateError)) throw error
      sendJson(res, error instanceof MissingError ? 404 : 409, {
        error: { type: 'invalid_request_error', message: error.message },
      })
    }
  }

  async close(): Promise<void> {
    for (const t of this.expiryTimers.values()) clearTimeout(t)
    await this.sender.close()
  }
}

/** The answer to a request that threw: Stripe's error shape, or a 500 that names the simulator. */
function failed(res: ServerResponse, error: unknown): void {
  if (res.headersSent) {
    res.destroy()
    return
  }
  if (error instanceof StripeApiError) {
    // A body too large is left unread: the connection cannot carry another request.
    sendJson(res, error.status, error.body(), error.status === 413 ? { connection: 'close' } : {})
    return
  }
  const message = `The Stripe simulator failed: ${error instanceof Error ? error.message : String(error)}`
  sendJson(res, 500, { error: { type: 'api_error', message: message.slice(0, 500) } })
}

function normalisePlans(plans: Record<string, SimPlan>): Record<string, SimPlan> {
  const out: Record<string, SimPlan> = {}
  for (const [id, p] of Object.entries(plans)) {
    if (!Number.isSafeInteger(p.unit_amount) || p.unit_amount < 0)
      throw new Error(`Plan ${id}: unit_amount must be an integer ≥ 0`)
    out[id] = { name: p.name, unit_amount: p.unit_amount, currency: p.currency.toLowerCase() }
  }
  return out
}

/** Starts a local Stripe on 127.0.0.1 (a free port unless `port`); see StripeSimulator. */
export async function startStripeSimulator(opts: StripeSimulatorOptions = {}): Promise<StripeSimulator> {
  const secretKey = opts.secretKey ?? SIM_SECRET_KEY
  const webhookSecret = opts.webhookSecret ?? SIM_WEBHOOK_SECRET
  const sim = new Simulator(
    secretKey,
    webhookSecret,
    normalisePlans(opts.plans ?? DEFAULT_PLANS),
    opts.retryDelaysMs ?? [100, 400, 1600],
  )
  const server: Server = createServer((req, res) => {
    sim.route(req, res).catch((error) => failed(res, error))
  })
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const trim = (u: string) => u.replace(/\/+$/, '')
  sim.st.publicBase = trim(opts.publicBase ?? url)
  sim.sender.webhookUrl = opts.webhookUrl ?? null
  const { st, sender } = sim

  return {
    url,
    env: { STRIPE_SECRET_KEY: secretKey, STRIPE_WEBHOOK_SECRET: webhookSecret, STRIPE_API_BASE: url },
    setWebhookUrl: (u) => {
      sender.webhookUrl = u
    },
    setPublicBase: (u) => {
      st.publicBase = trim(u)
    },
    get sessions() {
      return st.sessions.map((s) => sessionObject(st, s))
    },
    get refunds() {
      return st.refunds.map(refundObject)
    },
    get subscriptions() {
      return st.subscriptions.map(subscriptionObject)
    },
    deliveries: sender.deliveries,
    pay: async (id) => void (await sim.pay(id)),
    expire: async (id) => void (await sim.expire(id)),
    changePlan: async (id, plan) =>
      void (await sim.subscriptionAction(id, `plan/${encodeURIComponent(plan)}`)),
    cancelSubscription: async (id) => void (await sim.subscriptionAction(id, 'cancel')),
    failRenewal: async (id) => void (await sim.subscriptionAction(id, 'fail-renewal')),
    renew: async (id) => void (await sim.subscriptionAction(id, 'renew')),
    waitForSession: (n, timeoutMs = 5000) => sim.waitForSession(n, timeoutMs),
    eventsSent: (type) => sender.sent.filter((e) => type === undefined || e.type === type),
    close: async () => {
      await sim.close()
      await new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
    },
  }
}

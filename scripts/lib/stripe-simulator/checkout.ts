// What Checkout does, through the API and the checkout page's buttons: customers, sessions (open,
// pay, expire), the payment or subscription a paid session makes, refunds and portal sessions.
// Each change returns the events it causes, for webhooks.ts to send; parameters arrive through
// params.ts's Reader and are refused as Stripe would refuse them.
import {
  byId,
  DAY,
  newId,
  nowS,
  refundedOf,
  type SimCustomer,
  type SimLineItem,
  type SimPayment,
  type SimPortalSession,
  type SimRefund,
  type SimSession,
  type SimSubscription,
  type State,
  StateError,
} from './model.ts'
import { chargeObject, invoiceObject, sessionObject, subscriptionObject } from './objects.ts'
import { formatMoney } from './pages.ts'
import { invalid, MAX_AMOUNT, noSuch, type Reader, StripeApiError } from './params.ts'
import { markPaid, newInvoice, newPrice, periodSeconds } from './subscriptions.ts'
import { event, type StripeEvent } from './webhooks.ts'

// ---------------------------------------------------------------------------------------------
// Section: customers

/** POST /v1/customers' parameters. */
export function customerParams(p: Reader): Omit<SimCustomer, 'id' | 'created'> {
  return { email: p.email('email'), name: p.str('name', 256) ?? null, metadata: p.metadata() }
}

/** A new customer, kept. */
export function createCustomer(st: State, c: Omit<SimCustomer, 'id' | 'created'>): SimCustomer {
  const customer = { id: newId('cus'), created: nowS(), ...c }
  st.customers.push(customer)
  return customer
}

// ---------------------------------------------------------------------------------------------
// Section: Checkout Sessions

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

/** What a session's items cost together. */
const amountOf = (items: SimLineItem[]) => items.reduce((sum, i) => sum + i.unitAmount * i.quantity, 0)

/** `line_items`: at least one, all in one currency, and a total Stripe accepts. */
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
  const total = amountOf(items)
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
  if (customer && !byId(st.customers, customer)) throw noSuch('customer', customer, 'customer')
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

/** POST /v1/checkout/sessions: an open session, kept (its expiry is the caller's to schedule). */
export function createSession(st: State, p: Reader): SimSession {
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
    amountTotal: amountOf(items),
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

/** The session expires, as at expires_at or on POST /v1/checkout/sessions/:id/expire. */
export function expireSession(st: State, s: SimSession): StripeEvent[] {
  assertOpen(s)
  s.status = 'expired'
  return [event('checkout.session.expired', sessionObject(st, s))]
}

/** Checkout in payment mode: a PaymentIntent and its one charge, paid. */
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

/** The Pay button: the payment, or the subscription and its first invoice. */
export function paySession(st: State, s: SimSession): StripeEvent[] {
  assertOpen(s)
  return s.mode === 'payment' ? payOnce(st, s) : paySubscription(st, s)
}

// ---------------------------------------------------------------------------------------------
// Section: refunds

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

/** POST /v1/refunds: all or part of what is left of a payment. */
export function createRefund(st: State, p: Reader): { refund: SimRefund; events: StripeEvent[] } {
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

// ---------------------------------------------------------------------------------------------
// Section: customer portal

/** POST /v1/billing_portal/sessions. */
export function createPortal(st: State, p: Reader): SimPortalSession {
  const customer = p.need(p.str('customer', 200), 'customer')
  if (!byId(st.customers, customer)) throw noSuch('customer', customer, 'customer')
  const portal = { id: newId('bps'), customer, returnUrl: p.url('return_url'), created: nowS() }
  st.portals.push(portal)
  return portal
}

// What happens to a subscription after Checkout made it: plan changes (the portal's buttons, or
// POST /v1/subscriptions/:id with a new price), cancellation, and renewals paid or failed, with
// the invoices they open. Each change returns the events it causes, for webhooks.ts to send.
import {
  DAY,
  type Interval,
  newId,
  nowS,
  productName,
  type SimInvoice,
  type SimLineItem,
  type SimPrice,
  type SimSubscription,
  type State,
  StateError,
} from './model.ts'
import { invoiceObject, subscriptionObject } from './objects.ts'
import { invalid, noSuch, type Reader } from './params.ts'
import { event, type StripeEvent, updatedEvent } from './webhooks.ts'

const PERIOD_DAYS: Record<Interval, number> = { day: 1, week: 7, month: 30, year: 365 }
/** A price's billing period in seconds (a month is 30 days, a year 365). */
export const periodSeconds = (p: SimPrice) => PERIOD_DAYS[p.interval] * p.intervalCount * DAY

/** A new recurring price for a subscription, of `productId` or a new product; `plan` is our plan id. */
export function newPrice(
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

/** The subscription's invoice for its current period, open, and now its latest_invoice. */
export function newInvoice(st: State, sub: SimSubscription, reason: SimInvoice['billingReason']): SimInvoice {
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

/** An attempt at the invoice that succeeds. */
export function markPaid(inv: SimInvoice): void {
  inv.attemptCount += 1
  inv.status = 'paid'
  inv.paidAt = nowS()
}

function assertLive(sub: SimSubscription): void {
  if (sub.status === 'canceled') throw new StateError(`Subscription ${sub.id} is canceled.`)
}

/** The portal's plan switch: the subscription moves to a new price of that plan. */
export function changePlan(st: State, sub: SimSubscription, plan: string): StripeEvent[] {
  assertLive(sub)
  const p = st.plans[plan]
  if (!p) throw new StateError(`No plan ${plan}; the simulator knows ${Object.keys(st.plans).join(', ')}.`)
  const before = subscriptionObject(sub)
  const recurring = { interval: sub.price.interval, intervalCount: sub.price.intervalCount }
  sub.metadata = { ...sub.metadata, plan }
  sub.price = newPrice(st, { name: p.name, unitAmount: p.unit_amount, currency: p.currency, recurring }, plan)
  return updatedEvent(sub, before)
}

/** Ends the subscription now (DELETE /v1/subscriptions/:id, the portal's Cancel). */
export function cancelSubscription(sub: SimSubscription): StripeEvent[] {
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
export function renewal(st: State, sub: SimSubscription, pays: boolean): StripeEvent[] {
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
  const name = productName(st.plans, plan, sub)
  return {
    quantity,
    price: newPrice(st, { name, unitAmount: pd.unitAmount(), currency, recurring }, plan, product),
  }
}

/** POST /v1/subscriptions/:id: metadata, cancel_at_period_end, the item's price and quantity. */
export function updateSubscription(st: State, sub: SimSubscription, p: Reader): StripeEvent[] {
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

/** The subscription a portal shows: the customer's newest live one, else the newest. */
export function portalSubscription(st: State, customer: string): SimSubscription | null {
  const subs = st.subscriptions.filter((s) => s.customer === customer)
  return subs.findLast((s) => s.status !== 'canceled') ?? subs.at(-1) ?? null
}

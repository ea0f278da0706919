// A local Stripe for tests and the offline stack: the REST calls our api makes with the official
// SDK (edge/payments/stripe.ts), in Stripe's wire format — form-encoded bodies in bracket notation,
// JSON answers, Stripe's error shapes, idempotency keys — and the webhook events that follow, signed
// with the SDK's own test helper and POSTed to the webhook URL with Stripe's retries. Browser pages
// under /__stripe/ stand in for Checkout and the customer portal; tests drive the same actions
// through the returned object, Playwright through POST /__simulator/….
//
// This file is the public entry; the simulator lives in stripe-simulator/:
//   server.ts         the HTTP server, the browser and control routes, startStripeSimulator
//   api.ts            the /v1 routes, with Stripe's auth and idempotency
//   simulator.ts      the state, the sender and the actions by id, without HTTP
//   checkout.ts       customers, Checkout Sessions, payments, refunds, portal sessions
//   subscriptions.ts  plan changes, cancellation, renewals and their invoices
//   webhooks.ts       events, signing and delivery with retries
//   objects.ts        the records as Stripe sends them
//   params.ts         form bodies, parameter checks, Stripe's errors
//   model.ts          the records the simulator keeps, ids, the default plans
//   pages.ts          the HTML of the checkout and portal pages
//   http.ts           bodies, JSON and page answers, errors as answers
export {
  DEFAULT_PLANS,
  type SimCustomer,
  type SimInvoice,
  type SimLineItem,
  type SimPayment,
  type SimPlan,
  type SimPortalSession,
  type SimPrice,
  type SimRefund,
  type SimSession,
  type SimSubscription,
} from './stripe-simulator/model.ts'
export type {
  ListObject,
  PriceObject,
  RefundObject,
  SessionObject,
  SubscriptionObject,
} from './stripe-simulator/objects.ts'
export { parseForm, StripeApiError } from './stripe-simulator/params.ts'
export {
  SIM_SECRET_KEY,
  SIM_WEBHOOK_SECRET,
  type StripeSimulator,
  type StripeSimulatorOptions,
  startStripeSimulator,
} from './stripe-simulator/server.ts'
export { SIM_API_VERSION, type StripeDelivery, type StripeEvent } from './stripe-simulator/webhooks.ts'

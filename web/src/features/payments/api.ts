import { query } from '@solidjs/router'
import type { PayoutRequestBody, RefundBody } from '../../../../edge/contract/billing.ts'
import type { CheckoutBody } from '../../../../edge/contract/payments.ts'
import { api } from '../../lib/runtime.ts'

// Payments' calls to the api function: loaders (router queries) and actions.

/** A course's price, how it can be paid here, and whether the caller already has it. */
export const getCoursePrice = query(
  (courseId: string) => api().get('/courses/:id/price', { params: { id: courseId } }),
  'coursePrice',
)

/** What I paid, or was paid for me, at a school (newest first, as the server orders them). */
export const getMyPayments = query(
  (tenantId: string) =>
    api().get('/tenants/:tenantId/payments', { params: { tenantId }, query: { scope: 'mine' } }),
  'myPayments',
)

/** Every payment of a school (its owners and admins). */
export const getSchoolPayments = query(
  (tenantId: string) =>
    api().get('/tenants/:tenantId/payments', { params: { tenantId }, query: { scope: 'school' } }),
  'schoolPayments',
)

/** An instructor's wallet at a school: balances per currency and every entry. */
export const getWallet = query(
  (tenantId: string) => api().get('/tenants/:tenantId/wallet', { params: { tenantId } }),
  'wallet',
)

/** Payout requests: mine (an instructor's), or every instructor's (the school's admins). */
export const getPayouts = query(
  (tenantId: string, scope: 'mine' | 'school') =>
    api().get('/tenants/:tenantId/payouts', { params: { tenantId }, query: { scope } }),
  'payouts',
)

/** The school's plan, its limits and use, and what can be bought or managed here (admins). */
export const getBilling = query(
  (tenantId: string) => api().get('/tenants/:tenantId/billing', { params: { tenantId } }),
  'billing',
)

/** Starts paying for a course: an M-Pesa prompt on the phone, or a card checkout page. */
export const checkout = (courseId: string, body: CheckoutBody) =>
  api().post('/courses/:id/checkout', body, { params: { id: courseId } })

/** One payment, as it is now (not a query: the pay page follows it and must not see a cached one). */
export const fetchPayment = (id: string) => api().get('/payments/:id', { params: { id } })

/** The payer left the card checkout: the payment turns cancelled once the provider confirms. */
export const cancelPayment = (id: string) => api().post('/payments/:id/cancel', {}, { params: { id } })

/** Refunds all that is left of a payment, or part of it (admins). */
export const refundPayment = (id: string, body: RefundBody) =>
  api().post('/payments/:id/refunds', body, { params: { id } })

/** An instructor asks to be paid available money. */
export const requestPayout = (tenantId: string, body: PayoutRequestBody) =>
  api().post('/tenants/:tenantId/payouts', body, { params: { tenantId } })

/** Approves a payout: M-Pesa sends it at once; a bank payout waits for its reference. */
export const approvePayout = (id: string) => api().post('/payouts/:id/approve', {}, { params: { id } })

export const rejectPayout = (id: string, reason: string) =>
  api().post('/payouts/:id/reject', { reason }, { params: { id } })

/** Records the bank's reference of a bank payout the school has made. */
export const markPayoutPaid = (id: string, reference: string) =>
  api().post('/payouts/:id/paid', { reference }, { params: { id } })

/** A fresh read of the school's billing (not the cached query: the billing page polls it). */
export const fetchBilling = (tenantId: string) =>
  api().get('/tenants/:tenantId/billing', { params: { tenantId } })

/** Where to buy a plan (Stripe Checkout). */
export const planCheckout = (tenantId: string, plan: 'standard' | 'premium') =>
  api().post('/tenants/:tenantId/billing/checkout', { plan }, { params: { tenantId } })

/** Where to manage the subscription (Stripe's billing portal). */
export const billingPortal = (tenantId: string) =>
  api().post('/tenants/:tenantId/billing/portal', {}, { params: { tenantId } })

import { query } from '@solidjs/router'
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

/** An instructor's wallet at a school: balances per currency and every entry. */
export const getWallet = query(
  (tenantId: string) => api().get('/tenants/:tenantId/wallet', { params: { tenantId } }),
  'wallet',
)

/** Starts paying for a course: an M-Pesa prompt on the phone, or a card checkout page. */
export const checkout = (courseId: string, body: CheckoutBody) =>
  api().post('/courses/:id/checkout', body, { params: { id: courseId } })

/** One payment, as it is now (not a query: the pay page follows it and must not see a cached one). */
export const fetchPayment = (id: string) => api().get('/payments/:id', { params: { id } })

import { z } from 'zod'
import * as B from '../billing.ts'
import * as P from '../payments.ts'
import * as S from '../sponsorships.ts'
import { Uuid } from '../tenancy.ts'
import { route } from './route.ts'

// Payments in the api function: a course's price, buying it, following a payment, purchases and
// the school's payments, and an instructor's wallet. Providers answer the stripe-webhook and
// mpesa-callback functions, not these routes.

export const PaymentCourseParams = z.object({ id: Uuid })
export const PaymentParams = z.object({ id: Uuid })
export const PaymentTenantParams = z.object({ tenantId: Uuid })

export const getCoursePrice = route({
  method: 'get',
  path: '/courses/{id}/price',
  params: PaymentCourseParams,
  responses: { 200: P.CoursePriceAnswer },
})

export const setCoursePrice = route({
  method: 'put',
  path: '/courses/{id}/price',
  params: PaymentCourseParams,
  body: P.SetCoursePriceBody,
  responses: { 200: P.CoursePriceAnswer },
})

export const removeCoursePrice = route({
  method: 'delete',
  path: '/courses/{id}/price',
  params: PaymentCourseParams,
  responses: { 200: P.CoursePriceAnswer },
})

export const checkoutCourse = route({
  method: 'post',
  path: '/courses/{id}/checkout',
  params: PaymentCourseParams,
  body: P.CheckoutBody,
  responses: { 201: P.Checkout },
})

export const getPayment = route({
  method: 'get',
  path: '/payments/{id}',
  params: PaymentParams,
  responses: { 200: P.Payment },
})

export const listPayments = route({
  method: 'get',
  path: '/tenants/{tenantId}/payments',
  params: PaymentTenantParams,
  query: P.PaymentListQuery,
  responses: { 200: P.PaymentList },
})

export const getWallet = route({
  method: 'get',
  path: '/tenants/{tenantId}/wallet',
  params: PaymentTenantParams,
  responses: { 200: P.Wallet },
})

export const PayoutParams = z.object({ id: Uuid })

export const cancelPayment = route({
  method: 'post',
  path: '/payments/{id}/cancel',
  params: PaymentParams,
  responses: { 200: P.Payment },
})

export const refundPayment = route({
  method: 'post',
  path: '/payments/{id}/refunds',
  params: PaymentParams,
  body: B.RefundBody,
  responses: { 200: B.RefundAnswer },
})

export const listPayouts = route({
  method: 'get',
  path: '/tenants/{tenantId}/payouts',
  params: PaymentTenantParams,
  query: B.PayoutListQuery,
  responses: { 200: B.PayoutList },
})

export const requestPayout = route({
  method: 'post',
  path: '/tenants/{tenantId}/payouts',
  params: PaymentTenantParams,
  body: B.PayoutRequestBody,
  responses: { 201: B.Payout },
})

export const approvePayout = route({
  method: 'post',
  path: '/payouts/{id}/approve',
  params: PayoutParams,
  responses: { 200: B.Payout },
})

export const rejectPayout = route({
  method: 'post',
  path: '/payouts/{id}/reject',
  params: PayoutParams,
  body: B.RejectPayoutBody,
  responses: { 200: B.Payout },
})

export const markPayoutPaid = route({
  method: 'post',
  path: '/payouts/{id}/paid',
  params: PayoutParams,
  body: B.PayoutPaidBody,
  responses: { 200: B.Payout },
})

export const getBilling = route({
  method: 'get',
  path: '/tenants/{tenantId}/billing',
  params: PaymentTenantParams,
  responses: { 200: B.Billing },
})

export const planCheckout = route({
  method: 'post',
  path: '/tenants/{tenantId}/billing/checkout',
  params: PaymentTenantParams,
  body: B.PlanCheckoutBody,
  responses: { 201: B.RedirectAnswer },
})

export const billingPortal = route({
  method: 'post',
  path: '/tenants/{tenantId}/billing/portal',
  params: PaymentTenantParams,
  responses: { 201: B.RedirectAnswer },
})

// Section: sponsorships (a partner pays for students' seats; edge/contract/sponsorships.ts)

export const SponsorshipParams = z.object({ id: Uuid })

export const listSponsorships = route({
  method: 'get',
  path: '/tenants/{tenantId}/sponsorships',
  params: PaymentTenantParams,
  responses: { 200: S.SponsorshipList },
})

export const createSponsorship = route({
  method: 'post',
  path: '/tenants/{tenantId}/sponsorships',
  params: PaymentTenantParams,
  body: S.CreateSponsorshipBody,
  responses: { 201: S.SponsorshipDetail },
})

export const getSponsorship = route({
  method: 'get',
  path: '/sponsorships/{id}',
  params: SponsorshipParams,
  responses: { 200: S.SponsorshipDetail },
})

export const checkoutSponsorship = route({
  method: 'post',
  path: '/sponsorships/{id}/checkout',
  params: SponsorshipParams,
  body: S.SponsorshipCheckoutBody,
  responses: { 201: P.Checkout },
})

export const getSponsorshipProgress = route({
  method: 'get',
  path: '/sponsorships/{id}/progress',
  params: SponsorshipParams,
  responses: { 200: S.SponsorshipProgress },
})

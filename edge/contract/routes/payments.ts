import { z } from 'zod'
import * as P from '../payments.ts'
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

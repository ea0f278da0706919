import type { Currency } from '../../contract/payments-values.ts'
import * as R from '../../contract/routes/payments.ts'
import { type Tx, withUser } from '../../lib/db.ts'
import { conflict, unprocessable } from '../../lib/errors.ts'
import { apiRoute, ErrorSchema, jsonResponse } from '../core/openapi.ts'
import { type ApiDeps, newRouter } from '../core/router.ts'
import { courseRights } from '../courses/access.ts'
import { cardCheckout, mpesaCheckout, unavailable } from './provider-checkout.ts'
import { type PaymentsSetup, priceAnswer } from './queries.ts'
import './schemas.ts'

const tags = ['payments']

const checkout = apiRoute(R.checkoutCourse, {
  tags,
  summary:
    'Buy a course: an M-Pesa prompt on the phone, or a card checkout (students for themselves, parents for a linked child)',
  description:
    'The amount is the course\u2019s price, never the client\u2019s. `mpesa`: sends an STK push to `phone` ' +
    '(07…, 01…, +254…); the answer\u2019s payment is `pending` until the customer answers on the phone: ' +
    'follow it with GET /payments/{id}. `card` (needs Stripe, 503 `payments_unavailable` without it) answers ' +
    'the Stripe Checkout page to open (`checkout_url`); Stripe sends the payer back to the pay page. ' +
    '409 `course_free` for a course without a price, 409 `already_exists` when you already have it.',
  responses: {
    201: 'The pending payment and what to show: `customer_message` (M-Pesa) or `checkout_url` (card).',
  },
  errors: [400, 401, 403, 404, 409, 422, 503],
  more: {
    502: jsonResponse(
      ErrorSchema,
      'M-Pesa or Stripe refused or could not be reached: the payment is failed (`details.payment_id`); the message says why.',
    ),
  },
})

interface PgLike {
  code?: string
  hint?: string
  message?: string
}

/** start_course_payment's refusals in the api's words. */
function startError(error: unknown): unknown {
  const e = error as PgLike
  if (e?.hint === 'already_enrolled') return conflict('already_exists', 'You already have this course.')
  if (e?.code === '23514' && !e.hint)
    return unprocessable('students_only_enrol', e.message ?? 'Only students of this school can be enrolled.')
  return error
}

/** Where Stripe sends the payer back: the pay page, following this payment (or told it was cancelled). */
export function cardReturnUrls(siteUrl: string, slug: string, courseId: string, paymentId: string) {
  const page = `${siteUrl}/t/${slug}/courses/${courseId}/pay?payment=${paymentId}`
  return { successUrl: page, cancelUrl: `${page}&cancelled=1` }
}

/** start_course_payment as the buyer, and what the card page shows of it. */
async function startCoursePayment(
  tx: Tx,
  courseId: string,
  provider: 'stripe' | 'mpesa',
  beneficiary: string | null,
  hash: string | null = null,
) {
  try {
    const [s] = await tx<{ id: string }[]>`
      select public.start_course_payment(${courseId}, ${provider}, ${beneficiary}, ${hash}) as id`
    const [p] = await tx<{ amount_minor: number; currency: Currency; title: string; slug: string }[]>`
      select p.amount_minor::int as amount_minor, p.currency, c.title, t.slug
      from public.payments p join public.courses c on c.id = p.course_id join public.tenants t on t.id = p.tenant_id
      where p.id = ${s?.id as string}`
    return { id: s?.id as string, ...(p as NonNullable<typeof p>) }
  } catch (error) {
    throw startError(error)
  }
}

/** POST /courses/:id/checkout. */
export function checkoutRoutes(deps: ApiDeps, setup: PaymentsSetup) {
  const { sql, auth } = deps
  return newRouter().openapi({ ...checkout, middleware: auth }, async (c) => {
    const { id } = c.req.valid('param')
    const body = c.req.valid('json')
    const claims = c.var.claims
    const beneficiary = body.for_student ?? null
    const price = await withUser(sql, claims, async (tx) => {
      await courseRights(tx, id)
      return priceAnswer(tx, id, setup)
    })
    if (!price.price) throw conflict('course_free', 'This course is free: join it from the course page.')
    if (price.owned && (beneficiary === null || beneficiary === claims.sub))
      throw conflict('already_exists', 'You already have this course.')

    if (body.method === 'card') {
      const answer = await cardCheckout(deps, setup, {
        claims,
        start: (tx) => startCoursePayment(tx, id, 'stripe', beneficiary),
        returnUrls: (p) => cardReturnUrls(deps.siteUrl, p.slug, id, p.id),
      })
      return c.json(answer, 201)
    }
    if (!setup.daraja) throw unavailable('M-Pesa payments are not available here.')
    if (price.price.currency !== 'KES')
      throw unprocessable('payments_unavailable', 'M-Pesa takes prices in Kenyan shillings only.')
    const answer = await mpesaCheckout(deps, setup, {
      claims,
      phone: body.phone,
      description: 'Course',
      start: async (tx, hash) => {
        const p = await startCoursePayment(tx, id, 'mpesa', beneficiary, hash)
        return { id: p.id, amountMinor: Number(p.amount_minor) }
      },
    })
    return c.json(answer, 201)
  })
}

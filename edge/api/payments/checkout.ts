import type { Currency } from '../../contract/payments-values.ts'
import * as R from '../../contract/routes/payments.ts'
import { withUser } from '../../lib/db.ts'
import { ApiError, conflict, fieldError, unprocessable } from '../../lib/errors.ts'
import type { Claims } from '../../lib/jwt.ts'
import { normalizeKenyanPhone, startStkPush } from '../../payments/daraja.ts'
import { createCourseCheckout } from '../../payments/stripe.ts'
import { apiRoute, ErrorSchema, jsonResponse } from '../core/openapi.ts'
import { type ApiDeps, newRouter } from '../core/router.ts'
import { courseRights } from '../courses/access.ts'
import { type PaymentsSetup, priceAnswer, readPayment, toPayment } from './queries.ts'
import './schemas.ts'

const tags = ['payments']

const checkout = apiRoute(R.checkoutCourse, {
  tags,
  summary: 'Buy a course: an M-Pesa prompt on the phone, or a card checkout (students, for themselves)',
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

const unavailable = (message: string) => new ApiError(503, 'payments_unavailable', message)

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

/**
 * A card payment: the pending payment (start_course_payment as the buyer), then Stripe's Checkout
 * Session for exactly its amount, whose id is stored as the payment's provider_ref. A session
 * Stripe refuses leaves the payment failed with the reason.
 */
async function cardCheckout(
  { sql, siteUrl }: ApiDeps,
  setup: PaymentsSetup,
  r: { courseId: string; beneficiary: string | null; claims: Claims },
) {
  const stripe = setup.stripe
  if (!stripe) throw unavailable('Card payments are not available here.')
  const started = await withUser(sql, r.claims, async (tx) => {
    try {
      const [s] = await tx<{ id: string }[]>`
        select public.start_course_payment(${r.courseId}, 'stripe', ${r.beneficiary}) as id`
      const [p] = await tx<{ amount_minor: number; currency: Currency; title: string; slug: string }[]>`
        select p.amount_minor::int as amount_minor, p.currency, c.title, t.slug
        from public.payments p join public.courses c on c.id = p.course_id join public.tenants t on t.id = p.tenant_id
        where p.id = ${s?.id as string}`
      return { id: s?.id as string, ...(p as NonNullable<typeof p>) }
    } catch (error) {
      throw startError(error)
    }
  })
  let url: string | null
  try {
    const session = await createCourseCheckout(stripe, {
      paymentId: started.id,
      amountMinor: Number(started.amount_minor),
      currency: started.currency,
      title: started.title,
      email: r.claims.email ?? null,
      locale: 'en',
      ...cardReturnUrls(siteUrl, started.slug, r.courseId, started.id),
    })
    url = session.url
    await sql`select private.attach_provider_ref(${started.id}, ${session.id})`
  } catch (error) {
    setup.log?.error('stripe checkout refused', { paymentId: started.id, error })
    await sql`select private.record_payment_failure('stripe', ${`checkout:${started.id}`}, ${started.id},
      'failed', 'The card payment page could not be opened. Please try again.')`
    throw new ApiError(
      502,
      'payments_unavailable',
      'The card payment page could not be opened. Please try again.',
      {
        payment_id: started.id,
      },
    )
  }
  const payment = await withUser(sql, r.claims, (tx) => readPayment(tx, started.id))
  return { payment: toPayment(payment), checkout_url: url, customer_message: null }
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
      const answer = await cardCheckout(deps, setup, { courseId: id, beneficiary, claims })
      return c.json(answer, 201)
    }
    const daraja = setup.daraja
    if (!daraja) throw unavailable('M-Pesa payments are not available here.')
    if (price.price.currency !== 'KES')
      throw unprocessable('payments_unavailable', 'M-Pesa takes prices in Kenyan shillings only.')
    const phone = normalizeKenyanPhone(body.phone)
    if (!phone)
      throw fieldError(400, 'validation_failed', [
        { path: 'phone', message: 'Enter a Safaricom number like 0712 345 678.', code: 'invalid_format' },
      ])

    let started: Awaited<ReturnType<typeof startStkPush>>
    let paymentId: string | undefined
    try {
      started = await startStkPush(
        { sql, daraja, log: setup.log },
        {
          phone,
          accountReference: 'KIPINDI',
          description: 'Course',
          create: (hash) =>
            withUser(sql, claims, async (tx) => {
              try {
                const [s] = await tx<{ id: string }[]>`
                  select public.start_course_payment(${id}, 'mpesa', ${beneficiary}, ${hash}) as id`
                const [p] = await tx<{ amount_minor: number }[]>`
                  select amount_minor::int as amount_minor from public.payments where id = ${s?.id as string}`
                paymentId = s?.id
                return { id: s?.id as string, amountMinor: Number(p?.amount_minor) }
              } catch (error) {
                throw startError(error)
              }
            }),
        },
      )
    } catch (error) {
      if (!paymentId) throw error
      const failed = await withUser(sql, claims, (tx) => readPayment(tx, paymentId as string))
      throw new ApiError(
        502,
        'payments_unavailable',
        failed.failure_reason ?? 'M-Pesa could not send the payment request to your phone. Please try again.',
        { payment_id: failed.id, status: failed.status },
      )
    }
    const payment = await withUser(sql, claims, (tx) => readPayment(tx, started.paymentId))
    return c.json(
      {
        payment: toPayment(payment),
        checkout_url: null,
        customer_message: started.customerMessage || 'Check your phone and enter your M-Pesa PIN.',
      },
      201,
    )
  })
}

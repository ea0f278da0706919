import type { Checkout } from '../../contract/payments.ts'
import type { Currency } from '../../contract/payments-values.ts'
import { normalizeKenyanPhone } from '../../contract/phone-number.ts'
import { type Tx, withUser } from '../../lib/db.ts'
import { ApiError, fieldError } from '../../lib/errors.ts'
import type { Claims } from '../../lib/jwt.ts'
import { startStkPush } from '../../payments/daraja.ts'
import { createCourseCheckout } from '../../payments/stripe.ts'
import type { ApiDeps } from '../core/router.ts'
import { type PaymentsSetup, readPayment, toPayment } from './queries.ts'

// Taking the money for something the payer starts (a course, a sponsorship): the provider's side
// is the same, only the pending payment and where the payer comes back differ.

/** 503: this deployment has no such provider set up. */
export const unavailable = (message: string) => new ApiError(503, 'payments_unavailable', message)

/** A pending card payment, as Stripe's page shows it. */
export interface StartedCardPayment {
  id: string
  amount_minor: number
  currency: Currency
  /** What is bought (the line on the checkout page). */
  title: string
  /** The school's slug, for the return URLs. */
  slug: string
}

export interface CardCheckoutRequest {
  claims: Claims
  /** Starts the pending payment as the payer (their transaction, RLS on) and reads what the page shows. */
  start: (tx: Tx) => Promise<StartedCardPayment>
  /** Where Stripe sends the payer back: following the payment, or told it was cancelled. */
  returnUrls: (payment: StartedCardPayment) => { successUrl: string; cancelUrl: string }
}

/**
 * A card payment: the pending payment (`start`, as the payer), then Stripe's Checkout Session for
 * exactly its amount, whose id is stored as the payment's provider_ref. A session Stripe refuses
 * leaves the payment failed with the reason (502, `details.payment_id`).
 */
export async function cardCheckout(
  { sql }: ApiDeps,
  setup: PaymentsSetup,
  r: CardCheckoutRequest,
): Promise<Checkout> {
  const stripe = setup.stripe
  if (!stripe) throw unavailable('Card payments are not available here.')
  const started = await withUser(sql, r.claims, r.start)
  let url: string | null
  try {
    const session = await createCourseCheckout(stripe, {
      paymentId: started.id,
      amountMinor: Number(started.amount_minor),
      currency: started.currency,
      title: started.title,
      email: r.claims.email ?? null,
      locale: 'en',
      ...r.returnUrls(started),
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
      { payment_id: started.id },
    )
  }
  const payment = await withUser(sql, r.claims, (tx) => readPayment(tx, started.id))
  return { payment: toPayment(payment), checkout_url: url, customer_message: null }
}

export interface MpesaCheckoutRequest {
  claims: Claims
  /** As the payer typed it (the contract's form); normalised here. */
  phone: string
  /** Daraja's TransactionDesc (≤ 13 characters). */
  description: string
  /**
   * Starts the pending M-Pesa payment with the callback token's hash, as the payer (their
   * transaction, RLS on); answers its id and amount.
   */
  start: (tx: Tx, callbackTokenHash: string) => Promise<{ id: string; amountMinor: number }>
}

/**
 * An M-Pesa payment: the STK push to the payer's phone for the pending payment `start` makes
 * (edge/payments/daraja.ts startStkPush). A push Daraja refuses leaves the payment failed (502,
 * `details.payment_id`); the answer's payment is pending until the phone answers.
 */
export async function mpesaCheckout(
  { sql }: ApiDeps,
  setup: PaymentsSetup,
  r: MpesaCheckoutRequest,
): Promise<Checkout> {
  const daraja = setup.daraja
  if (!daraja) throw unavailable('M-Pesa payments are not available here.')
  const phone = normalizeKenyanPhone(r.phone)
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
        description: r.description,
        create: async (hash) => {
          const created = await withUser(sql, r.claims, (tx) => r.start(tx, hash))
          paymentId = created.id
          return created
        },
      },
    )
  } catch (error) {
    if (!paymentId) throw error
    const failed = await withUser(sql, r.claims, (tx) => readPayment(tx, paymentId as string))
    throw new ApiError(
      502,
      'payments_unavailable',
      failed.failure_reason ?? 'M-Pesa could not send the payment request to your phone. Please try again.',
      { payment_id: failed.id, status: failed.status },
    )
  }
  const payment = await withUser(sql, r.claims, (tx) => readPayment(tx, started.paymentId))
  return {
    payment: toPayment(payment),
    checkout_url: null,
    customer_message: started.customerMessage || 'Check your phone and enter your M-Pesa PIN.',
  }
}

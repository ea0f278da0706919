import type { RefundAnswer } from '../../contract/billing.ts'
import * as R from '../../contract/routes/payments.ts'
import { withUser } from '../../lib/db.ts'
import { ApiError, conflict, fieldError } from '../../lib/errors.ts'
import { startReversal } from '../../payments/daraja.ts'
import { paymentIntentOf, refundCard } from '../../payments/stripe.ts'
import { apiRoute, ErrorSchema, jsonResponse } from '../core/openapi.ts'
import { type ApiDeps, newRouter } from '../core/router.ts'
import { requireAdmin } from '../tenancy/access.ts'
import { type PaymentRow, type PaymentsSetup, readPayment, toPayment } from './queries.ts'
import './schemas.ts'

const tags = ['payments']

const refund = apiRoute(R.refundPayment, {
  tags,
  summary: 'Refund a payment, all that is left or part of it (school admins)',
  description:
    'Cards: refunded in Stripe and recorded at once (`outcome: refunded`). M-Pesa: a reversal is asked ' +
    'of Daraja (whole shillings) and recorded when Safaricom confirms (`outcome: requested`). Either way ' +
    'the instructor\u2019s share is reversed pro rata and a full refund removes the course it gave. ' +
    '409 `nothing_to_refund` when the payment is not paid or already fully refunded; 422 when the ' +
    'amount is more than is left.',
  responses: { 200: 'The payment as it is now, and whether the refund is done or requested.' },
  errors: [400, 401, 403, 404, 409, 422, 503],
  more: { 502: jsonResponse(ErrorSchema, 'Stripe or Daraja refused the refund; nothing was recorded.') },
})

const cancel = apiRoute(R.cancelPayment, {
  tags,
  summary: 'Cancel your pending card payment (the payer, back from the checkout page)',
  description:
    'Expires the Stripe Checkout Session, so it can no longer be paid; the payment turns `cancelled` ' +
    'when Stripe\u2019s event arrives (seconds). A payment already paid or ended is answered as it is. ' +
    'M-Pesa prompts are answered on the phone: 409 `payment_not_cancellable`.',
  responses: { 200: 'The payment.' },
  errors: [400, 401, 404, 409],
})

const unavailable = (what: string) =>
  new ApiError(503, 'payments_unavailable', `${what} refunds are not set up on this server.`)

/** What is left to refund, and the amount asked (all of it by default), or why not. */
function refundAmount(payment: PaymentRow, asked: number | undefined): number {
  if (payment.status !== 'succeeded' && payment.status !== 'partially_refunded')
    throw conflict('nothing_to_refund', 'Only a paid payment can be refunded, and this one has nothing left.')
  // A reversal on its way counts as refunded: asking again could only be refused by Safaricom.
  const left = payment.amount_minor - payment.refunded_minor - payment.refund_pending_minor
  if (left <= 0)
    throw conflict('nothing_to_refund', 'Everything paid is refunded or on its way back to the payer.')
  const amount = asked ?? left
  if (amount > left)
    throw fieldError(422, 'validation_failed', [
      { path: 'amount_minor', message: `At most ${left} (minor units) is left to refund.`, code: 'too_big' },
    ])
  if (payment.provider === 'mpesa' && amount % 100 !== 0)
    throw fieldError(422, 'validation_failed', [
      { path: 'amount_minor', message: 'M-Pesa refunds are whole shillings.', code: 'not_multiple_of' },
    ])
  return amount
}

/** POST /payments/:id/refunds, POST /payments/:id/cancel. */
export function refundRoutes({ sql, auth }: ApiDeps, setup: PaymentsSetup) {
  return newRouter()
    .openapi({ ...refund, middleware: auth }, async (c) => {
      const { id } = c.req.valid('param')
      const body = c.req.valid('json')
      const claims = c.var.claims
      const payment = await withUser(sql, claims, async (tx) => {
        const p = await readPayment(tx, id)
        await requireAdmin(tx, p.tenant_id)
        return p
      })
      const amount = refundAmount(payment, body.amount_minor)
      let outcome: RefundAnswer['outcome']
      if (payment.provider === 'stripe') {
        await refundByCard(setup, payment, amount, { by: claims.sub, reason: body.reason, sql })
        outcome = 'refunded'
      } else if (payment.provider === 'mpesa') {
        await refundByMpesa(setup, payment, amount, { by: claims.sub, reason: body.reason, sql })
        outcome = 'requested'
      } else {
        throw unavailable('Test payment')
      }
      const now = await withUser(sql, claims, (tx) => readPayment(tx, id))
      return c.json({ payment: toPayment(now), outcome }, 200)
    })
    .openapi({ ...cancel, middleware: auth }, async (c) => {
      const { id } = c.req.valid('param')
      const claims = c.var.claims
      const payment = await withUser(sql, claims, async (tx) => {
        const p = await readPayment(tx, id)
        const [mine] = await tx<{ payer: boolean }[]>`
          select p.payer_id = (select auth.uid()) as payer from public.payments p where p.id = ${id}`
        if (!mine?.payer) throw conflict('payment_not_cancellable', 'Only the payer can cancel this payment.')
        return p
      })
      if (payment.status !== 'pending') return c.json(toPayment(payment), 200)
      if (payment.provider !== 'stripe' || !payment.provider_ref?.startsWith('cs_'))
        throw conflict('payment_not_cancellable', 'An M-Pesa payment is answered or dismissed on the phone.')
      if (!setup.stripe)
        throw new ApiError(503, 'payments_unavailable', 'Card payments are not available here.')
      try {
        await setup.stripe.checkout.sessions.expire(payment.provider_ref)
      } catch (error) {
        // Already paid or expired in Stripe: its event says which; the payer sees it by following.
        setup.log?.warn('checkout session not expired', { paymentId: id, error })
      }
      const now = await withUser(sql, claims, (tx) => readPayment(tx, id))
      return c.json(toPayment(now), 200)
    })
}

interface Who {
  by: string
  reason: string
  sql: ApiDeps['sql']
}

/**
 * Refunds in Stripe, then records the refund by its re_… id: the charge.refunded event that
 * follows finds the id already counted (and one that came first made this a no-op).
 */
async function refundByCard(setup: PaymentsSetup, payment: PaymentRow, amount: number, who: Who) {
  const stripe = setup.stripe
  if (!stripe) throw unavailable('Card')
  let refundId: string
  try {
    const intent = payment.provider_ref ? await paymentIntentOf(stripe, payment.provider_ref) : null
    if (!intent) throw new Error('the payment has no PaymentIntent')
    const refund = await refundCard(stripe, {
      paymentId: payment.id,
      paymentIntent: intent,
      amountMinor: amount,
      refundedBefore: payment.refunded_minor,
    })
    refundId = refund.id
  } catch (error) {
    setup.log?.error('stripe refund refused', { paymentId: payment.id, error })
    throw new ApiError(502, 'payments_unavailable', 'Stripe did not accept the refund; nothing was refunded.')
  }
  await who.sql`select private.record_refund('stripe', ${`refund:${refundId}`}, ${payment.id}, ${amount},
    ${refundId}, ${who.by}, ${who.reason})`
}

/** Asks Daraja to reverse the amount; the mpesa-callback function records it when Safaricom confirms. */
async function refundByMpesa(setup: PaymentsSetup, payment: PaymentRow, amount: number, who: Who) {
  const daraja = setup.daraja
  if (!daraja?.config.b2c) throw unavailable('M-Pesa')
  const [row] = await who.sql<{ receipt: string | null }[]>`
    select provider_receipt as receipt from public.payments where id = ${payment.id}`
  if (!row?.receipt)
    throw conflict(
      'nothing_to_refund',
      'M-Pesa has not given this payment a receipt number yet, so it cannot be reversed.',
    )
  try {
    const started = await startReversal(
      { daraja, secret: setup.secret, log: setup.log },
      { id: payment.id, amountMinor: amount, receipt: row.receipt },
    )
    // Done already when Safaricom's result came back before this line did.
    await who.sql`insert into public.refund_requests (tenant_id, payment_id, amount_minor, conversation_id, requested_by, reason, status)
      values (${payment.tenant_id}, ${payment.id}, ${amount}, ${started.conversationId}, ${who.by}, ${who.reason},
        case when exists (select 1 from private.payment_events e
          where e.provider = 'mpesa' and e.event_id = ${`reversal:${started.conversationId}`}) then 'done' else 'requested' end)`
    await who.sql`select private.audit(${payment.tenant_id}, 'payment.refund_requested', 'payment', ${payment.id},
      ${who.sql.json({ amount_minor: amount, reason: who.reason, by: who.by, conversation_id: started.conversationId })})`
  } catch (error) {
    setup.log?.error('mpesa reversal refused', { paymentId: payment.id, error })
    throw new ApiError(
      502,
      'payments_unavailable',
      'M-Pesa did not accept the reversal; nothing was refunded.',
    )
  }
}

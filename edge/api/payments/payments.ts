import * as R from '../../contract/routes/payments.ts'
import { type Sql, type Tx, withUserRead } from '../../lib/db.ts'
import { confirmStkPayment } from '../../payments/daraja.ts'
import { sessionOutcome } from '../../payments/stripe.ts'
import { apiRoute } from '../core/openapi.ts'
import { type ApiDeps, newRouter } from '../core/router.ts'
import { adminRoleIn, tenantRoleIn, tenantRoleQuery } from '../tenancy/access.ts'
import {
  type PaymentRow,
  type PaymentsSetup,
  paymentColumns,
  paymentIn,
  paymentJoins,
  paymentQuery,
  toPayment,
} from './queries.ts'
import './schemas.ts'

const tags = ['payments']

/** An M-Pesa payment pending this long is confirmed with Daraja before answering (a lost callback). */
export const CONFIRM_AFTER_SECONDS = 20

const get = apiRoute(R.getPayment, {
  tags,
  summary: 'One payment (its payer, the student it is for, school admins)',
  description:
    'The payment page polls this. A payment still pending after ~20 s is confirmed with its provider ' +
    'first (Daraja\u2019s query, or the Stripe Checkout Session), so a callback or webhook that never ' +
    'arrived cannot leave it pending.',
  responses: { 200: 'The payment; `failure_reason` says in plain words why it failed or was cancelled.' },
  errors: [400, 401, 404],
})

const list = apiRoute(R.listPayments, {
  tags,
  summary: "Payments in a school: yours (scope=mine) or the school's (scope=school, admins)",
  description: 'Newest first, at most 100. mine: what you paid or what was paid for you.',
  responses: { 200: 'The payments.' },
  errors: [400, 401, 403, 404],
})

/**
 * A card payment whose webhook has not come: the Checkout Session read back from Stripe (with our
 * secret key, so as trustworthy as a signed event) is applied the way its event would be — paid, or
 * expired. True when something was applied.
 */
export async function confirmCardPayment(
  sql: Sql,
  setup: PaymentsSetup,
  payment: PaymentRow,
): Promise<boolean> {
  if (!setup.stripe || !payment.provider_ref?.startsWith('cs_')) return false
  try {
    const session = await setup.stripe.checkout.sessions.retrieve(payment.provider_ref)
    const outcome = sessionOutcome(session)
    if (outcome === 'paid') {
      const intent = typeof session.payment_intent === 'string' ? session.payment_intent : null
      await sql`select private.record_payment_success('stripe', ${`session:${session.id}`}, ${payment.id},
        ${session.id}, ${session.amount_total ?? 0}, ${(session.currency ?? '').toUpperCase()})`
      setup.log?.info('card payment confirmed from its session', { paymentId: payment.id, intent })
      return true
    }
    if (outcome === 'expired') {
      await sql`select private.record_payment_failure('stripe', ${`session:${session.id}`}, ${payment.id},
        'cancelled', 'The checkout was not completed in time.')`
      return true
    }
  } catch (error) {
    setup.log?.warn('card payment confirmation failed', { paymentId: payment.id, error })
  }
  return false
}

/** A school's latest payments as RLS shows them (`mine`: those the caller paid or is the student of), unsent. */
function listQuery(tx: Tx, tenantId: string, mine: boolean) {
  const own = mine
    ? tx`and (p.payer_id = (select auth.uid()) or p.beneficiary_id = (select auth.uid()))`
    : tx``
  return tx<PaymentRow[]>`
    select ${paymentColumns(tx)} from ${paymentJoins(tx)}
    where p.tenant_id = ${tenantId} ${own}
    order by p.created_at desc, p.id desc limit 100`
}

/** GET /payments/:id, GET /tenants/:tenantId/payments. */
export function paymentRoutes({ sql, auth }: ApiDeps, setup: PaymentsSetup) {
  return newRouter()
    .openapi({ ...get, middleware: auth }, async (c) => {
      const { id } = c.req.valid('param')
      const read = async () =>
        paymentIn((await withUserRead(sql, c.var.claims, (tx) => [paymentQuery(tx, id)]))[0])
      let payment = await read()
      if (
        setup.daraja &&
        payment.status === 'pending' &&
        payment.provider === 'mpesa' &&
        payment.provider_ref &&
        payment.pending_seconds > CONFIRM_AFTER_SECONDS
      ) {
        try {
          await confirmStkPayment(
            { sql, daraja: setup.daraja, log: setup.log },
            { id: payment.id, amountMinor: payment.amount_minor, checkoutRequestId: payment.provider_ref },
          )
          payment = await read()
        } catch (error) {
          setup.log?.warn('stk confirmation failed', { paymentId: id, error })
        }
      }
      if (
        setup.stripe &&
        payment.status === 'pending' &&
        payment.provider === 'stripe' &&
        payment.provider_ref &&
        payment.pending_seconds > CONFIRM_AFTER_SECONDS
      ) {
        if (await confirmCardPayment(sql, setup, payment)) payment = await read()
      }
      return c.json(toPayment(payment), 200)
    })
    .openapi({ ...list, middleware: auth }, async (c) => {
      const { tenantId } = c.req.valid('param')
      const { scope } = c.req.valid('query')
      const [role, rows] = await withUserRead(sql, c.var.claims, (tx) => [
        tenantRoleQuery(tx, tenantId),
        listQuery(tx, tenantId, scope === 'mine'),
      ])
      if (scope === 'school') adminRoleIn(role)
      else tenantRoleIn(role)
      return c.json(rows.map(toPayment), 200)
    })
}

import * as R from '../../contract/routes/payments.ts'
import { withUser } from '../../lib/db.ts'
import { confirmStkPayment } from '../../payments/daraja.ts'
import { apiRoute } from '../core/openapi.ts'
import { type ApiDeps, newRouter } from '../core/router.ts'
import { requireAdmin, tenantRole } from '../tenancy/access.ts'
import {
  type PaymentRow,
  type PaymentsSetup,
  paymentColumns,
  paymentJoins,
  readPayment,
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
    'The payment page polls this. An M-Pesa payment still pending after ~20 s is confirmed with ' +
    'Daraja first, so a callback that never arrived cannot leave it pending.',
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

/** GET /payments/:id, GET /tenants/:tenantId/payments. */
export function paymentRoutes({ sql, auth }: ApiDeps, setup: PaymentsSetup) {
  return newRouter()
    .openapi({ ...get, middleware: auth }, async (c) => {
      const { id } = c.req.valid('param')
      const claims = c.var.claims
      let payment = await withUser(sql, claims, (tx) => readPayment(tx, id))
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
          payment = await withUser(sql, claims, (tx) => readPayment(tx, id))
        } catch (error) {
          setup.log?.warn('stk confirmation failed', { paymentId: id, error })
        }
      }
      return c.json(toPayment(payment), 200)
    })
    .openapi({ ...list, middleware: auth }, async (c) => {
      const { tenantId } = c.req.valid('param')
      const { scope } = c.req.valid('query')
      const rows = await withUser(sql, c.var.claims, async (tx) => {
        if (scope === 'school') await requireAdmin(tx, tenantId)
        else await tenantRole(tx, tenantId)
        const mine =
          scope === 'mine'
            ? tx`and (p.payer_id = (select auth.uid()) or p.beneficiary_id = (select auth.uid()))`
            : tx``
        return tx<PaymentRow[]>`
          select ${paymentColumns(tx)} from ${paymentJoins(tx)}
          where p.tenant_id = ${tenantId} ${mine}
          order by p.created_at desc, p.id desc limit 100`
      })
      return c.json(rows.map(toPayment), 200)
    })
}

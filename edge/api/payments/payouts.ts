import type { Payout } from '../../contract/billing.ts'
import { normalizeKenyanPhone } from '../../contract/phone-number.ts'
import * as R from '../../contract/routes/payments.ts'
import { type Tx, withUser, withUserRead } from '../../lib/db.ts'
import { notFound } from '../../lib/errors.ts'
import { sendB2CPayout } from '../../payments/daraja.ts'
import { apiRoute } from '../core/openapi.ts'
import { type ApiDeps, newRouter } from '../core/router.ts'
import { adminRoleIn, tenantRole, tenantRoleIn, tenantRoleQuery } from '../tenancy/access.ts'
import type { PaymentsSetup } from './queries.ts'
import './schemas.ts'

const tags = ['payments']

const list = apiRoute(R.listPayouts, {
  tags,
  summary: "Payouts in a school: your requests (scope=mine) or every instructor's (scope=school, admins)",
  description: 'Requested ones first, then newest first; at most 200.',
  responses: { 200: 'The payouts.' },
  errors: [400, 401, 403, 404],
})

const request = apiRoute(R.requestPayout, {
  tags,
  summary: 'Ask for your available money (instructors): to M-Pesa (KES) or a bank account',
  description:
    'At least the method\u2019s minimum (KES 100 to M-Pesa, KES 1,000 or 10.00 to a bank) and at most what ' +
    'is available minus requests not yet decided (409 `payout_minimum` / `insufficient_funds`). An admin ' +
    'of the school approves or rejects it.',
  responses: { 201: 'The requested payout.' },
  errors: [400, 401, 403, 404, 409],
})

const approve = apiRoute(R.approvePayout, {
  tags,
  summary: 'Approve a requested payout (school admins): the wallet is debited once',
  description:
    'M-Pesa payouts are then sent by Daraja B2C and turn `paid` (or `failed`, the money back in the ' +
    'wallet) when Safaricom answers. Bank payouts stay `approved` until the bank reference is recorded ' +
    '(POST /payouts/{id}/paid). Approving twice changes nothing.',
  responses: { 200: 'The payout.' },
  errors: [400, 401, 404, 409],
})

const reject = apiRoute(R.rejectPayout, {
  tags,
  summary: 'Reject a requested payout with a reason (school admins); the wallet is untouched',
  responses: { 200: 'The payout.' },
  errors: [400, 401, 404],
})

const paid = apiRoute(R.markPayoutPaid, {
  tags,
  summary: 'Record an approved payout as paid by hand, with the bank reference (school admins)',
  description:
    'For bank transfers, or M-Pesa payouts sent outside B2C. Once; a decided payout is answered as it is.',
  responses: { 200: 'The payout.' },
  errors: [400, 401, 404, 409],
})

type PayoutRow = Omit<Payout, 'created_at' | 'decided_at'> & { created_at: Date; decided_at: Date | null }

const payoutSelect = (tx: Tx) => tx`
  select o.id, o.tenant_id, o.instructor_id, coalesce(pr.display_name, '') as instructor_name, o.currency,
    o.amount_minor::int as amount_minor, o.method, o.destination, o.status, o.reason,
    o.provider_ref as reference, o.created_at, o.decided_at
  from public.payouts o left join public.profiles pr on pr.id = o.instructor_id`

const toPayout = (r: PayoutRow): Payout => ({
  ...r,
  amount_minor: Number(r.amount_minor),
  created_at: r.created_at.toISOString(),
  decided_at: r.decided_at ? r.decided_at.toISOString() : null,
})

/** A payout the caller may see (its instructor, the school's admins: RLS); 404 otherwise. */
async function readPayout(tx: Tx, id: string): Promise<PayoutRow> {
  const [row] = await tx<PayoutRow[]>`${payoutSelect(tx)} where o.id = ${id}`
  if (!row) throw notFound('payout_not_found', 'No such payout, or it is not yours to see.')
  return row
}

/** A school's payouts as RLS shows them (`mine`: the caller's own), requests first, unsent. */
function listQuery(tx: Tx, tenantId: string, mine: boolean) {
  const own = mine ? tx`and o.instructor_id = (select auth.uid())` : tx``
  return tx<PayoutRow[]>`${payoutSelect(tx)} where o.tenant_id = ${tenantId} ${own}
    order by (o.status = 'requested') desc, o.created_at desc, o.id limit 200`
}

/** Payouts: instructors request, admins approve (B2C for M-Pesa), reject, or record as paid. */
export function payoutRoutes({ sql, auth }: ApiDeps, setup: PaymentsSetup) {
  /** Sends an approved M-Pesa payout by B2C; without B2C (or when Daraja refuses) it stays approved for the admin to pay by hand. */
  async function sendIfMpesa(payout: PayoutRow) {
    const daraja = setup.daraja
    if (payout.method !== 'mpesa' || payout.status !== 'approved' || !daraja?.config.b2c) return
    try {
      await sendB2CPayout(daraja, setup.secret, {
        id: payout.id,
        amountMinor: payout.amount_minor,
        phone: payout.destination,
      })
    } catch (error) {
      setup.log?.error('B2C payout not sent', { payoutId: payout.id, error })
    }
  }

  return newRouter()
    .openapi({ ...list, middleware: auth }, async (c) => {
      const { tenantId } = c.req.valid('param')
      const { scope } = c.req.valid('query')
      const [role, rows] = await withUserRead(sql, c.var.claims, (tx) => [
        tenantRoleQuery(tx, tenantId),
        listQuery(tx, tenantId, scope === 'mine'),
      ])
      if (scope === 'school') adminRoleIn(role)
      else tenantRoleIn(role)
      return c.json(rows.map(toPayout), 200)
    })
    .openapi({ ...request, middleware: auth }, async (c) => {
      const { tenantId } = c.req.valid('param')
      const body = c.req.valid('json')
      // The contract checked the form; Daraja wants 2547XXXXXXXX.
      const destination =
        body.method === 'mpesa'
          ? (normalizeKenyanPhone(body.destination) ?? body.destination)
          : body.destination
      const row = await withUser(sql, c.var.claims, async (tx) => {
        await tenantRole(tx, tenantId)
        const [r] = await tx<{ id: string }[]>`select public.request_payout(${tenantId}, ${body.currency},
          ${body.amount_minor}, ${body.method}, ${destination}) as id`
        return readPayout(tx, r?.id as string)
      })
      return c.json(toPayout(row), 201)
    })
    .openapi({ ...approve, middleware: auth }, async (c) => {
      const { id } = c.req.valid('param')
      const row = await withUser(sql, c.var.claims, async (tx) => {
        const [r] = await tx<{ r: string }[]>`select public.approve_payout(${id}) as r`
        return { outcome: r?.r, payout: await readPayout(tx, id) }
      })
      if (row.outcome === 'applied') await sendIfMpesa(row.payout)
      const now = await withUser(sql, c.var.claims, (tx) => readPayout(tx, id))
      return c.json(toPayout(now), 200)
    })
    .openapi({ ...reject, middleware: auth }, async (c) => {
      const { id } = c.req.valid('param')
      const { reason } = c.req.valid('json')
      const row = await withUser(sql, c.var.claims, async (tx) => {
        await tx`select public.reject_payout(${id}, ${reason})`
        return readPayout(tx, id)
      })
      return c.json(toPayout(row), 200)
    })
    .openapi({ ...paid, middleware: auth }, async (c) => {
      const { id } = c.req.valid('param')
      const { reference } = c.req.valid('json')
      const row = await withUser(sql, c.var.claims, async (tx) => {
        await tx`select public.mark_payout_paid(${id}, ${reference})`
        return readPayout(tx, id)
      })
      return c.json(toPayout(row), 200)
    })
}

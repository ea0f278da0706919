import type Stripe from 'stripe'
import type { CoursePriceAnswer, Payment, PaymentMethod } from '../../contract/payments.ts'
import type { Tx } from '../../lib/db.ts'
import { notFound } from '../../lib/errors.ts'
import type { Logger } from '../../lib/log.ts'
import type { DarajaClient } from '../../payments/daraja.ts'

/** How this deployment takes money: the Daraja client when M-Pesa is configured, Stripe for cards. */
export interface PaymentsSetup {
  daraja: DarajaClient | null
  stripe: Stripe | null
  /** Signs the M-Pesa result URLs of payouts and reversals (the service role key). */
  secret: string
  log?: Logger
}

/** A payment as the contract shows it, with its course title and the beneficiary's name (read under RLS). */
export const paymentColumns = (tx: Tx) => tx`
  p.id, p.tenant_id, p.course_id, c.title as course_title, p.beneficiary_id,
  coalesce(pr.display_name, sp.organisation, '') as beneficiary_name, p.provider, p.currency,
  p.amount_minor::int as amount_minor, p.refunded_minor::int as refunded_minor,
  (select coalesce(sum(r.amount_minor), 0)::int from public.refund_requests r
   where r.payment_id = p.id and r.status = 'requested') as refund_pending_minor, p.status, p.failure_reason,
  p.created_at, p.succeeded_at`

export const paymentJoins = (tx: Tx) => tx`
  public.payments p
  left join public.courses c on c.id = p.course_id
  left join public.profiles pr on pr.id = p.beneficiary_id
  left join public.sponsorships sp on sp.id = p.sponsorship_id`

/** What a route needs besides the answer: the provider's reference and how long it has been pending. */
export interface PaymentRow extends Payment {
  provider_ref: string | null
  pending_seconds: number
}

const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : v === null ? null : String(v))

export function toPayment(row: PaymentRow): Payment {
  return {
    id: row.id,
    tenant_id: row.tenant_id,
    course_id: row.course_id,
    course_title: row.course_title,
    beneficiary_id: row.beneficiary_id,
    beneficiary_name: row.beneficiary_name,
    provider: row.provider,
    currency: row.currency,
    amount_minor: Number(row.amount_minor),
    refunded_minor: Number(row.refunded_minor),
    refund_pending_minor: Number(row.refund_pending_minor),
    status: row.status,
    failure_reason: row.failure_reason,
    created_at: iso(row.created_at) as string,
    succeeded_at: iso(row.succeeded_at),
  }
}

/** A payment the caller may see (payer, beneficiary, school admins: RLS), unsent (for withUserRead); see paymentIn. */
export const paymentQuery = (tx: Tx, id: string) => tx<PaymentRow[]>`
  select ${paymentColumns(tx)}, p.provider_ref,
    extract(epoch from now() - p.created_at)::float8 as pending_seconds
  from ${paymentJoins(tx)} where p.id = ${id}`

/** The payment of paymentQuery's rows; 404 when the caller may not see it. */
export function paymentIn([row]: readonly PaymentRow[]): PaymentRow {
  if (!row) throw notFound('payment_not_found', 'No such payment, or it is not yours to see.')
  return row
}

/** A payment the caller may see (paymentIn). */
export async function readPayment(tx: Tx, id: string): Promise<PaymentRow> {
  return paymentIn(await paymentQuery(tx, id))
}

type PriceRow = { currency: string | null; amount_minor: number | null; owned: boolean }

/** The course's price (RLS on course_prices decides) and whether the caller has it, unsent; see priceAnswerIn. */
export const priceQuery = (tx: Tx, courseId: string) => tx<PriceRow[]>`
  select cp.currency, cp.amount_minor::int as amount_minor,
    (private.is_enrolled(${courseId}::uuid) or exists (
      select 1 from public.payments p where p.course_id = ${courseId}::uuid and p.status = 'succeeded'
        and p.beneficiary_id = (select auth.uid()))) as owned
  from (select 1) one left join public.course_prices cp on cp.course_id = ${courseId}::uuid`

/** The price of priceQuery's rows, how it can be paid here, and whether the caller has it. */
export function priceAnswerIn([row]: readonly PriceRow[], setup: PaymentsSetup): CoursePriceAnswer {
  const price =
    row?.currency && row.amount_minor
      ? { currency: row.currency, amount_minor: Number(row.amount_minor) }
      : null
  const methods: PaymentMethod[] = []
  if (price?.currency === 'KES' && setup.daraja) methods.push('mpesa')
  if (price && setup.stripe) methods.push('card')
  return { price, methods, owned: Boolean(row?.owned) }
}

/** The course's price, how it can be paid here, and whether the caller has it (priceAnswerIn). */
export async function priceAnswer(
  tx: Tx,
  courseId: string,
  setup: PaymentsSetup,
): Promise<CoursePriceAnswer> {
  return priceAnswerIn(await priceQuery(tx, courseId), setup)
}

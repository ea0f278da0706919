import type { RefundBody } from '../../../../edge/contract/billing.ts'
import type { Payment } from '../../../../edge/contract/payments.ts'
import { toMajor, toMinor } from './money.ts'

// A refund as the school's admin writes it: all that is left of the payment filled in, lowered for
// a partial refund, and a reason. Checked here as the API will (RefundBody, and no more than left);
// the problems come back as codes so the dialog says them in the reader's language.

type Amounts = Pick<Payment, 'amount_minor' | 'refunded_minor'> &
  Partial<Pick<Payment, 'refund_pending_minor'>>

/** What can still be refunded of a payment, in minor units (an M-Pesa reversal on its way counts as given). */
export const refundLeft = (p: Amounts): number =>
  Math.max(0, p.amount_minor - p.refunded_minor - (p.refund_pending_minor ?? 0))

/** A payment that took money and still has some to give back. */
export const canRefund = (p: Amounts & Pick<Payment, 'status'>): boolean =>
  (p.status === 'succeeded' || p.status === 'partially_refunded') && refundLeft(p) > 0

/** The refund field's first value: all that is left, as a person types it ("1500", "12.5"). */
export const refundDefault = (p: Amounts & Pick<Payment, 'currency'>): string =>
  String(toMajor(refundLeft(p), p.currency))

export type RefundProblems = { amount_minor?: 'invalid' | 'too_much'; reason?: 'short' | 'long' }

/** The body to send, or what is wrong with the typed amount and reason. */
export function checkRefund(
  p: Amounts & Pick<Payment, 'currency'>,
  amountText: string,
  reasonText: string,
): { ok: true; data: RefundBody } | { ok: false; errors: RefundProblems } {
  const errors: RefundProblems = {}
  const amount = toMinor(amountText, p.currency)
  if (amount === undefined || amount < 1) errors.amount_minor = 'invalid'
  else if (amount > refundLeft(p)) errors.amount_minor = 'too_much'
  const reason = reasonText.trim()
  if (reason.length < 3) errors.reason = 'short'
  else if (reason.length > 500) errors.reason = 'long'
  if (errors.amount_minor || errors.reason || amount === undefined) return { ok: false, errors }
  return { ok: true, data: { amount_minor: amount, reason } }
}

import type { Payout, PayoutRequestBody } from '../../../../../edge/contract/billing.ts'
import {
  type Currency,
  PAYOUT_METHODS,
  PAYOUT_MINIMUMS,
  type PayoutMethod,
} from '../../../../../edge/contract/payments-values.ts'
import { toMajor, toMinor } from '../money.ts'
import { mpesaPhone } from '../phone.ts'

// An instructor's payout request: which currencies and methods can be asked for, the amount filled
// in (what is available, less what is already waiting for the school), the minimums, and the
// checks the API makes, said as codes so the form words them in the reader's language.

/** The smallest payout of a method in a currency (minor units); undefined when not offered. */
export const payoutMinimum = (method: PayoutMethod, currency: string): number | undefined =>
  PAYOUT_MINIMUMS[method][currency as Currency]

/** The methods that pay a currency (M-Pesa: KES only). */
export const payoutMethods = (currency: string): PayoutMethod[] =>
  PAYOUT_METHODS.filter((m) => payoutMinimum(m, currency) !== undefined)

/** Money asked for and not yet decided (the wallet is debited only when the school approves). */
export const awaitingApproval = (
  payouts: readonly Pick<Payout, 'status' | 'currency' | 'amount_minor'>[],
  currency: string,
) =>
  payouts
    .filter((p) => p.status === 'requested' && p.currency === currency)
    .reduce((sum, p) => sum + p.amount_minor, 0)

/** What can still be asked for in a currency: available, less requests awaiting approval. */
export const requestable = (
  availableMinor: number,
  payouts: readonly Pick<Payout, 'status' | 'currency' | 'amount_minor'>[],
  currency: string,
) => Math.max(0, availableMinor - awaitingApproval(payouts, currency))

/** M-Pesa pays whole shillings: the most of `amountMinor` it can send. */
const payable = (method: PayoutMethod, amountMinor: number) =>
  method === 'mpesa' ? Math.floor(amountMinor / 100) * 100 : amountMinor

/** The method offered first for a currency: M-Pesa where it pays, else a bank. */
export const defaultMethod = (currency: string): PayoutMethod => payoutMethods(currency)[0] ?? 'bank'

/** The amount field's first value for a method: all that can be asked for, as a person types it. */
export const defaultAmount = (method: PayoutMethod, currency: string, requestableMinor: number): string => {
  const amount = payable(method, requestableMinor)
  return amount > 0 ? String(toMajor(amount, currency)) : ''
}

/**
 * The currency to start with: the one with the most that can be asked for (in the order the
 * wallet lists them when that is the same); undefined for an empty wallet.
 */
export function defaultCurrency(
  balances: readonly { currency: string; available_minor: number }[],
  payouts: readonly Pick<Payout, 'status' | 'currency' | 'amount_minor'>[],
): string | undefined {
  let best: { currency: string; amount: number } | undefined
  for (const b of balances) {
    const amount = requestable(b.available_minor, payouts, b.currency)
    if (!best || amount > best.amount) best = { currency: b.currency, amount }
  }
  return best?.currency
}

export type PayoutProblems = {
  method?: 'not_offered'
  amount_minor?: 'invalid' | 'whole_shillings' | 'below_minimum' | 'too_much'
  destination?: 'phone' | 'bank_short' | 'bank_long'
}

export interface PayoutInput {
  method: PayoutMethod
  currency: string
  amountText: string
  destination: string
  /** What can be asked for in this currency (see `requestable`). */
  requestableMinor: number
}

/** The body to send, or what is wrong with the form's values. */
export function checkPayout(
  input: PayoutInput,
): { ok: true; data: PayoutRequestBody } | { ok: false; errors: PayoutProblems } {
  const errors: PayoutProblems = {}
  const minimum = payoutMinimum(input.method, input.currency)
  if (minimum === undefined) errors.method = 'not_offered'
  const amount = toMinor(input.amountText, input.currency)
  if (amount === undefined || amount < 1) errors.amount_minor = 'invalid'
  else if (input.method === 'mpesa' && amount % 100 !== 0) errors.amount_minor = 'whole_shillings'
  else if (minimum !== undefined && amount < minimum) errors.amount_minor = 'below_minimum'
  else if (amount > input.requestableMinor) errors.amount_minor = 'too_much'
  const destination = input.method === 'mpesa' ? mpesaPhone(input.destination) : input.destination.trim()
  if (input.method === 'mpesa' && !destination) errors.destination = 'phone'
  if (input.method === 'bank' && (destination ?? '').length < 6) errors.destination = 'bank_short'
  if (input.method === 'bank' && (destination ?? '').length > 200) errors.destination = 'bank_long'
  if (errors.method || errors.amount_minor || errors.destination || amount === undefined || !destination)
    return { ok: false, errors }
  const data: PayoutRequestBody =
    input.method === 'mpesa'
      ? { method: 'mpesa', currency: 'KES', amount_minor: amount, destination }
      : { method: 'bank', currency: input.currency, amount_minor: amount, destination }
  return { ok: true, data }
}

const when = (p: Pick<Payout, 'created_at' | 'decided_at'>) => p.decided_at ?? p.created_at

/**
 * The admins' payouts page in its three parts: requests to decide (oldest first: first asked,
 * first answered), approved bank payouts still to pay, and the rest (newest first).
 */
export function groupPayouts<P extends Pick<Payout, 'status' | 'method' | 'created_at' | 'decided_at'>>(
  payouts: readonly P[],
): { toDecide: P[]; toPay: P[]; history: P[] } {
  const toDecide = payouts
    .filter((p) => p.status === 'requested')
    .sort((a, b) => a.created_at.localeCompare(b.created_at))
  const toPay = payouts
    .filter((p) => p.status === 'approved' && p.method === 'bank')
    .sort((a, b) => when(a).localeCompare(when(b)))
  const history = payouts
    .filter((p) => !toDecide.includes(p) && !toPay.includes(p))
    .sort((a, b) => when(b).localeCompare(when(a)))
  return { toDecide, toPay, history }
}

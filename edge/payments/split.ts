// Money arithmetic in integer minor units: splitting a gross amount into shares, reversing a
// sale pro rata for refunds, and the M-Pesa whole-shilling rule. The ledger's SQL
// (private.allocate in supabase/migrations/20261206100100_ledger.sql) runs the same algorithm;
// test/integration/payments-ledger.test.ts checks that both give the same parts.
import { BASIS_POINTS, DEFAULT_SPLIT } from '../contract/payments-values.ts'

function assertAmount(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a whole number of minor units ≥ 0, got ${value}`)
  }
}

/**
 * Splits `total` into parts proportional to `weights` by the largest-remainder method: each part
 * is the floor of its exact share, and the units left over (fewer than the number of parts) go one
 * each to the parts with the largest remainders, ties to the earlier part. The parts sum exactly to
 * `total` and each is within 1 unit of its exact share (never below its floor, never above its ceiling).
 */
export function allocate(total: number, weights: readonly number[]): number[] {
  assertAmount('total', total)
  if (weights.length === 0) throw new RangeError('weights must not be empty')
  for (const w of weights) assertAmount('weight', w)
  const sum = weights.reduce((a, w) => a + BigInt(w), 0n)
  if (sum === 0n) throw new RangeError('weights must not all be 0')
  const t = BigInt(total)
  const parts = weights.map((w) => (t * BigInt(w)) / sum)
  const rems = weights.map((w) => (t * BigInt(w)) % sum)
  let left = Number(t - parts.reduce((a, p) => a + p, 0n))
  const order = rems
    .map((_, i) => i)
    .sort((a, b) => (rems[a] === rems[b] ? a - b : rems[b] > rems[a] ? 1 : -1))
  for (const i of order) {
    if (left === 0) break
    parts[i] += 1n
    left--
  }
  return parts.map(Number)
}

/** Splits a gross amount by basis points (of 10,000), e.g. [6000, 3000, 1000]; parts sum to gross. */
export function splitByBasisPoints(gross: number, bps: readonly number[]): number[] {
  const total = bps.reduce((a, b) => a + b, 0)
  if (total !== BASIS_POINTS)
    throw new RangeError(`basis points must add up to ${BASIS_POINTS}, got ${total}`)
  return allocate(gross, bps)
}

/** The instructor / platform / marketing shares of an instructor course's sale. */
export function courseSplit(
  gross: number,
  split: { instructor: number; platform: number; marketing: number } = DEFAULT_SPLIT,
): { instructor: number; platform: number; marketing: number } {
  const [instructor, platform, marketing] = splitByBasisPoints(gross, [
    split.instructor,
    split.platform,
    split.marketing,
  ])
  return { instructor, platform, marketing }
}

/**
 * What one refund takes back from each share of a sale. Refunds are cumulative: this refund
 * reverses allocate(refunded after) − allocate(refunded before) over the sale's parts, so every
 * share's total reversal stays within 1 unit of its exact share and never exceeds the share, and
 * refunds adding up to the whole sale return every share to exactly 0. The refund is capped at
 * what is left (`refunded` in the answer is the amount actually refunded).
 */
export function refundParts(
  saleParts: readonly number[],
  refundedBefore: number,
  refund: number,
): { refunded: number; parts: number[] } {
  assertAmount('refundedBefore', refundedBefore)
  assertAmount('refund', refund)
  const gross = saleParts.reduce((a, p) => a + p, 0)
  if (refundedBefore > gross) throw new RangeError('refunded more than the sale')
  const refunded = Math.min(refund, gross - refundedBefore)
  if (refunded === 0) return { refunded, parts: saleParts.map(() => 0) }
  const after = allocate(refundedBefore + refunded, saleParts)
  const before = allocate(refundedBefore, saleParts)
  return { refunded, parts: after.map((a, i) => a - (before[i] ?? 0)) }
}

/**
 * M-Pesa's STK push takes whole shillings (Daraja's `Amount`), while we count KES in cents. We
 * charge the amount rounded UP to a whole shilling, so a customer never pays less than the price
 * (at most 99 cents more). Course prices in KES are whole shillings (a database check on
 * course_prices and payments), so in practice nothing is rounded; the rule covers any other KES
 * amount (e.g. a plan price converted from another currency).
 */
export function mpesaAmount(minor: number): number {
  assertAmount('minor', minor)
  const rest = minor % 100
  return (minor - rest) / 100 + (rest > 0 ? 1 : 0)
}

/** A whole-shilling amount from a Daraja callback (CallbackMetadata Amount) in minor units. */
export function mpesaToMinor(shillings: number): number {
  assertAmount('shillings', shillings)
  return shillings * 100
}

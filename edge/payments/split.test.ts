import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { BASIS_POINTS, DEFAULT_SPLIT } from '../contract/payments-values.ts'
import { allocate, courseSplit, mpesaAmount, mpesaToMinor, refundParts, splitByBasisPoints } from './split.ts'

/** Any amount a payment can have, up to 10^12 minor units (10 billion shillings). */
const amount = fc.nat({ max: 1_000_000_000_000 })

/** Any split into 1–6 parts of basis points adding up to 10,000. */
const basisPoints = fc.array(fc.nat({ max: BASIS_POINTS }), { minLength: 0, maxLength: 5 }).map((cuts) => {
  const points = [0, ...cuts.sort((a, b) => a - b), BASIS_POINTS]
  return points.slice(1).map((p, i) => p - (points[i] ?? 0))
})

const sum = (xs: readonly number[]) => xs.reduce((a, x) => a + x, 0)

describe('splitting money', () => {
  it('gives the default split exactly on round amounts', () => {
    expect(courseSplit(100_000)).toEqual({ instructor: 60_000, platform: 30_000, marketing: 10_000 })
    expect(courseSplit(1)).toEqual({ instructor: 1, platform: 0, marketing: 0 })
    // 0.6, 0.3, 0.1 of 7: floors 4, 2, 0 and the last unit to the largest remainder (0.7 → marketing).
    expect(courseSplit(7)).toEqual({ instructor: 4, platform: 2, marketing: 1 })
    expect(splitByBasisPoints(0, [6000, 3000, 1000])).toEqual([0, 0, 0])
  })

  it('gives parts that sum exactly to the gross, for any amount and any split', () => {
    fc.assert(
      fc.property(amount, basisPoints, (gross, bps) => {
        expect(sum(splitByBasisPoints(gross, bps))).toBe(gross)
      }),
      { numRuns: 2000 },
    )
  })

  it('keeps each part within 1 minor unit of its exact share', () => {
    fc.assert(
      fc.property(amount, basisPoints, (gross, bps) => {
        const parts = splitByBasisPoints(gross, bps)
        parts.forEach((part, i) => {
          // Exact share gross * bp / 10,000, compared in integers: |part * 10,000 − gross * bp| < 10,000.
          const diff = BigInt(part) * BigInt(BASIS_POINTS) - BigInt(gross) * BigInt(bps[i] ?? 0)
          expect(diff < 0n ? -diff : diff).toBeLessThan(BigInt(BASIS_POINTS))
        })
      }),
      { numRuns: 2000 },
    )
  })

  it('splits by any non-negative weights, not only basis points', () => {
    fc.assert(
      fc.property(
        amount,
        fc.array(fc.nat({ max: 1_000_000_000 }), { minLength: 1, maxLength: 6 }),
        (total, w) => {
          fc.pre(sum(w) > 0)
          const parts = allocate(total, w)
          expect(sum(parts)).toBe(total)
          expect(parts.every((p) => p >= 0)).toBe(true)
          w.forEach((weight, i) => {
            if (weight === 0) expect(parts[i]).toBe(0)
          })
        },
      ),
    )
  })

  it('refuses what is not money: negative, fractional, or splits that do not add up', () => {
    expect(() => allocate(-1, [1])).toThrow(RangeError)
    expect(() => allocate(1.5, [1])).toThrow(RangeError)
    expect(() => allocate(10, [0, 0])).toThrow(RangeError)
    expect(() => splitByBasisPoints(10, [6000, 3000])).toThrow(/add up to 10000/)
  })
})

describe('refunds', () => {
  /** A sale split by default, then refunds of arbitrary sizes (some more than is left). */
  const saleAndRefunds = fc.tuple(
    fc.integer({ min: 1, max: 10_000_000_000 }),
    fc.array(fc.integer({ min: 1, max: 10_000_000_000 }), { minLength: 1, maxLength: 8 }),
  )

  it('never take back more than was paid, in total or from any share', () => {
    fc.assert(
      fc.property(saleAndRefunds, ([gross, refunds]) => {
        const sale = splitByBasisPoints(gross, [
          DEFAULT_SPLIT.instructor,
          DEFAULT_SPLIT.platform,
          DEFAULT_SPLIT.marketing,
        ])
        let refunded = 0
        const reversed = sale.map(() => 0)
        for (const r of refunds) {
          const step = refundParts(sale, refunded, r)
          expect(step.refunded).toBe(Math.min(r, gross - refunded))
          expect(sum(step.parts)).toBe(step.refunded)
          refunded += step.refunded
          step.parts.forEach((p, i) => {
            reversed[i] = (reversed[i] ?? 0) + p
          })
          reversed.forEach((total, i) => {
            expect(total).toBeGreaterThanOrEqual(0)
            expect(total).toBeLessThanOrEqual(sale[i] ?? 0)
          })
        }
        expect(refunded).toBeLessThanOrEqual(gross)
        // Refunded in full: every share back to exactly 0.
        if (refunded === gross) expect(reversed).toEqual(sale)
      }),
      { numRuns: 1000 },
    )
  })

  it("are pro rata: each share's total reversal is within 1 unit of its exact share", () => {
    fc.assert(
      fc.property(saleAndRefunds, ([gross, refunds]) => {
        const sale = splitByBasisPoints(gross, [6000, 3000, 1000])
        let refunded = 0
        const reversed = [0, 0, 0]
        for (const r of refunds) {
          const step = refundParts(sale, refunded, r)
          refunded += step.refunded
          step.parts.forEach((p, i) => {
            reversed[i] = (reversed[i] ?? 0) + p
          })
        }
        reversed.forEach((total, i) => {
          const diff = BigInt(total) * BigInt(gross) - BigInt(refunded) * BigInt(sale[i] ?? 0)
          expect(diff < 0n ? -diff : diff).toBeLessThan(BigInt(gross))
        })
      }),
      { numRuns: 1000 },
    )
  })

  it('refund nothing once everything was refunded', () => {
    expect(refundParts([60, 30, 10], 100, 5)).toEqual({ refunded: 0, parts: [0, 0, 0] })
    expect(refundParts([60, 30, 10], 90, 50)).toEqual({ refunded: 10, parts: [6, 3, 1] })
  })
})

describe('M-Pesa amounts', () => {
  it('charges whole shillings, rounding up: never less than the price, at most 99 cents more', () => {
    expect(mpesaAmount(150_000)).toBe(1500)
    expect(mpesaAmount(150_001)).toBe(1501)
    expect(mpesaAmount(150_099)).toBe(1501)
    expect(mpesaAmount(0)).toBe(0)
    fc.assert(
      fc.property(fc.nat({ max: Number.MAX_SAFE_INTEGER - 100 }), (minor) => {
        const shillings = mpesaAmount(minor)
        expect(Number.isSafeInteger(shillings)).toBe(true)
        expect(mpesaToMinor(shillings)).toBeGreaterThanOrEqual(minor)
        expect(mpesaToMinor(shillings) - minor).toBeLessThan(100)
      }),
    )
  })

  it('reads a callback amount back as minor units', () => {
    expect(mpesaToMinor(1500)).toBe(150_000)
    expect(() => mpesaToMinor(12.5)).toThrow(RangeError)
  })
})

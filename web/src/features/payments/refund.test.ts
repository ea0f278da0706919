import { describe, expect, it } from 'vitest'
import { canRefund, checkRefund, refundDefault, refundLeft } from './refund.ts'

const paid = { amount_minor: 150_000, refunded_minor: 0, currency: 'KES', status: 'succeeded' as const }

describe('refunds', () => {
  it('offers a refund only on payments that took money and have some left', () => {
    expect(canRefund(paid)).toBe(true)
    expect(canRefund({ ...paid, status: 'partially_refunded', refunded_minor: 50_000 })).toBe(true)
    expect(canRefund({ ...paid, status: 'partially_refunded', refunded_minor: 150_000 })).toBe(false)
    expect(canRefund({ ...paid, status: 'refunded', refunded_minor: 150_000 })).toBe(false)
    expect(canRefund({ ...paid, status: 'pending' })).toBe(false)
    expect(canRefund({ ...paid, status: 'failed' })).toBe(false)
  })

  it('fills in what is left, as a person types it', () => {
    expect(refundLeft({ amount_minor: 150_000, refunded_minor: 50_000 })).toBe(100_000)
    expect(refundDefault({ ...paid, refunded_minor: 50_000 })).toBe('1000')
    expect(refundDefault({ amount_minor: 1250, refunded_minor: 0, currency: 'USD' })).toBe('12.5')
    expect(refundLeft({ amount_minor: 100, refunded_minor: 300 })).toBe(0)
  })

  it('sends the typed amount in minor units with the trimmed reason', () => {
    expect(checkRefund(paid, '1,500', '  Course cancelled ')).toEqual({
      ok: true,
      data: { amount_minor: 150_000, reason: 'Course cancelled' },
    })
    expect(checkRefund(paid, '500', 'Moved school')).toEqual({
      ok: true,
      data: { amount_minor: 50_000, reason: 'Moved school' },
    })
  })

  it('says what is wrong: no amount, more than left, no reason, a reason too long', () => {
    expect(checkRefund(paid, '', '')).toEqual({
      ok: false,
      errors: { amount_minor: 'invalid', reason: 'short' },
    })
    expect(checkRefund(paid, '0', 'Because')).toEqual({ ok: false, errors: { amount_minor: 'invalid' } })
    expect(checkRefund({ ...paid, refunded_minor: 100_000 }, '600', 'Because')).toEqual({
      ok: false,
      errors: { amount_minor: 'too_much' },
    })
    expect(checkRefund(paid, '100', 'x'.repeat(501))).toEqual({ ok: false, errors: { reason: 'long' } })
  })
})

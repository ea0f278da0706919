import { describe, expect, it } from 'vitest'
import { checkoutReturn, payReturn } from './return.ts'

const ID = '7b0c6a52-3f1e-4c8e-9a51-1d2f3e4a5b6c'

describe('payReturn', () => {
  it('reads the payment a card checkout sent the payer back with', () => {
    expect(payReturn({ payment: ID })).toEqual({ paymentId: ID, cancelled: false })
    expect(payReturn({ payment: ID.toUpperCase(), cancelled: '1' })).toEqual({
      paymentId: ID,
      cancelled: true,
    })
    expect(payReturn({ payment: [ID, 'x'], cancelled: 'true' })?.cancelled).toBe(true)
  })

  it('ignores an address without a payment, or with something that is not an id', () => {
    expect(payReturn({})).toBeUndefined()
    expect(payReturn({ cancelled: '1' })).toBeUndefined()
    expect(payReturn({ payment: 'abc' })).toBeUndefined()
    expect(payReturn({ payment: `${ID}/../x` })).toBeUndefined()
    expect(payReturn({ payment: ID, cancelled: '0' })?.cancelled).toBe(false)
  })
})

describe('checkoutReturn', () => {
  it('reads done and cancelled, nothing else', () => {
    expect(checkoutReturn({ checkout: 'done' })).toBe('done')
    expect(checkoutReturn({ checkout: 'cancelled' })).toBe('cancelled')
    expect(checkoutReturn({ checkout: 'yes' })).toBeUndefined()
    expect(checkoutReturn({})).toBeUndefined()
  })
})

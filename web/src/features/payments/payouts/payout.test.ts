import { describe, expect, it } from 'vitest'
import {
  awaitingApproval,
  checkPayout,
  defaultAmount,
  defaultCurrency,
  defaultMethod,
  groupPayouts,
  payoutMethods,
  payoutMinimum,
  requestable,
} from './payout.ts'

const waiting = [
  { status: 'requested' as const, currency: 'KES', amount_minor: 20_000 },
  { status: 'paid' as const, currency: 'KES', amount_minor: 50_000 },
  { status: 'requested' as const, currency: 'USD', amount_minor: 1_000 },
]

describe('payout minimums and methods', () => {
  it('reads the contract’s minimums: KES 100 to M-Pesa, KES 1,000 or 10.00 to a bank', () => {
    expect(payoutMinimum('mpesa', 'KES')).toBe(10_000)
    expect(payoutMinimum('bank', 'KES')).toBe(100_000)
    expect(payoutMinimum('bank', 'USD')).toBe(1_000)
    expect(payoutMinimum('mpesa', 'USD')).toBeUndefined()
  })

  it('offers M-Pesa for shillings only, first', () => {
    expect(payoutMethods('KES')).toEqual(['mpesa', 'bank'])
    expect(payoutMethods('EUR')).toEqual(['bank'])
    expect(defaultMethod('KES')).toBe('mpesa')
    expect(defaultMethod('GBP')).toBe('bank')
  })
})

describe('the amount filled in', () => {
  it('is what is available less requests still awaiting approval', () => {
    expect(awaitingApproval(waiting, 'KES')).toBe(20_000)
    expect(requestable(90_000, waiting, 'KES')).toBe(70_000)
    expect(requestable(10_000, waiting, 'KES')).toBe(0)
    expect(requestable(5_000, [], 'EUR')).toBe(5_000)
  })

  it('is whole shillings for M-Pesa, and empty when there is nothing to ask for', () => {
    expect(defaultAmount('mpesa', 'KES', 89_940)).toBe('899')
    expect(defaultAmount('bank', 'KES', 89_940)).toBe('899.4')
    expect(defaultAmount('bank', 'USD', 1_250)).toBe('12.5')
    expect(defaultAmount('mpesa', 'KES', 40)).toBe('')
    expect(defaultAmount('bank', 'KES', 0)).toBe('')
  })

  it('starts in the currency with the most to ask for', () => {
    const balances = [
      { currency: 'USD', available_minor: 3_000 },
      { currency: 'KES', available_minor: 90_000 },
    ]
    expect(defaultCurrency(balances, waiting)).toBe('KES')
    expect(defaultCurrency([{ currency: 'EUR', available_minor: 0 }], [])).toBe('EUR')
    expect(defaultCurrency([], [])).toBeUndefined()
  })
})

describe('checkPayout', () => {
  const mpesa = { method: 'mpesa' as const, currency: 'KES', requestableMinor: 90_000 }
  const bank = { method: 'bank' as const, currency: 'USD', requestableMinor: 5_000 }

  it('builds the contract’s body: a cleaned phone for M-Pesa, the account as typed for a bank', () => {
    expect(checkPayout({ ...mpesa, amountText: '900', destination: '0712 345 678' })).toEqual({
      ok: true,
      data: { method: 'mpesa', currency: 'KES', amount_minor: 90_000, destination: '0712345678' },
    })
    expect(checkPayout({ ...bank, amountText: '25.50', destination: ' KCB Moi Avenue 1234567 ' })).toEqual({
      ok: true,
      data: { method: 'bank', currency: 'USD', amount_minor: 2_550, destination: 'KCB Moi Avenue 1234567' },
    })
  })

  it('refuses what the API would: under the minimum, over what is there, cents to M-Pesa', () => {
    const problems = (input: Parameters<typeof checkPayout>[0]) => {
      const r = checkPayout(input)
      return r.ok ? {} : r.errors
    }
    expect(problems({ ...mpesa, amountText: '99', destination: '0712345678' })).toEqual({
      amount_minor: 'below_minimum',
    })
    expect(problems({ ...mpesa, amountText: '901', destination: '0712345678' })).toEqual({
      amount_minor: 'too_much',
    })
    expect(problems({ ...mpesa, amountText: '150.50', destination: '0712345678' })).toEqual({
      amount_minor: 'whole_shillings',
    })
    expect(problems({ ...mpesa, amountText: 'lots', destination: '12345' })).toEqual({
      amount_minor: 'invalid',
      destination: 'phone',
    })
    expect(problems({ ...bank, amountText: '9.99', destination: 'KCB' })).toEqual({
      amount_minor: 'below_minimum',
      destination: 'bank_short',
    })
    expect(problems({ ...bank, method: 'mpesa', amountText: '20', destination: '0712345678' })).toMatchObject(
      {
        method: 'not_offered',
      },
    )
  })
})

describe('groupPayouts', () => {
  const at = (day: number) => `2026-12-${String(day).padStart(2, '0')}T10:00:00Z`
  const p = (id: string, status: string, method: 'mpesa' | 'bank', created: number, decided?: number) => ({
    id,
    status: status as 'requested',
    method,
    created_at: at(created),
    decided_at: decided ? at(decided) : null,
  })

  it('puts requests first (oldest first), then bank payouts to pay, then the rest newest first', () => {
    const { toDecide, toPay, history } = groupPayouts([
      p('late-request', 'requested', 'mpesa', 5),
      p('paid', 'paid', 'mpesa', 1, 2),
      p('early-request', 'requested', 'bank', 3),
      p('bank-to-pay', 'approved', 'bank', 2, 4),
      p('mpesa-sending', 'approved', 'mpesa', 2, 6),
      p('rejected', 'rejected', 'bank', 1, 3),
    ])
    expect(toDecide.map((x) => x.id)).toEqual(['early-request', 'late-request'])
    expect(toPay.map((x) => x.id)).toEqual(['bank-to-pay'])
    expect(history.map((x) => x.id)).toEqual(['mpesa-sending', 'rejected', 'paid'])
  })
})

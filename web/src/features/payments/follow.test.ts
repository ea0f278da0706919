import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Payment } from '../../../../edge/contract/payments.ts'
import { followPayment } from './follow.ts'

const payment = (status: Payment['status']) => ({ id: 'p1', status }) as Payment

function fakeDoc() {
  const listeners = new Set<() => void>()
  return {
    hidden: false,
    addEventListener: (_: string, fn: () => void) => void listeners.add(fn),
    removeEventListener: (_: string, fn: () => void) => void listeners.delete(fn),
    set(hidden: boolean) {
      this.hidden = hidden
      for (const fn of listeners) fn()
    },
    listeners,
  }
}

describe('followPayment', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('asks every 2 s and stops once the payment is no longer pending', async () => {
    const answers = [payment('pending'), payment('succeeded')]
    const load = vi.fn(async () => answers.shift() ?? payment('succeeded'))
    const seen: string[] = []
    const doc = fakeDoc()
    followPayment({ load, onPayment: (p) => seen.push(p.status), doc: doc as never })
    await vi.advanceTimersByTimeAsync(1999)
    expect(load).toHaveBeenCalledTimes(0)
    await vi.advanceTimersByTimeAsync(1)
    expect(seen).toEqual(['pending'])
    await vi.advanceTimersByTimeAsync(2000)
    expect(seen).toEqual(['pending', 'succeeded'])
    await vi.advanceTimersByTimeAsync(10_000)
    expect(load).toHaveBeenCalledTimes(2)
    expect(doc.listeners.size).toBe(0)
  })

  it('pauses while the page is hidden and asks at once when it is shown again', async () => {
    const load = vi.fn(async () => payment('pending'))
    const paused: boolean[] = []
    const doc = fakeDoc()
    const stop = followPayment({
      load,
      onPayment: () => {},
      onPaused: (p) => paused.push(p),
      doc: doc as never,
    })
    doc.set(true)
    await vi.advanceTimersByTimeAsync(10_000)
    expect(load).toHaveBeenCalledTimes(0)
    doc.set(false)
    await vi.advanceTimersByTimeAsync(0)
    expect(load).toHaveBeenCalledTimes(1)
    expect(paused).toEqual([true, false])
    stop()
    await vi.advanceTimersByTimeAsync(10_000)
    expect(load).toHaveBeenCalledTimes(1)
  })

  it('keeps asking after a failed ask', async () => {
    const load = vi.fn().mockRejectedValueOnce(new Error('offline')).mockResolvedValue(payment('failed'))
    const errors: unknown[] = []
    const seen: string[] = []
    followPayment({
      load,
      onPayment: (p) => seen.push(p.status),
      onError: (e) => errors.push(e),
      doc: fakeDoc() as never,
    })
    await vi.advanceTimersByTimeAsync(4000)
    expect(errors).toHaveLength(1)
    expect(seen).toEqual(['failed'])
  })
})

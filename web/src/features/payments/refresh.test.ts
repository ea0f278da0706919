import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { refreshLater } from './refresh.ts'

describe('refreshLater', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('refreshes after 3 s and again after 8 s', () => {
    const refresh = vi.fn()
    refreshLater(refresh)
    vi.advanceTimersByTime(2999)
    expect(refresh).toHaveBeenCalledTimes(0)
    vi.advanceTimersByTime(1)
    expect(refresh).toHaveBeenCalledTimes(1)
    vi.advanceTimersByTime(5000)
    expect(refresh).toHaveBeenCalledTimes(2)
  })

  it('stops the refreshes still to come', () => {
    const refresh = vi.fn()
    const stop = refreshLater(refresh, [100, 200])
    vi.advanceTimersByTime(150)
    stop()
    vi.advanceTimersByTime(1000)
    expect(refresh).toHaveBeenCalledTimes(1)
  })
})

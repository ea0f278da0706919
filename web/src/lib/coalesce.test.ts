import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { coalesce } from './coalesce.ts'

describe('coalesce', () => {
  beforeEach(() => {
    vi.useFakeTimers()
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('folds the triggers of one window into one call', () => {
    const run = vi.fn()
    const c = coalesce(run, 500)
    c.trigger()
    vi.advanceTimersByTime(200)
    c.trigger()
    c.trigger()
    expect(run).not.toHaveBeenCalled()
    vi.advanceTimersByTime(300)
    expect(run).toHaveBeenCalledTimes(1)
  })

  it('opens a new window for a trigger after the call', () => {
    const run = vi.fn()
    const c = coalesce(run, 500)
    c.trigger()
    vi.advanceTimersByTime(500)
    c.trigger()
    vi.advanceTimersByTime(500)
    expect(run).toHaveBeenCalledTimes(2)
  })

  it('drops a pending call when cancelled', () => {
    const run = vi.fn()
    const c = coalesce(run, 500)
    c.trigger()
    c.cancel()
    vi.advanceTimersByTime(1000)
    expect(run).not.toHaveBeenCalled()
  })
})

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { pollUntil } from './poll.ts'

describe('pollUntil', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('asks at once, then every 2 s, until the answer is the one waited for', async () => {
    const answers = ['free', 'free', 'standard']
    const load = vi.fn(async () => answers.shift() ?? 'standard')
    const onDone = vi.fn()
    const onTimeout = vi.fn()
    pollUntil({ load, done: (plan) => plan !== 'free', onDone, onTimeout })
    await vi.advanceTimersByTimeAsync(0)
    expect(load).toHaveBeenCalledTimes(1)
    await vi.advanceTimersByTimeAsync(4000)
    expect(onDone).toHaveBeenCalledWith('standard')
    await vi.advanceTimersByTimeAsync(10_000)
    expect(load).toHaveBeenCalledTimes(3)
    expect(onTimeout).not.toHaveBeenCalled()
  })

  it('gives up after about 30 s, and keeps asking after a failed ask until then', async () => {
    const load = vi.fn().mockRejectedValueOnce(new Error('offline')).mockResolvedValue('free')
    const onTimeout = vi.fn()
    pollUntil({ load, done: (plan) => plan !== 'free', onDone: vi.fn(), onTimeout })
    await vi.advanceTimersByTimeAsync(29_000)
    expect(onTimeout).not.toHaveBeenCalled()
    await vi.advanceTimersByTimeAsync(2_000)
    expect(onTimeout).toHaveBeenCalledTimes(1)
    expect(load.mock.calls.length).toBeGreaterThanOrEqual(15)
    const asked = load.mock.calls.length
    await vi.advanceTimersByTimeAsync(10_000)
    expect(load).toHaveBeenCalledTimes(asked)
  })

  it('stops when told', async () => {
    const load = vi.fn(async () => 'free')
    const stop = pollUntil({ load, done: () => false, onDone: vi.fn(), onTimeout: vi.fn() })
    await vi.advanceTimersByTimeAsync(0)
    stop()
    await vi.advanceTimersByTimeAsync(10_000)
    expect(load).toHaveBeenCalledTimes(1)
  })
})

import { describe, expect, it } from 'vitest'
import { createLoadPlan } from './notification-loads.ts'

/** A plan with a hand-driven clock; `loads` counts the requests it would send. */
function setup(wait = 4000) {
  let now = 0
  const timers = new Map<number, { at: number; run: () => void }>()
  let next = 1
  const counter = { loads: 0 }
  const plan = createLoadPlan({
    load: () => void counter.loads++,
    wait,
    setTimer: (run, ms) => {
      const id = next++
      timers.set(id, { at: now + ms, run })
      return id
    },
    clearTimer: (id) => void timers.delete(id as number),
  })
  const advance = (ms: number) => {
    now += ms
    for (const [id, t] of [...timers]) {
      if (t.at > now) continue
      timers.delete(id)
      t.run()
    }
  }
  return { plan, counter, advance, pending: () => timers.size }
}

describe('the bell’s load plan', () => {
  it('sends one request per page load: the catch-up after the topic is confirmed', () => {
    const { plan, counter, advance, pending } = setup()
    plan.start()
    advance(1500)
    expect(counter.loads).toBe(0)
    plan.subscribed()
    expect(counter.loads).toBe(1)
    expect(pending()).toBe(0)
    advance(60_000)
    expect(counter.loads).toBe(1)
  })

  it('catches up after every reconnect', () => {
    const { plan, counter } = setup()
    plan.start()
    plan.subscribed()
    plan.liveDown() // the socket dropped: nothing to load until it is back
    expect(counter.loads).toBe(1)
    plan.subscribed()
    expect(counter.loads).toBe(2)
  })

  it('loads at once when the live channel cannot deliver, and once only', () => {
    const { plan, counter, advance } = setup()
    plan.start()
    plan.liveDown() // refused, or the first connection failed
    expect(counter.loads).toBe(1)
    plan.liveDown()
    advance(10_000)
    expect(counter.loads).toBe(1)
  })

  it('does not leave the bell empty when the topic is slow to confirm', () => {
    const { plan, counter, advance } = setup(4000)
    plan.start()
    advance(3999)
    expect(counter.loads).toBe(0)
    advance(1)
    expect(counter.loads).toBe(1)
    // A late confirmation still catches up on what happened in between.
    plan.subscribed()
    expect(counter.loads).toBe(2)
  })

  it('starts over for another person and forgets the wait when stopped', () => {
    const { plan, counter, advance, pending } = setup()
    plan.start()
    plan.start()
    expect(pending()).toBe(1)
    plan.stop()
    advance(10_000)
    plan.liveDown()
    expect(counter.loads).toBe(0)
  })
})

import { describe, expect, it } from 'vitest'
import { ApiError } from './errors.ts'
import { createRateLimiter } from './rate-limit.ts'

describe('createRateLimiter', () => {
  it('allows the limit per window, then answers 429 with the seconds left', () => {
    let t = 0
    const limiter = createRateLimiter({ limit: 2, windowMs: 10_000, now: () => t })
    limiter.hit('ip:1')
    limiter.hit('ip:1')
    t = 4_000
    let error: unknown
    try {
      limiter.hit('ip:1')
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(ApiError)
    expect((error as ApiError).status).toBe(429)
    expect((error as ApiError).headers).toEqual({ 'Retry-After': '6' })
  })

  it('counts keys separately and starts a new window when the old one passes', () => {
    let t = 0
    const limiter = createRateLimiter({ limit: 1, windowMs: 1_000, now: () => t })
    limiter.hit('a')
    limiter.hit('b')
    expect(() => limiter.hit('a')).toThrow(ApiError)
    t = 1_000
    expect(() => limiter.hit('a')).not.toThrow()
  })

  it('takes a hit back with the undo it returned, only within the window it counted in', () => {
    let t = 0
    const limiter = createRateLimiter({ limit: 1, windowMs: 1_000, now: () => t })
    const undo = limiter.hit('a')
    undo()
    undo() // a second undo changes nothing
    const stale = limiter.hit('a')
    expect(() => limiter.hit('a')).toThrow(ApiError)
    t = 1_000
    limiter.hit('a') // a new window, now used up
    stale() // belongs to the old window: must not free the new one
    expect(() => limiter.hit('a')).toThrow(ApiError)
  })

  it('check refuses a used-up key like hit, without counting', () => {
    let t = 0
    const limiter = createRateLimiter({ limit: 2, windowMs: 10_000, now: () => t })
    limiter.check('a')
    limiter.check('a')
    limiter.check('a')
    limiter.hit('a')
    limiter.check('a')
    limiter.hit('a')
    let error: unknown
    try {
      limiter.check('a')
    } catch (e) {
      error = e
    }
    expect((error as ApiError).status).toBe(429)
    t = 7_500
    expect(() => limiter.check('a')).toThrow(ApiError)
    t = 10_000
    expect(() => limiter.check('a')).not.toThrow()
  })
})

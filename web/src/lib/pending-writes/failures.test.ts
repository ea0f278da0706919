import { describe, expect, it } from 'vitest'
import { failureKind, reasonOf, statusOf } from './failures.ts'

describe('failureKind', () => {
  it('tries again without an answer, after timeouts, rate limits and server errors; stops at other refusals', () => {
    expect([undefined, 0].map(failureKind)).toEqual(['offline', 'offline'])
    expect([408, 429].map(failureKind)).toEqual(['later', 'later'])
    expect([500, 502, 503].map(failureKind)).toEqual(['server', 'server', 'server'])
    expect([400, 401, 403, 404, 409, 413, 422].map(failureKind)).toEqual(Array(7).fill('refused'))
  })
})

describe('statusOf and reasonOf', () => {
  it("reads the API client's errors and anything else thrown", () => {
    const refused = Object.assign(new Error('This ticket is closed; open a new one.'), {
      status: 409,
      code: 'ticket_closed',
    })
    expect(statusOf(refused)).toBe(409)
    expect(reasonOf(refused, 409)).toEqual({
      status: 409,
      code: 'ticket_closed',
      message: 'This ticket is closed; open a new one.',
    })
    expect(statusOf(new TypeError('Failed to fetch'))).toBeUndefined()
    expect(reasonOf('odd', undefined)).toEqual({ status: 0, code: 'error', message: '' })
  })
})

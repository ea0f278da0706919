import { describe, expect, it } from 'vitest'
import { API_ERROR_CODES, AUTH_ERROR_CODES, ISSUE_CODES } from '../../../edge/contract/error-codes.ts'
import { messages } from './messages.ts'

// Every code the edge can send (the list edge/lib/errors.ts types its errors with, and the
// database hints test/integration/error-codes.test.ts checks) has its words in both languages.

describe('the error catalogue', () => {
  for (const code of [...API_ERROR_CODES, ...AUTH_ERROR_CODES]) {
    it(`translates ${code}`, () => {
      expect(messages.en).toHaveProperty(`code.${code}`)
      expect(messages.sw).toHaveProperty(`code.${code}`)
    })
  }

  it('has a message for every zod issue code', () => {
    for (const code of ISSUE_CODES) expect(messages.sw).toHaveProperty(`issue.${code}`)
  })

  it('has no message for a code nobody sends', () => {
    const sent = new Set<string>([...API_ERROR_CODES, ...AUTH_ERROR_CODES])
    const extra = Object.keys(messages.en)
      .filter((key) => key.startsWith('code.'))
      .map((key) => key.slice('code.'.length))
      .filter((code) => !sent.has(code))
    expect(extra).toEqual([])
  })
})

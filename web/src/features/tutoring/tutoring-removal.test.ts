import { describe, expect, it } from 'vitest'
import { ApiError } from '../../api/errors.ts'
import { removalFrom } from './tutoring-removal.ts'

const refusal = (code: string, details?: unknown) =>
  new ApiError({ status: 403, code, message: 'refused', details, fromServer: true })

describe('removalFrom', () => {
  it('reads the tutor’s reason from a `removed` refusal', () => {
    expect(removalFrom(refusal('removed', { reason: ' Wrong group ' }))).toEqual({ reason: 'Wrong group' })
  })

  it('has an empty reason when the tutor gave none', () => {
    expect(removalFrom(refusal('removed', { reason: '' }))).toEqual({ reason: '' })
    expect(removalFrom(refusal('removed'))).toEqual({ reason: '' })
  })

  it('is undefined for any other failure', () => {
    expect(removalFrom(refusal('not_booked'))).toBeUndefined()
    expect(removalFrom(new Error('offline'))).toBeUndefined()
  })
})

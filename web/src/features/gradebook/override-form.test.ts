import { describe, expect, it } from 'vitest'
import { checkOverride, parsePercent, percentDefault } from './override-form.ts'

const words = {
  percentInvalid: 'invalid',
  percentRange: 'range',
  reasonRequired: 'why',
  reasonLong: 'long',
}
const values = { userId: 'u1', item: 'total', percent: '85', reason: ' Appeal upheld ', remove: false }

describe('parsePercent', () => {
  it('reads percentages as people type them, keeping two decimals', () => {
    expect(parsePercent('85')).toBe(85)
    expect(parsePercent(' 72.5 ')).toBe(72.5)
    expect(parsePercent('72,5')).toBe(72.5)
    expect(parsePercent('85 %')).toBe(85)
    expect(parsePercent('66.666')).toBe(66.67)
    expect(parsePercent('.5')).toBe(0.5)
  })

  it('refuses what is not a percentage', () => {
    for (const text of ['', 'abc', '-5', '1e2', '8 5', '85%%']) expect(parsePercent(text)).toBeUndefined()
  })
})

describe('checkOverride', () => {
  it('sends the percentage and the trimmed reason', () => {
    expect(checkOverride(values, words)).toEqual({
      ok: true,
      data: { user_id: 'u1', item: 'total', percent: 85, reason: 'Appeal upheld' },
    })
  })

  it('removes with percent null, still saying why', () => {
    expect(checkOverride({ ...values, percent: 'junk', remove: true }, words)).toEqual({
      ok: true,
      data: { user_id: 'u1', item: 'total', percent: null, reason: 'Appeal upheld' },
    })
    expect(checkOverride({ ...values, reason: '  ', remove: true }, words)).toEqual({
      ok: false,
      errors: { reason: 'why' },
    })
  })

  it('names each field that is wrong', () => {
    expect(checkOverride({ ...values, percent: '101', reason: '' }, words)).toEqual({
      ok: false,
      errors: { percent: 'range', reason: 'why' },
    })
    expect(checkOverride({ ...values, percent: 'x', reason: 'r'.repeat(501) }, words)).toEqual({
      ok: false,
      errors: { percent: 'invalid', reason: 'long' },
    })
  })

  it('fills the field from the override in place', () => {
    expect(percentDefault(72.5)).toBe('72.5')
    expect(percentDefault(null)).toBe('')
  })
})

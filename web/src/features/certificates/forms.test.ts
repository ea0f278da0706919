import { describe, expect, it } from 'vitest'
import { checkReason, checkRules } from './forms.ts'

describe('the completion rules form', () => {
  const form = { pass_percent: ' 80 ', require_all_lessons: false, issue_certificates: true }

  it('sends the pass mark as a whole number with the two switches', () => {
    expect(checkRules(form, 'bad')).toEqual({
      ok: true,
      data: { pass_percent: 80, require_all_lessons: false, issue_certificates: true },
    })
    expect(checkRules({ ...form, pass_percent: '0' }, 'bad')).toMatchObject({
      ok: true,
      data: { pass_percent: 0 },
    })
  })

  it('refuses a pass mark that is empty, not whole, or outside 0–100', () => {
    for (const typed of ['', '101', '-1', '50.5', 'abc']) {
      expect(checkRules({ ...form, pass_percent: typed }, 'bad'), typed).toEqual({
        ok: false,
        errors: { pass_percent: 'bad' },
      })
    }
  })
})

describe('the revoke form', () => {
  const say = { required: 'required', long: 'long' }
  it('needs a reason of at most 500 characters, trimmed', () => {
    expect(checkReason('  Copied work ', say)).toEqual({ ok: true, data: { reason: 'Copied work' } })
    expect(checkReason('   ', say)).toEqual({ ok: false, errors: { reason: 'required' } })
    expect(checkReason('x'.repeat(501), say)).toEqual({ ok: false, errors: { reason: 'long' } })
  })
})

import { describe, expect, it } from 'vitest'
import { CreateInvitationBody, CreateTenantBody } from '../../../edge/contract/tenancy.ts'
import { checked, issuesToFieldErrors, validate } from './forms.ts'

describe('validate', () => {
  it('returns the parsed value', () => {
    const r = validate(CreateInvitationBody, { email: ' Grace@Example.org ', role: 'instructor' })
    expect(r).toEqual({ ok: true, data: { email: 'grace@example.org', role: 'instructor' } })
  })

  it('returns one message per field', () => {
    const r = validate(CreateTenantBody, { name: 'A', slug: '-bad-' })
    expect(r.ok).toBe(false)
    if (!r.ok) {
      expect(Object.keys(r.errors).sort()).toEqual(['name', 'slug'])
      expect(r.errors.name).toMatch(/at least 2/)
    }
  })
})

describe('issuesToFieldErrors', () => {
  it('keeps the first message per path and names body-level issues', () => {
    expect(
      issuesToFieldErrors([
        { path: 'email', message: 'first' },
        { path: 'email', message: 'second' },
        { path: ['profile', 0, 'name'], message: 'nested' },
        { path: '', message: 'whole form' },
      ]),
    ).toEqual({ email: 'first', 'profile.0.name': 'nested', '(body)': 'whole form' })
  })
})

describe('checked', () => {
  it('passes the values on only when no error was found', () => {
    expect(checked({}, { email: 'a@b.org' })).toEqual({ ok: true, data: { email: 'a@b.org' } })
    expect(checked({ email: 'Enter your email address.' }, { email: '' })).toEqual({
      ok: false,
      errors: { email: 'Enter your email address.' },
    })
  })
})

import { checkPassword } from '../contract/password.ts'
import { authError } from './errors.ts'

export { hashPassword, verifyPassword } from '../lib/passwords.ts'

/** GoTrue's reason names: `length` (too short or too long) and `characters` (missing a kind). */
const REASON = { length: 'length', max: 'length', letter: 'characters', digit: 'characters' } as const

/** Throws 422 weak_password with GoTrue's `weak_password.reasons` when the password breaks the policy. */
export function assertStrongPassword(password: string): void {
  const failed = checkPassword(password).filter((rule) => !rule.ok)
  if (failed.length === 0) return
  const reasons = [...new Set(failed.map((rule) => REASON[rule.id]))]
  const needs = failed.map((rule) => rule.label.toLowerCase()).join(', ')
  throw authError(422, 'weak_password', `Password is too weak. It needs: ${needs}.`, { reasons })
}

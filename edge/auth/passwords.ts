import { bcrypt, bcryptVerify } from 'hash-wasm'
import { checkPassword } from '../contract/password.ts'
import { authError } from './errors.ts'

const COST = 10
const BCRYPT_HASH = /^\$2[abxy]\$\d{2}\$[./A-Za-z0-9]{53}$/

/** A bcrypt hash ($2a$, cost 10), the format GoTrue and pgcrypto's crypt() use in auth.users. */
export function hashPassword(password: string): Promise<string> {
  return bcrypt({
    password,
    salt: crypto.getRandomValues(new Uint8Array(16)),
    costFactor: COST,
    outputType: 'encoded',
  })
}

let dummy: Promise<string> | undefined
/** A hash of a random password, compared against when there is no real one so timing reveals nothing. */
const dummyHash = () => {
  dummy ??= hashPassword(crypto.randomUUID())
  return dummy
}

/**
 * True when `password` matches `hash`. Always spends one bcrypt comparison, also when the user does
 * not exist or has no password, so response time does not tell whether an email is registered.
 */
export async function verifyPassword(password: string, hash: string | null | undefined): Promise<boolean> {
  const usable = !!hash && BCRYPT_HASH.test(hash)
  const bytes = new TextEncoder().encode(password).length
  const tryable = bytes >= 1 && bytes <= 72
  const ok = await bcryptVerify({
    password: tryable ? password : 'x',
    hash: usable ? (hash as string) : await dummyHash(),
  })
  return ok && usable && tryable
}

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

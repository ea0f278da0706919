import { bcrypt, bcryptVerify } from 'hash-wasm'

// Passwords as auth.users keeps them (GoTrue's format): local auth signs in with them, the API
// hashes pupils' first passwords and checks a re-entered password before an irreversible step.

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

import type { Sql, Tx } from '../../lib/db.ts'
import { ApiError } from '../../lib/errors.ts'
import { actingFor, type Claims, TokenError } from '../../lib/jwt.ts'
import { verifyPassword } from '../../lib/passwords.ts'
import { createRateLimiter } from '../../lib/rate-limit.ts'

// Steps that cannot be undone (deleting an account, giving a school away) are confirmed by the
// account's password, compared as local auth compares it (edge/lib/passwords.ts), and run
// by private functions that `authenticated` cannot call: a stolen access token alone is not enough.

/** Wrong passwords per account per 15 minutes before 429: guessing through these routes is slow. */
export const WRONG_PASSWORDS_PER_15_MIN = 5
const wrongPasswords = createRateLimiter({ limit: WRONG_PASSWORDS_PER_15_MIN, windowMs: 15 * 60_000 })

const wrongPassword = () =>
  new ApiError(422, 'wrong_password', 'That is not your password.', {
    issues: [{ path: 'password', message: 'That is not your password.', code: 'wrong_password' }],
  })

/** Throws 422 wrong_password (429 after too many) unless `password` is the account's password. */
export async function checkPassword(sql: Sql, userId: string, password: string): Promise<void> {
  const undo = wrongPasswords.hit(userId)
  const [row] = await sql<{ hash: string | null }[]>`
    select encrypted_password as hash from auth.users where id = ${userId} and deleted_at is null`
  if (!(await verifyPassword(password, row?.hash))) throw wrongPassword()
  undo()
}

/**
 * Runs `fn` in one transaction on the privileged connection with the caller's claims set, so the
 * private functions see auth.uid() and the audit log names the caller (and records their address).
 * The caller's session must still be live, as withUser requires, and their own: support acting
 * for someone (edge/auth/impersonate.ts) never deletes an account or gives a school away.
 */
export async function asConfirmedUser<T>(
  sql: Sql,
  claims: Claims,
  ip: string,
  fn: (tx: Tx) => Promise<T>,
): Promise<T> {
  if (actingFor(claims))
    throw new ApiError(403, 'impersonation_forbidden', 'Not while acting as someone for support.')
  return (await sql.begin(async (tx) => {
    const [ctx] = await tx<{ live: boolean }[]>`
      select set_config('request.jwt.claims', ${JSON.stringify(claims)}, true),
        set_config('request.ip', ${ip}, true),
        private.session_is_live(${claims.session_id}::uuid) as live`
    if (!ctx.live) throw new TokenError('session has ended')
    return fn(tx)
  })) as T
}

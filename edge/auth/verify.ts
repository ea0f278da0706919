// Turning an email link or code into a session: shared by GET /verify (links) and POST /verify (verifyOtp).
import type { Sql } from '../lib/db.ts'
import { confirmEmail, recordSignIn } from './accounts.ts'
import type { AuthDeps } from './context.ts'
import { confirmEmailChange } from './email-change.ts'
import { authError, otpExpired } from './errors.ts'
import { consumeOneTimeToken, type Proof, type VerifyType } from './one-time-tokens.ts'
import { type AuthMethod, type ClientInfo, type SessionJson, startSession } from './sessions.ts'
import { type Db, findUserById, isBanned, type UserRow } from './users.ts'

export type AnyVerifyType = VerifyType | 'email_change'

const METHOD: Record<AnyVerifyType, AuthMethod> = {
  signup: 'email/signup',
  invite: 'invite',
  magiclink: 'magiclink',
  recovery: 'recovery',
  email: 'otp',
  email_change: 'email_change',
}

/**
 * Uses the link or code and starts a session; 403 otp_expired when it matches nothing live. Null (no
 * session) for the first of the two links of an email change: the other one is still to be opened.
 */
export async function verifyAndSignIn(
  sql: Sql,
  deps: AuthDeps,
  proof: Proof,
  type: AnyVerifyType,
  client: ClientInfo,
): Promise<SessionJson | null> {
  return sql.begin(async (tx) => {
    let userId: string
    let signIn = true
    if (type === 'email_change') {
      // Email-change links only: their codes are not sent (see README).
      if (!('tokenHash' in proof)) throw otpExpired()
      const change = await confirmEmailChange(tx, proof.tokenHash, deps.env.AUTH_OTP_EXP)
      userId = change.userId
      signIn = change.applied
    } else {
      userId = await useToken(tx, proof, type, deps.env.AUTH_OTP_EXP)
    }
    const user = await findUserById(tx, userId)
    if (!user) throw otpExpired()
    // Thrown inside the transaction, so a banned user's link is not used up either.
    if (isBanned(user)) throw authError(403, 'user_banned', 'User is banned')
    if (!signIn) return null
    await recordSignIn(tx, user.id)
    return startSession(tx, deps.tokens, (await findUserById(tx, user.id)) as UserRow, METHOD[type], client)
  })
}

async function useToken(tx: Db, proof: Proof, type: VerifyType, ttl: number): Promise<string> {
  const used = await consumeOneTimeToken(tx, proof, type, ttl)
  if (!used) throw otpExpired()
  // Every kind proves the reader owns the inbox, so each confirms the address (as GoTrue does).
  await confirmEmail(tx, used.userId)
  return used.userId
}

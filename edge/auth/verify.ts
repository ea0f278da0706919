// Turning an email link or code into a session: shared by GET /verify (links) and POST /verify (verifyOtp).
import type { Sql } from '../lib/db.ts'
import { auditAuth, confirmEmail, recordSignIn, setEmail } from './accounts.ts'
import type { AuthDeps } from './context.ts'
import { sha256Hex } from './crypto.ts'
import { authError, emailExists, otpExpired } from './errors.ts'
import { consumeOneTimeToken, type Proof, type VerifyType } from './one-time-tokens.ts'
import { type AuthMethod, type ClientInfo, type SessionJson, startSession } from './sessions.ts'
import { type Db, findUserByEmail, findUserById, isBanned, type UserRow } from './users.ts'

export type AnyVerifyType = VerifyType | 'email_change'

const METHOD: Record<AnyVerifyType, AuthMethod> = {
  signup: 'email/signup',
  invite: 'invite',
  magiclink: 'magiclink',
  recovery: 'recovery',
  email: 'otp',
  email_change: 'email_change',
}

/** Uses the link or code and starts a session; 403 otp_expired when it matches nothing live. */
export async function verifyAndSignIn(
  sql: Sql,
  deps: AuthDeps,
  proof: Proof,
  type: AnyVerifyType,
  client: ClientInfo,
): Promise<SessionJson> {
  return sql.begin(async (tx) => {
    const userId =
      type === 'email_change'
        ? await applyEmailChange(tx, proof, deps.env.AUTH_OTP_EXP)
        : await useToken(tx, proof, type, deps.env.AUTH_OTP_EXP)
    const user = await findUserById(tx, userId)
    if (!user) throw otpExpired()
    if (isBanned(user)) throw authError(403, 'user_banned', 'User is banned')
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

/** Applies a pending email change whose link token matches; returns the user's id. */
async function applyEmailChange(tx: Db, proof: Proof, ttl: number): Promise<string> {
  if (!('tokenHash' in proof)) throw otpExpired()
  const [row] = await tx<{ id: string; email: string | null; email_change: string }[]>`
    select id, email, email_change from auth.users
    where email_change_token_new = ${await sha256Hex(proof.tokenHash)} and email_change <> ''
      and email_change_sent_at > now() - make_interval(secs => ${ttl}) and deleted_at is null
    for update`
  if (!row) throw otpExpired()
  const taken = await findUserByEmail(tx, row.email_change)
  if (taken && taken.id !== row.id) throw emailExists()
  await setEmail(tx, row.id, row.email_change)
  await confirmEmail(tx, row.id)
  await auditAuth(tx, 'auth.email_changed', row.id, row.id, { from: row.email, to: row.email_change })
  return row.id
}

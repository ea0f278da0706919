// Email links and codes. Each issue makes a random link token (the `token` / `token_hash` of the link,
// GoTrue's `hashed_token`) and a 6-digit code (`email_otp`). Only hashes are stored:
// sha256(link token) in auth.one_time_tokens, sha256(email:code) in the user's confirmation_token /
// recovery_token column. A new issue replaces the previous one; a use deletes it.
import { randomDigits, randomUrlToken, sha256Hex } from './crypto.ts'
import type { Db } from './users.ts'

/** The kinds of email link, as supabase-js names them (verifyOtp `type`, generateLink `type`). */
export type LinkType = 'signup' | 'invite' | 'magiclink' | 'recovery'
export type VerifyType = LinkType | 'email'

type TokenType = 'confirmation_token' | 'recovery_token'
/** GoTrue's mapping: sign-up and invite confirm an address; magic link and recovery sign an existing user in. */
const TOKEN_TYPE: Record<LinkType, TokenType> = {
  signup: 'confirmation_token',
  invite: 'confirmation_token',
  magiclink: 'recovery_token',
  recovery: 'recovery_token',
}
const tokenTypesFor = (type: VerifyType): TokenType[] =>
  type === 'email' ? ['confirmation_token', 'recovery_token'] : [TOKEN_TYPE[type]]

const codeHash = (email: string, code: string) => sha256Hex(`${email.toLowerCase()}:${code}`)

/** Issues a link token and code for the user, replacing any earlier one of the same kind. */
export async function issueOneTimeToken(tx: Db, user: { id: string; email: string }, type: LinkType) {
  const token = randomUrlToken()
  const otp = randomDigits(6)
  const tokenType = TOKEN_TYPE[type]
  await tx`
    insert into auth.one_time_tokens (user_id, token_type, token_hash, relates_to, created_at, updated_at)
    values (${user.id}, ${tokenType}, ${await sha256Hex(token)}, ${user.email.toLowerCase()}, localtimestamp, localtimestamp)
    on conflict (user_id, token_type) do update
      set token_hash = excluded.token_hash, relates_to = excluded.relates_to,
          created_at = excluded.created_at, updated_at = excluded.updated_at`
  const hash = await codeHash(user.email, otp)
  if (tokenType === 'recovery_token') {
    await tx`update auth.users set recovery_token = ${hash}, recovery_sent_at = now() where id = ${user.id}`
  } else if (type === 'invite') {
    await tx`update auth.users set confirmation_token = ${hash}, confirmation_sent_at = now(),
             invited_at = coalesce(invited_at, now()) where id = ${user.id}`
  } else {
    await tx`update auth.users set confirmation_token = ${hash}, confirmation_sent_at = now() where id = ${user.id}`
  }
  return { token, otp }
}

/** What a verify request proves: the link token, or the email and its code. */
export type Proof = { tokenHash: string } | { email: string; otp: string }

/**
 * Uses up the one-time token the proof matches; returns its user and kind, or undefined when no token
 * matches or it is older than `ttlSeconds`.
 */
export async function consumeOneTimeToken(tx: Db, proof: Proof, type: VerifyType, ttlSeconds: number) {
  const types = tokenTypesFor(type)
  let where: ReturnType<Db>
  if ('tokenHash' in proof) {
    where = tx`ott.token_hash = ${await sha256Hex(proof.tokenHash)}`
  } else {
    const hash = await codeHash(proof.email, proof.otp)
    where = tx`ott.user_id = (select u.id from auth.users u where lower(u.email) = lower(${proof.email})
               and u.deleted_at is null limit 1)
           and ${hash} = (select case ott.token_type when 'recovery_token' then u.recovery_token
                                  else u.confirmation_token end from auth.users u where u.id = ott.user_id)`
  }
  const [row] = await tx<{ user_id: string; token_type: TokenType; live: boolean }[]>`
    delete from auth.one_time_tokens ott
    where ${where} and ott.token_type = any(${types})
    returning ott.user_id, ott.token_type, ott.created_at > localtimestamp - make_interval(secs => ${ttlSeconds}) as live`
  if (!row) return undefined
  if (row.token_type === 'recovery_token')
    await tx`update auth.users set recovery_token = '' where id = ${row.user_id}`
  else await tx`update auth.users set confirmation_token = '' where id = ${row.user_id}`
  return row.live ? { userId: row.user_id, tokenType: row.token_type } : undefined
}

// GoTrue's secure email change. PUT /user {email} emails a link to the new address and one to the
// current address; the email changes only when both have been opened, whatever AUTH_CONFIRM_EMAIL says:
// an address nobody proved they own must never become an account's email (invitations trust it).
// Kept in GoTrue's columns of auth.users: email_change (the pending address), email_change_token_new and
// email_change_token_current (sha256 of each link token, '' once that link is used), email_change_sent_at,
// and email_change_confirm_status (0, then 1 after the first link; back to 0 when the change applies).
import { ApiError } from '../lib/errors.ts'
import { auditAuth, confirmEmail, setEmail } from './accounts.ts'
import type { AuthDeps } from './context.ts'
import { randomUrlToken, sha256Hex } from './crypto.ts'
import { emailExists, otpExpired } from './errors.ts'
import { verifyLink } from './links.ts'
import { sendEmail } from './mail.ts'
import { emailChangeEmails, emailLocale } from './templates.ts'
import { type Db, findUserByEmail, type UserRow } from './users.ts'

/** GoTrue's answer when the first of the two links is opened. */
export const SINGLE_CONFIRMATION_ACCEPTED =
  'Confirmation link accepted. Please proceed to confirm link sent to the other email'

/** Seconds before a change can be asked again (GoTrue's default SMTP max frequency): no mail bombing. */
const RESEND_AFTER_SECONDS = 60

/**
 * Records a pending change of `user`'s email to `newEmail` and emails both links, in the caller's
 * transaction. 422 email_exists when another account has the address; 429 when asked again too soon.
 */
export async function requestEmailChange(
  tx: Db,
  deps: AuthDeps,
  user: UserRow,
  newEmail: string,
  redirectTo: string,
): Promise<void> {
  if (user.email_change_sent_at) {
    const wait = Math.ceil(RESEND_AFTER_SECONDS - (Date.now() - user.email_change_sent_at.getTime()) / 1000)
    if (wait > 0) {
      throw new ApiError(
        429,
        'over_email_send_rate_limit',
        `For security purposes, you can only request this after ${wait} seconds.`,
        undefined,
        { 'Retry-After': String(wait) },
      )
    }
  }
  const taken = await findUserByEmail(tx, newEmail)
  if (taken && taken.id !== user.id) throw emailExists()

  const current = user.email ?? ''
  const nextToken = randomUrlToken()
  const currentToken = current ? randomUrlToken() : ''
  await tx`update auth.users
           set email_change = ${newEmail}, email_change_token_new = ${await sha256Hex(nextToken)},
               email_change_token_current = ${currentToken ? await sha256Hex(currentToken) : ''},
               email_change_sent_at = now(), email_change_confirm_status = 0, updated_at = now()
           where id = ${user.id}`
  const link = (token: string) => verifyLink(deps.env.SUPABASE_URL, token, 'email_change', redirectTo)
  const minutes = Math.round(deps.env.AUTH_OTP_EXP / 60)
  const [toNew, toCurrent] = emailChangeEmails(
    { from: current, to: newEmail },
    { next: link(nextToken), current: link(currentToken) },
    minutes,
    emailLocale(user.raw_user_meta_data),
  )
  await sendEmail(tx, toNew)
  if (currentToken) await sendEmail(tx, toCurrent)
  await auditAuth(tx, 'auth.email_change_requested', user.id, user.id, { from: current, to: newEmail })
}

interface PendingRow {
  id: string
  email: string | null
  email_change: string
  email_change_token_new: string
  email_change_token_current: string
  expired: boolean
}

/**
 * Uses one email-change link. Returns the user's id and whether the change applied: false while the
 * other link is still unopened. 403 otp_expired when the link matches no live change; 422 email_exists
 * when another account took the address meanwhile.
 */
export async function confirmEmailChange(
  tx: Db,
  token: string,
  ttlSeconds: number,
): Promise<{ userId: string; applied: boolean }> {
  const hash = await sha256Hex(token)
  const [row] = await tx<PendingRow[]>`
    select id, email, email_change, email_change_token_new, email_change_token_current,
           email_change_sent_at is null
             or email_change_sent_at <= now() - make_interval(secs => ${ttlSeconds}) as expired
    from auth.users
    where (email_change_token_new = ${hash} or email_change_token_current = ${hash})
      and email_change <> '' and deleted_at is null
    for update`
  if (!row || row.expired) throw otpExpired()

  const column = row.email_change_token_new === hash ? 'email_change_token_new' : 'email_change_token_current'
  const other =
    column === 'email_change_token_new' ? row.email_change_token_current : row.email_change_token_new
  if (other) {
    await tx`update auth.users set ${tx(column)} = '', email_change_confirm_status = 1, updated_at = now()
             where id = ${row.id}`
    return { userId: row.id, applied: false }
  }

  const taken = await findUserByEmail(tx, row.email_change)
  if (taken && taken.id !== row.id) throw emailExists()
  await setEmail(tx, row.id, row.email_change)
  // Both inboxes answered: the new address is confirmed (GoTrue confirms an unconfirmed user here too).
  await confirmEmail(tx, row.id)
  await auditAuth(tx, 'auth.email_changed', row.id, row.id, { from: row.email, to: row.email_change })
  return { userId: row.id, applied: true }
}

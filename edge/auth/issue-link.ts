import type { AuthDeps } from './context.ts'
import { verifyLink } from './links.ts'
import { sendEmail } from './mail.ts'
import { issueOneTimeToken, type LinkType } from './one-time-tokens.ts'
import { authEmail, emailLocale } from './templates.ts'
import type { Db } from './users.ts'

/** The parts of an email link, as the Admin API's generate_link returns them. */
export interface LinkProperties {
  action_link: string
  email_otp: string
  hashed_token: string
  verification_type: LinkType
  redirect_to: string
}

/** The language the user chose (user metadata `locale`), read at sending time so a change applies at once. */
async function recipientLocale(tx: Db, userId: string) {
  const [row] = await tx<{ meta: Record<string, unknown> | null }[]>`
    select raw_user_meta_data as meta from auth.users where id = ${userId}`
  return emailLocale(row?.meta)
}

/**
 * Issues a one-time token for the user and builds its link; with `send`, also emails it (in the same
 * transaction, so the email exists only if the token does).
 */
export async function issueLink(
  tx: Db,
  deps: AuthDeps,
  user: { id: string; email: string },
  type: LinkType,
  redirectTo: string,
  send: boolean,
): Promise<LinkProperties> {
  const { token, otp } = await issueOneTimeToken(tx, user, type)
  const actionLink = verifyLink(deps.env.SUPABASE_URL, token, type, redirectTo)
  if (send) {
    const minutes = Math.round(deps.env.AUTH_OTP_EXP / 60)
    const locale = await recipientLocale(tx, user.id)
    await sendEmail(tx, authEmail(type, user.email, actionLink, otp, minutes, locale))
  }
  return {
    action_link: actionLink,
    email_otp: otp,
    hashed_token: token,
    verification_type: type,
    redirect_to: redirectTo,
  }
}

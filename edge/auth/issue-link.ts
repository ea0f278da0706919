import type { AuthDeps } from './context.ts'
import { verifyLink } from './links.ts'
import { sendEmail } from './mail.ts'
import { issueOneTimeToken, type LinkType } from './one-time-tokens.ts'
import { authEmail } from './templates.ts'
import type { Db } from './users.ts'

/** The parts of an email link, as the Admin API's generate_link returns them. */
export interface LinkProperties {
  action_link: string
  email_otp: string
  hashed_token: string
  verification_type: LinkType
  redirect_to: string
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
    await sendEmail(tx, authEmail(type, user.email, actionLink, otp, Math.round(deps.env.AUTH_OTP_EXP / 60)))
  }
  return {
    action_link: actionLink,
    email_otp: otp,
    hashed_token: token,
    verification_type: type,
    redirect_to: redirectTo,
  }
}

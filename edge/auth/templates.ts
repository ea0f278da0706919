import type { OutgoingEmail } from './mail.ts'

type AuthEmailKind = 'signup' | 'recovery' | 'invite' | 'magiclink' | 'email_change'

const COPY: Record<AuthEmailKind, { subject: string; intro: string; action: string }> = {
  signup: {
    subject: 'Confirm your Kipindi account',
    intro: 'Welcome to Kipindi! Confirm your email address to finish creating your account.',
    action: 'Confirm your email',
  },
  recovery: {
    subject: 'Reset your Kipindi password',
    intro: 'Someone asked to reset the password of your Kipindi account. If it was you, choose a new one.',
    action: 'Reset your password',
  },
  invite: {
    subject: 'You have been invited to Kipindi',
    intro: 'You have been invited to join Kipindi. Accept the invitation to set up your account.',
    action: 'Accept the invitation',
  },
  magiclink: {
    subject: 'Your Kipindi sign-in link',
    intro: 'Use this link to sign in to Kipindi.',
    action: 'Sign in',
  },
  email_change: {
    subject: 'Confirm your new email address',
    intro: 'Confirm this address to make it the email of your Kipindi account.',
    action: 'Confirm the new address',
  },
}

/** The email for an auth link: subject, plain text with the link and (when given) the one-time code. */
export function authEmail(
  kind: AuthEmailKind,
  to: string,
  actionUrl: string,
  otp?: string,
  expiresInMinutes = 60,
): OutgoingEmail {
  const copy = COPY[kind]
  const lines = [copy.intro, '', `${copy.action}: ${actionUrl}`]
  if (otp) lines.push('', `Or enter this code: ${otp}`)
  lines.push(
    '',
    `The link works once and expires in ${expiresInMinutes} minutes. If you did not ask for this, ignore it.`,
  )
  return {
    to,
    subject: copy.subject,
    text: lines.join('\n'),
    actionUrl,
    kind: kind === 'magiclink' ? 'notification' : kind,
  }
}

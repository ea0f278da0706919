import type { OutgoingEmail } from './mail.ts'

type AuthEmailKind = 'signup' | 'recovery' | 'invite' | 'magiclink'

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
}

/** The closing lines every auth email shares: expiry, and what to do if you did not ask. */
const footer = (expiresInMinutes: number) =>
  `The link works once and expires in ${expiresInMinutes} minutes. If you did not ask for this, ignore it.`

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
  lines.push('', footer(expiresInMinutes))
  return {
    to,
    subject: copy.subject,
    text: lines.join('\n'),
    actionUrl,
    kind: kind === 'magiclink' ? 'notification' : kind,
  }
}

/**
 * The two emails of a secure email change (GoTrue's): one to the new address, one to the current one.
 * The address changes only when both links are opened, so each email says where the other went.
 */
export function emailChangeEmails(
  change: { from: string; to: string },
  links: { next: string; current: string },
  expiresInMinutes = 60,
): [OutgoingEmail, OutgoingEmail] {
  const next = [
    `Someone asked to change the email of a Kipindi account from ${change.from} to this address.`,
    `The change applies once this link and the one sent to ${change.from} are both opened.`,
    '',
    `Confirm the new address: ${links.next}`,
    '',
    footer(expiresInMinutes),
  ]
  const current = [
    `Someone asked to change the email of your Kipindi account to ${change.to}.`,
    `The change applies once this link and the one sent to ${change.to} are both opened.`,
    '',
    `Confirm the change: ${links.current}`,
    '',
    footer(expiresInMinutes),
    'If it was not you, someone may know your password: change it in your account settings.',
  ]
  return [
    {
      to: change.to,
      subject: 'Confirm your new email address',
      text: next.join('\n'),
      actionUrl: links.next,
      kind: 'email_change',
    },
    {
      to: change.from,
      subject: 'Confirm the change of your Kipindi email',
      text: current.join('\n'),
      actionUrl: links.current,
      kind: 'email_change',
    },
  ]
}

import type { OutgoingEmail } from './mail.ts'

// Auth emails in the recipient's language: the `locale` of their user metadata ('en' or 'sw', set by
// the sign-up form and the account page). Without one we cannot know which language they read, so the
// email carries both, Kiswahili first (see bilingual below). The SQL invitation email follows the
// same rule (supabase/migrations/20261205030000_email_language.sql).

/** The languages emails are written in. */
export type EmailLocale = 'en' | 'sw'

/** The recipient's language from their user metadata, or undefined when they never chose one. */
export function emailLocale(metadata: Record<string, unknown> | null | undefined): EmailLocale | undefined {
  const locale = metadata?.locale
  return locale === 'en' || locale === 'sw' ? locale : undefined
}

type AuthEmailKind = 'signup' | 'recovery' | 'invite' | 'magiclink'

interface Copy {
  subject: string
  lines: string[]
}

const AUTH_COPY: Record<
  EmailLocale,
  Record<AuthEmailKind, { subject: string; intro: string; action: string }>
> = {
  en: {
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
  },
  sw: {
    signup: {
      subject: 'Thibitisha akaunti yako ya Kipindi',
      intro: 'Karibu Kipindi! Thibitisha anwani yako ya barua pepe ili ukamilishe kufungua akaunti yako.',
      action: 'Thibitisha barua pepe yako',
    },
    recovery: {
      subject: 'Badilisha nenosiri lako la Kipindi',
      intro:
        'Mtu ameomba kubadilisha nenosiri la akaunti yako ya Kipindi. Ikiwa ni wewe, chagua nenosiri jipya.',
      action: 'Badilisha nenosiri lako',
    },
    invite: {
      subject: 'Umealikwa kujiunga na Kipindi',
      intro: 'Umealikwa kujiunga na Kipindi. Kubali mwaliko ili ufungue akaunti yako.',
      action: 'Kubali mwaliko',
    },
    magiclink: {
      subject: 'Kiungo chako cha kuingia Kipindi',
      intro: 'Tumia kiungo hiki kuingia kwenye Kipindi.',
      action: 'Ingia',
    },
  },
}

/** The closing lines every auth email shares: expiry, and what to do if you did not ask. */
const FOOTER: Record<EmailLocale, (minutes: number) => string> = {
  en: (minutes) =>
    `The link works once and expires in ${minutes} minutes. If you did not ask for this, ignore it.`,
  sw: (minutes) =>
    `Kiungo hiki kinatumika mara moja tu na muda wake unaisha baada ya dakika ${minutes}. Ikiwa hukuomba hili, puuza barua pepe hii.`,
}

const CODE_LINE: Record<EmailLocale, (otp: string) => string> = {
  en: (otp) => `Or enter this code: ${otp}`,
  sw: (otp) => `Au weka msimbo huu: ${otp}`,
}

/**
 * One email in one language, or, when the language is unknown, both: Kiswahili first (the national
 * language, and the one a reader we know nothing about is least likely to be left without), with a
 * first line pointing English readers to their half. Subjects carry both, Kiswahili first.
 */
function written(locale: EmailLocale | undefined, copy: (locale: EmailLocale) => Copy): Copy {
  if (locale) return copy(locale)
  const sw = copy('sw')
  const en = copy('en')
  return {
    subject: `${sw.subject} / ${en.subject}`,
    lines: ['(English below)', '', ...sw.lines, '', '—', '', ...en.lines],
  }
}

function authCopy(kind: AuthEmailKind, actionUrl: string, otp: string | undefined, minutes: number) {
  return (locale: EmailLocale): Copy => {
    const copy = AUTH_COPY[locale][kind]
    const lines = [copy.intro, '', `${copy.action}: ${actionUrl}`]
    if (otp) lines.push('', CODE_LINE[locale](otp))
    lines.push('', FOOTER[locale](minutes))
    return { subject: copy.subject, lines }
  }
}

/** The email for an auth link: subject, plain text with the link and (when given) the one-time code. */
export function authEmail(
  kind: AuthEmailKind,
  to: string,
  actionUrl: string,
  otp?: string,
  expiresInMinutes = 60,
  locale?: EmailLocale,
): OutgoingEmail {
  const { subject, lines } = written(locale, authCopy(kind, actionUrl, otp, expiresInMinutes))
  return {
    to,
    subject,
    text: lines.join('\n'),
    actionUrl,
    kind: kind === 'magiclink' ? 'notification' : kind,
  }
}

const CHANGE_COPY = {
  en: {
    nextSubject: 'Confirm your new email address',
    currentSubject: 'Confirm the change of your Kipindi email',
    nextAsked: (from: string) =>
      `Someone asked to change the email of a Kipindi account from ${from} to this address.`,
    currentAsked: (to: string) => `Someone asked to change the email of your Kipindi account to ${to}.`,
    both: (other: string) =>
      `The change applies once this link and the one sent to ${other} are both opened.`,
    confirmNext: 'Confirm the new address',
    confirmCurrent: 'Confirm the change',
    notYou: 'If it was not you, someone may know your password: change it in your account settings.',
  },
  sw: {
    nextSubject: 'Thibitisha anwani yako mpya ya barua pepe',
    currentSubject: 'Thibitisha kubadilishwa kwa barua pepe yako ya Kipindi',
    nextAsked: (from: string) =>
      `Mtu ameomba kubadilisha barua pepe ya akaunti ya Kipindi kutoka ${from} kuwa anwani hii.`,
    currentAsked: (to: string) => `Mtu ameomba kubadilisha barua pepe ya akaunti yako ya Kipindi kuwa ${to}.`,
    both: (other: string) =>
      `Mabadiliko yatatekelezwa baada ya kiungo hiki na kile kilichotumwa kwa ${other} kufunguliwa vyote viwili.`,
    confirmNext: 'Thibitisha anwani mpya',
    confirmCurrent: 'Thibitisha mabadiliko',
    notYou:
      'Ikiwa si wewe, huenda mtu mwingine anajua nenosiri lako: libadilishe kwenye mipangilio ya akaunti yako.',
  },
} satisfies Record<EmailLocale, unknown>

/**
 * The two emails of a secure email change (GoTrue's): one to the new address, one to the current one.
 * The address changes only when both links are opened, so each email says where the other went. Both go
 * to the same person, so both are in that person's language.
 */
export function emailChangeEmails(
  change: { from: string; to: string },
  links: { next: string; current: string },
  expiresInMinutes = 60,
  locale?: EmailLocale,
): [OutgoingEmail, OutgoingEmail] {
  const next = written(locale, (l) => ({
    subject: CHANGE_COPY[l].nextSubject,
    lines: [
      CHANGE_COPY[l].nextAsked(change.from),
      CHANGE_COPY[l].both(change.from),
      '',
      `${CHANGE_COPY[l].confirmNext}: ${links.next}`,
      '',
      FOOTER[l](expiresInMinutes),
    ],
  }))
  const current = written(locale, (l) => ({
    subject: CHANGE_COPY[l].currentSubject,
    lines: [
      CHANGE_COPY[l].currentAsked(change.to),
      CHANGE_COPY[l].both(change.to),
      '',
      `${CHANGE_COPY[l].confirmCurrent}: ${links.current}`,
      '',
      FOOTER[l](expiresInMinutes),
      CHANGE_COPY[l].notYou,
    ],
  }))
  return [
    {
      to: change.to,
      subject: next.subject,
      text: next.lines.join('\n'),
      actionUrl: links.next,
      kind: 'email_change',
    },
    {
      to: change.from,
      subject: current.subject,
      text: current.lines.join('\n'),
      actionUrl: links.current,
      kind: 'email_change',
    },
  ]
}

// Text messages of local auth (phone sign-in codes): who sends them and what they say. With
// SMS_PROVIDER=africastalking they go to Africa's Talking (sms-africastalking.ts); without a provider,
// on a local stack (LOCAL_MAILBOX=true), they land in private.outbox_sms, which the local mailbox
// shows next to the emails; otherwise signing in by phone is off (phone_provider_disabled).
import { z } from 'zod'
import { e164 } from '../contract/phone-number.ts'
import { ApiError } from '../lib/errors.ts'
import { SmsSendError, sendWithAfricasTalking } from './sms-africastalking.ts'
import type { EmailLocale } from './templates.ts'
import type { Db } from './users.ts'

/** An optional variable for which `NAME=` (empty, as env files often leave it) means unset. */
const unsetIfEmpty = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (v === '' ? undefined : v), schema.optional())

/** The SMS variables of local auth (AuthEnv extends with them). */
export const SmsEnvFields = {
  /** `africastalking` sends texts through Africa's Talking; unset: the local mailbox, or phone sign-in off. */
  SMS_PROVIDER: unsetIfEmpty(z.enum(['africastalking'])),
  AFRICASTALKING_USERNAME: unsetIfEmpty(z.string()),
  AFRICASTALKING_API_KEY: unsetIfEmpty(z.string()),
  /** An approved sender id or short code; the account's default when unset. */
  AFRICASTALKING_FROM: unsetIfEmpty(z.string().max(20)),
  /** https://api.sandbox.africastalking.com for the sandbox; tests use a local fake. */
  AFRICASTALKING_BASE_URL: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.url().default('https://api.africastalking.com'),
  ),
  /** Lifetime of an SMS code in seconds (GoTrue's 60 is short for a text that may arrive late). */
  AUTH_SMS_OTP_EXP: z.coerce.number().int().min(60).max(3600).default(600),
}
const SmsEnv = z.object(SmsEnvFields)
type SmsEnv = z.infer<typeof SmsEnv> & { LOCAL_MAILBOX: boolean }

/** The configuration errors of the SMS variables (for AuthEnv's superRefine). */
export function smsEnvIssues(env: SmsEnv): { path: string; message: string }[] {
  if (env.SMS_PROVIDER !== 'africastalking') return []
  return (['AFRICASTALKING_USERNAME', 'AFRICASTALKING_API_KEY'] as const)
    .filter((k) => !env[k])
    .map((k) => ({ path: k, message: 'is required with SMS_PROVIDER=africastalking' }))
}

export interface SmsSender {
  /** Where texts go; null when they cannot be sent (phone sign-in is then off). */
  provider: 'africastalking' | 'mailbox' | null
  /** Sends `text` to `to` (E.164 digits). Call it inside the transaction that stores the code. */
  send(tx: Db, to: string, text: string): Promise<void>
}

/** GoTrue's answer when the phone provider is off. */
export const phoneProviderDisabled = () =>
  new ApiError(400, 'phone_provider_disabled', 'Unsupported phone provider')

/** The sender this configuration has. */
export function createSmsSender(env: SmsEnv): SmsSender {
  if (env.SMS_PROVIDER === 'africastalking') {
    const config = {
      username: env.AFRICASTALKING_USERNAME ?? '',
      apiKey: env.AFRICASTALKING_API_KEY ?? '',
      baseUrl: env.AFRICASTALKING_BASE_URL,
      from: env.AFRICASTALKING_FROM,
    }
    return {
      provider: 'africastalking',
      async send(_tx, to, text) {
        try {
          await sendWithAfricasTalking(config, e164(to), text)
        } catch (e) {
          if (!(e instanceof SmsSendError)) throw e
          console.error('auth: SMS not sent', e.message)
          // GoTrue's answer (422 sms_send_failed); the provider's words stay in the log.
          throw new ApiError(422, 'sms_send_failed', 'Error sending confirmation OTP to provider')
        }
      },
    }
  }
  if (env.LOCAL_MAILBOX) {
    return {
      provider: 'mailbox',
      async send(tx, to, text) {
        await tx`insert into private.outbox_sms (to_phone, body_text) values (${e164(to)}, ${text})`
      },
    }
  }
  return {
    provider: null,
    send() {
      throw phoneProviderDisabled()
    },
  }
}

/** A text in the local mailbox, shaped like its emails (subject `SMS`, kind `sms`). */
export interface MailboxSms {
  id: string
  to_email: string
  subject: string
  body_text: string
  action_url: null
  kind: 'sms'
  created_at: string
}

/** The newest texts first, all or those to one number (`+` and E.164 digits). */
export async function listSmsMailbox(sql: Db, opts: { to?: string; limit: number }): Promise<MailboxSms[]> {
  const rows = await sql<{ id: string; to_phone: string; body_text: string; created_at: Date }[]>`
    select id, to_phone, body_text, created_at from private.outbox_sms
    where ${opts.to ? sql`to_phone = ${e164(opts.to)}` : sql`true`}
    order by created_at desc, id
    limit ${opts.limit}`
  return rows.map((r) => ({
    id: r.id,
    to_email: r.to_phone,
    subject: 'SMS',
    body_text: r.body_text,
    action_url: null,
    kind: 'sms',
    created_at: r.created_at.toISOString(),
  }))
}

export type SmsKind = 'sign_in' | 'phone_change'

const SMS_COPY: Record<EmailLocale, Record<SmsKind, (code: string, minutes: number) => string>> = {
  en: {
    sign_in: (code, minutes) =>
      `Your Kipindi sign-in code is ${code}. It expires in ${minutes} minutes. Never share it.`,
    phone_change: (code, minutes) =>
      `Your Kipindi code to confirm this phone number is ${code}. It expires in ${minutes} minutes.`,
  },
  sw: {
    sign_in: (code, minutes) =>
      `Msimbo wako wa kuingia Kipindi ni ${code}. Unaisha baada ya dakika ${minutes}. Usimpe mtu yeyote.`,
    phone_change: (code, minutes) =>
      `Msimbo wako wa Kipindi wa kuthibitisha nambari hii ya simu ni ${code}. Unaisha baada ya dakika ${minutes}.`,
  },
}

/**
 * The text of a code, in the recipient's language; without one, Kiswahili then English (the rule of
 * auth emails, templates.ts), which still fits in two SMS parts.
 */
export function smsText(kind: SmsKind, code: string, minutes: number, locale?: EmailLocale): string {
  if (locale) return SMS_COPY[locale][kind](code, minutes)
  return `${SMS_COPY.sw[kind](code, minutes)}\n${SMS_COPY.en[kind](code, minutes)}`
}

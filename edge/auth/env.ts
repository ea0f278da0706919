import { z } from 'zod'
import { EdgeEnv } from '../lib/env.ts'
import { mailboxRefusal } from './mailbox.ts'
import { SmsEnvFields, smsEnvIssues } from './sms.ts'

const flag = (fallback: 'true' | 'false') =>
  z
    .enum(['true', 'false'])
    .default(fallback)
    .transform((v) => v === 'true')

const positive = (fallback: number) => z.coerce.number().int().min(1).default(fallback)

/** A private ES256 JWK as JSON (what scripts/lib/keys.ts writes): the key local auth signs with. */
const SigningJwk = z
  .string()
  .transform((text, ctx) => {
    try {
      return JSON.parse(text) as unknown
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be a private JWK in JSON' })
      return z.NEVER
    }
  })
  .pipe(
    z.looseObject({
      kty: z.literal('EC'),
      crv: z.literal('P-256'),
      x: z.string(),
      y: z.string(),
      d: z.string({ error: 'must be a private key (d is missing)' }),
      kid: z.string().min(1),
    }),
  )

/**
 * Local auth's configuration: the edge env plus its signing key, email confirmation, mailbox and limits.
 * LOCAL_MAILBOX=true is refused in a production configuration (see mailboxRefusal).
 */
export const AuthEnv = EdgeEnv.extend({
  /** `production` refuses the local mailbox. */
  NODE_ENV: z.string().optional(),
  AUTH_SIGNING_JWK: SigningJwk,
  /** When false (Supabase local's default) sign-up confirms at once and returns a session. */
  AUTH_CONFIRM_EMAIL: flag('false'),
  /**
   * Serves GET /auth/v1/mailbox, the outbox of emails with their links, to requests from this machine;
   * for local development only (the launcher sets it when HOST is loopback).
   */
  LOCAL_MAILBOX: flag('false'),
  /** Failed sign-ins, sign-ups and recovery requests per email address per window (slows password guessing on one account). */
  AUTH_RATE_LIMIT_PER_EMAIL: positive(10),
  /**
   * Refresh-token grants per IP per window. A school's tokens expire together behind one address,
   * and a refresh token cannot be guessed: the ceiling only stops a flood.
   */
  AUTH_RATE_LIMIT_REFRESH_PER_IP: positive(3000),
  AUTH_RATE_LIMIT_WINDOW_SECONDS: positive(300),
  /** Seconds a just-rotated refresh token may be replayed (answered with the active token), as GoTrue. */
  AUTH_REFRESH_REUSE_INTERVAL: z.coerce.number().int().min(0).default(10),
  /** Access token lifetime in seconds. */
  AUTH_JWT_EXP: z.coerce.number().int().min(60).max(86_400).default(3600),
  /** Lifetime of email links and codes in seconds. */
  AUTH_OTP_EXP: z.coerce.number().int().min(60).max(86_400).default(3600),
  // Limits a school behind one NAT address can live with (issue 9): 30 per IP, the old limit, locked a
  // whole class out at the start of a lesson.
  /** Password sign-ins and verifications per IP per window, successes and failures together. */
  AUTH_RATE_LIMIT_SIGNIN_PER_IP: positive(1000),
  /** Sign-ups and recovery requests per IP per window (each may send an email); a class signs up at once. */
  AUTH_RATE_LIMIT_SIGNUP_PER_IP: positive(100),
  /** Failed password sign-ins per (IP, address) per window; AUTH_RATE_LIMIT_PER_EMAIL bounds them per address. */
  AUTH_RATE_LIMIT_FAILURES_PER_IP_EMAIL: positive(5),
  /** SMS_PROVIDER, AFRICASTALKING_*, AUTH_SMS_OTP_EXP: phone sign-in codes (sms.ts). */
  ...SmsEnvFields,
}).superRefine((env, ctx) => {
  for (const { path, message } of smsEnvIssues(env)) ctx.addIssue({ code: 'custom', path: [path], message })
  const refusal = env.LOCAL_MAILBOX ? mailboxRefusal(env) : null
  if (refusal)
    ctx.addIssue({
      code: 'custom',
      path: ['LOCAL_MAILBOX'],
      message:
        `must not be true in a production configuration (${refusal}): the mailbox shows every ` +
        'email, reset and invitation links included. Leave it unset and set SMTP_HOST for the outbox sender.',
    })
})
export type AuthEnv = z.infer<typeof AuthEnv>

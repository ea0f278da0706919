import { z } from 'zod'
import { EdgeEnv } from '../lib/env.ts'

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

/** Local auth's configuration: the edge env plus its signing key, email confirmation, mailbox and limits. */
export const AuthEnv = EdgeEnv.extend({
  AUTH_SIGNING_JWK: SigningJwk,
  /** When false (Supabase local's default) sign-up confirms at once and returns a session. */
  AUTH_CONFIRM_EMAIL: flag('false'),
  /** Serves GET /auth/v1/mailbox, the outbox of emails, for local development only. */
  LOCAL_MAILBOX: flag('false'),
  /** Sign-up, password sign-in, recover and verify: requests per IP and route per window. */
  AUTH_RATE_LIMIT_PER_IP: positive(30),
  /** The same routes, per email address per window (slows password guessing on one account). */
  AUTH_RATE_LIMIT_PER_EMAIL: positive(10),
  /** Refresh-token grants per IP per window. */
  AUTH_RATE_LIMIT_REFRESH_PER_IP: positive(150),
  AUTH_RATE_LIMIT_WINDOW_SECONDS: positive(300),
  /** Seconds a just-rotated refresh token may be replayed (answered with the active token), as GoTrue. */
  AUTH_REFRESH_REUSE_INTERVAL: z.coerce.number().int().min(0).default(10),
  /** Access token lifetime in seconds. */
  AUTH_JWT_EXP: z.coerce.number().int().min(60).max(86_400).default(3600),
  /** Lifetime of email links and codes in seconds. */
  AUTH_OTP_EXP: z.coerce.number().int().min(60).max(86_400).default(3600),
})
export type AuthEnv = z.infer<typeof AuthEnv>

// The outbox sender's SMTP settings, from the environment (SMTP_*), validated once at start. None set:
// no sender (emails stay in private.outbox_emails); SMTP_HOST set: every other setting is checked.
import { z } from 'zod'
import { parseEnv } from '../../edge/lib/env.ts'

/** An optional variable for which `NAME=` (as env files often leave it) means unset. */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (v === '' ? undefined : v), schema.optional())

const flag = z.enum(['true', 'false']).transform((v) => v === 'true')

/** `kipindi@school.ac.ke` or `Kipindi <kipindi@school.ac.ke>`. */
const FROM = /^(?:[^<>@\r\n]*<[^\s<>@]+@[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+)$/

/** The SMTP_* and OUTBOX_* variables. */
export const SmtpEnv = z.object({
  /** The SMTP server (a relay or the school's mail provider); unset: no sender. */
  SMTP_HOST: optional(z.string().min(1)),
  /** Default 465 with SMTP_SECURE=true, else 587 (submission). */
  SMTP_PORT: optional(z.coerce.number().int().min(1).max(65_535)),
  /** true: TLS from the first byte (port 465). false (default): plain, upgraded with STARTTLS when offered. */
  SMTP_SECURE: optional(flag),
  /** Refuse to send unless STARTTLS succeeds. Default true when SMTP_USER is set (a password never goes out in clear). */
  SMTP_REQUIRE_TLS: optional(flag),
  SMTP_USER: optional(z.string().min(1)),
  SMTP_PASS: optional(z.string().min(1)),
  /** The sender: `address` or `Name <address>`. Required with SMTP_HOST. */
  SMTP_FROM: optional(z.string().regex(FROM, 'must be an address or "Name <address>"')),
  /** How often the sender looks for due emails (ms); 0 turns it off in this process. */
  OUTBOX_JOB_MS: z.coerce.number().int().min(0).max(3_600_000).default(10_000),
  /** Attempts per email before it is marked failed. */
  OUTBOX_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(10),
})

/** How to reach the SMTP server, and how the outbox job runs. */
export interface SmtpConfig {
  host: string
  port: number
  secure: boolean
  requireTls: boolean
  auth?: { user: string; pass: string }
  from: string
  /** The job's period in ms (0: not in this process). */
  intervalMs: number
  maxAttempts: number
}

/**
 * The SMTP settings, or null when SMTP_HOST is unset (and no other SMTP_ variable either). Throws one
 * readable error for a bad or partial setting, like parseEnv.
 */
export function smtpConfigFrom(source: Record<string, string | undefined>): SmtpConfig | null {
  const env = parseEnv(SmtpEnv, source)
  const problems: string[] = []
  if (!env.SMTP_HOST) {
    const stray = Object.keys(SmtpEnv.shape).filter(
      (k) => k.startsWith('SMTP_') && env[k as keyof typeof env] !== undefined,
    )
    if (stray.length === 0) return null
    problems.push(`SMTP_HOST: not set, but ${stray.join(', ')} is: set SMTP_HOST too, or none of them`)
  }
  if (!env.SMTP_FROM)
    problems.push('SMTP_FROM: required with SMTP_HOST (e.g. "Kipindi <kipindi@school.ac.ke>")')
  if (!env.SMTP_USER !== !env.SMTP_PASS) problems.push('SMTP_USER, SMTP_PASS: set both, or neither')
  if (problems.length) throw new Error(`Invalid environment:\n${problems.map((p) => `  ${p}`).join('\n')}`)
  const secure = env.SMTP_SECURE ?? false
  return {
    host: env.SMTP_HOST as string,
    port: env.SMTP_PORT ?? (secure ? 465 : 587),
    secure,
    requireTls: !secure && (env.SMTP_REQUIRE_TLS ?? Boolean(env.SMTP_USER)),
    auth: env.SMTP_USER ? { user: env.SMTP_USER, pass: env.SMTP_PASS as string } : undefined,
    from: env.SMTP_FROM as string,
    intervalMs: env.OUTBOX_JOB_MS,
    maxAttempts: env.OUTBOX_MAX_ATTEMPTS,
  }
}

/** One line for start-up output: where emails go (never the password). */
export function describeSmtp(c: SmtpConfig): string {
  const tls = c.secure ? 'TLS' : c.requireTls ? 'STARTTLS required' : 'STARTTLS when offered'
  return `${c.host}:${c.port} (${tls}${c.auth ? `, as ${c.auth.user}` : ''}), from ${c.from}`
}

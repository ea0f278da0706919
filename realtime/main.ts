// Standalone realtime server: `tsx realtime/main.ts`. Reads its configuration from the environment,
// logs one line when it listens, and shuts down gracefully (sockets closed with 1001) on SIGTERM/SIGINT.
import type { JSONWebKeySet } from 'jose'
import { z } from 'zod'
import { createDb } from '../edge/lib/db.ts'
import { issuerOf, parseEnv } from '../edge/lib/env.ts'
import { createVerifier } from '../edge/lib/jwt.ts'
import { createRealtimeServer } from './app.ts'
import { keepRunningOnUncaught, consoleLogger as log } from './core/log.ts'
import { exportStorageFromEnv } from './jobs/exports/storage.ts'
import { describeSmtp, smtpConfigFrom } from './jobs/smtp-config.ts'

const Port = z.coerce.number().int().min(0).max(65535)

/** The realtime server's environment, validated once at start. */
export const RealtimeEnv = z.object({
  /** REALTIME_PORT wins over PORT (hosts that assign PORT set only that). */
  REALTIME_PORT: Port.optional(),
  PORT: Port.optional(),
  REALTIME_HOST: z.string().min(1).default('127.0.0.1'),
  SUPABASE_URL: z.url(),
  SUPABASE_DB_URL: z.string().startsWith('postgres'),
  /** Public JWKS as JSON; when absent it is fetched from SUPABASE_URL/auth/v1/.well-known/jwks.json. */
  SUPABASE_JWKS: z.string().optional(),
  SUPABASE_JWT_SECRET: z.string().min(32).optional(),
  DB_POOL_MAX: z.coerce.number().int().min(1).max(100).default(4),
  DB_PREPARE: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  /** Redis for scale-out: instances serving the same lesson relay its updates and presence. */
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL')
    .optional(),
  /** This instance's name in the Yjs update log; unique per running instance (default host:pid:random). */
  INSTANCE_ID: z.string().min(1).max(100).optional(),
  /** Longest a Yjs update waits before it is written to Postgres (ms). */
  YJS_FLUSH_MS: z.coerce.number().int().min(1).max(1000).default(50),
  /** How often open Yjs sockets' access is re-checked in the database (ms). */
  YJS_ACCESS_CHECK_MS: z.coerce.number().int().min(100).max(600_000).default(3000),
  /** Set when LiveKit serves the video rooms: its webhooks, not this server, record attendance. */
  LIVEKIT_URL: z.string().optional(),
  /** How often the SLA job (`private.run_sla()`) runs here (ms); 0 turns it off (e.g. when pg_cron runs it). */
  SLA_JOB_MS: z.coerce.number().int().min(0).max(86_400_000).default(60_000),
  /** How often the reminder job (`private.run_reminders()`) runs here (ms); 0 turns it off. */
  REMINDER_JOB_MS: z.coerce.number().int().min(0).max(86_400_000).default(60_000),
  /** Report exports are made this often (0: not in this instance); they need SUPABASE_SERVICE_ROLE_KEY. */
  EXPORT_JOB_MS: z.coerce.number().int().min(0).max(86_400_000).default(2_000),
  /** The web app's public address, for links in reminder emails (default SUPABASE_URL: one origin). */
  SITE_URL: z.url().optional(),
  /** Grading jobs (OCR, AI suggestions, similarity) run at once here; 0 leaves them to other instances. */
  GRADING_CONCURRENCY: z.coerce.number().int().min(0).max(32).default(2),
  /** The grading queue's database URL (default SUPABASE_DB_URL): direct or session mode, it LISTENs. */
  GRADING_DB_URL: z.string().startsWith('postgres').optional(),
  /** The bearer token of /realtime/v1/metrics (Prometheus); absent: metrics are refused. */
  KIPINDI_METRICS_TOKEN: z.string().min(16, 'use at least 16 characters').optional(),
})

async function main() {
  const env = parseEnv(RealtimeEnv, process.env)
  // The outbox sender's SMTP_* / OUTBOX_* settings (jobs/smtp-config.ts); a partial setting stops here.
  const smtp = smtpConfigFrom(process.env)
  let jwks: JSONWebKeySet | undefined
  if (env.SUPABASE_JWKS) {
    try {
      jwks = JSON.parse(env.SUPABASE_JWKS)
    } catch {
      throw new Error('Invalid environment:\n  SUPABASE_JWKS: not valid JSON')
    }
  }
  const issuer = issuerOf(env.SUPABASE_URL)
  const verifier = createVerifier({ issuer, jwks, hsSecret: env.SUPABASE_JWT_SECRET })
  const sql = createDb(env.SUPABASE_DB_URL, { max: env.DB_POOL_MAX, prepare: env.DB_PREPARE })
  const server = await createRealtimeServer({
    port: env.REALTIME_PORT ?? env.PORT ?? 54323,
    host: env.REALTIME_HOST,
    verifier,
    sql,
    log,
    redisUrl: env.REDIS_URL,
    instanceId: env.INSTANCE_ID,
    yjs: { flushMs: env.YJS_FLUSH_MS, accessCheckMs: env.YJS_ACCESS_CHECK_MS },
    slaJobMs: env.SLA_JOB_MS,
    reminders: {
      intervalMs: env.REMINDER_JOB_MS,
      siteUrl: (env.SITE_URL ?? env.SUPABASE_URL).replace(/\/$/, ''),
    },
    outbox: smtp ? { smtp } : undefined,
    exports: { intervalMs: env.EXPORT_JOB_MS, storage: exportStorageFromEnv(process.env) },
    grading: env.GRADING_CONCURRENCY
      ? { dbUrl: env.GRADING_DB_URL ?? env.SUPABASE_DB_URL, concurrency: env.GRADING_CONCURRENCY }
      : false,
    meshAttendance: !env.LIVEKIT_URL,
    metricsToken: env.KIPINDI_METRICS_TOKEN,
  })
  // Serving from here on: no input may stop this process; what escapes every handler is logged.
  keepRunningOnUncaught(log)
  log.info(`listening on ws://${env.REALTIME_HOST}:${server.port}/realtime/v1`, {
    issuer,
    jwks: jwks ? 'SUPABASE_JWKS' : `${issuer}/.well-known/jwks.json`,
    instance: server.yjs?.instanceId,
    slaJob: env.SLA_JOB_MS ? `every ${env.SLA_JOB_MS} ms` : 'off',
    reminderJob: env.REMINDER_JOB_MS ? `every ${env.REMINDER_JOB_MS} ms` : 'off',
    gradingJobs: env.GRADING_CONCURRENCY ? `${env.GRADING_CONCURRENCY} at once` : 'off',
    exportJob: server.exports
      ? `every ${env.EXPORT_JOB_MS} ms`
      : 'off (EXPORT_JOB_MS=0 or no SUPABASE_SERVICE_ROLE_KEY)',
  })
  log.info(
    smtp
      ? `outbox sender: ${describeSmtp(smtp)}${server.outbox ? '' : ' (OUTBOX_JOB_MS=0: not in this instance)'}`
      : 'SMTP_HOST not set: emails are only stored in private.outbox_emails, nobody receives them',
  )
  if (!env.REDIS_URL)
    log.info('REDIS_URL not set: Yjs rooms and client live events (typing, signalling) stay on this instance')

  let stopping = false
  const stop = async (signal: string) => {
    if (stopping) return
    stopping = true
    log.info(`${signal}: closing ${server.connections} socket(s)`)
    await server.close()
    await sql.end({ timeout: 5 })
    process.exit(0)
  }
  process.on('SIGTERM', () => void stop('SIGTERM'))
  process.on('SIGINT', () => void stop('SIGINT'))
}

main().catch((error) => {
  log.error(error instanceof Error ? error.message : String(error))
  process.exit(1)
})

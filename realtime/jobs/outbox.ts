// The outbox sender (issue 9): drains private.outbox_emails over SMTP (SMTP_* settings, see
// smtp-config.ts). A drain claims due rows with `for update skip locked` and pushes their
// next_attempt_at past a lease in the same statement, so any number of processes may drain at
// once and none sends an email another is sending. Each row then ends sent, pending again with a
// later next_attempt_at (exponential backoff), or failed after the last attempt. A sender killed
// mid-send leaves its rows to be claimed again when the lease ends (the SMTP server may then get
// one email twice; the Message-ID, made from the row id, lets it notice).
import nodemailer from 'nodemailer'
import type { Sql } from '../../edge/lib/db.ts'
import type { Logger } from '../core/log.ts'
import type { SmtpConfig } from './smtp-config.ts'

/** What one drain did. */
export interface OutboxRun {
  sent: number
  /** Failed attempts that will be tried again. */
  retried: number
  /** Emails given up on (last attempt, or a recipient the server refuses for good). */
  failed: number
}

export interface OutboxJob {
  /** Sends everything due now, batch after batch (joins a drain in flight instead of starting one). */
  drain(): Promise<OutboxRun>
  /** Stops the timer, waits for a drain in flight and closes the SMTP connections. */
  stop(): Promise<void>
}

export interface OutboxJobOptions {
  sql: Sql
  log: Logger
  smtp: SmtpConfig
  /** Rows claimed at once. Default 20. */
  batchSize?: number
  /** Wait after a first failure; doubled after each next one. Default 30 s. */
  retryBaseMs?: number
  /** Longest wait between attempts. Default 1 hour. */
  retryMaxMs?: number
  /** How long a claimed row stays out of other senders' reach. Default 10 minutes. */
  leaseMs?: number
}

interface Claimed {
  id: string
  to_email: string
  subject: string
  body_text: string
  attempts: number
}

/** What an SMTP error tells (nodemailer sets these). */
interface SmtpError extends Error {
  code?: string
  command?: string
  responseCode?: number
}

/** The server refused the recipient for good (5xx to RCPT TO): another attempt cannot help. */
const isPermanent = (e: SmtpError) => e.command === 'RCPT TO' && (e.responseCode ?? 0) >= 500

/** Starts the sender: a drain now and every `smtp.intervalMs` (none when 0: call drain()). */
export function startOutboxJob(opts: OutboxJobOptions): OutboxJob {
  const { sql, log, smtp } = opts
  const batchSize = opts.batchSize ?? 20
  const retryBaseMs = opts.retryBaseMs ?? 30_000
  const retryMaxMs = opts.retryMaxMs ?? 3_600_000
  const leaseMs = opts.leaseMs ?? 600_000
  const fromDomain = /@([^\s<>@]+)>?$/.exec(smtp.from)?.[1] ?? 'kipindi.local'
  const transport = nodemailer.createTransport({
    pool: true,
    maxConnections: 3,
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    requireTLS: smtp.requireTls,
    auth: smtp.auth,
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 60_000,
  })
  let running: Promise<OutboxRun> | undefined
  let stopped = false

  /** Due rows, each moved a lease into the future and its attempt counted, in one statement. */
  async function claim(): Promise<Claimed[]> {
    return sql<Claimed[]>`
      with due as (
        select id from private.outbox_emails
        where status = 'pending' and next_attempt_at <= private.clock()
        order by next_attempt_at, created_at
        limit ${batchSize}
        for update skip locked
      )
      update private.outbox_emails o
      set attempts = o.attempts + 1,
          next_attempt_at = private.clock() + make_interval(secs => ${leaseMs / 1000}::float8)
      from due where o.id = due.id
      returning o.id, o.to_email, o.subject, o.body_text, o.attempts`
  }

  async function deliver(row: Claimed): Promise<keyof OutboxRun> {
    try {
      await transport.sendMail({
        from: smtp.from,
        to: row.to_email,
        subject: row.subject,
        text: row.body_text,
        messageId: `<${row.id}@${fromDomain}>`,
        headers: { 'Auto-Submitted': 'auto-generated' },
      })
      await sql`
        update private.outbox_emails set status = 'sent', sent_at = private.clock(), last_error = null
        where id = ${row.id}`
      return 'sent'
    } catch (error) {
      const e = error as SmtpError
      const reason = (e.message || String(error)).slice(0, 1000)
      if (isPermanent(e) || row.attempts >= smtp.maxAttempts) {
        await sql`
          update private.outbox_emails set status = 'failed', last_error = ${reason} where id = ${row.id}`
        log.warn('email not sent: giving up', { id: row.id, attempts: row.attempts, error: reason })
        return 'failed'
      }
      const waitMs = Math.min(retryMaxMs, retryBaseMs * 2 ** (row.attempts - 1))
      await sql`
        update private.outbox_emails
        set last_error = ${reason}, next_attempt_at = private.clock() + make_interval(secs => ${waitMs / 1000}::float8)
        where id = ${row.id}`
      log.info('email not sent: will retry', {
        id: row.id,
        attempts: row.attempts,
        inMs: waitMs,
        error: reason,
      })
      return 'retried'
    }
  }

  async function drainOnce(): Promise<OutboxRun> {
    const run: OutboxRun = { sent: 0, retried: 0, failed: 0 }
    try {
      while (!stopped) {
        const rows = await claim()
        for (const outcome of await Promise.all(rows.map(deliver))) run[outcome]++
        if (rows.length < batchSize) break
      }
    } catch (error) {
      // The database is away: claimed rows come back when their lease ends; the next tick tries again.
      log.error('outbox drain failed', { error })
    }
    if (run.sent || run.failed) log.info('outbox drained', { ...run })
    return run
  }

  function drain() {
    running ??= drainOnce().finally(() => {
      running = undefined
    })
    return running
  }

  const timer = smtp.intervalMs
    ? setInterval(() => {
        if (!stopped && !running) void drain()
      }, smtp.intervalMs)
    : undefined
  timer?.unref()
  if (smtp.intervalMs) void drain()

  return {
    drain,
    async stop() {
      stopped = true
      clearInterval(timer)
      await running
      transport.close()
    },
  }
}

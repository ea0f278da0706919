import type { AddressInfo } from 'node:net'
import { type ParsedMail, simpleParser } from 'mailparser'
import postgres from 'postgres'
import { SMTPServer } from 'smtp-server'
import { afterAll, afterEach, describe, expect, inject, it } from 'vitest'
import { testDb, unique } from '../../test/support/fixtures.ts'
import { silentLogger } from '../core/log.ts'
import { eventually } from '../live/testing.ts'
import { type OutboxJob, type OutboxJobOptions, startOutboxJob } from './outbox.ts'
import type { SmtpConfig } from './smtp-config.ts'

// The sender drains the shared test database's outbox, where other files' emails wait too. Its
// pools set `kipindi.clock` (private.clock()) to 1990 and this file queues its emails due in 1990,
// so a drain here claims only this file's emails — never anyone else's.
const CLOCK = '1990-03-01T08:00:00.000Z'
/** CLOCK plus some minutes, as an ISO string. */
const at = (minutes: number) => new Date(Date.parse(CLOCK) + minutes * 60_000).toISOString()

const sql = testDb(2)
const mine: string[] = []
const closers: (() => Promise<unknown>)[] = []
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close()
  await sql`delete from private.outbox_emails where id = any(${mine.splice(0)}::uuid[])`
})
afterAll(() => sql.end())

interface Received {
  mail: ParsedMail
  from: string
  to: string[]
}

/** A real SMTP server on 127.0.0.1 that keeps what it accepts; `rcpt` decides each recipient. */
async function startSmtp(
  opts: {
    port?: number
    auth?: { user: string; pass: string }
    rcpt?: (to: string) => { code: number; message: string } | undefined
    delayMs?: number
  } = {},
) {
  const received: Received[] = []
  let rcptCalls = 0
  const server = new SMTPServer({
    logger: false,
    disabledCommands: opts.auth ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    allowInsecureAuth: true,
    authOptional: !opts.auth,
    onAuth(auth, _session, callback) {
      if (auth.username === opts.auth?.user && auth.password === opts.auth?.pass)
        callback(null, { user: auth.username })
      else callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }))
    },
    onRcptTo(address, _session, callback) {
      rcptCalls++
      const refusal = opts.rcpt?.(address.address)
      if (refusal) callback(Object.assign(new Error(refusal.message), { responseCode: refusal.code }))
      else callback()
    },
    onData(stream, session, callback) {
      void simpleParser(stream).then(async (mail) => {
        if (opts.delayMs) await new Promise((r) => setTimeout(r, opts.delayMs))
        received.push({
          mail,
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
        })
        callback()
      }, callback)
    },
  })
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject)
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve())
  })
  const port = (server.server.address() as AddressInfo).port
  let closed: Promise<void> | undefined
  const close = () => (closed ??= new Promise<void>((resolve) => server.close(() => resolve())))
  closers.push(close)
  return { port, received, rcptCalls: () => rcptCalls, close }
}

/** A port where nothing listens (an SMTP server that is down). */
async function downPort() {
  const s = await startSmtp()
  await s.close()
  return s.port
}

const smtpAt = (port: number, extra: Partial<SmtpConfig> = {}): SmtpConfig => ({
  host: '127.0.0.1',
  port,
  secure: false,
  requireTls: false,
  from: 'Kipindi <kipindi@school.example>',
  intervalMs: 0,
  maxAttempts: 5,
  ...extra,
})

/** A sender whose database clock reads `clock`, with its own pool (as another process would have). */
function senderAt(clock: string, smtp: SmtpConfig, opts: Partial<OutboxJobOptions> = {}): OutboxJob {
  const pool = postgres(inject('dbUrl'), {
    max: 2,
    onnotice: () => {},
    connection: { 'kipindi.clock': clock },
  })
  const job = startOutboxJob({ sql: pool, log: silentLogger, smtp, ...opts })
  closers.push(
    () => pool.end(),
    () => job.stop(),
  )
  return job
}

/** Queues emails due at CLOCK minus a minute, as sendEmail would (plus the due time). */
async function queue(n: number, subject = 'Reset your Kipindi password', body = 'Reset it: http://x/r') {
  const rows: { id: string; to: string; subject: string; body: string }[] = []
  for (let i = 0; i < n; i++) {
    const to = `${unique('mail')}@outbox.kipindi.test`
    const s = n > 1 ? `${subject} #${i}` : subject
    const [{ id }] = await sql`
      insert into private.outbox_emails (to_email, subject, body_text, action_url, kind, next_attempt_at)
      values (${to}, ${s}, ${body}, 'http://x/r', 'recovery', ${at(-1)})
      returning id`
    mine.push(id)
    rows.push({ id, to, subject: s, body })
  }
  return rows
}

const rowOf = async (id: string) =>
  (
    await sql`
      select status, attempts, next_attempt_at, last_error, sent_at from private.outbox_emails where id = ${id}`
  )[0]

describe('the outbox sender', () => {
  it('delivers a due email over SMTP with its address, subject and body, and marks it sent', async () => {
    const smtp = await startSmtp({ auth: { user: 'kipindi', pass: 's3cret' } })
    const body = [
      'Someone asked to reset the password of your Kipindi account. If it was you, choose a new one.',
      '',
      'Reset your password: http://localhost:3000/auth/v1/verify?token=abc123&type=recovery&redirect_to=http%3A%2F%2Flocalhost%3A3000%2Freset-password',
      '',
      'Karibu tena — asante!',
    ].join('\n')
    const [email] = await queue(1, 'Weka upya nenosiri — Kipindi', body)
    const job = senderAt(CLOCK, smtpAt(smtp.port, { auth: { user: 'kipindi', pass: 's3cret' } }))

    expect(await job.drain()).toEqual({ sent: 1, retried: 0, failed: 0 })

    expect(smtp.received).toHaveLength(1)
    const [got] = smtp.received
    expect(got.to).toEqual([email.to])
    expect(got.from).toBe('kipindi@school.example')
    expect(got.mail.subject).toBe('Weka upya nenosiri — Kipindi')
    expect(got.mail.text?.trimEnd()).toBe(body)
    expect(got.mail.from?.value).toEqual([{ name: 'Kipindi', address: 'kipindi@school.example' }])
    expect(got.mail.messageId).toBe(`<${email.id}@school.example>`)
    expect(await rowOf(email.id)).toMatchObject({
      status: 'sent',
      attempts: 1,
      last_error: null,
      sent_at: new Date(CLOCK),
    })
    // Sent is final: a later drain sends nothing again.
    expect(
      await senderAt(at(600), smtpAt(smtp.port, { auth: { user: 'kipindi', pass: 's3cret' } })).drain(),
    ).toEqual({ sent: 0, retried: 0, failed: 0 })
    expect(smtp.received).toHaveLength(1)
  })

  it('with the SMTP server down, counts the attempt and retries later; sends once the server is back', async () => {
    const port = await downPort()
    const [email] = await queue(1)
    const first = senderAt(CLOCK, smtpAt(port))

    expect(await first.drain()).toEqual({ sent: 0, retried: 1, failed: 0 })
    const waiting = await rowOf(email.id)
    expect(waiting).toMatchObject({ status: 'pending', attempts: 1, sent_at: null })
    expect(waiting.last_error).toMatch(/ECONNREFUSED|connect/i)
    expect(waiting.next_attempt_at.toISOString()).toBe(at(0.5)) // 30 s later
    // Not due yet: an immediate drain leaves it alone.
    expect(await first.drain()).toEqual({ sent: 0, retried: 0, failed: 0 })

    // The second failure waits twice as long.
    expect(await senderAt(at(1), smtpAt(port)).drain()).toEqual({ sent: 0, retried: 1, failed: 0 })
    expect((await rowOf(email.id)).next_attempt_at.toISOString()).toBe(at(2))

    // The server comes back on the same port.
    const smtp = await startSmtp({ port })
    expect(await senderAt(at(5), smtpAt(port)).drain()).toEqual({ sent: 1, retried: 0, failed: 0 })
    expect(smtp.received.map((r) => r.to)).toEqual([[email.to]])
    expect(await rowOf(email.id)).toMatchObject({ status: 'sent', attempts: 3, last_error: null })
  })

  it('marks an email failed after the last attempt when every attempt is refused', async () => {
    const smtp = await startSmtp({ rcpt: () => ({ code: 451, message: 'Try again later' }) })
    const [email] = await queue(1)
    const config = smtpAt(smtp.port, { maxAttempts: 3 })

    expect(await senderAt(CLOCK, config).drain()).toEqual({ sent: 0, retried: 1, failed: 0 })
    expect(await senderAt(at(60), config).drain()).toEqual({ sent: 0, retried: 1, failed: 0 })
    expect(await senderAt(at(120), config).drain()).toEqual({ sent: 0, retried: 0, failed: 1 })
    const row = await rowOf(email.id)
    expect(row).toMatchObject({ status: 'failed', attempts: 3, sent_at: null })
    expect(row.last_error).toMatch(/451/)
    // Failed is final.
    expect(await senderAt(at(600), config).drain()).toEqual({ sent: 0, retried: 0, failed: 0 })
    expect(smtp.rcptCalls()).toBe(3)
    expect(smtp.received).toHaveLength(0)
  })

  it('marks an email failed at once when the server refuses its recipient for good (5xx)', async () => {
    const smtp = await startSmtp({ rcpt: () => ({ code: 550, message: 'No such user here' }) })
    const [email] = await queue(1)
    expect(await senderAt(CLOCK, smtpAt(smtp.port)).drain()).toEqual({ sent: 0, retried: 0, failed: 1 })
    const row = await rowOf(email.id)
    expect(row).toMatchObject({ status: 'failed', attempts: 1 })
    expect(row.last_error).toMatch(/550 No such user here/)
  })

  it('two senders draining at once send each email exactly once', async () => {
    const smtp = await startSmtp({ delayMs: 5 })
    const emails = await queue(30, 'Invitation')
    const config = smtpAt(smtp.port)
    const a = senderAt(CLOCK, config, { batchSize: 4 })
    const b = senderAt(CLOCK, config, { batchSize: 4 })

    const [ra, rb] = await Promise.all([a.drain(), b.drain()])

    expect(ra.sent + rb.sent).toBe(30)
    expect(ra.sent).toBeGreaterThan(0)
    expect(rb.sent).toBeGreaterThan(0)
    const deliveries = smtp.received.map((r) => r.to[0]).sort()
    expect(deliveries).toEqual(emails.map((e) => e.to).sort())
    const rows = await sql`
      select status, attempts, count(*)::int as n from private.outbox_emails
      where id = any(${emails.map((e) => e.id)}::uuid[]) group by status, attempts`
    expect(rows).toEqual([{ status: 'sent', attempts: 1, n: 30 }])
  })

  it('runs on its interval, and sends nothing more once stopped', async () => {
    const smtp = await startSmtp()
    const [first] = await queue(1)
    const job = senderAt(CLOCK, smtpAt(smtp.port, { intervalMs: 50 }))
    await eventually(async () => (await rowOf(first.id)).status === 'sent', 'the first email to be sent')

    await job.stop()
    const [second] = await queue(1)
    await new Promise((r) => setTimeout(r, 250))
    expect(await rowOf(second.id)).toMatchObject({ status: 'pending', attempts: 0 })
    expect(smtp.received.map((r) => r.to)).toEqual([[first.to]])
  })
})

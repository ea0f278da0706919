// The launcher turns the local mailbox on only for a stack on loopback, and says where email goes.
import { afterEach, describe, expect, inject, it, vi } from 'vitest'
import type { SmtpConfig } from '../../realtime/jobs/smtp-config.ts'
import { emailStatus, functionsEnv, mailboxOffReason, type ServicesOptions } from './services.ts'

afterEach(() => {
  vi.unstubAllEnvs()
})

const stack = (host: string, publicUrl = 'http://localhost:3000'): ServicesOptions => ({
  root: '.',
  dbUrl: 'postgres://localhost/x',
  publicUrl,
  keys: { signingKey: inject('signingKey'), anonKey: 'anon', serviceRoleKey: 'service' },
  port: 3000,
  host,
})

const smtp: SmtpConfig = {
  host: 'smtp.school.ac.ke',
  port: 587,
  secure: false,
  requireTls: true,
  auth: { user: 'kipindi', pass: 'secret' },
  from: 'kipindi@school.ac.ke',
  intervalMs: 10_000,
  maxAttempts: 10,
}

describe('the local mailbox in the launched stack', () => {
  it('is on when the stack listens on loopback with a local URL', () => {
    for (const host of ['127.0.0.1', 'localhost', '::1']) {
      expect(mailboxOffReason(stack(host)), host).toBeNull()
      expect(functionsEnv(stack(host)).LOCAL_MAILBOX, host).toBe('true')
    }
  })

  it('is off, with the reason, when HOST is anything else', () => {
    for (const host of ['0.0.0.0', '::', '192.168.1.10', 'kipindi.lan']) {
      expect(mailboxOffReason(stack(host)), host).toBe(`HOST is ${host}`)
      expect(functionsEnv(stack(host)).LOCAL_MAILBOX, host).toBe('false')
    }
  })

  it('is off behind a public URL (e.g. a reverse proxy) and with NODE_ENV=production', () => {
    expect(mailboxOffReason(stack('127.0.0.1', 'https://kipindi.school.ac.ke'))).toMatch(/SUPABASE_URL/)
    vi.stubEnv('NODE_ENV', 'production')
    expect(mailboxOffReason(stack('127.0.0.1'))).toBe('NODE_ENV=production')
    expect(functionsEnv(stack('127.0.0.1')).LOCAL_MAILBOX).toBe('false')
  })
})

describe('the start-up lines about email', () => {
  const url = 'http://localhost:3000'

  it('mailbox on: its URL; emails stay for it unless SMTP is set', () => {
    expect(emailStatus(url, null, null)).toEqual({
      mailbox: 'http://localhost:3000/mailbox (this machine only)',
      email: 'kept for the mailbox (SMTP_HOST not set)',
    })
    expect(emailStatus(url, null, smtp).email).toMatch(/^SMTP smtp\.school\.ac\.ke:587/)
  })

  it('mailbox off: says why and where emails go; warns when nobody receives them', () => {
    expect(emailStatus(url, 'HOST is 0.0.0.0', smtp)).toEqual({
      mailbox: 'off (HOST is 0.0.0.0; emails go out by SMTP via smtp.school.ac.ke:587)',
      email: 'SMTP smtp.school.ac.ke:587 (STARTTLS required, as kipindi), from kipindi@school.ac.ke',
    })
    const none = emailStatus(url, 'HOST is 0.0.0.0', null)
    expect(none.mailbox).toBe('off (HOST is 0.0.0.0; emails are only stored)')
    expect(none.warning).toMatch(/only stored .* nobody receives them. Set SMTP_HOST/)
  })
})

import { describe, expect, it } from 'vitest'
import { describeSmtp, smtpConfigFrom } from './smtp-config.ts'

describe('SMTP settings from the environment', () => {
  it('is null when no SMTP_ variable is set (emails stay in the outbox)', () => {
    expect(smtpConfigFrom({})).toBeNull()
    expect(smtpConfigFrom({ SMTP_HOST: '', SMTP_FROM: '', OUTBOX_JOB_MS: '5000' })).toBeNull()
  })

  it('reads a submission server with credentials: port 587, STARTTLS required, password never printed', () => {
    const c = smtpConfigFrom({
      SMTP_HOST: 'smtp.school.ac.ke',
      SMTP_USER: 'kipindi',
      SMTP_PASS: 'hunter2-secret',
      SMTP_FROM: 'Kipindi <kipindi@school.ac.ke>',
    })
    expect(c).toMatchObject({
      host: 'smtp.school.ac.ke',
      port: 587,
      secure: false,
      requireTls: true,
      auth: { user: 'kipindi', pass: 'hunter2-secret' },
      from: 'Kipindi <kipindi@school.ac.ke>',
      intervalMs: 10_000,
      maxAttempts: 10,
    })
    expect(describeSmtp(c!)).toBe(
      'smtp.school.ac.ke:587 (STARTTLS required, as kipindi), from Kipindi <kipindi@school.ac.ke>',
    )
    expect(describeSmtp(c!)).not.toContain('hunter2')
  })

  it('uses 465 with SMTP_SECURE=true; a LAN relay without credentials may go without TLS', () => {
    expect(
      smtpConfigFrom({ SMTP_HOST: 'mail', SMTP_SECURE: 'true', SMTP_FROM: 'a@school.lan' }),
    ).toMatchObject({ port: 465, secure: true, requireTls: false })
    expect(
      smtpConfigFrom({ SMTP_HOST: '10.0.0.2', SMTP_PORT: '25', SMTP_FROM: 'a@school.lan' }),
    ).toMatchObject({
      port: 25,
      requireTls: false,
      auth: undefined,
    })
  })

  it('refuses partial or bad settings with one readable error', () => {
    expect(() => smtpConfigFrom({ SMTP_HOST: 'mail' })).toThrow(/SMTP_FROM: required/)
    expect(() => smtpConfigFrom({ SMTP_FROM: 'a@school.lan' })).toThrow(/SMTP_HOST: not set, but SMTP_FROM/)
    expect(() => smtpConfigFrom({ SMTP_HOST: 'mail', SMTP_FROM: 'a@b.c', SMTP_USER: 'u' })).toThrow(
      /SMTP_USER, SMTP_PASS: set both/,
    )
    expect(() => smtpConfigFrom({ SMTP_HOST: 'mail', SMTP_FROM: 'not an address' })).toThrow(/SMTP_FROM/)
    expect(() => smtpConfigFrom({ SMTP_HOST: 'mail', SMTP_FROM: 'a@b.c', SMTP_PORT: '99999' })).toThrow(
      /SMTP_PORT/,
    )
    expect(() => smtpConfigFrom({ SMTP_HOST: 'mail', SMTP_FROM: 'a@b.c', SMTP_SECURE: 'yes' })).toThrow(
      /SMTP_SECURE/,
    )
  })
})

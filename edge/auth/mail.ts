// The email outbox. "Sending" an email appends it to private.outbox_emails (status pending): the
// outbox sender (realtime/jobs/outbox.ts, when SMTP_HOST is set) delivers it and marks it sent or
// failed, and in local development the mailbox page shows it. Nothing here is specific to auth: any
// server-side code holding a service (non-RLS) connection can call sendEmail.
import type postgres from 'postgres'

type Db = postgres.ISql

/** The kinds the outbox accepts (its check constraint). */
export type EmailKind = 'signup' | 'recovery' | 'invite' | 'email_change' | 'notification'

export interface OutgoingEmail {
  to: string
  subject: string
  /** Plain-text body, shown as is. */
  text: string
  /** The link the email asks the reader to open, if any (the mailbox shows it as a button). */
  actionUrl?: string | null
  kind: EmailKind
}

export interface OutboxEmail {
  id: string
  to_email: string
  subject: string
  body_text: string
  action_url: string | null
  kind: EmailKind
  created_at: string
}

/**
 * Queues one email. Pass the transaction of the change it announces, so that the email exists only if
 * the change commits. Needs a connection that bypasses RLS (the outbox is closed to users). An
 * email to a reserved `.invalid` address (a pupil's sign-in) is dropped by the outbox: undefined.
 */
export async function sendEmail(sql: Db, email: OutgoingEmail): Promise<{ id: string } | undefined> {
  const [row] = await sql<{ id: string }[]>`
    insert into private.outbox_emails (to_email, subject, body_text, action_url, kind)
    values (${email.to}, ${email.subject}, ${email.text}, ${email.actionUrl ?? null}, ${email.kind})
    returning id`
  return row
}

/** The newest emails first, all or those to one address (case-insensitive), whatever their delivery state. */
export async function listMailbox(
  sql: Db,
  opts: { to?: string; limit?: number } = {},
): Promise<OutboxEmail[]> {
  const rows = await sql<(Omit<OutboxEmail, 'created_at'> & { created_at: Date })[]>`
    select id, to_email, subject, body_text, action_url, kind, created_at
    from private.outbox_emails
    where ${opts.to ? sql`lower(to_email) = lower(${opts.to})` : sql`true`}
    order by created_at desc, id
    limit ${opts.limit ?? 50}`
  return rows.map((r) => ({ ...r, created_at: r.created_at.toISOString() }))
}

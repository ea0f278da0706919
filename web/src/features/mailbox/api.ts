import { apiErrorFrom } from '../../api/errors.ts'
import { runtime } from '../../lib/runtime.ts'

/** One email the local stack "sent" (local mode keeps them instead of delivering them). */
export interface MailboxEmail {
  id: string
  to_email: string
  subject: string
  body_text: string
  action_url: string | null
  kind: string
  created_at: string
}

/** The local mailbox, newest first; only `to` when given. */
export async function fetchMailbox(to?: string): Promise<MailboxEmail[]> {
  const { config } = runtime()
  const url = new URL(`${config.supabaseUrl}/auth/v1/mailbox`)
  if (to?.trim()) url.searchParams.set('to', to.trim())
  let res: Response
  try {
    res = await fetch(url, { headers: { apikey: config.anonKey, accept: 'application/json' } })
  } catch {
    throw apiErrorFrom(0, undefined)
  }
  const text = await res.text()
  let body: unknown
  try {
    body = text ? JSON.parse(text) : undefined
  } catch {
    body = text
  }
  if (!res.ok) throw apiErrorFrom(res.status, body)
  const list = Array.isArray(body) ? body : ((body as { emails?: unknown })?.emails ?? [])
  return (Array.isArray(list) ? (list as MailboxEmail[]) : []).sort((a, b) =>
    b.created_at.localeCompare(a.created_at),
  )
}

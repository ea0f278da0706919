import { Hono } from 'hono'
import { normalizePhone } from '../../contract/phone-number.ts'
import { type AuthApp, type AuthDeps, readQuery } from '../context.ts'
import { authError } from '../errors.ts'
import { listMailbox } from '../mail.ts'
import { requestFromThisMachine } from '../mailbox.ts'
import { MailboxQuery } from '../schemas.ts'
import { listSmsMailbox } from '../sms.ts'

/** GET /settings, /.well-known/jwks.json, /health, and the local mailbox. */
export function publicRoutes(deps: AuthDeps): AuthApp {
  const app: AuthApp = new Hono()

  app.get('/settings', (c) =>
    c.json({
      external: { anonymous_users: false, email: true, phone: !!deps.sms.provider, saml: false },
      disable_signup: false,
      mailer_autoconfirm: !deps.env.AUTH_CONFIRM_EMAIL,
      phone_autoconfirm: false,
      sms_provider: deps.sms.provider === 'africastalking' ? 'africastalking' : '',
      saml_enabled: false,
    }),
  )

  // Public keys only; cacheable like Supabase's JWKS so verifiers do not ask on every token.
  app.get('/.well-known/jwks.json', (c) => {
    c.header('Cache-Control', 'public, max-age=600')
    return c.json({ keys: [deps.publicJwk] })
  })

  app.get('/health', (c) =>
    c.json({
      version: 'kipindi-local',
      name: 'GoTrue',
      description: 'Kipindi local auth (Supabase Auth API)',
    }),
  )

  // Local development only: every email "sent", newest first, with everyone's links. On only with
  // LOCAL_MAILBOX=true (refused in production, set by the launcher only when it listens on loopback)
  // and only to requests from this machine; to anyone else it does not exist.
  app.get('/mailbox', async (c) => {
    if (!deps.env.LOCAL_MAILBOX || !requestFromThisMachine(c)) throw authError(404, 'not_found', 'Not found')
    const { to } = readQuery(c, MailboxQuery)
    // Texts (phone codes without an SMS provider) are listed with the emails, `to` a number in any form.
    const phone = to ? normalizePhone(to) : null
    const emails = phone ? [] : await listMailbox(deps.sql, { to, limit: 100 })
    const texts = !to || phone ? await listSmsMailbox(deps.sql, { to: phone ?? undefined, limit: 100 }) : []
    const newest = [...emails, ...texts].sort((a, b) => b.created_at.localeCompare(a.created_at))
    return c.json({ emails: newest.slice(0, 100) })
  })

  return app
}

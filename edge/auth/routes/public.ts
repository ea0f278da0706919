import { Hono } from 'hono'
import { type AuthApp, type AuthDeps, readQuery } from '../context.ts'
import { authError } from '../errors.ts'
import { listMailbox } from '../mail.ts'
import { MailboxQuery } from '../schemas.ts'

/** GET /settings, /.well-known/jwks.json, /health, and the local mailbox. */
export function publicRoutes(deps: AuthDeps): AuthApp {
  const app: AuthApp = new Hono()

  app.get('/settings', (c) =>
    c.json({
      external: { anonymous_users: false, email: true, phone: false, saml: false },
      disable_signup: false,
      mailer_autoconfirm: !deps.env.AUTH_CONFIRM_EMAIL,
      phone_autoconfirm: false,
      sms_provider: '',
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

  // Local development only (LOCAL_MAILBOX=true): every email "sent", newest first. Like Supabase
  // local's Inbucket it shows everyone's links to anyone holding the public anon key — never enable
  // it where real people have accounts.
  app.get('/mailbox', async (c) => {
    if (!deps.env.LOCAL_MAILBOX) throw authError(404, 'not_found', 'Not found')
    const { to } = readQuery(c, MailboxQuery)
    return c.json({ emails: await listMailbox(deps.sql, { to, limit: 100 }) })
  })

  return app
}

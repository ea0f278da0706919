import type { OpenAPIHono } from '@hono/zod-openapi'
import { HTTPException } from 'hono/http-exception'
import { invalidToken, requireUser, type UserEnv } from '../lib/auth-middleware.ts'
import { createDb } from '../lib/db.ts'
import { EdgeEnv, issuerOf, parseEnv } from '../lib/env.ts'
import { ApiError, handleError } from '../lib/errors.ts'
import { apiSecurityHeaders, corsFromAllowList, limitBody } from '../lib/http.ts'
import { createVerifier, TokenError } from '../lib/jwt.ts'
import { videoSetupFrom } from '../lib/livekit.ts'
import { type ApiDeps, newRouter } from './router.ts'
import { adminRoutes } from './routes/admin.ts'
import { authorRoutes } from './routes/authors.ts'
import { cannedReplyRoutes } from './routes/canned-replies.ts'
import { courseRoutes } from './routes/courses.ts'
import { docsRoutes, docsSecurityHeaders } from './routes/docs.ts'
import { enrolmentRoutes } from './routes/enrolments.ts'
import { healthRoutes } from './routes/health.ts'
import { invitationAcceptRoutes } from './routes/invitation-accept.ts'
import { invitationRoutes } from './routes/invitations.ts'
import { lessonRoutes } from './routes/lessons.ts'
import { meRoutes } from './routes/me.ts'
import { memberRoutes } from './routes/members.ts'
import { moduleRoutes } from './routes/modules.ts'
import { notificationRoutes } from './routes/notifications.ts'
import { sessionRecordRoutes } from './routes/session-records.ts'
import { sessionRoomRoutes } from './routes/session-room.ts'
import { sessionRoutes } from './routes/sessions.ts'
import { slaRoutes } from './routes/sla.ts'
import { supportAgentRoutes } from './routes/support-agents.ts'
import { supportReportRoutes } from './routes/support-report.ts'
import { ticketActionRoutes } from './routes/support-ticket-actions.ts'
import { tenantRoutes } from './routes/tenants.ts'
import { ticketMessageRoutes } from './routes/ticket-messages.ts'
import { ticketRoutes } from './routes/tickets.ts'
import { versionRoutes } from './routes/versions.ts'

/** Gives hono's request errors (malformed JSON, wrong media type) and ended sessions our codes. */
function ownErrors(err: Error): Error {
  if (err instanceof TokenError) return invalidToken('Your session has ended. Sign in again.')
  if (!(err instanceof HTTPException) || err instanceof ApiError) return err
  if (err.status === 400 && /JSON/.test(err.message)) {
    return new ApiError(400, 'invalid_json', 'The request body is not valid JSON.')
  }
  if (err.status === 415)
    return new ApiError(415, 'unsupported_media_type', 'Send the body as application/json.')
  return err
}

/**
 * The `api` edge function: schools, members, roles, invitations and the platform admin list, under
 * `/api` (Supabase serves it at /functions/v1/api). Every signed-in request runs inside withUser,
 * so Postgres row-level security decides; the checks here only make the answers readable.
 */
export function createApiApp(source: Record<string, string | undefined>): {
  app: OpenAPIHono<UserEnv>
  close(): Promise<void>
} {
  const env = parseEnv(EdgeEnv, source)
  const sql = createDb(env.SUPABASE_DB_URL, { max: env.DB_POOL_MAX, prepare: env.DB_PREPARE })
  const verifier = createVerifier({
    issuer: issuerOf(env.SUPABASE_URL),
    jwks: env.SUPABASE_JWKS ? JSON.parse(env.SUPABASE_JWKS) : undefined,
    hsSecret: env.SUPABASE_JWT_SECRET,
  })
  const supabaseUrl = env.SUPABASE_URL.replace(/\/$/, '')
  const video = videoSetupFrom(env)
  const deps: ApiDeps = {
    sql,
    auth: requireUser(verifier),
    siteUrl: (env.SITE_URL ?? supabaseUrl).replace(/\/$/, ''),
  }

  const api = newRouter().basePath('/api')
  const apiHeaders = apiSecurityHeaders()
  const docsHeaders = docsSecurityHeaders()
  api.use('*', (c, next) => (c.req.path === '/api/docs' ? docsHeaders : apiHeaders)(c, next))
  api.use('*', corsFromAllowList(env.CORS_ORIGINS))
  api.use('*', limitBody())

  api.route('/', healthRoutes(sql))
  api.route('/', meRoutes(deps))
  api.route('/', tenantRoutes(deps))
  api.route('/', memberRoutes(deps))
  api.route('/', invitationRoutes(deps))
  api.route('/', invitationAcceptRoutes(deps))
  api.route('/', adminRoutes(deps))
  api.route('/', courseRoutes(deps))
  api.route('/', moduleRoutes(deps))
  api.route('/', lessonRoutes(deps))
  api.route('/', authorRoutes(deps))
  api.route('/', enrolmentRoutes(deps))
  api.route('/', versionRoutes(deps))
  api.route('/', sessionRoutes(deps, video))
  api.route('/', sessionRoomRoutes(deps, video))
  api.route('/', sessionRecordRoutes(deps))
  api.route('/', ticketRoutes(deps))
  api.route('/', ticketMessageRoutes(deps))
  api.route('/', ticketActionRoutes(deps))
  api.route('/', cannedReplyRoutes(deps))
  api.route('/', slaRoutes(deps))
  api.route('/', supportAgentRoutes(deps))
  api.route('/', supportReportRoutes(deps))
  api.route('/', notificationRoutes(deps))
  api.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: 'A Supabase Auth access token.',
  })
  docsRoutes(api, `${supabaseUrl}/functions/v1`)

  api.notFound((c) =>
    c.json({ error: { code: 'not_found', message: `No route for ${c.req.method} ${c.req.path}.` } }, 404),
  )
  api.onError((err, c) => handleError(ownErrors(err), c))

  return { app: api, close: () => sql.end({ timeout: 5 }) }
}

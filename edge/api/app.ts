import type { OpenAPIHono } from '@hono/zod-openapi'
import { HTTPException } from 'hono/http-exception'
import { invalidToken, requireUser, type UserEnv } from '../lib/auth-middleware.ts'
import { createDb } from '../lib/db.ts'
import { EdgeEnv, issuerOf, parseEnv } from '../lib/env.ts'
import { ApiError, handleError } from '../lib/errors.ts'
import { apiSecurityHeaders, corsFromAllowList, limitBody } from '../lib/http.ts'
import { createVerifier, TokenError } from '../lib/jwt.ts'
import { videoSetupFrom } from '../lib/livekit.ts'
import { DarajaEnvFields } from '../payments/daraja.ts'
import { aiRoutes, aiSetupFrom } from './ai/index.ts'
import { assignmentsRoutes } from './assignments/index.ts'
import { certificatesRoutes } from './certificates/index.ts'
import { docsRoutes, docsSecurityHeaders } from './core/docs.ts'
import { healthRoutes } from './core/health.ts'
import { type ApiDeps, newRouter } from './core/router.ts'
import { coursesRoutes } from './courses/index.ts'
import { dataRightsRoutes } from './data-rights/index.ts'
import { forumRoutes } from './forum/index.ts'
import { gradebookRoutes } from './gradebook/index.ts'
import { guardiansRoutes } from './guardians/index.ts'
import { homeRoutes } from './home/index.ts'
import { lessonCommentRoutes } from './lesson-comments/index.ts'
import { logbookRoutes } from './logbook/index.ts'
import { mentionRoutes } from './mentions/index.ts'
import { messageRoutes } from './messages/index.ts'
import { paymentsRoutes, paymentsSetupFrom } from './payments/index.ts'
import { profilesRoutes } from './profiles/index.ts'
import { pupilsRoutes } from './pupils/index.ts'
import { quizzesRoutes } from './quizzes/index.ts'
import { reportRoutes } from './reports/index.ts'
import { supportRoutes } from './support/index.ts'
import { IMPORT_MAX_BODY_BYTES, isImportPath } from './tenancy/import.ts'
import { tenancyRoutes } from './tenancy/index.ts'
import { tutoringRoutes } from './tutoring/index.ts'

/** The api function's environment: every function's, plus Daraja's (M-Pesa checkout). */
const ApiEnv = EdgeEnv.extend(DarajaEnvFields)

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
 * The `api` edge function under `/api` (Supabase serves it at /functions/v1/api): the plumbing every
 * request goes through (security headers, CORS, body limit, errors) and one router per feature.
 * Every signed-in request runs inside withUser, so Postgres row-level security decides; the
 * checks in the features only make the answers readable.
 */
export function createApiApp(source: Record<string, string | undefined>): {
  app: OpenAPIHono<UserEnv>
  close(): Promise<void>
} {
  const env = parseEnv(ApiEnv, source)
  const sql = createDb(env.SUPABASE_DB_URL, { max: env.DB_POOL_MAX, prepare: env.DB_PREPARE })
  const verifier = createVerifier({
    issuer: issuerOf(env.SUPABASE_URL),
    jwks: env.SUPABASE_JWKS ? JSON.parse(env.SUPABASE_JWKS) : undefined,
    hsSecret: env.SUPABASE_JWT_SECRET,
  })
  const supabaseUrl = env.SUPABASE_URL.replace(/\/$/, '')
  const deps: ApiDeps = {
    sql,
    auth: requireUser(verifier),
    siteUrl: (env.SITE_URL ?? supabaseUrl).replace(/\/$/, ''),
    video: videoSetupFrom(env),
  }

  const api = newRouter().basePath('/api')
  const apiHeaders = apiSecurityHeaders()
  const docsHeaders = docsSecurityHeaders()
  api.use('*', (c, next) => (c.req.path === '/api/docs' ? docsHeaders : apiHeaders)(c, next))
  api.use('*', corsFromAllowList(env.CORS_ORIGINS))
  // The student import takes up to 5,000 rows: a larger body on its two paths only.
  const bodyLimit = limitBody()
  const importBodyLimit = limitBody(IMPORT_MAX_BODY_BYTES)
  api.use('*', (c, next) => (isImportPath(c.req.path) ? importBodyLimit : bodyLimit)(c, next))

  // Features in the order of the OpenAPI document.
  api.route('/', healthRoutes(sql))
  api.route('/', tenancyRoutes(deps))
  api.route('/', coursesRoutes(deps))
  api.route('/', tutoringRoutes(deps))
  api.route('/', supportRoutes(deps))
  api.route('/', homeRoutes(deps))
  api.route('/', aiRoutes(deps, aiSetupFrom(env)))
  api.route('/', paymentsRoutes(deps, paymentsSetupFrom(env)))
  api.route('/', quizzesRoutes(deps))
  api.route('/', assignmentsRoutes(deps))
  api.route('/', gradebookRoutes(deps))
  api.route('/', certificatesRoutes(deps))
  api.route('/', pupilsRoutes(deps))
  api.route('/', guardiansRoutes(deps))
  api.route('/', profilesRoutes(deps))
  api.route('/', dataRightsRoutes(deps))
  api.route('/', forumRoutes(deps))
  api.route('/', lessonCommentRoutes(deps))
  api.route('/', logbookRoutes(deps))
  api.route('/', mentionRoutes(deps))
  api.route('/', messageRoutes(deps))
  api.route('/', reportRoutes(deps))
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

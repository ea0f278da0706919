// Local auth: the Supabase Auth (GoTrue) HTTP API that @supabase/supabase-js v2 calls, over the auth.*
// tables in GoTrue's shape, so the same client code and database work against a hosted project.
// Local only: hosted projects use Supabase Auth itself.
import { Hono } from 'hono'
import { apiSecurityHeaders, corsFromAllowList, limitBody } from '../lib/http.ts'
import { createDeps } from './context.ts'
import { deviceRoutes } from './devices.ts'
import { API_VERSION_HEADER, authError, handleAuthError, wantsApi2024 } from './errors.ts'
import { requireApiKey } from './guards.ts'
import { impersonationGuard, impersonationRoutes } from './impersonate.ts'
import { mfaRoutes } from './mfa-routes.ts'
import { phoneRoutes } from './phone.ts'
import { adminLinkRoutes } from './routes/admin-links.ts'
import { adminUserRoutes } from './routes/admin-users.ts'
import { publicRoutes } from './routes/public.ts'
import { signupRoutes } from './routes/signup.ts'
import { tokenRoutes } from './routes/token.ts'
import { userRoutes } from './routes/user.ts'
import { verifyRoutes } from './routes/verify.ts'

/** Paths a browser or another service reaches without an API key, as Supabase's gateway leaves them open. */
const OPEN_PATHS = new Set(['/auth/v1/verify', '/auth/v1/.well-known/jwks.json'])

/** Headers supabase-js reads from responses, exposed to cross-origin callers too. */
const EXPOSED = [API_VERSION_HEADER, 'X-Total-Count', 'Link']

/** The local auth app at /auth/v1 (see the file comment). `close()` ends its database pool. */
export function createAuthApp(env: Record<string, string | undefined>): {
  app: Hono
  close(): Promise<void>
} {
  const deps = createDeps(env)
  const app = new Hono().basePath('/auth/v1')

  app.use(apiSecurityHeaders())
  app.use(corsFromAllowList(deps.env.CORS_ORIGINS))
  app.use(async (c, next) => {
    await next()
    const exposed = c.res.headers.get('Access-Control-Expose-Headers')
    if (exposed) c.res.headers.set('Access-Control-Expose-Headers', [exposed, ...EXPOSED].join(', '))
    if (!c.res.headers.has('Cache-Control')) c.res.headers.set('Cache-Control', 'no-store')
    if (wantsApi2024(c)) c.res.headers.set(API_VERSION_HEADER, '2024-01-01')
  })
  app.use(limitBody())
  const apiKey = requireApiKey(deps)
  app.use(async (c, next) => {
    if (c.req.method === 'GET' && OPEN_PATHS.has(c.req.path)) return next()
    return apiKey(c, next)
  })
  app.use(impersonationGuard(deps))

  for (const routes of [
    publicRoutes,
    signupRoutes,
    tokenRoutes,
    userRoutes,
    verifyRoutes,
    adminUserRoutes,
    adminLinkRoutes,
    mfaRoutes,
    deviceRoutes,
    impersonationRoutes,
    phoneRoutes,
  ]) {
    app.route('/', routes(deps))
  }
  app.notFound((c) => handleAuthError(authError(404, 'not_found', 'Not found'), c))
  app.onError(handleAuthError)

  return { app, close: () => deps.sql.end({ timeout: 5 }) }
}

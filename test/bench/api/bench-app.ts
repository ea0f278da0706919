// The routes the API benchmark loads, as one fetch handler that runs unchanged under Node
// (@hono/node-server) and Deno (Deno.serve). Web-standard only.
import { Hono } from 'hono'
import { createApiApp } from '../../../edge/api/app.ts'
import type { Membership } from '../../../edge/contract/tenancy.ts'
import { requireUser, type UserEnv } from '../../../edge/lib/auth-middleware.ts'
import { createDb, type Tx, withUser, withUserRead } from '../../../edge/lib/db.ts'
import { EdgeEnv, issuerOf, parseEnv } from '../../../edge/lib/env.ts'
import { handleError } from '../../../edge/lib/errors.ts'
import { type Claims, createVerifier } from '../../../edge/lib/jwt.ts'
import { withUserSimple } from './with-user-variants.ts'

/** The cases, by path. `me` is the real api function's GET /api/me. */
export const ROUTES = {
  constant: '/bench/constant',
  me: '/api/me',
  meBare: '/bench/me-with-user',
  meNoRls: '/bench/me-no-rls',
  meTwoTrips: '/bench/me-two-trips',
  meSimple: '/bench/me-simple',
} as const

interface ProfileRow {
  id: string
  email: string | null
  display_name: string
  created_at: string
}

/** The same body as GET /api/me. */
function meBody(claims: Claims, profile: ProfileRow | undefined, memberships: readonly Membership[]) {
  const platformRole = claims.app_metadata?.platform_role
  return {
    user: {
      id: claims.sub,
      email: profile?.email ?? claims.email,
      display_name: profile?.display_name ?? '',
      platform_role: typeof platformRole === 'string' ? platformRole : null,
      created_at: profile?.created_at ?? new Date(0).toISOString(),
    },
    memberships: [...memberships],
  }
}

// The SQL of GET /api/me (edge/api/tenancy/me.ts), keyed by auth.uid() under RLS, as plain text for
// the simple-protocol variant.
const PROFILE_SQL = `select p.id, private.contact_email(null, p.id) as email, p.display_name, p.created_at
  from public.profiles p where p.id = (select auth.uid())`
const MEMBERSHIPS_SQL = `select m.tenant_id, t.name as tenant_name, t.slug as tenant_slug, m.role
  from public.memberships m join public.tenants t on t.id = m.tenant_id
  where m.user_id = (select auth.uid())
  order by lower(t.name), t.id`

const profileRls = (tx: Tx) => tx<ProfileRow[]>`
  select p.id, private.contact_email(null, p.id) as email, p.display_name, p.created_at
  from public.profiles p where p.id = (select auth.uid())`
const membershipsRls = (tx: Tx) => tx<Membership[]>`
  select m.tenant_id, t.name as tenant_name, t.slug as tenant_slug, m.role
  from public.memberships m join public.tenants t on t.id = m.tenant_id
  where m.user_id = (select auth.uid())
  order by lower(t.name), t.id`

/** The api function plus the bench routes, with their own pool for the non-api cases. */
export function createBenchApp(source: Record<string, string | undefined>) {
  const api = createApiApp(source)
  const env = parseEnv(EdgeEnv, source)
  const sql = createDb(env.SUPABASE_DB_URL, { max: env.DB_POOL_MAX, prepare: env.DB_PREPARE })
  const verifier = createVerifier({
    issuer: issuerOf(env.SUPABASE_URL),
    jwks: env.SUPABASE_JWKS ? JSON.parse(env.SUPABASE_JWKS) : undefined,
  })
  const auth = requireUser(verifier)

  const bench = new Hono<UserEnv>()
  bench.get(ROUTES.constant, (c) => c.json({ ok: true }))

  // (c) Same verification and SQL as the service/superuser connection: no transaction, no RLS.
  bench.get(ROUTES.meNoRls, auth, async (c) => {
    const claims = c.var.claims
    const [[profile], memberships] = await Promise.all([
      sql<ProfileRow[]>`select p.id, p.email, p.display_name, p.created_at from public.profiles p
        where p.id = ${claims.sub}`,
      sql<Membership[]>`select m.tenant_id, t.name as tenant_name, t.slug as tenant_slug, m.role
        from public.memberships m join public.tenants t on t.id = m.tenant_id
        where m.user_id = ${claims.sub}
        order by lower(t.name), t.id`,
    ])
    return c.json(meBody(claims, profile, memberships))
  })

  // (b0) withUserRead and the same queries as GET /api/me, in a bare Hono route: b0 vs b is what
  // the api app's router and middleware cost, b0 vs c what the RLS context costs.
  bench.get(ROUTES.meBare, auth, async (c) => {
    const claims = c.var.claims
    const [[profile], memberships] = await withUserRead(sql, claims, (tx) => [
      profileRls(tx),
      membershipsRls(tx),
    ])
    return c.json(meBody(claims, profile, memberships))
  })

  // (b') withUser, as every read was before withUserRead: begin, context and queries pipelined, then
  // commit in a second round trip.
  bench.get(ROUTES.meTwoTrips, auth, async (c) => {
    const claims = c.var.claims
    const [[profile], memberships] = await withUser(sql, claims, (tx) =>
      Promise.all([profileRls(tx), membershipsRls(tx)]),
    )
    return c.json(meBody(claims, profile, memberships))
  })

  // Experimental: the whole request as one simple-protocol message (one round trip).
  bench.get(ROUTES.meSimple, auth, async (c) => {
    const claims = c.var.claims
    const [[profile], memberships] = await withUserSimple(sql, claims, [PROFILE_SQL, MEMBERSHIPS_SQL])
    return c.json(meBody(claims, profile as ProfileRow, memberships as unknown as Membership[]))
  })
  bench.onError(handleError)

  return {
    fetch(req: Request): Response | Promise<Response> {
      return new URL(req.url).pathname.startsWith('/api/') ? api.app.fetch(req) : bench.fetch(req)
    },
    async close() {
      await Promise.allSettled([api.close(), sql.end({ timeout: 5 })])
    },
  }
}

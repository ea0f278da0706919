// Impersonation for support (ours; issue 17, migration 20261208060000_impersonation.sql). A superadmin
// acts as a person for at most 30 minutes, with a reason:
//   POST /impersonate {user_id, reason}   starts it; answers a GoTrue session of the person whose tokens
//                                         carry `act: {sub: <superadmin>}` and `impersonation_id`, expire
//                                         by its end, and whose refresh token is refused after it
//   GET  /impersonate                     the impersonation of the bearer's session (404 when none)
//   POST /impersonate/end                 ends it at once (the impersonation's token, or the superadmin's
//                                         own with {impersonation_id})
//   GET  /impersonate/users?q=            people to act as, by email or name (superadmins)
// The superadmin's session must be at the level their account reaches (aal2 with a verified factor).
// While acting, the person's password, email, factors, recovery codes and devices are refused
// (refuseWhileActing), and signing out ends the impersonation instead of the person's sessions.
import type { Context, MiddlewareHandler } from 'hono'
import { Hono } from 'hono'
import { z } from 'zod'
import { fromPostgres } from '../lib/errors.ts'
import { bearerToken, readJson } from '../lib/http.ts'
import { actingFor, type Claims } from '../lib/jwt.ts'
import { type AuthApp, type AuthDeps, clientInfo, readQuery } from './context.ts'
import { authError } from './errors.ts'
import { requireUser, type SignedIn } from './guards.ts'
import { insertRefreshToken, sessionJson } from './sessions.ts'
import { type Db, findUserById, type UserRow } from './users.ts'

/** The longest an impersonation lasts, in minutes (the table's check says the same). */
export const IMPERSONATION_MINUTES = 30

const StartBody = z.object({ user_id: z.uuid(), reason: z.string().trim().min(10).max(500) })
const EndBody = z.object({ impersonation_id: z.uuid().optional() })
const UsersQuery = z.object({ q: z.string().trim().min(2).max(100) })

interface ImpersonationRow {
  id: string
  superadmin_id: string
  user_id: string
  session_id: string
  reason: string
  started_at: Date
  ends_at: Date
  ended_at: Date | null
}

const refused = () =>
  authError(
    403,
    'impersonation_forbidden',
    'Not while acting as someone for support: only the person can change their sign-in details.',
  )

/** 403 impersonation_forbidden when the token is an impersonation's (support must not take over an account). */
export function refuseWhileActing(claims: Claims): void {
  if (actingFor(claims)) throw refused()
}

/** Paths of the person's own security settings: factors, recovery codes, devices. */
const GUARDED = /^\/auth\/v1\/(factors|recovery_codes|sessions)(\/|$)/

/**
 * Refuses the person's factors, recovery codes and devices to an impersonation's token before the
 * route runs. Tokens that do not verify are left to the route (which answers as GoTrue does).
 */
export function impersonationGuard(deps: AuthDeps): MiddlewareHandler {
  return async (c, next) => {
    const token = GUARDED.test(c.req.path) ? bearerToken(c) : undefined
    if (token) {
      const claims = await deps.verifier.verifyAccessToken(token).catch(() => null)
      if (claims) refuseWhileActing(claims)
    }
    await next()
  }
}

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null)
const rowJson = (r: ImpersonationRow) => ({
  id: r.id,
  superadmin_id: r.superadmin_id,
  user_id: r.user_id,
  reason: r.reason,
  started_at: iso(r.started_at),
  ends_at: iso(r.ends_at),
  ended_at: iso(r.ended_at),
})

/** The signed-in superadmin, acting as nobody, at the assurance level their account reaches. */
async function requireSuperadmin(c: Context, deps: AuthDeps): Promise<SignedIn> {
  const signedIn = await requireUser(c, deps)
  if (actingFor(signedIn.claims)) throw refused()
  if (signedIn.user.raw_app_meta_data?.platform_role !== 'superadmin') {
    throw authError(403, 'not_admin', 'Only platform super-admins can act as someone.')
  }
  const verified = (signedIn.user.factors ?? []).some((f) => f.status === 'verified')
  if (verified && signedIn.claims.aal !== 'aal2') {
    throw authError(403, 'insufficient_aal', 'Confirm with your authenticator app code first.')
  }
  return signedIn
}

/** Runs a database rule's call, turning its hint into the auth error it names. */
async function rule<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run()
  } catch (error) {
    throw fromPostgres(error) ?? error
  }
}

/** Starts the impersonation and answers the person's session, with the impersonation beside it. */
async function startImpersonation(c: Context, deps: AuthDeps, superadmin: UserRow) {
  const body = await readJson(c, StartBody)
  const client = clientInfo(c)
  return deps.sql.begin(async (tx) => {
    const [row] = await rule(
      () => tx<ImpersonationRow[]>`
        select * from private.start_impersonation(${superadmin.id}, ${body.user_id}, ${body.reason},
          ${client.ip}::inet, ${client.userAgent}, ${IMPERSONATION_MINUTES})`,
    )
    const user = (await findUserById(tx, row.user_id)) as UserRow
    const refreshToken = await insertRefreshToken(tx, user.id, row.session_id, null)
    const session = {
      id: row.session_id,
      created_at: row.started_at,
      tag: 'impersonation',
      aal: 'aal1',
      mfa: null,
      impersonation: { id: row.id, superadmin_id: row.superadmin_id, ends_at: iso(row.ends_at) as string },
    }
    return { ...(await sessionJson(deps.tokens, user, session, refreshToken)), impersonation: rowJson(row) }
  })
}

/** Ends an impersonation at once (its session is deleted); the row as it now is, or null if unknown. */
export async function endImpersonation(sql: Db, id: string, ip: string | null) {
  const [row] = await sql<ImpersonationRow[]>`select * from private.end_impersonation(${id}, ${ip}::inet)`
  return row?.id ? row : null
}

/** People to act as: by email or name, with their schools; superadmins are listed but cannot be chosen. */
async function findPeople(sql: Db, q: string) {
  const pattern = `%${q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`
  return sql`
    select u.id, u.email, coalesce(p.display_name, '') as display_name,
           coalesce(u.raw_app_meta_data ->> 'platform_role', '') = 'superadmin' as superadmin,
           coalesce((select json_agg(json_build_object('slug', t.slug, 'name', t.name, 'role', m.role) order by t.name)
                     from public.memberships m join public.tenants t on t.id = m.tenant_id
                     where m.user_id = u.id), '[]'::json) as schools
    from auth.users u left join public.profiles p on p.id = u.id
    where u.email ilike ${pattern} or p.display_name ilike ${pattern}
    order by u.email
    limit 20`
}

/** The impersonation endpoints (see the file comment). */
export function impersonationRoutes(deps: AuthDeps): AuthApp {
  const app: AuthApp = new Hono()

  app.post('/impersonate', async (c) => {
    const { user } = await requireSuperadmin(c, deps)
    return c.json(await startImpersonation(c, deps, user))
  })

  app.get('/impersonate', async (c) => {
    const { claims } = await requireUser(c, deps)
    const acting = actingFor(claims)
    if (!acting) throw authError(404, 'not_found', 'This session is nobody acting as someone.')
    const [row] = await deps.sql<(ImpersonationRow & { superadmin_name: string | null })[]>`
      select i.*, p.display_name as superadmin_name
      from public.impersonations i left join public.profiles p on p.id = i.superadmin_id
      where i.id = ${acting.impersonation}`
    if (!row) throw authError(404, 'not_found', 'This session is nobody acting as someone.')
    return c.json({ ...rowJson(row), superadmin_name: row.superadmin_name ?? '' })
  })

  app.post('/impersonate/end', async (c) => {
    const body = await readJson(c, EndBody)
    const { claims, user } = await requireUser(c, deps)
    const acting = actingFor(claims)
    let id = acting?.impersonation
    if (!id) {
      // The superadmin's own session may end one of theirs (e.g. from another tab).
      const [mine] = body.impersonation_id
        ? await deps.sql`select id from public.impersonations
                         where id = ${body.impersonation_id} and superadmin_id = ${user.id}`
        : []
      if (!mine) throw authError(404, 'not_found', 'No such impersonation of yours.')
      id = mine.id as string
    }
    const row = await endImpersonation(deps.sql, id, clientInfo(c).ip)
    if (!row) throw authError(404, 'not_found', 'No such impersonation of yours.')
    return c.json(rowJson(row))
  })

  app.get('/impersonate/users', async (c) => {
    const { q } = readQuery(c, UsersQuery)
    await requireSuperadmin(c, deps)
    return c.json(await findPeople(deps.sql, q))
  })

  return app
}

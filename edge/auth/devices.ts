// "Your devices": the signed-in user's sessions (auth.sessions), with the device read plainly from
// the user agent and the address the session last came from (no lookups elsewhere), and signing one
// out. Signing out every other device is GoTrue's POST /logout?scope=others (supabase-js
// signOut({ scope: 'others' })), in routes/user.ts. Our addition to the Auth API: GET /sessions and
// DELETE /sessions/:id.
import { Hono } from 'hono'
import { z } from 'zod'
import type { AuthApp, AuthDeps } from './context.ts'
import { authError } from './errors.ts'
import { requireUser } from './guards.ts'
import type { Db } from './users.ts'

interface DeviceRow {
  id: string
  user_agent: string | null
  ip: string | null
  aal: string | null
  created_at: Date
  /** GoTrue keeps it as a UTC `timestamp`; read as timestamptz. */
  refreshed_at: Date | null
  updated_at: Date | null
}

const BROWSERS: [RegExp, string][] = [
  [/Edg(e|A|iOS)?\//, 'Edge'],
  [/OPR\/|Opera/, 'Opera'],
  [/SamsungBrowser\//, 'Samsung Internet'],
  [/Firefox\/|FxiOS\//, 'Firefox'],
  [/Chrome\/|CriOS\//, 'Chrome'],
  [/Safari\//, 'Safari'],
]
const SYSTEMS: [RegExp, string][] = [
  [/Android/, 'Android'],
  [/iPhone|iPad|iPod/, 'iOS'],
  [/Windows/, 'Windows'],
  [/CrOS/, 'ChromeOS'],
  [/Mac OS X|Macintosh/, 'macOS'],
  [/Linux/, 'Linux'],
]

/** "Chrome on Android" from a user agent; null when neither part is recognised. */
export function deviceLabel(userAgent: string | null): string | null {
  if (!userAgent) return null
  const browser = BROWSERS.find(([re]) => re.test(userAgent))?.[1]
  const system = SYSTEMS.find(([re]) => re.test(userAgent))?.[1]
  if (browser && system) return `${browser} on ${system}`
  return browser ?? system ?? null
}

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null)

/** The user's live sessions, the most recently used first; `current` marks the caller's. */
export async function listDevices(sql: Db, userId: string, currentSessionId: string) {
  const rows = await sql<DeviceRow[]>`
    select id, user_agent, host(ip) as ip, aal, created_at, refreshed_at at time zone 'utc' as refreshed_at, updated_at
    from auth.sessions
    where user_id = ${userId} and (not_after is null or not_after > now())
    order by coalesce(refreshed_at at time zone 'utc', updated_at, created_at) desc, id`
  return rows.map((r) => ({
    id: r.id,
    current: r.id === currentSessionId,
    device: deviceLabel(r.user_agent),
    user_agent: r.user_agent,
    ip: r.ip,
    aal: r.aal ?? 'aal1',
    created_at: iso(r.created_at),
    last_seen_at: iso(r.refreshed_at ?? r.updated_at ?? r.created_at),
  }))
}

/** GET /sessions and DELETE /sessions/:id for the signed-in user. */
export function deviceRoutes(deps: AuthDeps): AuthApp {
  const app: AuthApp = new Hono()

  app.get('/sessions', async (c) => {
    const { user, claims } = await requireUser(c, deps)
    return c.json(await listDevices(deps.sql, user.id, claims.session_id as string))
  })

  app.delete('/sessions/:id', async (c) => {
    const { user } = await requireUser(c, deps)
    const id = c.req.param('id')
    if (!z.uuid().safeParse(id).success) throw authError(404, 'session_not_found', 'Session not found')
    const gone =
      await deps.sql`delete from auth.sessions where id = ${id} and user_id = ${user.id} returning id`
    if (gone.length === 0) throw authError(404, 'session_not_found', 'Session not found')
    return c.body(null, 204)
  })

  return app
}

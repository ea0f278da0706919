import type { AdminHome } from '../../contract/home.ts'
import * as R from '../../contract/routes/home.ts'
import { type Sql, type Tx, withUserRead } from '../../lib/db.ts'
import type { Claims } from '../../lib/jwt.ts'
import { apiRoute } from '../core/openapi.ts'
import { type ApiDeps, newRouter } from '../core/router.ts'
import { countQueueQuery } from '../support/queries.ts'
import { adminRoleIn, tenantRoleQuery } from '../tenancy/access.ts'
import { memberCounts, memberCountsQuery } from '../tenancy/members.ts'
import './schemas.ts'

const get = apiRoute(R.getAdminHome, {
  tags: ['home'],
  summary: "Your home in a school as an owner or admin: the school's week at a glance (owners and admins)",
  description:
    'Members per role, invitations still open, students who opened a lesson or were in a session ' +
    'in the last 7 days, sessions held in the last 7 days and scheduled in the next 7, open tickets ' +
    'and those with a breached SLA, and the storage its files take against its limit.',
  responses: { 200: 'Your home.' },
  errors: [400, 401, 403, 404],
})

/** The window of the week's figures, in days. */
const WEEK = 7

type WeekFigures = Pick<
  AdminHome,
  'pending_invitations' | 'active_students_7d' | 'sessions_held_7d' | 'sessions_next_7d'
>

/**
 * The school's invitations and week (private.school_week: its role check once, then counts
 * without a policy per row; no row for anyone but owners and admins). Unsent.
 */
const weekQuery = (tx: Tx, tenantId: string) =>
  tx<WeekFigures[]>`
    select pending_invitations, active_students_7d, sessions_held_7d, sessions_next_7d
    from private.school_week(${tenantId}, ${WEEK})`

/** Members, the week and the queue in one round trip; 403 for anyone but owners and admins. */
async function readAdminHome(sql: Sql, claims: Claims, tenantId: string): Promise<AdminHome> {
  const [roleRows, members, [week], [queue], [storage]] = await withUserRead(sql, claims, (tx) => [
    tenantRoleQuery(tx, tenantId),
    memberCountsQuery(tx, tenantId),
    weekQuery(tx, tenantId),
    countQueueQuery(tx, tenantId),
    tx<{ used: number; limit: number }[]>`
      select private.storage_used(${tenantId})::float8 as used, private.storage_limit(${tenantId})::float8 as limit`,
  ])
  adminRoleIn(roleRows)
  return {
    members: memberCounts(members),
    ...(week as WeekFigures),
    open_tickets: queue.open + queue.pending,
    breached_tickets: queue.breached,
    storage_used_bytes: storage.used,
    storage_limit_bytes: storage.limit,
  }
}

/** GET /tenants/:id/home/admin. */
export function adminHomeRoutes({ sql, auth }: ApiDeps) {
  return newRouter().openapi({ ...get, middleware: auth }, async (c) => {
    const { id } = c.req.valid('param')
    const home = await readAdminHome(sql, c.var.claims, id)
    return c.json(home, 200)
  })
}

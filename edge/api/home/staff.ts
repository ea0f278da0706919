import type { StaffHome } from '../../contract/home.ts'
import * as R from '../../contract/routes/home.ts'
import { type Sql, withUserRead } from '../../lib/db.ts'
import type { Claims } from '../../lib/jwt.ts'
import { apiRoute } from '../core/openapi.ts'
import { type ApiDeps, newRouter } from '../core/router.ts'
import { supportStaffIn } from '../support/access.ts'
import {
  ACTIVE_STATUSES,
  countQueueQuery,
  listTicketsQuery,
  type QueueCounts,
  ticketsIn,
} from '../support/queries.ts'
import { tenantRoleQuery } from '../tenancy/access.ts'
import './schemas.ts'

const get = apiRoute(R.getStaffHome, {
  tags: ['home'],
  summary: 'Your home in a school as support staff: the queue at a glance and your tickets (support staff)',
  description:
    'Tickets neither resolved nor closed, counted per status, unassigned and per SLA state (as the ' +
    'queue filters them); the ones assigned to you, the soonest SLA due first (at most 5).',
  responses: { 200: 'Your home.' },
  errors: [400, 401, 403, 404],
})

/** How many of the caller's tickets the home shows. */
const SHOWN = 5

/** The queue's counts and the caller's tickets in one round trip; 403 for anyone outside the support desk. */
async function readStaffHome(sql: Sql, claims: Claims, tenantId: string): Promise<StaffHome> {
  const [roleRows, [counts], mine] = await withUserRead(sql, claims, (tx) => [
    tenantRoleQuery(tx, tenantId),
    countQueueQuery(tx, tenantId),
    listTicketsQuery(tx, tenantId, claims.sub, {
      status: ACTIVE_STATUSES.join(','),
      assignee: 'me',
      sort: 'sla',
      limit: SHOWN,
    }),
  ])
  supportStaffIn(roleRows)
  return { ...(counts as QueueCounts), mine: ticketsIn(mine) }
}

/** GET /tenants/:id/home/staff. */
export function staffHomeRoutes({ sql, auth }: ApiDeps) {
  return newRouter().openapi({ ...get, middleware: auth }, async (c) => {
    const { id } = c.req.valid('param')
    const home = await readStaffHome(sql, c.var.claims, id)
    return c.json(home, 200)
  })
}

import type { ChildOverview } from '../../contract/guardians.ts'
import * as R from '../../contract/routes/guardians.ts'
import { withUserRead } from '../../lib/db.ts'
import { apiRoute } from '../core/openapi.ts'
import { type ApiDeps, newRouter } from '../core/router.ts'
import { tenantRoleIn, tenantRoleQuery } from '../tenancy/access.ts'
import './schemas.ts'

const overview = apiRoute(R.childOverview, {
  tags: ['members'],
  summary:
    'A linked child’s courses, progress, released grades, sessions, attendance and tutor flags (parents)',
  description:
    'Read-only, for a parent linked to the child (404 `child_not_found` for anyone else, the child’s ' +
    'teachers included: they have their own pages). Grades are released results only. Tutor flags are ' +
    'a count and the last date: parents do not read the child’s tutor conversations.',
  responses: { 200: 'The child’s overview.' },
  errors: [400, 401, 404],
})

/** GET /tenants/:tenantId/children/:studentId. */
export function childOverviewRoutes({ sql, auth }: ApiDeps) {
  return newRouter().openapi({ ...overview, middleware: auth }, async (c) => {
    const { tenantId, studentId } = c.req.valid('param')
    const [roleRows, [row]] = await withUserRead(sql, c.var.claims, (tx) => [
      tenantRoleQuery(tx, tenantId),
      // child_overview checks the link once and answers as JSON (timestamps already ISO strings). It
      // runs only for a school RLS shows, so a hidden school stays tenantRoleIn's 404.
      tx<{ overview: ChildOverview }[]>`
        select public.child_overview(t.id, ${studentId}) as overview from public.tenants t where t.id = ${tenantId}`,
    ])
    tenantRoleIn(roleRows)
    return c.json(row?.overview as ChildOverview, 200)
  })
}

import type { MemberProfile } from '../../contract/profiles.ts'
import * as R from '../../contract/routes/profiles.ts'
import { withUserRead } from '../../lib/db.ts'
import { apiRoute } from '../core/openapi.ts'
import { type ApiDeps, newRouter } from '../core/router.ts'
import './schemas.ts'

// A member's profile card. public.member_profile decides once what the caller may see: the
// database holds the visibility rule, the route only answers it.

const card = apiRoute(R.getMemberProfile, {
  tags: ['members'],
  summary: "A member's profile card, with the fields you may see (members of the school)",
  description:
    'Name and picture for every member. Fields the person shows the whole school for members; every ' +
    "field for the school's owners, admins, instructors and staff, a linked parent of the child, and " +
    'yourself. A student shows other students and parents their name and picture only. Hidden fields ' +
    'are null (lists empty); `access` says which view you got. The email follows the contact rule of ' +
    'the members list. 404 `not_a_member` when the person is not in the school or you are not.',
  responses: { 200: 'The card.' },
  errors: [400, 401, 404],
})

/** GET /tenants/:tenantId/profiles/:userId. */
export function memberProfileRoutes({ sql, auth }: ApiDeps) {
  return newRouter().openapi({ ...card, middleware: auth }, async (c) => {
    const { tenantId, userId } = c.req.valid('param')
    const [[row]] = await withUserRead(sql, c.var.claims, (tx) => [
      tx<MemberProfile[]>`
        select *, public.may_message(${tenantId}, ${userId}) as can_message
        from public.member_profile(${tenantId}, ${userId})`,
    ])
    return c.json(row as MemberProfile, 200)
  })
}

import { transferOwnership } from '../../contract/routes/data-rights.ts'
import { clientIp } from '../../lib/http.ts'
import { apiRoute } from '../core/openapi.ts'
import { type ApiDeps, newRouter } from '../core/router.ts'
import { asConfirmedUser, checkPassword } from './confirm.ts'
import './schemas.ts'

const route = apiRoute(transferOwnership, {
  tags: ['members'],
  summary: 'Hand the school to one of its admins, confirmed with your password (owners)',
  description:
    'In one transaction the admin becomes an owner and you become an admin; audited ' +
    '(`tenant.ownership_transferred`). 403 `owners_only` unless you own the school, 404 `not_a_member`, ' +
    '409 `transfer_to_admin` when the person is not an admin, 422 `wrong_password`.',
  responses: { 200: 'The new and the previous owner.' },
  errors: [400, 401, 403, 404, 409, 422, 429],
})

/** POST /tenants/:id/ownership. */
export function ownershipRoutes({ sql, auth }: ApiDeps) {
  return newRouter().openapi({ ...route, middleware: auth }, async (c) => {
    const { id } = c.req.valid('param')
    const { user_id, password } = c.req.valid('json')
    const claims = c.var.claims
    await checkPassword(sql, claims.sub, password)
    await asConfirmedUser(
      sql,
      claims,
      clientIp(c),
      (tx) => tx`select private.transfer_ownership(${id}::uuid, ${user_id}::uuid)`,
    )
    return c.json({ tenant_id: id, owner_id: user_id, previous_owner_id: claims.sub }, 200)
  })
}

import { deleteMyAccount } from '../../contract/routes/data-rights.ts'
import { clientIp } from '../../lib/http.ts'
import { apiRoute } from '../core/openapi.ts'
import { type ApiDeps, newRouter } from '../core/router.ts'
import { asConfirmedUser, checkPassword } from './confirm.ts'
import './schemas.ts'

const route = apiRoute(deleteMyAccount, {
  tags: ['me'],
  summary: 'Delete your account, confirmed with your password',
  description:
    'Erases your personal data everywhere: email, phone, name, sign-ins and devices, memberships, parent ' +
    'links, tutor conversations, support tickets you opened, your work and notifications; what you wrote in ' +
    'threads that belong to others stays as an empty message. Ledger totals and the audit history stay, ' +
    'under a pseudonymous id ("Deleted user") with no personal data. You are signed out everywhere. ' +
    'The only owner of a school must hand it over (or delete the school) first: 409 `sole_owner`. ' +
    'A wrong password is 422 `wrong_password` (5 per 15 minutes, then 429).',
  responses: { 204: 'The account is deleted.' },
  errors: [400, 401, 409, 422, 429],
})

/** POST /me/delete. */
export function accountDeletionRoutes({ sql, auth }: ApiDeps) {
  return newRouter().openapi({ ...route, middleware: auth }, async (c) => {
    const { password } = c.req.valid('json')
    const claims = c.var.claims
    await checkPassword(sql, claims.sub, password)
    await asConfirmedUser(
      sql,
      claims,
      clientIp(c),
      (tx) => tx`select private.erase_account(${claims.sub}::uuid)`,
    )
    return c.body(null, 204)
  })
}

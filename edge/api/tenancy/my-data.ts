import type { MyData } from '../../contract/audit.ts'
import { exportMyData } from '../../contract/routes/audit.ts'
import { withUserRead } from '../../lib/db.ts'
import { createRateLimiter } from '../../lib/rate-limit.ts'
import { apiRoute } from '../core/openapi.ts'
import { type ApiDeps, newRouter } from '../core/router.ts'
import './schemas.ts'

const route = apiRoute(exportMyData, {
  tags: ['me'],
  summary: 'Everything about the signed-in user, as a JSON file to keep ("My data")',
  description:
    'Account, profile, memberships, guardian links, support tickets and the messages you wrote, tutor ' +
    'conversations, assignment submissions with released grades, quiz attempts with released results, ' +
    'payments, certificates, notifications and your account’s security events. Built in the database ' +
    'from your user id alone (public.my_data), so nobody else’s rows are in it; each export is recorded ' +
    'in the audit log. 5 exports an hour per account.',
  responses: { 200: 'The document, as an attachment named kipindi-my-data-YYYY-MM-DD.json.' },
  errors: [401, 429],
})

/** Exports per account per hour: the document can be large, and nobody needs it more often. */
export const MY_DATA_PER_HOUR = 5

/** GET /me/export. */
export function myDataRoutes({ sql, auth }: ApiDeps) {
  const exports = createRateLimiter({ limit: MY_DATA_PER_HOUR, windowMs: 3_600_000 })
  return newRouter().openapi({ ...route, middleware: auth }, async (c) => {
    const claims = c.var.claims
    exports.hit(claims.sub)
    const [[{ doc }]] = await withUserRead(sql, claims, (tx) => [
      tx<{ doc: MyData }[]>`select public.my_data() as doc`,
    ])
    const day = new Date().toISOString().slice(0, 10)
    return c.json(doc, 200, {
      'content-disposition': `attachment; filename="kipindi-my-data-${day}.json"`,
      'cache-control': 'private, no-store',
    })
  })
}

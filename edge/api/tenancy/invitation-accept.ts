import * as R from '../../contract/routes/tenancy.ts'
import type { InvitationPreview, Membership } from '../../contract/tenancy.ts'
import { withAnon, withUser } from '../../lib/db.ts'
import { notFound } from '../../lib/errors.ts'
import { clientIp } from '../../lib/http.ts'
import { createRateLimiter } from '../../lib/rate-limit.ts'
import { apiRoute } from '../core/openapi.ts'
import { type ApiDeps, newRouter } from '../core/router.ts'
import './schemas.ts'

const tags = ['invitations']

const accept = apiRoute(R.acceptInvitation, {
  tags,
  summary: 'Accept an invitation as the signed-in user',
  description:
    'Once, before it expires, and only signed in with the email it was sent to. Used or expired: 410; ' +
    'another email: 403; unknown token: 404.',
  responses: { 200: 'Your membership in the school.' },
  errors: [400, 401, 403, 404, 410],
})

const preview = apiRoute(R.previewInvitation, {
  tags,
  summary: 'What an invitation link is for, before signing in (no sign-in needed)',
  description: 'The school, role, invited email, inviter and status. Reveals nothing without the token.',
  public: true,
  responses: { 200: 'The invitation.' },
  errors: [400, 404, 429],
})

/** POST /invitations/accept and GET /invitations/preview. */
export function invitationAcceptRoutes({ sql, auth }: ApiDeps) {
  // Tokens are 256-bit, so guessing is hopeless; the limit only keeps scanners off the database.
  const previews = createRateLimiter({ limit: 60, windowMs: 60_000 })
  return newRouter()
    .openapi({ ...accept, middleware: auth }, async (c) => {
      const { token } = c.req.valid('json')
      // accept_invitation raises readable errors: unknown 404, used/expired 410, other email 403.
      const [membership] = await withUser(
        sql,
        c.var.claims,
        (tx) => tx<Membership[]>`select * from public.accept_invitation(${token})`,
      )
      return c.json(membership, 200)
    })
    .openapi(preview, async (c) => {
      previews.hit(clientIp(c))
      const { token } = c.req.valid('query')
      const [row] = await withAnon(
        sql,
        (tx) => tx<InvitationPreview[]>`select * from public.invitation_preview(${token})`,
      )
      if (!row) throw notFound('invitation_invalid', 'This invitation link is not valid.')
      return c.json(row, 200)
    })
}

import { createRoute } from '@hono/zod-openapi'
import { type InvitationPreview, InvitationPreviewQuery, type Membership } from '../../contract/tenancy.ts'
import { withAnon, withUser } from '../../lib/db.ts'
import { notFound } from '../../lib/errors.ts'
import { clientIp } from '../../lib/http.ts'
import { createRateLimiter } from '../../lib/rate-limit.ts'
import { type ApiDeps, bearer, errorResponses, jsonBody, jsonResponse, newRouter } from '../router.ts'
import { AcceptInvitationSchema, InvitationPreviewSchema, MembershipSchema } from '../schemas.ts'

const accept = createRoute({
  method: 'post',
  path: '/invitations/accept',
  tags: ['invitations'],
  summary: 'Accept an invitation as the signed-in user',
  description:
    'Once, before it expires, and only signed in with the email it was sent to. Used or expired: 410; ' +
    'another email: 403; unknown token: 404.',
  security: bearer,
  request: { body: jsonBody(AcceptInvitationSchema) },
  responses: {
    200: jsonResponse(MembershipSchema, 'Your membership in the school.'),
    ...errorResponses(400, 401, 403, 404, 410),
  },
})

const preview = createRoute({
  method: 'get',
  path: '/invitations/preview',
  tags: ['invitations'],
  summary: 'What an invitation link is for, before signing in (no sign-in needed)',
  description: 'The school, role, invited email, inviter and status. Reveals nothing without the token.',
  request: { query: InvitationPreviewQuery },
  responses: {
    200: jsonResponse(InvitationPreviewSchema, 'The invitation.'),
    ...errorResponses(400, 404, 429),
  },
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
      if (!row) throw notFound('This invitation link is not valid.')
      return c.json(row, 200)
    })
}

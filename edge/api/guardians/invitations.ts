import type * as G from '../../contract/guardians.ts'
import * as R from '../../contract/routes/guardians.ts'
import { type Tx, withAnon, withUser, withUserRead } from '../../lib/db.ts'
import { notFound } from '../../lib/errors.ts'
import { clientIp } from '../../lib/http.ts'
import { createRateLimiter } from '../../lib/rate-limit.ts'
import { apiRoute } from '../core/openapi.ts'
import { type ApiDeps, newRouter } from '../core/router.ts'
import { tenantRole, tenantRoleIn, tenantRoleQuery } from '../tenancy/access.ts'
import { randomToken } from '../tenancy/tokens.ts'
import './schemas.ts'

// Guardian invitations (public.guardian_invitations). The database decides: invite_guardian checks
// who may invite for whom, revoke_guardian_invitation who may revoke, accept_guardian_invitation
// the account, expiry and role; RLS shows the list. The routes make the token and give answers.

const tags = ['members']

const create = apiRoute(R.createGuardianInvitation, {
  tags,
  summary: 'Invite a parent to be linked to a child (owners and admins; a student for themself)',
  description:
    'Admins give a student of the school and either the parent’s `email` or an existing parent member ' +
    '(`parent_id`); a student gives their own id and their parent’s email (403 `guardian_invite_forbidden` ' +
    'for anyone else). Stores only the hash of a one-time token, queues the email, and answers with the ' +
    'link once (`invite_url`). 409 `guardian_already_linked` / `already_invited`. Audited.',
  responses: { 201: 'The invitation; its email is queued.' },
  errors: [400, 401, 403, 404, 409, 422],
})

const list = apiRoute(R.listGuardianInvitations, {
  tags,
  summary: 'Guardian invitations (admins: the school’s; a student: their own)',
  description: '`student_id` keeps one student’s. Newest first, with their status.',
  responses: { 200: 'The invitations.' },
  errors: [400, 401, 404],
})

const revoke = apiRoute(R.revokeGuardianInvitation, {
  tags,
  summary: 'Revoke a guardian invitation that was not accepted (admins, the child, the sender)',
  description: '404 `invitation_not_found`, 409 `invitation_accepted`. Audited.',
  responses: { 204: 'Revoked: its link no longer works.' },
  errors: [400, 401, 404, 409],
})

const preview = apiRoute(R.previewGuardianInvitation, {
  tags,
  summary: 'What a guardian invitation link is for, before signing in (no sign-in needed)',
  description: 'The school, the child’s name, the invited email, the sender and the status.',
  public: true,
  responses: { 200: 'The invitation.' },
  errors: [400, 404, 429],
})

const accept = apiRoute(R.acceptGuardianInvitation, {
  tags,
  summary: 'Accept a guardian invitation as the signed-in user',
  description:
    'Once, before it expires, as the account it was sent to (403 `invitation_wrong_account` otherwise). ' +
    'Someone who is not a member joins the school as a parent; a member with another role gets 409 ' +
    '`guardian_accept_not_parent`. Used or expired: 410.',
  responses: { 200: 'The school and the linked child.' },
  errors: [400, 401, 403, 404, 409, 410, 422],
})

const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : v === null ? null : String(v))

/** Invitations of a school as RLS shows them, with the child's name; one when `id` is given. Unsent. */
function invitationsQuery(tx: Tx, tenantId: string, f: { student_id?: string; id?: string }) {
  return tx<G.GuardianInvitation[]>`
    select i.id, i.tenant_id, i.student_id, coalesce(p.display_name, '') as student_name, i.email, i.parent_id,
      i.invited_as, i.expires_at, i.accepted_at, i.created_at,
      case when i.accepted_at is not null then 'accepted' when i.expires_at < now() then 'expired'
           else 'pending' end as status
    from public.guardian_invitations i left join public.profiles p on p.id = i.student_id
    where i.tenant_id = ${tenantId}
      and (${f.student_id ?? null}::uuid is null or i.student_id = ${f.student_id ?? null}::uuid)
      and (${f.id ?? null}::uuid is null or i.id = ${f.id ?? null}::uuid)
    order by i.created_at desc, i.id`
}

const toInvitation = (r: G.GuardianInvitation): G.GuardianInvitation => ({
  ...r,
  expires_at: iso(r.expires_at) as string,
  accepted_at: iso(r.accepted_at),
  created_at: iso(r.created_at) as string,
})

/** The invitations of invitationsQuery, after a change in the same transaction. */
async function readInvitations(tx: Tx, tenantId: string, f: { student_id?: string; id?: string }) {
  return (await invitationsQuery(tx, tenantId, f)).map(toInvitation)
}

/** POST/GET /tenants/:tenantId/guardian-invitations, DELETE …/:invitationId, GET …/preview, POST …/accept. */
export function guardianInvitationRoutes({ sql, auth, siteUrl }: ApiDeps) {
  // Tokens are 256-bit, so guessing is hopeless; the limit only keeps scanners off the database.
  const previews = createRateLimiter({ limit: 60, windowMs: 60_000 })
  return newRouter()
    .openapi({ ...create, middleware: auth }, async (c) => {
      const { tenantId } = c.req.valid('param')
      const body = c.req.valid('json')
      const token = randomToken()
      const invitation = await withUser(sql, c.var.claims, async (tx) => {
        await tenantRole(tx, tenantId)
        const [row] = await tx<{ id: string }[]>`
          select public.invite_guardian(${tenantId}, ${body.student_id}, ${body.email ?? null},
            ${body.parent_id ?? null}, ${token}, ${siteUrl}) as id`
        const [made] = await readInvitations(tx, tenantId, { id: row?.id })
        return made as G.GuardianInvitation
      })
      const created: G.CreatedGuardianInvitation = {
        ...invitation,
        invite_url: `${siteUrl}/guardian-invite/${token}`,
      }
      return c.json(created, 201)
    })
    .openapi({ ...list, middleware: auth }, async (c) => {
      const { tenantId } = c.req.valid('param')
      const query = c.req.valid('query')
      const [roleRows, rows] = await withUserRead(sql, c.var.claims, (tx) => [
        tenantRoleQuery(tx, tenantId),
        invitationsQuery(tx, tenantId, query),
      ])
      tenantRoleIn(roleRows)
      return c.json(rows.map(toInvitation), 200)
    })
    .openapi({ ...revoke, middleware: auth }, async (c) => {
      const { tenantId, invitationId } = c.req.valid('param')
      await withUser(sql, c.var.claims, async (tx) => {
        await tenantRole(tx, tenantId)
        const [mine] = await tx`select 1 from public.guardian_invitations
          where id = ${invitationId} and tenant_id = ${tenantId}`
        if (!mine) throw notFound('invitation_not_found', 'No such invitation in this school.')
        await tx`select public.revoke_guardian_invitation(${invitationId})`
      })
      return c.body(null, 204)
    })
    .openapi(preview, async (c) => {
      previews.hit(clientIp(c))
      const { token } = c.req.valid('query')
      const [row] = await withAnon(
        sql,
        (tx) => tx<G.GuardianInvitationPreview[]>`select * from public.guardian_invitation_preview(${token})`,
      )
      if (!row) throw notFound('invitation_invalid', 'This invitation link is not valid.')
      return c.json({ ...row, expires_at: iso(row.expires_at) as string }, 200)
    })
    .openapi({ ...accept, middleware: auth }, async (c) => {
      const { token } = c.req.valid('json')
      const [row] = await withUser(
        sql,
        c.var.claims,
        (tx) => tx<G.AcceptedGuardianInvitation[]>`select * from public.accept_guardian_invitation(${token})`,
      )
      return c.json(row as G.AcceptedGuardianInvitation, 200)
    })
}

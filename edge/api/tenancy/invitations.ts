import * as R from '../../contract/routes/tenancy.ts'
import type { CreatedInvitation, Invitation } from '../../contract/tenancy.ts'
import { type Tx, withUser, withUserRead } from '../../lib/db.ts'
import { conflict, notFound } from '../../lib/errors.ts'
import { apiRoute } from '../core/openapi.ts'
import { onUnique } from '../core/pg-errors.ts'
import { type ApiDeps, newRouter } from '../core/router.ts'
import { adminRoleIn, requireAdmin, tenantRoleQuery } from './access.ts'
import './schemas.ts'
import { randomToken, sha256Hex } from './tokens.ts'

const tags = ['invitations']

const create = apiRoute(R.createInvitation, {
  tags,
  summary: 'Invite someone by email with a role (owners and admins)',
  description:
    'Stores only the hash of a random one-time token and queues the invitation email with its link in the ' +
    'same transaction. The response carries the link once (`invite_url`) so it can also be shared by hand.',
  responses: { 201: 'The invitation; its email is queued.' },
  errors: [400, 401, 403, 404, 409],
})

const list = apiRoute(R.listInvitations, {
  tags,
  summary: "A school's invitations with their status (owners and admins)",
  responses: { 200: 'Newest first.' },
  errors: [400, 401, 403, 404],
})

const revoke = apiRoute(R.revokeInvitation, {
  tags,
  summary: 'Revoke an invitation that was not accepted (owners and admins)',
  responses: { 204: 'Revoked: its link no longer works.' },
  errors: [400, 401, 403, 404, 409],
})

const alreadyInvited = (email: string) =>
  conflict(
    'already_invited',
    `${email} is already invited. Revoke that invitation first to send a new one.`,
    { field: 'email', email },
  )

/** A school's invitations with a computed status; one when `invId` is given. */
function readInvitations(tx: Tx, tenantId: string, invId: string | null = null) {
  return tx<Invitation[]>`
    select i.id, i.tenant_id, i.email, i.role, i.invited_by, i.expires_at, i.accepted_at, i.created_at,
      case when i.accepted_at is not null then 'accepted' when i.expires_at < now() then 'expired'
           else 'pending' end as status
    from public.invitations i
    where i.tenant_id = ${tenantId} and (${invId}::uuid is null or i.id = ${invId}::uuid)
    order by i.created_at desc, i.id`
}

/** POST/GET /tenants/:id/invitations, DELETE /tenants/:id/invitations/:invId. */
export function invitationRoutes({ sql, auth, siteUrl }: ApiDeps) {
  return newRouter()
    .openapi({ ...create, middleware: auth }, async (c) => {
      const { id } = c.req.valid('param')
      const { email, role } = c.req.valid('json')
      const token = randomToken()
      const tokenHash = await sha256Hex(token)
      const invitation = await withUser(sql, c.var.claims, async (tx) => {
        await requireAdmin(tx, id)
        const [member] = await tx`
          select 1 from public.memberships m
          where m.tenant_id = ${id} and lower(private.contact_email(m.tenant_id, m.user_id)) = ${email}`
        if (member) {
          throw conflict('already_member', `${email} is already a member of this school.`, {
            field: 'email',
            email,
          })
        }
        const [open] = await tx<{ id: string; expired: boolean }[]>`
          select i.id, i.expires_at < now() as expired from public.invitations i
          where i.tenant_id = ${id} and i.email = ${email} and i.accepted_at is null`
        if (open && !open.expired) throw alreadyInvited(email)
        // An expired invitation is replaced by the new one (the swap is audited as a revocation).
        if (open) await tx`delete from public.invitations where id = ${open.id}`
        const [{ id: invId }] = await tx<{ id: string }[]>`
          insert into public.invitations (tenant_id, email, role, token_hash)
          values (${id}, ${email}, ${role}, ${tokenHash}) returning id`
        await tx`select private.enqueue_invitation_email(${invId}, ${token}, ${siteUrl})`
        const [row] = await readInvitations(tx, id, invId)
        return row
      }).catch(
        onUnique({
          invitations_one_open_per_email: {
            code: 'already_invited',
            message: `${email} is already invited.`,
            field: 'email',
          },
        }),
      )
      const created: CreatedInvitation = { ...invitation, invite_url: `${siteUrl}/invite/${token}` }
      return c.json(created, 201)
    })
    .openapi({ ...list, middleware: auth }, async (c) => {
      const { id } = c.req.valid('param')
      const [roleRows, invitations] = await withUserRead(sql, c.var.claims, (tx) => [
        tenantRoleQuery(tx, id),
        readInvitations(tx, id),
      ])
      adminRoleIn(roleRows)
      return c.json([...invitations], 200)
    })
    .openapi({ ...revoke, middleware: auth }, async (c) => {
      const { id, invId } = c.req.valid('param')
      await withUser(sql, c.var.claims, async (tx) => {
        await requireAdmin(tx, id)
        const [inv] = await readInvitations(tx, id, invId)
        if (!inv) throw notFound('invitation_not_found', 'No such invitation in this school.')
        if (inv.status === 'accepted') {
          throw conflict(
            'invitation_accepted',
            'This invitation was already accepted. Remove the member instead.',
          )
        }
        await tx`delete from public.invitations where id = ${invId} and tenant_id = ${id}`
      })
      return c.body(null, 204)
    })
}

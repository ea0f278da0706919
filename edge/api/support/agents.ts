import * as R from '../../contract/routes/support.ts'
import type { SupportAgent } from '../../contract/support.ts'
import { type Tx, withUser, withUserRead } from '../../lib/db.ts'
import { forbidden, notFound } from '../../lib/errors.ts'
import { apiRoute } from '../core/openapi.ts'
import { type ApiDeps, newRouter } from '../core/router.ts'
import { isAdmin, tenantRoleQuery } from '../tenancy/access.ts'
import { requireSupportStaff, supportStaffIn } from './access.ts'
import './schemas.ts'

const tags = ['support']

const list = apiRoute(R.listAgents, {
  tags,
  summary: "The school's owners, admins and staff with their desk settings, presence and open tickets",
  responses: { 200: 'By name.' },
  errors: [400, 401, 403, 404],
})

const update = apiRoute(R.updateAgent, {
  tags,
  summary: 'Set your own availability; owners and admins set anyone’s availability and open-ticket cap',
  responses: { 200: 'The agent.' },
  errors: [400, 401, 403, 404],
})

/**
 * The school's support people; without a support_agents row: available, cap 10, offline. Emails
 * only where the contact rule allows (private.contact_email: yourself, owners and admins).
 */
function readAgents(tx: Tx, tenantId: string, userId: string | null = null) {
  return tx<SupportAgent[]>`
    select m.user_id, coalesce(p.display_name, '') as name,
      private.contact_email(m.tenant_id, m.user_id) as email, m.role::text as role,
      coalesce(a.available, true) as available, coalesce(a.max_open, 10) as max_open,
      coalesce(a.last_seen_at > private.clock() - interval '90 seconds', false) as online,
      (select count(*)::int from public.tickets t
       where t.tenant_id = m.tenant_id and t.assignee_id = m.user_id and t.status in ('open', 'pending')) as open_tickets
    from public.memberships m
    left join public.profiles p on p.id = m.user_id
    left join public.support_agents a on a.tenant_id = m.tenant_id and a.user_id = m.user_id
    where m.tenant_id = ${tenantId} and m.role = any (private.support_roles())
      and (${userId}::uuid is null or m.user_id = ${userId}::uuid)
    order by lower(coalesce(p.display_name, '')), m.user_id`
}

/** GET /tenants/:tenantId/support/agents, PATCH …/agents/:userId. */
export function supportAgentRoutes({ sql, auth }: ApiDeps) {
  return newRouter()
    .openapi({ ...list, middleware: auth }, async (c) => {
      const { tenantId } = c.req.valid('param')
      const [role, agents] = await withUserRead(sql, c.var.claims, (tx) => [
        tenantRoleQuery(tx, tenantId),
        readAgents(tx, tenantId),
      ])
      supportStaffIn(role)
      return c.json([...agents], 200)
    })
    .openapi({ ...update, middleware: auth }, async (c) => {
      const { tenantId, userId } = c.req.valid('param')
      const body = c.req.valid('json')
      const agent = await withUser(sql, c.var.claims, async (tx) => {
        const role = await requireSupportStaff(tx, tenantId)
        const self = userId === c.var.claims.sub
        if (!isAdmin(role) && (!self || body.max_open !== undefined)) {
          throw forbidden(
            'agent_settings_forbidden',
            self
              ? 'Only owners and admins set open-ticket caps.'
              : "Only owners and admins change other agents' settings.",
          )
        }
        if ((await readAgents(tx, tenantId, userId)).length === 0) {
          throw notFound(
            'agent_not_found',
            'No such agent: only owners, admins and staff of this school take tickets.',
          )
        }
        await tx`
          insert into public.support_agents as a (tenant_id, user_id, available, max_open)
          values (${tenantId}, ${userId}, ${body.available ?? true}, ${body.max_open ?? 10})
          on conflict (tenant_id, user_id) do update set
            available = coalesce(${body.available ?? null}::boolean, a.available),
            max_open = coalesce(${body.max_open ?? null}::int, a.max_open)`
        const [row] = await readAgents(tx, tenantId, userId)
        return row as SupportAgent
      })
      return c.json(agent, 200)
    })
}

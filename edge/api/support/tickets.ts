import * as R from '../../contract/routes/support.ts'
import { withUser, withUserRead } from '../../lib/db.ts'
import { apiRoute } from '../core/openapi.ts'
import { type ApiDeps, newRouter } from '../core/router.ts'
import { tenantRole, tenantRoleIn, tenantRoleQuery } from '../tenancy/access.ts'
import { ticketAccess } from './access.ts'
import {
  listTicketsQuery,
  readTicketDetail,
  ticketDetailIn,
  ticketDetailQuery,
  ticketsIn,
} from './queries.ts'
import './schemas.ts'

const tags = ['support']

const create = apiRoute(R.createTicket, {
  tags,
  summary: 'Open a support ticket with its first message (members of the school)',
  description:
    'Round-robin assigns it to an online agent under their cap, and starts its SLA clocks. ' +
    'Priority is honoured for support staff only; other tickets start as normal.',
  responses: { 201: 'The new ticket.' },
  errors: [400, 401, 403, 404],
})

const list = apiRoute(R.listTickets, {
  tags,
  summary: "A school's tickets (support staff), or your own tickets there (everyone else)",
  responses: { 200: 'Newest activity first unless `sort` says otherwise.' },
  errors: [400, 401, 404],
})

const get = apiRoute(R.getTicket, {
  tags,
  summary: 'One ticket with read markers, its rating and (staff) its SLA clocks',
  responses: { 200: 'The ticket.' },
  errors: [400, 401, 404],
})

const update = apiRoute(R.updateTicket, {
  tags,
  summary: 'Change subject, category, priority or status (staff); close your own ticket (requester)',
  description: 'Pending pauses the SLA clocks; resolved and closed stop them. A closed ticket stays closed.',
  responses: { 200: 'The updated ticket.' },
  errors: [400, 401, 403, 404, 409],
})

/** POST/GET /tenants/:tenantId/tickets, GET/PATCH /tickets/:id. */
export function ticketRoutes({ sql, auth }: ApiDeps) {
  return newRouter()
    .openapi({ ...create, middleware: auth }, async (c) => {
      const { tenantId } = c.req.valid('param')
      const body = c.req.valid('json')
      const ticket = await withUser(sql, c.var.claims, async (tx) => {
        await tenantRole(tx, tenantId)
        const [row] = await tx<{ id: string }[]>`
          insert into public.tickets (tenant_id, subject, category, context, priority)
          values (${tenantId}, ${body.subject}, ${body.category}, ${tx.json(body.context ?? {})},
                  ${body.priority ?? 'normal'})
          returning id`
        const id = row?.id as string
        await tx`insert into public.ticket_messages (ticket_id, body) values (${id}, ${body.body})`
        return readTicketDetail(tx, id)
      })
      return c.json(ticket, 201)
    })
    .openapi({ ...list, middleware: auth }, async (c) => {
      const { tenantId } = c.req.valid('param')
      const query = c.req.valid('query')
      const [role, rows] = await withUserRead(sql, c.var.claims, (tx) => [
        tenantRoleQuery(tx, tenantId),
        listTicketsQuery(tx, tenantId, c.var.claims.sub, query),
      ])
      tenantRoleIn(role)
      return c.json(ticketsIn(rows), 200)
    })
    .openapi({ ...get, middleware: auth }, async (c) => {
      const { id } = c.req.valid('param')
      const [rows] = await withUserRead(sql, c.var.claims, (tx) => [ticketDetailQuery(tx, id)])
      return c.json(ticketDetailIn(rows), 200)
    })
    .openapi({ ...update, middleware: auth }, async (c) => {
      const { id } = c.req.valid('param')
      const body = c.req.valid('json')
      const ticket = await withUser(sql, c.var.claims, async (tx) => {
        await ticketAccess(tx, id)
        // The trigger decides who may change what (requesters only close) with a readable 403.
        await tx`
          update public.tickets set
            subject = coalesce(${body.subject ?? null}, subject),
            category = coalesce(${body.category ?? null}::public.ticket_category, category),
            priority = coalesce(${body.priority ?? null}::public.ticket_priority, priority),
            status = coalesce(${body.status ?? null}::public.ticket_status, status)
          where id = ${id}`
        return readTicketDetail(tx, id)
      })
      return c.json(ticket, 200)
    })
}

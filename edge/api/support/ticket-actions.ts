import * as R from '../../contract/routes/support.ts'
import type { TicketRating } from '../../contract/support.ts'
import { withUser } from '../../lib/db.ts'
import { ApiError, forbidden, notFound, unprocessable } from '../../lib/errors.ts'
import { apiRoute } from '../core/openapi.ts'
import { type ApiDeps, newRouter } from '../core/router.ts'
import { onDuplicate, onRuleHint, requireStaff, ticketAccess } from './access.ts'
import { readTicketDetail } from './queries.ts'
import './schemas.ts'

const tags = ['support']

const assign = apiRoute(R.assignTicket, {
  tags,
  summary: 'Assign a ticket to an agent, to nobody, or by round-robin (support staff)',
  description:
    '`{"auto": true}` picks the online, available agent under their cap who was given a ticket ' +
    'longest ago; 409 `no_agent_available` when there is none (nothing changes).',
  responses: { 200: 'The ticket with its new assignee.' },
  errors: [400, 401, 403, 404, 409, 422],
})

const merge = apiRoute(R.mergeTicket, {
  tags,
  summary: 'Close this ticket as a duplicate of another of the same requester (support staff)',
  responses: { 200: 'The ticket it was merged into.' },
  errors: [400, 401, 403, 404, 409, 422],
})

const seen = apiRoute(R.markTicketSeen, {
  tags,
  summary: 'Mark the conversation read up to a message (participants)',
  responses: { 204: 'Marked; the marker never moves back.' },
  errors: [400, 401, 404, 422],
})

const csat = apiRoute(R.rateTicket, {
  tags,
  summary: 'Rate a resolved ticket 1–5, once (the person who opened it)',
  responses: { 201: 'The rating.' },
  errors: [400, 401, 403, 404, 409],
})

const assigneeRules = onRuleHint({ assignee_not_staff: 'assignee_id' })
const mergeRules = onRuleHint({ merge_mismatch: 'into' })
const alreadyRated = onDuplicate('already_rated', 'You have rated this ticket already.')

/** POST /tickets/:id/assign, /merge, /seen and /csat. */
export function ticketActionRoutes({ sql, auth }: ApiDeps) {
  return newRouter()
    .openapi({ ...assign, middleware: auth }, async (c) => {
      const { id } = c.req.valid('param')
      const body = c.req.valid('json')
      const ticket = await withUser(sql, c.var.claims, async (tx) => {
        const access = await ticketAccess(tx, id)
        requireStaff(access, 'assign tickets')
        if ('auto' in body) {
          const [row] = await tx<{ agent: string | null }[]>`select public.auto_assign_ticket(${id}) as agent`
          if (!row?.agent) {
            throw new ApiError(
              409,
              'no_agent_available',
              'No agent is online, available and under their open-ticket cap right now; the ticket is unchanged.',
            )
          }
        } else {
          await tx`update public.tickets set assignee_id = ${body.assignee_id} where id = ${id}`
        }
        return readTicketDetail(tx, id)
      }).catch(assigneeRules)
      return c.json(ticket, 200)
    })
    .openapi({ ...merge, middleware: auth }, async (c) => {
      const { id } = c.req.valid('param')
      const { into } = c.req.valid('json')
      const ticket = await withUser(sql, c.var.claims, async (tx) => {
        requireStaff(await ticketAccess(tx, id), 'merge tickets')
        await tx`select public.merge_ticket(${id}, ${into})`
        return readTicketDetail(tx, into)
      }).catch(mergeRules)
      return c.json(ticket, 200)
    })
    .openapi({ ...seen, middleware: auth }, async (c) => {
      const { id } = c.req.valid('param')
      const { last_read_id } = c.req.valid('json')
      await withUser(sql, c.var.claims, async (tx) => {
        await ticketAccess(tx, id)
        const [message] = await tx`
          select 1 from public.ticket_messages where id = ${last_read_id} and ticket_id = ${id}`
        if (!message) {
          throw unprocessable('message_not_in_ticket', 'That message is not part of this conversation.', {
            field: 'last_read_id',
          })
        }
        await tx`
          insert into public.ticket_reads (ticket_id, last_read_id) values (${id}, ${last_read_id})
          on conflict (ticket_id, user_id) do update set last_read_id = excluded.last_read_id`
      })
      return c.body(null, 204)
    })
    .openapi({ ...csat, middleware: auth }, async (c) => {
      const { id } = c.req.valid('param')
      const { score, comment } = c.req.valid('json')
      const rating = await withUser(sql, c.var.claims, async (tx) => {
        const [ticket] = await tx<{ mine: boolean }[]>`
          select t.requester_id = ${c.var.claims.sub} as mine from public.tickets t where t.id = ${id}`
        if (!ticket) throw notFound('ticket_not_found', 'No such ticket, or it is not yours.')
        if (!ticket.mine)
          throw forbidden('rate_requester_only', 'Only the person who opened this ticket rates it.')
        const [row] = await tx<{ rating: TicketRating }[]>`
          insert into public.ticket_ratings (ticket_id, score, comment) values (${id}, ${score}, ${comment ?? ''})
          returning jsonb_build_object('ticket_id', ticket_id, 'score', score, 'comment', comment,
            'agent_id', agent_id, 'category', category, 'created_at', created_at) as rating`
        return row?.rating
      }).catch(alreadyRated)
      return c.json(rating, 201)
    })
}

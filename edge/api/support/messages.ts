import * as R from '../../contract/routes/support.ts'
import { withUser } from '../../lib/db.ts'
import { createRateLimiter } from '../../lib/rate-limit.ts'
import { apiRoute } from '../core/openapi.ts'
import { type ApiDeps, newRouter } from '../core/router.ts'
import { requireStaff, ticketAccess } from './access.ts'
import { readMessages } from './queries.ts'
import './schemas.ts'

const tags = ['support']

/** Messages one person may post in a window, across all tickets: a chat pace, not a flood. */
export const MESSAGE_LIMIT = { limit: 20, windowMs: 10_000 }

const list = apiRoute(R.listTicketMessages, {
  tags,
  summary: "A ticket's conversation after a message id, oldest first (requesters never see internal notes)",
  responses: { 200: 'Oldest first.' },
  errors: [400, 401, 404],
})

const post = apiRoute(R.postTicketMessage, {
  tags,
  summary: 'Reply on a ticket, or write an internal note (`internal: true`, support staff)',
  description: `At most ${MESSAGE_LIMIT.limit} messages per person every ${MESSAGE_LIMIT.windowMs / 1000} seconds (429 with Retry-After).`,
  responses: { 201: 'The message as stored.' },
  errors: [400, 401, 403, 404, 409, 429],
})

/** GET/POST /tickets/:id/messages. */
export function ticketMessageRoutes({ sql, auth }: ApiDeps) {
  const limiter = createRateLimiter(MESSAGE_LIMIT)
  return newRouter()
    .openapi({ ...list, middleware: auth }, async (c) => {
      const { id } = c.req.valid('param')
      const { after, limit } = c.req.valid('query')
      const messages = await withUser(sql, c.var.claims, async (tx) => {
        await ticketAccess(tx, id)
        return readMessages(tx, id, { after, limit })
      })
      return c.json(messages, 200)
    })
    .openapi({ ...post, middleware: auth }, async (c) => {
      const { id } = c.req.valid('param')
      const { body, internal = false } = c.req.valid('json')
      limiter.hit(`ticket-message:${c.var.claims.sub}`)
      const message = await withUser(sql, c.var.claims, async (tx) => {
        const access = await ticketAccess(tx, id)
        if (internal) requireStaff(access, 'write internal notes')
        const [row] = await tx<{ id: number }[]>`
          insert into public.ticket_messages (ticket_id, body, internal)
          values (${id}, ${body}, ${internal}) returning id`
        const [message] = await readMessages(tx, id, { id: Number(row?.id) })
        return message
      })
      return c.json(message, 201)
    })
}

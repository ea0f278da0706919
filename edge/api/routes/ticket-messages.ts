import { createRoute } from '@hono/zod-openapi'
import { withUser } from '../../lib/db.ts'
import { createRateLimiter } from '../../lib/rate-limit.ts'
import { type ApiDeps, bearer, errorResponses, jsonBody, jsonResponse, newRouter } from '../router.ts'
import { readMessages, requireStaff, ticketAccess } from '../support-queries.ts'
import {
  MessageListQuerySchema,
  PostMessageSchema,
  TicketMessageListSchema,
  TicketMessageSchema,
  TicketParams,
} from '../support-schemas.ts'

const tags = ['support']

/** Messages one person may post in a window, across all tickets: a chat pace, not a flood. */
export const MESSAGE_LIMIT = { limit: 20, windowMs: 10_000 }

const list = createRoute({
  method: 'get',
  path: '/tickets/{id}/messages',
  tags,
  summary: "A ticket's conversation after a message id, oldest first (requesters never see internal notes)",
  security: bearer,
  request: { params: TicketParams, query: MessageListQuerySchema },
  responses: {
    200: jsonResponse(TicketMessageListSchema, 'Oldest first.'),
    ...errorResponses(400, 401, 404),
  },
})

const post = createRoute({
  method: 'post',
  path: '/tickets/{id}/messages',
  tags,
  summary: 'Reply on a ticket, or write an internal note (`internal: true`, support staff)',
  description: `At most ${MESSAGE_LIMIT.limit} messages per person every ${MESSAGE_LIMIT.windowMs / 1000} seconds (429 with Retry-After).`,
  security: bearer,
  request: { params: TicketParams, body: jsonBody(PostMessageSchema) },
  responses: {
    201: jsonResponse(TicketMessageSchema, 'The message as stored.'),
    ...errorResponses(400, 401, 403, 404, 409, 429),
  },
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

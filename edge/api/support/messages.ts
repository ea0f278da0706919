import * as R from '../../contract/routes/support.ts'
import { type Tx, withUser, withUserRead } from '../../lib/db.ts'
import { ApiError } from '../../lib/errors.ts'
import { createRateLimiter } from '../../lib/rate-limit.ts'
import { apiRoute } from '../core/openapi.ts'
import { type ApiDeps, newRouter } from '../core/router.ts'
import { requireStaff, ticketAccess, ticketAccessIn, ticketAccessQuery } from './access.ts'
import { messagesIn, messagesQuery, readMessages } from './queries.ts'
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
  description: `At most ${MESSAGE_LIMIT.limit} messages per person every ${MESSAGE_LIMIT.windowMs / 1000} seconds (429 with Retry-After). A send may be repeated safely with the same \`client_id\` (a queue that sends when back online): the first stores the message (201), later ones answer it as stored (200) and change nothing, even when they race. The same \`client_id\` with another ticket, text or kind is a 409 \`client_id_reused\`.`,
  responses: { 200: 'This client_id was already stored: that message.', 201: 'The message as stored.' },
  errors: [400, 401, 403, 404, 409, 429],
})

interface NewMessage {
  body: string
  internal: boolean
  client_id?: string
  attachments: { path: string; name: string }[]
}

interface StoredByClient {
  id: string
  ticket_id: string
  body: string
  internal: boolean
}

/** The caller's own message with this client id, as RLS lets them see it. */
async function messageByClientId(tx: Tx, clientId: string): Promise<StoredByClient | undefined> {
  const [row] = await tx<StoredByClient[]>`
    select id, ticket_id, body, internal from public.ticket_messages
    where author_id = (select auth.uid()) and client_id = ${clientId}`
  return row
}

const clientIdReused = () =>
  new ApiError(409, 'client_id_reused', 'This client_id was already used for another message.', {
    field: 'client_id',
  })

/** The stored message's id when it is the one being sent again; 409 when the client id meant another. */
function sameMessage(stored: StoredByClient, ticketId: string, m: NewMessage): number {
  if (stored.ticket_id !== ticketId || stored.body !== m.body || stored.internal !== m.internal) {
    throw clientIdReused()
  }
  return Number(stored.id)
}

/**
 * Stores a message, or finds the one the caller already stored under the same client id (a
 * repeated send). Of two sends racing, the unique index makes the second wait for the first,
 * insert nothing and read the first's row; triggers (notifications, SLA, the live event) run once.
 */
async function storeMessage(
  tx: Tx,
  ticketId: string,
  m: NewMessage,
): Promise<{ id: number; created: boolean }> {
  if (m.client_id) {
    const earlier = await messageByClientId(tx, m.client_id)
    if (earlier) return { id: sameMessage(earlier, ticketId, m), created: false }
  }
  const [row] = await tx<{ id: string }[]>`
    insert into public.ticket_messages (ticket_id, body, internal, client_id, attachments)
    values (${ticketId}, ${m.body}, ${m.internal}, ${m.client_id ?? null}, ${tx.json(m.attachments)})
    on conflict (author_id, client_id) where client_id is not null do nothing
    returning id`
  if (row) return { id: Number(row.id), created: true }
  const raced = m.client_id ? await messageByClientId(tx, m.client_id) : undefined
  // Taken, yet not readable by the caller any more (e.g. an internal note after losing the staff role).
  if (!raced) throw clientIdReused()
  return { id: sameMessage(raced, ticketId, m), created: false }
}

/** GET/POST /tickets/:id/messages. */
export function ticketMessageRoutes({ sql, auth }: ApiDeps) {
  const limiter = createRateLimiter(MESSAGE_LIMIT)
  return newRouter()
    .openapi({ ...list, middleware: auth }, async (c) => {
      const { id } = c.req.valid('param')
      const { after, limit } = c.req.valid('query')
      const [access, rows] = await withUserRead(sql, c.var.claims, (tx) => [
        ticketAccessQuery(tx, id),
        messagesQuery(tx, id, { after, limit }),
      ])
      ticketAccessIn(access)
      return c.json(messagesIn(rows), 200)
    })
    .openapi({ ...post, middleware: auth }, async (c) => {
      const { id } = c.req.valid('param')
      const { body, internal = false, client_id, attachments = [] } = c.req.valid('json')
      limiter.hit(`ticket-message:${c.var.claims.sub}`)
      const { message, created } = await withUser(sql, c.var.claims, async (tx) => {
        const access = await ticketAccess(tx, id)
        if (internal) requireStaff(access, 'write internal notes')
        const stored = await storeMessage(tx, id, { body, internal, client_id, attachments })
        const [message] = await readMessages(tx, id, { id: stored.id })
        return { message, created: stored.created }
      })
      return created ? c.json(message, 201) : c.json(message, 200)
    })
}

import type { TicketMessage } from '../../../../../edge/contract/support.ts'
import { createPendingWrites, type PendingWrites } from '../../../lib/pending-writes/queue.ts'
import { localStore, type PendingWrite, pendingKey } from '../../../lib/pending-writes/store.ts'
import { api, runtime } from '../../../lib/runtime.ts'
import { TICKET_QUEUE } from './resume.ts'

// The ticket messages a person wrote that the server has not taken yet: every reply and note goes
// through this queue, online or not, so there is one way a message is sent. Each carries its
// client id (the write's id); the API stores a client id once (edge/api/support/messages.ts).

/** What is kept of a message until it is sent (the ticket is the write's scope). */
export interface TicketDraft {
  body: string
  internal: boolean
  /** Files already stored in the ticket's folder. */
  attachments?: { path: string; name: string }[]
}

export type PendingTicketMessage = PendingWrite<TicketDraft>
export type TicketOutbox = PendingWrites<TicketDraft, TicketMessage>

/** Thrown when the browser's session is someone else's now: their token must not carry these writes. */
const notSignedIn = () => Object.assign(new Error('Signed in as someone else.'), { status: 0 })

function createTicketOutbox(userId: string): TicketOutbox {
  const outbox: TicketOutbox = createPendingWrites<TicketDraft, TicketMessage>({
    name: `${TICKET_QUEUE}.${userId}`,
    store: localStore(pendingKey(TICKET_QUEUE, userId)),
    send: async (write) => {
      const { data } = await runtime().supabase.auth.getSession()
      if (data.session?.user.id !== userId) {
        stop(outbox)
        throw notSignedIn()
      }
      const { body, internal, attachments } = write.payload
      return api().post(
        '/tickets/:id/messages',
        {
          body,
          ...(internal ? { internal } : {}),
          ...(attachments?.length ? { attachments } : {}),
          client_id: write.id,
        },
        { params: { id: write.scope } },
      )
    },
  })
  return outbox
}

let current: { userId: string; outbox: TicketOutbox } | undefined

/** Stops a queue (its writes stay stored for when that person signs in again). */
function stop(outbox: TicketOutbox) {
  outbox.close()
  if (current?.outbox === outbox) current = undefined
}

/**
 * The signed-in person's queue of ticket messages, made on first use (which also sends what an
 * earlier visit left); another person signing in gets their own, and the previous one stops.
 */
export function ticketOutbox(userId: string): TicketOutbox {
  if (current?.userId === userId) return current.outbox
  if (current) stop(current.outbox)
  const outbox = createTicketOutbox(userId)
  current = { userId, outbox }
  void outbox.flush()
  return outbox
}

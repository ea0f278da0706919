import { hasPendingWrites } from '../../../lib/pending-writes/store.ts'

/** The name of the ticket-message queue in storage. */
export const TICKET_QUEUE = 'ticket-messages'

/**
 * Sends what a person left unsent on an earlier visit from whatever page they open (the shell calls
 * it once the person is known). Small on purpose: the queue's module loads only when something waits.
 */
export function resumeTicketMessages(userId: string) {
  if (!hasPendingWrites(TICKET_QUEUE, userId)) return
  void import('./ticket-outbox.ts').then((outbox) => outbox.ticketOutbox(userId))
}

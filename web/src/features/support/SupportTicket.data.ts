import type { RoutePreloadFuncArgs } from '@solidjs/router'
import { preloadSignedIn } from '../../api/queries.ts'
import { getCannedReplies, getMessages, getTicket } from './api.ts'

export { getCannedReplies, getMessages, getTicket }

/** Starts loading the ticket and its conversation with the page code. */
export function preloadSupportTicket({ params }: RoutePreloadFuncArgs) {
  // Read now: `params` follows the current location, which is not this page's until navigation ends.
  const id = params.ticketId
  if (!id) return
  preloadSignedIn(() => {
    void getTicket(id).catch(() => {})
    void getMessages(id).catch(() => {})
  })
}

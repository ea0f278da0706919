// Reading a ticket marks its notifications read on the server (a trigger on ticket_reads); this
// tells the bell of the same tab, which marks them read too instead of asking again.

const listeners = new Set<(ticketId: string) => void>()

/** The signed-in person just read ticket `ticketId` (the ticket page posted how far). */
export function ticketRead(ticketId: string): void {
  for (const listener of listeners) listener(ticketId)
}

/** Calls `listener` for every ticket read in this tab; returns the function that stops it. */
export function onTicketRead(listener: (ticketId: string) => void): () => void {
  listeners.add(listener)
  return () => void listeners.delete(listener)
}

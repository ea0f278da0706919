import { type Accessor, createEffect, createMemo, createSignal, onCleanup } from 'solid-js'
import type { TicketMessage } from '../../../../../edge/contract/support.ts'
import { type PendingTicketMessage, type TicketDraft, ticketOutbox } from './ticket-outbox.ts'

/** The same object for a write that did not change, so its row (and focus in it) stays put. */
function keepUnchanged() {
  let previous = new Map<string, PendingTicketMessage>()
  const same = (a: PendingTicketMessage, b: PendingTicketMessage) =>
    a.state === b.state && a.error?.message === b.error?.message
  return (list: PendingTicketMessage[]) => {
    const next = new Map<string, PendingTicketMessage>()
    const kept = list.map((w) => {
      const old = previous.get(w.id)
      const write = old && same(old, w) ? old : w
      next.set(w.id, write)
      return write
    })
    previous = next
    return kept
  }
}

/**
 * One ticket's messages that the server has not taken yet, for its conversation: shown after the
 * stored ones until the stored copy is there (matched by client id, whether it came live, in a
 * catch-up or as the answer), each answer handed to `onSent`.
 */
export function usePendingMessages(opts: {
  ticketId: string
  userId: string
  messages: Accessor<TicketMessage[]>
  onSent: (message: TicketMessage) => void
}) {
  const outbox = ticketOutbox(opts.userId)
  const keep = keepUnchanged()
  const ofTicket = (list: PendingTicketMessage[]) => keep(list.filter((w) => w.scope === opts.ticketId))
  const [writes, setWrites] = createSignal(ofTicket(outbox.list()))
  onCleanup(outbox.subscribe((list) => setWrites(ofTicket(list))))
  onCleanup(
    outbox.onSent((write, answer) => {
      if (write.scope === opts.ticketId) opts.onSent(answer)
    }),
  )

  const stored = createMemo(() => new Set(opts.messages().map((m) => m.client_id)))
  const pending = createMemo(() => writes().filter((w) => !stored().has(w.id)))
  // Refused, yet stored after all (an answer lost on the way): nothing is left to do for it.
  createEffect(() => {
    for (const w of writes()) if (w.state === 'failed' && stored().has(w.id)) outbox.discard(w.id)
  })

  return {
    /** Oldest first. */
    pending,
    add: (draft: TicketDraft) => outbox.add(opts.ticketId, draft),
    retry: (id: string) => void outbox.retry(id),
    discard: (id: string) => outbox.discard(id),
  }
}

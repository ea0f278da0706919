import { batch, createEffect, createSignal, onCleanup, onMount } from 'solid-js'
import type { TicketDetail, TicketMessage } from '../../../../edge/contract/support.ts'
import { ticketTopic } from '../../../../edge/contract/support-values.ts'
import { translator } from '../../lib/i18n/i18n.ts'
import type { LiveEvent } from '../../lib/live-topics.ts'
import { lastMessageId, mergeMessages } from '../../lib/message-log.ts'
import { api } from '../../lib/runtime.ts'
import { liveClient, useLiveTopic } from '../../shell/state/live.ts'
import type { FileRef } from '../files/AttachmentList.tsx'
import { ticketRead } from '../notifications/ticket-read.ts'
import { markSeen, messagesAfter } from './api.ts'
import { messages as catalogue } from './messages.ts'
import { usePendingMessages } from './offline/usePendingMessages.ts'
import { createTypingSender, createTypingTracker, upsertRead } from './support-thread.ts'

export interface ThreadOptions {
  ticket: TicketDetail
  messages: TicketMessage[]
  me: { id: string; name: string }
}

const t = translator(catalogue)

/** "Faith Achieng" → "Faith" (the typing line stays short). */
const firstName = (name: string) => name.trim().split(/\s+/)[0] || name

/**
 * One open conversation: the ticket and its messages kept live through `ticket:<id>` (with a
 * catch-up from the last message id after every (re)subscribe, so nothing sent while offline is
 * missed), who is typing, and the read marker posted while the tab is visible and focused.
 */
export function useTicketThread(opts: ThreadOptions) {
  const id = opts.ticket.id
  const topic = ticketTopic(id)
  const [ticket, setTicket] = createSignal<TicketDetail>(opts.ticket)
  const [messages, setMessages] = createSignal<TicketMessage[]>(opts.messages)
  const [typing, setTyping] = createSignal<string[]>([])
  const [refused, setRefused] = createSignal<string>()
  let disposed = false
  onCleanup(() => {
    disposed = true
  })

  const tracker = createTypingTracker((names) => setTyping(names.map(firstName)))
  onCleanup(() => tracker.clear())

  const addMessages = (more: TicketMessage[]) => {
    if (more.length === 0) return
    batch(() => {
      setMessages((list) => mergeMessages(list, more))
      for (const m of more) if (m.author_id) tracker.remove(m.author_id)
    })
  }

  /** The ticket again (SLA clocks, reads, rating), after a change; several changes share one call. */
  let refreshTimer: ReturnType<typeof setTimeout> | undefined
  const refreshSoon = (delay = 300) => {
    clearTimeout(refreshTimer)
    refreshTimer = setTimeout(() => void refresh(), delay)
  }
  onCleanup(() => clearTimeout(refreshTimer))
  async function refresh() {
    try {
      const fresh = await api().get('/tickets/:id', { params: { id } })
      if (!disposed) setTicket(fresh)
    } catch {
      // The live view keeps what it has; the next event or reconnect tries again.
    }
  }

  async function catchUp() {
    try {
      const missed = await messagesAfter(id, lastMessageId(messages()))
      if (!disposed) addMessages(missed)
    } catch {
      // Shown messages stay; the next reconnect catches up again.
    }
    await refresh()
  }

  useLiveTopic(() => topic, {
    onSubscribed: () => void catchUp(),
    onRefused: (_code, message) => setRefused(message),
    onEvent: (event) => void receive(event),
  })

  /** One live event, checked against the contract (its schemas load with the first event). */
  async function receive(event: LiveEvent) {
    const { Ticket, TicketMessage, TicketRead, TypingEvent } = await import(
      '../../../../edge/contract/support.ts'
    )
    if (disposed) return
    switch (event.event) {
      case 'message': {
        const m = TicketMessage.safeParse(event.data)
        if (m.success) addMessages([m.data])
        return
      }
      case 'ticket': {
        const t = Ticket.safeParse(event.data)
        if (!t.success) return
        setTicket((old) =>
          Date.parse(old.updated_at) > Date.parse(t.data.updated_at) ? old : { ...old, ...t.data },
        )
        // The event carries the ticket's fields; staff also see SLA clocks, which it does not.
        if (ticket().my_access === 'staff') refreshSoon()
        return
      }
      case 'seen': {
        const r = TicketRead.safeParse(event.data)
        if (r.success) setTicket((old) => ({ ...old, reads: upsertRead(old.reads, r.data) }))
        return
      }
      case 'rating':
        refreshSoon(0)
        return
      case 'typing': {
        const t = TypingEvent.safeParse(event.data)
        if (t.success && event.from && event.from !== opts.me.id) {
          tracker.update(event.from, t.data.name, t.data.typing)
        }
        return
      }
    }
  }

  const sender = createTypingSender((isTyping) => {
    const name = opts.me.name.slice(0, 100) || t('thread.someone')
    liveClient().publish(topic, 'typing', { typing: isTyping, name })
  })
  onCleanup(() => sender.stop())

  // What I wrote and the server has not taken yet: shown at once, sent when online (offline/).
  const outbox = usePendingMessages({
    ticketId: id,
    userId: opts.me.id,
    messages,
    onSent: (m) => addMessages([m]),
  })

  /** Sends a reply (or, staff, an internal note) through the queue: shown at once, online or not. */
  async function send(body: string, internal: boolean, files: FileRef[] = []) {
    sender.stop()
    const attachments = files.map((f) => ({ path: f.path, name: f.name }))
    return outbox.add(attachments.length ? { body, internal, attachments } : { body, internal })
  }

  // The read marker: how far this person has seen, posted while the tab is visible and focused.
  const [attention, setAttention] = createSignal(false)
  const readAttention = () => setAttention(document.visibilityState === 'visible' && document.hasFocus())
  onMount(() => {
    readAttention()
    window.addEventListener('focus', readAttention)
    window.addEventListener('blur', readAttention)
    document.addEventListener('visibilitychange', readAttention)
    onCleanup(() => {
      window.removeEventListener('focus', readAttention)
      window.removeEventListener('blur', readAttention)
      document.removeEventListener('visibilitychange', readAttention)
    })
  })
  let postedSeen = opts.ticket.reads.find((r) => r.user_id === opts.me.id)?.last_read_id ?? 0
  createEffect(() => {
    const last = lastMessageId(messages())
    if (!attention() || last <= postedSeen) return
    postedSeen = last
    markSeen(id, last).then(
      () => ticketRead(id),
      () => {
        postedSeen = 0
      },
    )
  })

  return {
    ticket,
    setTicket,
    messages,
    typing,
    /** Set when the server refused live updates for this ticket (access removed). */
    refused,
    send,
    /** My messages not taken by the server yet (waiting, sending, refused), oldest first. */
    pending: outbox.pending,
    retryPending: outbox.retry,
    discardPending: outbox.discard,
    /** Call on each key in the composer (throttled typing events). */
    typed: () => sender.input(),
    stopTyping: () => sender.stop(),
    refresh,
  }
}

export type TicketThread = ReturnType<typeof useTicketThread>

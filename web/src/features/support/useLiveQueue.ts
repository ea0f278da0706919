import { createAsync, revalidate } from '@solidjs/router'
import { batch, createEffect, createSignal, on, onCleanup } from 'solid-js'
import type { Ticket } from '../../../../edge/contract/support.ts'
import { queueTopic } from '../../../../edge/contract/support-values.ts'
import { translator } from '../../lib/i18n/i18n.ts'
import { useApp } from '../../shell/state/AppContext.tsx'
import { useLiveTopic } from '../../shell/state/live.ts'
import { useTenant } from '../../shell/state/TenantContext.tsx'
import { getAgents, getTickets } from './api.ts'
import { messages } from './messages.ts'
import { filtersToQuery, type QueueFilters, upsertTicket } from './support-queue.ts'

const t = translator(messages)

/** A live ticket checked against the contract, whose schemas load with the first event. */
async function parseTicket(data: unknown): Promise<Ticket | undefined> {
  const { Ticket } = await import('../../../../edge/contract/support.ts')
  const parsed = Ticket.safeParse(data)
  return parsed.success ? parsed.data : undefined
}

/** How long a new row stays highlighted. */
const FRESH_MS = 8000

/**
 * The staff queue with the filters in the URL, kept live through `queue:<tenant>`: a ticket event
 * is merged into the shown list with the same filters, a new row is highlighted and announced, and
 * after a reconnect the list is loaded again (events sent meanwhile are gone).
 */
export function useLiveQueue(filters: () => QueueFilters) {
  const { session } = useApp()
  const tenant = useTenant()
  const loaded = createAsync(() => getTickets(tenant().id, filtersToQuery(filters())))
  const [rows, setRows] = createSignal<Ticket[]>()
  const [fresh, setFresh] = createSignal(new Set<string>())
  const [announcement, setAnnouncement] = createSignal('')
  createEffect(on(loaded, (list) => list && setRows(list)))
  const list = () => rows() ?? loaded()
  let subscribedBefore = false

  let agentsTimer: ReturnType<typeof setTimeout> | undefined
  const refreshAgentsSoon = () => {
    clearTimeout(agentsTimer)
    agentsTimer = setTimeout(() => void revalidate(getAgents.keyFor(tenant().id)), 500)
  }
  onCleanup(() => clearTimeout(agentsTimer))

  function highlight(ticket: Ticket) {
    setFresh((s) => new Set(s).add(ticket.id))
    // The number as typed, not grouped ("#1204", never "#1,204").
    setAnnouncement(t('queue.announceNew', { number: String(ticket.number), subject: ticket.subject }))
    setTimeout(
      () =>
        setFresh((s) => {
          const copy = new Set(s)
          copy.delete(ticket.id)
          return copy
        }),
      FRESH_MS,
    )
  }

  useLiveTopic(() => queueTopic(tenant().id), {
    // After a reconnect: events sent meanwhile are gone, so load the queue again (and the agents:
    // the server marks this agent online on subscribe).
    onSubscribed: () => {
      if (subscribedBefore) void revalidate(getTickets.key)
      subscribedBefore = true
      void revalidate(getAgents.keyFor(tenant().id))
    },
    onEvent: (event) => {
      if (event.event !== 'ticket') return
      // Applied only while this school's queue is still the one shown (the check loads first).
      void parseTicket(event.data).then((t) => t && event.topic === queueTopic(tenant().id) && apply(t))
    },
  })

  function apply(ticket: Ticket) {
    const current = list() ?? []
    const before = current.find((x) => x.id === ticket.id)
    // A ticket given to or taken from me changes my open count next to the Available switch.
    const me = session.userId()
    if (
      before?.assignee_id !== ticket.assignee_id &&
      (ticket.assignee_id === me || before?.assignee_id === me)
    )
      refreshAgentsSoon()
    const next = upsertTicket(current, ticket, filters(), session.userId())
    batch(() => {
      setRows(next)
      if (!before && next.some((x) => x.id === ticket.id)) highlight(ticket)
    })
  }

  return {
    /** The rows to show (undefined while the first load runs). */
    list,
    /** Ids of rows that just arrived. */
    fresh,
    /** The last arrival, for a polite live region. */
    announcement,
  }
}

import type {
  SlaState,
  Ticket,
  TicketCategory,
  TicketPriority,
  TicketStatus,
} from '../../../../edge/contract/support.ts'
import {
  SLA_STATES,
  TICKET_CATEGORIES,
  TICKET_PRIORITIES,
  TICKET_STATUSES,
} from '../../../../edge/contract/support-values.ts'

// The staff queue's filters live in the URL (`?status=open&assignee=me`), so a filtered queue can
// be bookmarked, shared and survives a reload. Live `ticket` events are folded into the shown list
// with the same filters, so a new ticket appears only where it belongs.

/** The status choices of the queue: the default (what needs work), one status, or everything. */
export const STATUS_CHOICES = ['active', ...TICKET_STATUSES, 'all'] as const
export type StatusChoice = (typeof STATUS_CHOICES)[number]

export const SORTS = ['updated', 'sla', 'created'] as const
export type QueueSort = (typeof SORTS)[number]

export interface QueueFilters {
  status: StatusChoice
  priority?: TicketPriority
  category?: TicketCategory
  /** `me`, `none` (unassigned), a user id, or undefined for anyone. */
  assignee?: string
  sla?: SlaState
  q?: string
  sort: QueueSort
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

const pick = <T extends string>(value: string | undefined, allowed: readonly T[]): T | undefined =>
  value !== undefined && (allowed as readonly string[]).includes(value) ? (value as T) : undefined

type Search = Partial<Record<string, string | string[] | undefined>>
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)

/** The filters in a URL's search parameters; anything unknown falls back to the default. */
export function filtersFromSearch(search: Search): QueueFilters {
  const assignee = first(search.assignee)
  const q = first(search.q)?.trim().slice(0, 200)
  return {
    status: pick(first(search.status), STATUS_CHOICES) ?? 'active',
    priority: pick(first(search.priority), TICKET_PRIORITIES),
    category: pick(first(search.category), TICKET_CATEGORIES),
    assignee:
      assignee === 'me' || assignee === 'none' || (assignee && UUID.test(assignee)) ? assignee : undefined,
    sla: pick(first(search.sla), SLA_STATES),
    q: q || undefined,
    sort: pick(first(search.sort), SORTS) ?? 'updated',
  }
}

/** The filters as search parameters, leaving defaults out (undefined removes a parameter). */
export function filtersToSearch(f: QueueFilters): Record<string, string | undefined> {
  return {
    status: f.status === 'active' ? undefined : f.status,
    priority: f.priority,
    category: f.category,
    assignee: f.assignee,
    sla: f.sla,
    q: f.q || undefined,
    sort: f.sort === 'updated' ? undefined : f.sort,
  }
}

/** The statuses a status choice stands for. */
export function statusesOf(choice: StatusChoice): readonly TicketStatus[] {
  if (choice === 'active') return ['open', 'pending']
  if (choice === 'all') return TICKET_STATUSES
  return [choice]
}

/** The filters as the query of `GET /tenants/:id/tickets`. */
export function filtersToQuery(f: QueueFilters): Record<string, string | number | undefined> {
  return {
    status: f.status === 'all' ? undefined : statusesOf(f.status).join(','),
    priority: f.priority,
    category: f.category,
    assignee: f.assignee,
    sla: f.sla,
    q: f.q,
    sort: f.sort,
    limit: 200,
  }
}

/** True when a ticket belongs in a queue with these filters (`myId` resolves `assignee=me`). */
export function matchesFilters(t: Ticket, f: QueueFilters, myId: string | null): boolean {
  if (!statusesOf(f.status).includes(t.status)) return false
  if (f.priority && t.priority !== f.priority) return false
  if (f.category && t.category !== f.category) return false
  if (f.sla && t.sla_state !== f.sla) return false
  if (f.assignee === 'me' && t.assignee_id !== myId) return false
  if (f.assignee === 'none' && t.assignee_id !== null) return false
  if (f.assignee && f.assignee !== 'me' && f.assignee !== 'none' && t.assignee_id !== f.assignee) return false
  if (f.q) {
    const q = f.q.trim()
    const number = /^#?(\d+)$/.exec(q)
    if (number) return t.number === Number(number[1])
    const words = q.toLowerCase().split(/\s+/).filter(Boolean)
    const subject = t.subject.toLowerCase()
    if (!words.every((w) => subject.includes(w))) return false
  }
  return true
}

const time = (value: string | null) => (value ? Date.parse(value) : Number.NaN)

/** Sorts like the API: newest activity first, soonest SLA due first (none last), or newest created. */
export function sortTickets(list: readonly Ticket[], sort: QueueSort): Ticket[] {
  const copy = [...list]
  if (sort === 'sla') {
    return copy.sort((a, b) => {
      const da = time(a.sla_due_at)
      const db = time(b.sla_due_at)
      if (Number.isNaN(da) !== Number.isNaN(db)) return Number.isNaN(da) ? 1 : -1
      return (da || 0) - (db || 0) || b.number - a.number
    })
  }
  const key = sort === 'created' ? 'created_at' : 'updated_at'
  return copy.sort((a, b) => time(b[key]) - time(a[key]) || b.number - a.number)
}

/**
 * The list after a live change of one ticket: replaced (or added) when it still matches the filters,
 * removed when it no longer does, and in sort order. An older copy never replaces a newer one.
 */
export function upsertTicket(
  list: readonly Ticket[],
  ticket: Ticket,
  f: QueueFilters,
  myId: string | null,
): Ticket[] {
  const existing = list.find((t) => t.id === ticket.id)
  if (existing && time(existing.updated_at) > time(ticket.updated_at)) return [...list]
  const rest = list.filter((t) => t.id !== ticket.id)
  if (!matchesFilters(ticket, f, myId)) return rest
  return sortTickets([...rest, ticket], f.sort)
}

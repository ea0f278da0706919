import type { Ticket, TicketDetail, TicketListQuery, TicketMessage } from '../../contract/support.ts'
import type { Tx } from '../../lib/db.ts'
import { noTicket } from './access.ts'

// Reads of tickets and messages as RLS lets the caller see them, shared by the support routes.
// The JSON is built in SQL with the same shape as the migration's private.ticket_json and
// private.ticket_message_json (which only the service role may call), so an API answer and a live
// event of the same ticket look alike (ids as numbers, timestamps as Postgres writes them).

/** A person's shown name (never blank while they have an email, as private.display_name gives it). */
const nameOf = (tx: Tx, column: string) =>
  tx`(select p.display_name from public.profiles p where p.id = ${tx(column)})`

/** The JSON of ticket `t`, as private.ticket_json builds it. */
export const ticketJson = (tx: Tx) => tx`jsonb_build_object(
  'id', t.id, 'tenant_id', t.tenant_id, 'number', t.number, 'subject', t.subject,
  'category', t.category, 'priority', t.priority, 'status', t.status,
  'requester_id', t.requester_id, 'requester_name', ${nameOf(tx, 't.requester_id')},
  'assignee_id', t.assignee_id, 'assignee_name', ${nameOf(tx, 't.assignee_id')},
  'context', t.context, 'merged_into', t.merged_into, 'sla_state', t.sla_state, 'sla_due_at', t.sla_due_at,
  'first_response_at', t.first_response_at, 'last_message_at', t.last_message_at,
  'resolved_at', t.resolved_at, 'closed_at', t.closed_at, 'created_at', t.created_at, 'updated_at', t.updated_at)`

/** The JSON of message `m` of ticket `t`, as private.ticket_message_json builds it. */
export const messageJson = (tx: Tx) => tx`jsonb_build_object(
  'id', m.id, 'ticket_id', m.ticket_id, 'author_id', m.author_id, 'author_name', ${nameOf(tx, 'm.author_id')},
  'author_avatar', (select p.avatar_path from public.profiles p where p.id = m.author_id),
  'author_is_staff', m.author_id is not null and m.author_id <> t.requester_id,
  'body', m.body, 'internal', m.internal, 'system', m.system, 'created_at', m.created_at,
  'client_id', m.client_id, 'attachments', m.attachments)`

/** One ticket as RLS lets the caller see it. */
export async function readTicket(tx: Tx, ticketId: string): Promise<Ticket> {
  const [row] = await tx<{ ticket: Ticket }[]>`
    select ${ticketJson(tx)} as ticket from public.tickets t where t.id = ${ticketId}`
  if (!row) throw noTicket()
  return row.ticket
}

const DEFAULT_LIMIT = 50

/** `%`, `_` and `\` match themselves in an ilike pattern. */
const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`)

/** `#1042` is a ticket number; anything else is words that must all appear in the subject. */
function searchTerms(q: string | undefined): { number: number | null; patterns: string[] } {
  const text = q?.trim() ?? ''
  const number = /^#(\d{1,9})$/.exec(text)?.[1]
  if (number) return { number: Number(number), patterns: [] }
  return {
    number: null,
    patterns: text
      .split(/\s+/)
      .filter(Boolean)
      .map((w) => `%${likeEscape(w)}%`),
  }
}

const orderBy = (tx: Tx, sort: TicketListQuery['sort']) =>
  sort === 'sla'
    ? tx`t.sla_due_at asc nulls last, t.updated_at desc, t.id`
    : sort === 'created'
      ? tx`t.created_at desc, t.id`
      : tx`t.updated_at desc, t.id`

/** The list query, unsent (ticketsIn reads it); RLS narrows it to the caller's own tickets unless they are the school's staff. */
export function listTicketsQuery(tx: Tx, tenantId: string, me: string, query: TicketListQuery) {
  const statuses = query.status ? query.status.split(',') : null
  const unassigned = query.assignee === 'none'
  const assignee = query.assignee === 'me' ? me : unassigned ? null : (query.assignee ?? null)
  const { number, patterns } = searchTerms(query.q)
  return tx<TicketRow[]>`
    select ${ticketJson(tx)} as ticket from public.tickets t
    where t.tenant_id = ${tenantId}
      and (${statuses}::text[] is null or t.status::text = any (${statuses}::text[]))
      and (${query.priority ?? null}::public.ticket_priority is null or t.priority = ${query.priority ?? null})
      and (${query.category ?? null}::public.ticket_category is null or t.category = ${query.category ?? null})
      and (${query.sla ?? null}::public.sla_state is null or t.sla_state = ${query.sla ?? null})
      and (not ${unassigned} or t.assignee_id is null)
      and (${assignee}::uuid is null or t.assignee_id = ${assignee}::uuid)
      and (not ${query.requester === 'me'} or t.requester_id = ${me})
      and (${number}::int is null or t.number = ${number})
      and t.subject ilike all (${patterns}::text[])
    order by ${orderBy(tx, query.sort)}
    limit ${query.limit ?? DEFAULT_LIMIT}`
}

type TicketRow = { ticket: Ticket }

/** The tickets of listTicketsQuery's rows. */
export const ticketsIn = (rows: readonly TicketRow[]) => rows.map((r) => r.ticket)

/** The list query's tickets (listTicketsQuery). */
export async function listTickets(tx: Tx, tenantId: string, me: string, query: TicketListQuery) {
  return ticketsIn(await listTicketsQuery(tx, tenantId, me, query))
}

/** Tickets still being worked: neither resolved nor closed. */
export const ACTIVE_STATUSES = ['open', 'pending'] as const

/** How a school's queue stands (tickets neither resolved nor closed). */
export interface QueueCounts {
  open: number
  pending: number
  unassigned: number
  breached: number
  warning: number
}

/**
 * A school's tickets neither resolved nor closed: per status, without an assignee, and per SLA
 * state as the queue filters it (`?sla=`: the ticket's `sla_state`, kept by private.refresh_sla and
 * the SLA job). RLS counts the whole school for its support staff, and only their own for others.
 * Unsent (for withUserRead).
 */
export const countQueueQuery = (tx: Tx, tenantId: string) => tx<QueueCounts[]>`
  select count(*) filter (where t.status = 'open')::int as open,
    count(*) filter (where t.status = 'pending')::int as pending,
    count(*) filter (where t.assignee_id is null)::int as unassigned,
    count(*) filter (where t.sla_state = 'breached')::int as breached,
    count(*) filter (where t.sla_state = 'warning')::int as warning
  from public.tickets t
  where t.tenant_id = ${tenantId} and t.status = any (${[...ACTIVE_STATUSES]}::public.ticket_status[])`

/** The school's queue counts (countQueueQuery). */
export async function countQueue(tx: Tx, tenantId: string): Promise<QueueCounts> {
  const [row] = await countQueueQuery(tx, tenantId)
  return row as QueueCounts
}

/**
 * A ticket with the caller's access (public.ticket_access), read markers, rating and SLA clocks, in
 * one statement (the answer of GET /tickets/:id), unsent; ticketDetailIn reads it. RLS leaves the
 * clocks empty for requesters; the requester's email is there for the support staff who work the
 * ticket (private.contact_email), never in live events.
 */
export const ticketDetailQuery = (tx: Tx, ticketId: string) => tx<{ detail: TicketDetail }[]>`
  select ${ticketJson(tx)} || jsonb_build_object(
    'my_access', public.ticket_access(t.id),
    'requester_email', private.contact_email(t.tenant_id, t.requester_id),
    'reads', coalesce((
      select jsonb_agg(jsonb_build_object('ticket_id', r.ticket_id, 'user_id', r.user_id,
        'last_read_id', r.last_read_id, 'read_at', r.read_at) order by r.read_at, r.user_id)
      from public.ticket_reads r where r.ticket_id = t.id), '[]'),
    'rating', (
      select jsonb_build_object('ticket_id', x.ticket_id, 'score', x.score, 'comment', x.comment,
        'agent_id', x.agent_id, 'category', x.category, 'created_at', x.created_at)
      from public.ticket_ratings x where x.ticket_id = t.id),
    'sla_clocks', coalesce((
      select jsonb_agg(jsonb_build_object('target', c.target, 'cycle', c.cycle, 'started_at', c.started_at,
        'warn_at', c.warn_at, 'due_at', c.due_at, 'met_at', c.met_at, 'warned_at', c.warned_at,
        'breached_at', c.breached_at) order by c.started_at, c.target, c.cycle)
      from public.ticket_sla_targets c where c.ticket_id = t.id), '[]')
  ) as detail
  from public.tickets t where t.id = ${ticketId}`

/** The ticket of ticketDetailQuery's rows; 404 when the caller cannot see it or has no access to it. */
export function ticketDetailIn([row]: readonly { detail: TicketDetail }[]): TicketDetail {
  const detail = row?.detail
  // ticket_access also says 'none' or 'missing' (typed as the answer's two values only).
  if (detail?.my_access !== 'staff' && detail?.my_access !== 'requester') throw noTicket()
  return detail
}

/** A ticket with the caller's access, read markers, rating and SLA clocks (ticketDetailQuery). */
export async function readTicketDetail(tx: Tx, ticketId: string): Promise<TicketDetail> {
  return ticketDetailIn(await ticketDetailQuery(tx, ticketId))
}

/**
 * Messages of a ticket after `after` (or one message), oldest first, unsent (messagesIn reads it);
 * RLS hides internal notes from requesters.
 */
export const messagesQuery = (
  tx: Tx,
  ticketId: string,
  opts: { after?: number; limit?: number; id?: number },
) =>
  tx<{ message: TicketMessage }[]>`
    select ${messageJson(tx)} as message
    from public.ticket_messages m join public.tickets t on t.id = m.ticket_id
    where m.ticket_id = ${ticketId} and m.id > ${opts.after ?? 0}
      and (${opts.id ?? null}::bigint is null or m.id = ${opts.id ?? null}::bigint)
    order by m.id
    limit ${opts.limit ?? 200}`

/** The messages of messagesQuery's rows. */
export const messagesIn = (rows: readonly { message: TicketMessage }[]) => rows.map((r) => r.message)

/** Messages of a ticket (messagesQuery). */
export async function readMessages(
  tx: Tx,
  ticketId: string,
  opts: { after?: number; limit?: number; id?: number },
): Promise<TicketMessage[]> {
  return messagesIn(await messagesQuery(tx, ticketId, opts))
}

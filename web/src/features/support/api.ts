import { query } from '@solidjs/router'
import type {
  AssignBody,
  CreateTicketBody,
  CsatBody,
  PutCalendarBody,
  PutSlaPolicyBody,
  TicketMessage,
  TicketPriority,
  UpdateTicketBody,
} from '../../../../edge/contract/support.ts'
import { allAfter } from '../../api/pages.ts'
import { api } from '../../lib/runtime.ts'

// The support desk's calls: loaders (router queries, cached and revalidated by key) and actions.

type ListQuery = Record<string, string | number | undefined>

/** Tickets of a school: a requester's own, or (staff) the queue with its filters. */
export const getTickets = query(
  (tenantId: string, filters: ListQuery = {}) =>
    api().get('/tenants/:tenantId/tickets', { params: { tenantId }, query: filters }),
  'tickets',
)

/** Tickets of a school, asked afresh (not cached): e.g. the merge dialog's candidates. */
export const listTickets = (tenantId: string, filters: ListQuery) =>
  api().get('/tenants/:tenantId/tickets', { params: { tenantId }, query: filters })

/** One ticket with what the caller may do, read markers, rating and (staff) SLA clocks. */
export const getTicket = query((id: string) => api().get('/tickets/:id', { params: { id } }), 'ticket')

/** Every message of a ticket the caller may read, oldest first (pages of 500). */
export const getMessages = query((id: string) => messagesAfter(id, 0), 'ticketMessages')

/** Messages after `after` (a catch-up after reconnecting), following pages until the end. */
export const messagesAfter = (id: string, after: number): Promise<TicketMessage[]> =>
  allAfter(after, (page) => api().get('/tickets/:id/messages', { params: { id }, query: page }))

/** Canned replies of a school (support staff). */
export const getCannedReplies = query(
  (tenantId: string) => api().get('/tenants/:tenantId/canned-replies', { params: { tenantId } }),
  'cannedReplies',
)

/** SLA policies (defaults filled in), the business calendar and holidays (support staff). */
export const getSlaSettings = query(
  (tenantId: string) => api().get('/tenants/:tenantId/sla', { params: { tenantId } }),
  'slaSettings',
)

/** People who take tickets, with online state, open tickets and caps (support staff). */
export const getAgents = query(
  (tenantId: string) => api().get('/tenants/:tenantId/support/agents', { params: { tenantId } }),
  'supportAgents',
)

/** CSAT overall, per agent and per category over a date range (support staff). */
export const getCsatReport = query(
  (tenantId: string, from?: string, to?: string) =>
    api().get('/tenants/:tenantId/support/report', { params: { tenantId }, query: { from, to } }),
  'csatReport',
)

export const createTicket = (tenantId: string, body: CreateTicketBody) =>
  api().post('/tenants/:tenantId/tickets', body, { params: { tenantId } })

export const updateTicket = (id: string, body: UpdateTicketBody) =>
  api().patch('/tickets/:id', body, { params: { id } })

export const postMessage = (id: string, body: string, internal = false) =>
  api().post('/tickets/:id/messages', internal ? { body, internal } : { body }, { params: { id } })

export const assignTicket = (id: string, body: AssignBody) =>
  api().post('/tickets/:id/assign', body, { params: { id } })

export const mergeTicket = (id: string, into: string) =>
  api().post('/tickets/:id/merge', { into }, { params: { id } })

export const markSeen = (id: string, lastReadId: number) =>
  api().post('/tickets/:id/seen', { last_read_id: lastReadId }, { params: { id } })

export const rateTicket = (id: string, body: CsatBody) =>
  api().post('/tickets/:id/csat', body, { params: { id } })

export const createCannedReply = (tenantId: string, title: string, body: string) =>
  api().post('/tenants/:tenantId/canned-replies', { title, body }, { params: { tenantId } })

export const updateCannedReply = (id: string, body: { title?: string; body?: string }) =>
  api().patch('/canned-replies/:id', body, { params: { id } })

export const deleteCannedReply = (id: string) => api().delete('/canned-replies/:id', { params: { id } })

export const putSlaPolicy = (tenantId: string, priority: TicketPriority, body: PutSlaPolicyBody) =>
  api().put('/tenants/:tenantId/sla/policies/:priority', body, { params: { tenantId, priority } })

export const putCalendar = (tenantId: string, body: PutCalendarBody) =>
  api().put('/tenants/:tenantId/sla/calendar', body, { params: { tenantId } })

export const addHoliday = (tenantId: string, day: string, name: string) =>
  api().post('/tenants/:tenantId/sla/holidays', { day, name }, { params: { tenantId } })

export const removeHoliday = (tenantId: string, day: string) =>
  api().delete('/tenants/:tenantId/sla/holidays/:day', { params: { tenantId, day } })

export const updateAgent = (
  tenantId: string,
  userId: string,
  body: { available?: boolean; max_open?: number },
) => api().patch('/tenants/:tenantId/support/agents/:userId', body, { params: { tenantId, userId } })

import { z } from 'zod'
import * as S from '../support.ts'
import { Uuid } from '../tenancy.ts'
import { route } from './route.ts'

// The support desk: tickets and their conversation, canned replies, SLA settings, agents, the
// satisfaction report, and the in-app notifications it sends.

/** Path parameters; a value that is not a UUID (or a priority, a date) is a 400 naming the parameter. */
export const SupportTenantParams = z.object({ tenantId: Uuid })
export const TicketParams = z.object({ id: Uuid })
export const CannedReplyParams = z.object({ id: Uuid })
export const AgentParams = SupportTenantParams.extend({ userId: Uuid })
export const PriorityParams = SupportTenantParams.extend({ priority: S.TicketPriority })
export const HolidayParams = SupportTenantParams.extend({ day: z.iso.date('Use a date, YYYY-MM-DD.') })

export const createTicket = route({
  method: 'post',
  path: '/tenants/{tenantId}/tickets',
  params: SupportTenantParams,
  body: S.CreateTicketBody,
  responses: { 201: S.TicketDetail },
})

export const listTickets = route({
  method: 'get',
  path: '/tenants/{tenantId}/tickets',
  params: SupportTenantParams,
  query: S.TicketListQuery,
  responses: { 200: S.TicketList },
})

export const getTicket = route({
  method: 'get',
  path: '/tickets/{id}',
  params: TicketParams,
  responses: { 200: S.TicketDetail },
})

export const updateTicket = route({
  method: 'patch',
  path: '/tickets/{id}',
  params: TicketParams,
  body: S.UpdateTicketBody,
  responses: { 200: S.TicketDetail },
})

export const listTicketMessages = route({
  method: 'get',
  path: '/tickets/{id}/messages',
  params: TicketParams,
  query: S.MessageListQuery,
  responses: { 200: S.TicketMessageList },
})

/** 201 when stored now; 200 when the sender's `client_id` was already stored (that message, unchanged). */
export const postTicketMessage = route({
  method: 'post',
  path: '/tickets/{id}/messages',
  params: TicketParams,
  body: S.PostMessageBody,
  responses: { 200: S.TicketMessage, 201: S.TicketMessage },
})

export const assignTicket = route({
  method: 'post',
  path: '/tickets/{id}/assign',
  params: TicketParams,
  body: S.AssignBody,
  responses: { 200: S.TicketDetail },
})

/** Answers the ticket it was merged into. */
export const mergeTicket = route({
  method: 'post',
  path: '/tickets/{id}/merge',
  params: TicketParams,
  body: S.MergeBody,
  responses: { 200: S.TicketDetail },
})

export const markTicketSeen = route({
  method: 'post',
  path: '/tickets/{id}/seen',
  params: TicketParams,
  body: S.SeenBody,
  responses: { 204: null },
})

export const rateTicket = route({
  method: 'post',
  path: '/tickets/{id}/csat',
  params: TicketParams,
  body: S.CsatBody,
  responses: { 201: S.TicketRating },
})

export const listCannedReplies = route({
  method: 'get',
  path: '/tenants/{tenantId}/canned-replies',
  params: SupportTenantParams,
  responses: { 200: S.CannedReplyList },
})

export const createCannedReply = route({
  method: 'post',
  path: '/tenants/{tenantId}/canned-replies',
  params: SupportTenantParams,
  body: S.CreateCannedReplyBody,
  responses: { 201: S.CannedReply },
})

export const updateCannedReply = route({
  method: 'patch',
  path: '/canned-replies/{id}',
  params: CannedReplyParams,
  body: S.UpdateCannedReplyBody,
  responses: { 200: S.CannedReply },
})

export const deleteCannedReply = route({
  method: 'delete',
  path: '/canned-replies/{id}',
  params: CannedReplyParams,
  responses: { 204: null },
})

export const getSlaSettings = route({
  method: 'get',
  path: '/tenants/{tenantId}/sla',
  params: SupportTenantParams,
  responses: { 200: S.SlaSettings },
})

export const putSlaPolicy = route({
  method: 'put',
  path: '/tenants/{tenantId}/sla/policies/{priority}',
  params: PriorityParams,
  body: S.PutSlaPolicyBody,
  responses: { 200: S.SlaPolicy },
})

export const putSupportCalendar = route({
  method: 'put',
  path: '/tenants/{tenantId}/sla/calendar',
  params: SupportTenantParams,
  body: S.PutCalendarBody,
  responses: { 200: S.SupportCalendar },
})

export const addHoliday = route({
  method: 'post',
  path: '/tenants/{tenantId}/sla/holidays',
  params: SupportTenantParams,
  body: S.CreateHolidayBody,
  responses: { 201: S.Holiday },
})

export const removeHoliday = route({
  method: 'delete',
  path: '/tenants/{tenantId}/sla/holidays/{day}',
  params: HolidayParams,
  responses: { 204: null },
})

export const listAgents = route({
  method: 'get',
  path: '/tenants/{tenantId}/support/agents',
  params: SupportTenantParams,
  responses: { 200: S.SupportAgentList },
})

export const updateAgent = route({
  method: 'patch',
  path: '/tenants/{tenantId}/support/agents/{userId}',
  params: AgentParams,
  body: S.UpdateAgentBody,
  responses: { 200: S.SupportAgent },
})

export const getSupportReport = route({
  method: 'get',
  path: '/tenants/{tenantId}/support/report',
  params: SupportTenantParams,
  query: S.ReportQuery,
  responses: { 200: S.CsatReport },
})

export const listNotifications = route({
  method: 'get',
  path: '/notifications',
  query: S.NotificationListQuery,
  responses: { 200: S.NotificationList },
})

export const readNotifications = route({
  method: 'post',
  path: '/notifications/read',
  body: S.ReadNotificationsBody,
  responses: { 204: null },
})

export const getNotificationSettings = route({
  method: 'get',
  path: '/me/notification-settings',
  responses: { 200: S.NotificationSettings },
})

export const putNotificationSettings = route({
  method: 'put',
  path: '/me/notification-settings',
  body: S.PutNotificationSettingsBody,
  responses: { 200: S.NotificationSettings },
})

import * as R from '../../contract/routes/support.ts'
import * as S from '../../contract/support.ts'
import { integerFields, named, pathParams } from '../core/openapi.ts'

// The support contract's schemas as the OpenAPI document shows them (components/schemas/<Name>).
// apiRoute() looks these forms up when a route is built, so every routes file of the feature
// imports this module (`import './schemas.ts'`) before building its routes.

named(S.Ticket, 'Ticket')
named(S.TicketList, 'TicketList')
named(S.TicketDetail, 'TicketDetail')
named(S.CreateTicketBody, 'CreateTicket')
named(S.UpdateTicketBody, 'UpdateTicket')
named(S.TicketMessage, 'TicketMessage')
named(S.TicketMessageList, 'TicketMessageList')
named(S.PostMessageBody, 'PostMessage')
named(S.AssignBody, 'Assign')
named(S.MergeBody, 'Merge')
named(S.SeenBody, 'Seen')
named(S.CsatBody, 'Csat')
named(S.TicketRating, 'TicketRating')
named(S.CannedReply, 'CannedReply')
named(S.CannedReplyList, 'CannedReplyList')
named(S.CreateCannedReplyBody, 'CreateCannedReply')
named(S.UpdateCannedReplyBody, 'UpdateCannedReply')
named(S.SlaSettings, 'SlaSettings')
named(S.SlaPolicy, 'SlaPolicy')
named(S.PutSlaPolicyBody, 'PutSlaPolicy')
named(S.SupportCalendar, 'SupportCalendar')
named(S.PutCalendarBody, 'PutCalendar')
named(S.Holiday, 'Holiday')
named(S.CreateHolidayBody, 'CreateHoliday')
named(S.SupportAgent, 'SupportAgent')
named(S.SupportAgentList, 'SupportAgentList')
named(S.UpdateAgentBody, 'UpdateAgent')
named(S.CsatReport, 'CsatReport')
named(S.NotificationList, 'NotificationList')
named(S.ReadNotificationsBody, 'ReadNotifications')
named(S.NotificationSettings, 'NotificationSettings')
named(S.PutNotificationSettingsBody, 'PutNotificationSettings')

integerFields(S.TicketListQuery, 'limit')
integerFields(S.MessageListQuery, 'after', 'limit')
integerFields(S.NotificationListQuery, 'limit')

const uuid = (description: string) => ({ description, example: '10000000-0000-4000-a000-000000000001' })
const tenantId = uuid('The school (tenant) id.')

pathParams(R.SupportTenantParams, { tenantId })
pathParams(R.TicketParams, { id: uuid('The ticket id.') })
pathParams(R.CannedReplyParams, { id: uuid('The canned reply id.') })
pathParams(R.AgentParams, { tenantId, userId: uuid("The agent's user id.") })
pathParams(R.PriorityParams, {
  tenantId,
  priority: { description: 'The priority whose targets to set.', example: 'urgent' },
})
pathParams(R.HolidayParams, {
  tenantId,
  day: { description: 'The holiday, YYYY-MM-DD.', example: '2026-12-25' },
})

import { z } from '@hono/zod-openapi'
import * as S from '../contract/support.ts'
import { Uuid } from '../contract/tenancy.ts'
import { jsonResponse } from './router.ts'
import { ErrorSchema } from './schemas.ts'

// The support contract's schemas, named for the OpenAPI document (components/schemas/<Name>).

type OpenApiMethod = (this: z.ZodType, ...args: unknown[]) => z.ZodType
const openapi = (z.ZodType.prototype as unknown as { openapi: OpenApiMethod }).openapi

/** `schema.openapi(...args)` for a contract schema built before @hono/zod-openapi extended zod. */
function named<S extends z.ZodType>(schema: S, ...args: unknown[]): S {
  return openapi.call(schema, ...args) as S
}

export const TicketSchema = named(S.Ticket, 'Ticket')
export const TicketListSchema = named(S.TicketList, 'TicketList')
export const TicketDetailSchema = named(S.TicketDetail, 'TicketDetail')
export const CreateTicketSchema = named(S.CreateTicketBody, 'CreateTicket')
export const UpdateTicketSchema = named(S.UpdateTicketBody, 'UpdateTicket')
export const TicketListQuerySchema = S.TicketListQuery.extend({
  // The generator reads the coerced number as nullable; it is a plain integer.
  limit: named(S.TicketListQuery.shape.limit, { type: 'integer' }),
})
export const TicketMessageSchema = named(S.TicketMessage, 'TicketMessage')
export const TicketMessageListSchema = named(S.TicketMessageList, 'TicketMessageList')
export const PostMessageSchema = named(S.PostMessageBody, 'PostMessage')
export const MessageListQuerySchema = S.MessageListQuery.extend({
  after: named(S.MessageListQuery.shape.after, { type: 'integer' }),
  limit: named(S.MessageListQuery.shape.limit, { type: 'integer' }),
})
export const AssignSchema = named(S.AssignBody, 'Assign')
export const MergeSchema = named(S.MergeBody, 'Merge')
export const SeenSchema = named(S.SeenBody, 'Seen')
export const CsatSchema = named(S.CsatBody, 'Csat')
export const TicketRatingSchema = named(S.TicketRating, 'TicketRating')
export const CannedReplySchema = named(S.CannedReply, 'CannedReply')
export const CannedReplyListSchema = named(S.CannedReplyList, 'CannedReplyList')
export const CreateCannedReplySchema = named(S.CreateCannedReplyBody, 'CreateCannedReply')
export const UpdateCannedReplySchema = named(S.UpdateCannedReplyBody, 'UpdateCannedReply')
export const SlaSettingsSchema = named(S.SlaSettings, 'SlaSettings')
export const SlaPolicySchema = named(S.SlaPolicy, 'SlaPolicy')
export const PutSlaPolicySchema = named(S.PutSlaPolicyBody, 'PutSlaPolicy')
export const SupportCalendarSchema = named(S.SupportCalendar, 'SupportCalendar')
export const PutCalendarSchema = named(S.PutCalendarBody, 'PutCalendar')
export const HolidaySchema = named(S.Holiday, 'Holiday')
export const CreateHolidaySchema = named(S.CreateHolidayBody, 'CreateHoliday')
export const SupportAgentSchema = named(S.SupportAgent, 'SupportAgent')
export const SupportAgentListSchema = named(S.SupportAgentList, 'SupportAgentList')
export const UpdateAgentSchema = named(S.UpdateAgentBody, 'UpdateAgent')
export const CsatReportSchema = named(S.CsatReport, 'CsatReport')
export const ReportQuerySchema = S.ReportQuery
export const NotificationListSchema = named(S.NotificationList, 'NotificationList')
export const NotificationListQuerySchema = S.NotificationListQuery.extend({
  limit: named(S.NotificationListQuery.shape.limit, { type: 'integer' }),
})
export const ReadNotificationsSchema = named(S.ReadNotificationsBody, 'ReadNotifications')

/**
 * The built-in SLA targets in business minutes, for priorities a school has not set. The same
 * figures as the migration's private.default_sla (which the API role may not call); a test
 * compares the two.
 */
export const DEFAULT_SLA: Record<S.TicketPriority, Omit<S.SlaPolicy, 'priority' | 'is_default'>> = {
  urgent: {
    first_response_minutes: 30,
    next_response_minutes: 60,
    resolution_minutes: 240,
    warn_percent: 80,
  },
  high: { first_response_minutes: 60, next_response_minutes: 120, resolution_minutes: 480, warn_percent: 80 },
  normal: {
    first_response_minutes: 240,
    next_response_minutes: 480,
    resolution_minutes: 1440,
    warn_percent: 80,
  },
  low: {
    first_response_minutes: 480,
    next_response_minutes: 960,
    resolution_minutes: 2880,
    warn_percent: 80,
  },
}

const uuidParam = (name: string, description: string) =>
  named(Uuid, {
    param: { name, in: 'path' },
    description,
    example: '10000000-0000-4000-a000-000000000001',
  })

/** Path parameters; a value that is not a UUID (or a priority, a date) is a 400 naming the parameter. */
export const SupportTenantParams = z.object({ tenantId: uuidParam('tenantId', 'The school (tenant) id.') })
export const TicketParams = z.object({ id: uuidParam('id', 'The ticket id.') })
export const CannedReplyParams = z.object({ id: uuidParam('id', 'The canned reply id.') })
export const AgentParams = SupportTenantParams.extend({
  userId: uuidParam('userId', "The agent's user id."),
})
export const PriorityParams = SupportTenantParams.extend({
  priority: named(S.TicketPriority, {
    param: { name: 'priority', in: 'path' },
    description: 'The priority whose targets to set.',
    example: 'urgent',
  }),
})
export const HolidayParams = SupportTenantParams.extend({
  day: named(z.iso.date('Use a date, YYYY-MM-DD.'), {
    param: { name: 'day', in: 'path' },
    description: 'The holiday, YYYY-MM-DD.',
    example: '2026-12-25',
  }),
})

/** 422: well formed, but the rules say no (assignee not staff, merging another requester's ticket…). */
export const unprocessableResponse = {
  422: jsonResponse(ErrorSchema, 'Well formed, but not allowed by the rules; the message says why.'),
}

import { type ApiDeps, newRouter } from '../core/router.ts'
import { supportAgentRoutes } from './agents.ts'
import { cannedReplyRoutes } from './canned-replies.ts'
import { ticketMessageRoutes } from './messages.ts'
import { notificationSettingsRoutes } from './notification-settings.ts'
import { notificationRoutes } from './notifications.ts'
import { supportReportRoutes } from './report.ts'
import { slaRoutes } from './sla.ts'
import { ticketActionRoutes } from './ticket-actions.ts'
import { ticketRoutes } from './tickets.ts'

/** The support desk: tickets, their conversation and actions, canned replies, SLA, agents, report, notifications and their settings. */
export function supportRoutes(deps: ApiDeps) {
  return newRouter()
    .route('/', ticketRoutes(deps))
    .route('/', ticketMessageRoutes(deps))
    .route('/', ticketActionRoutes(deps))
    .route('/', cannedReplyRoutes(deps))
    .route('/', slaRoutes(deps))
    .route('/', supportAgentRoutes(deps))
    .route('/', supportReportRoutes(deps))
    .route('/', notificationRoutes(deps))
    .route('/', notificationSettingsRoutes(deps))
}

// The support desk's fixed values (limits and lists), apart from the schemas in support.ts so that
// code shown on every page (the web app's Help context) can read them without loading zod.

/** Limits, the same as the migration's check constraints. */
export const SUPPORT_LIMITS = {
  subject: 200,
  body: 4000,
  comment: 1000,
  cannedTitle: 100,
  cannedBody: 4000,
  holidayName: 100,
  contextPage: 500,
  contextLabel: 200,
  typingName: 100,
} as const

export const TICKET_STATUSES = ['open', 'pending', 'resolved', 'closed'] as const

export const TICKET_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const

export const TICKET_CATEGORIES = ['technical', 'billing', 'academic', 'account'] as const

/** Where a ticket stands against its running SLA clocks. */
export const SLA_STATES = ['ok', 'warning', 'breached', 'paused', 'met'] as const

/** The placeholders a canned reply may use. */
export const CANNED_PLACEHOLDERS = ['requester_name', 'agent_name', 'ticket_number', 'school_name'] as const
export type CannedValues = Record<(typeof CANNED_PLACEHOLDERS)[number], string>

/** Fills `{{requester_name}}`-style placeholders; unknown ones are left as written. */
export function fillCannedReply(template: string, values: CannedValues): string {
  return template.replace(/\{\{\s*([a-z_]+)\s*\}\}/g, (whole, key: string) =>
    key in values ? values[key as keyof CannedValues] : whole,
  )
}

// Live topics (the events each carries are schemas in support.ts).

/** A ticket's conversation: events `message`, `ticket`, `seen` (database) and `typing` (clients). */
export const ticketTopic = (ticketId: string) => `ticket:${ticketId}`
/** A school's live queue (support staff): event `ticket` for every new or changed ticket. */
export const queueTopic = (tenantId: string) => `queue:${tenantId}`
/** One person's notifications: event `notification`. */
export const userTopic = (userId: string) => `user:${userId}`

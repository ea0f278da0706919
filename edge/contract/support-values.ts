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

// The support desk: tickets, their conversation, assignment, canned replies, SLA policies and
// the business calendar, satisfaction ratings and in-app notifications — the bodies and answers
// of the api function's support endpoints and the live events, shared with realtime/ and web/.
// Its fixed values (limits, status lists) live in support-values.ts, which has no zod.
import { z } from 'zod'
import { Attachment, MAX_ATTACHMENTS } from './files.ts'
import { NOTIFICATION_KINDS } from './notification-values.ts'
import {
  SLA_STATES,
  SUPPORT_LIMITS,
  TICKET_CATEGORIES,
  TICKET_PRIORITIES,
  TICKET_STATUSES,
} from './support-values.ts'

export { SUPPORT_LIMITS, TICKET_CATEGORIES, TICKET_PRIORITIES, TICKET_STATUSES }

const Id = z.uuid()
const Timestamp = z.string()

/** open: staff act next; pending: waiting on the requester (SLA paused); resolved: may reopen; closed: final. */
export { Attachment }

export const TicketStatus = z.enum(TICKET_STATUSES)
export type TicketStatus = z.infer<typeof TicketStatus>

export const TicketPriority = z.enum(TICKET_PRIORITIES)
export type TicketPriority = z.infer<typeof TicketPriority>

export const TicketCategory = z.enum(TICKET_CATEGORIES)
export type TicketCategory = z.infer<typeof TicketCategory>

/** Where a ticket stands against its running SLA clocks. */
export const SlaState = z.enum(SLA_STATES)
export type SlaState = z.infer<typeof SlaState>

export const SlaTarget = z.enum(['first_response', 'next_response', 'resolution'])
export type SlaTarget = z.infer<typeof SlaTarget>

/** Where a ticket was opened from; filled in by the Help button, shown to staff as links. */
export const TicketContext = z.strictObject({
  page: z
    .string()
    .max(SUPPORT_LIMITS.contextPage)
    .regex(/^\/[^\s]*$/, 'A page is a path of this site, starting with /.')
    .optional(),
  label: z.string().trim().max(SUPPORT_LIMITS.contextLabel).optional(),
  course_id: Id.optional(),
  lesson_id: Id.optional(),
  session_id: Id.optional(),
})
export type TicketContext = z.infer<typeof TicketContext>

const Subject = z
  .string()
  .trim()
  .min(1, 'Enter a subject.')
  .max(SUPPORT_LIMITS.subject, `Use at most ${SUPPORT_LIMITS.subject} characters.`)

/** The text of a message: 1–4000 characters after trimming. */
export const MessageBody = z
  .string()
  .trim()
  .min(1, 'Write a message.')
  .max(SUPPORT_LIMITS.body, `Use at most ${SUPPORT_LIMITS.body} characters.`)

/** `POST /tenants/:tenantId/tickets`: the subject, category and first message. */
export const CreateTicketBody = z.strictObject({
  subject: Subject,
  category: TicketCategory,
  body: MessageBody,
  context: TicketContext.optional(),
  /** Honoured for support staff opening a ticket; requesters' tickets start as normal. */
  priority: TicketPriority.optional(),
})
export type CreateTicketBody = z.infer<typeof CreateTicketBody>

/** A ticket as lists, the queue and the live channel show it. */
export const Ticket = z.object({
  id: Id,
  tenant_id: Id,
  number: z.number().int(),
  subject: z.string(),
  category: TicketCategory,
  priority: TicketPriority,
  status: TicketStatus,
  requester_id: Id,
  requester_name: z.string().nullable(),
  assignee_id: Id.nullable(),
  assignee_name: z.string().nullable(),
  context: TicketContext.partial().passthrough(),
  merged_into: Id.nullable(),
  sla_state: SlaState,
  /** The earliest moment a running, unbreached SLA clock is due (null when none runs). */
  sla_due_at: Timestamp.nullable(),
  first_response_at: Timestamp.nullable(),
  last_message_at: Timestamp.nullable(),
  resolved_at: Timestamp.nullable(),
  closed_at: Timestamp.nullable(),
  created_at: Timestamp,
  updated_at: Timestamp,
})
export type Ticket = z.infer<typeof Ticket>

/** `GET /tenants/:tenantId/tickets` filters. Requesters get only their own tickets whatever they ask. */
export const TicketListQuery = z.strictObject({
  /** One status or several, comma-separated (`open,pending`). */
  status: z
    .string()
    .regex(
      /^(open|pending|resolved|closed)(,(open|pending|resolved|closed))*$/,
      'Use statuses separated by commas.',
    )
    .optional(),
  priority: TicketPriority.optional(),
  category: TicketCategory.optional(),
  /** `me`, `none` (unassigned) or a user id. */
  assignee: z.union([z.literal('me'), z.literal('none'), Id]).optional(),
  sla: SlaState.optional(),
  /** `me`: only tickets I opened (staff see the whole school's otherwise). */
  requester: z.literal('me').optional(),
  /** Words in the subject, or `#1042` for a ticket number. */
  q: z.string().trim().max(200).optional(),
  /** `updated` (newest activity first, default) or `sla` (soonest due first). */
  sort: z.enum(['updated', 'sla', 'created']).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
})
export type TicketListQuery = z.infer<typeof TicketListQuery>

export const TicketList = z.array(Ticket)

/** One running or finished SLA clock of a ticket (staff only). */
export const TicketSlaClock = z.object({
  target: SlaTarget,
  cycle: z.number().int(),
  started_at: Timestamp,
  warn_at: Timestamp,
  due_at: Timestamp,
  met_at: Timestamp.nullable(),
  warned_at: Timestamp.nullable(),
  breached_at: Timestamp.nullable(),
})
export type TicketSlaClock = z.infer<typeof TicketSlaClock>

/** How far a participant has read the conversation. */
export const TicketRead = z.object({
  ticket_id: Id,
  user_id: Id,
  last_read_id: z.number().int(),
  read_at: Timestamp,
})
export type TicketRead = z.infer<typeof TicketRead>

export const TicketRating = z.object({
  ticket_id: Id,
  score: z.number().int().min(1).max(5),
  comment: z.string(),
  agent_id: Id.nullable(),
  category: TicketCategory,
  created_at: Timestamp,
})
export type TicketRating = z.infer<typeof TicketRating>

/** `GET /tickets/:id`: the ticket, what the caller may do, read markers, rating and (staff) SLA clocks. */
export const TicketDetail = Ticket.extend({
  my_access: z.enum(['staff', 'requester']),
  reads: z.array(TicketRead),
  rating: TicketRating.nullable(),
  /** Empty for requesters. */
  sla_clocks: z.array(TicketSlaClock),
  /** The requester's email, for the school's support staff (and the requester); null for others. */
  requester_email: z.string().nullable().optional(),
})
export type TicketDetail = z.infer<typeof TicketDetail>

/** `PATCH /tickets/:id`. Requesters may only set status `closed`. */
export const UpdateTicketBody = z
  .strictObject({
    subject: Subject.optional(),
    category: TicketCategory.optional(),
    priority: TicketPriority.optional(),
    status: TicketStatus.optional(),
  })
  .refine((b) => Object.keys(b).length > 0, { message: 'Send at least one field to change.' })
export type UpdateTicketBody = z.infer<typeof UpdateTicketBody>

/** A file to attach: the storage path of the author's upload in the ticket's folder, and its name. */
export const NewAttachment = z.strictObject({
  path: z
    .string()
    .max(1100)
    .regex(/^ticket-attachments\/[0-9a-f-]{36}\/[0-9a-f-]{36}\/[^/]+$/, 'Attach a file of this ticket.'),
  name: z.string().trim().min(1).max(200),
})

/**
 * `POST /tickets/:id/messages`: a reply, or an internal note (`internal: true`, staff only).
 * `client_id`, made by the sender's client, makes the send safe to repeat: a second send with the
 * same id answers the stored message (200) instead of adding another.
 */
export const PostMessageBody = z
  .strictObject({
    /** May be empty when the message carries files. */
    body: z.string().trim().max(SUPPORT_LIMITS.body, `Use at most ${SUPPORT_LIMITS.body} characters.`),
    internal: z.boolean().optional(),
    client_id: z.uuid('Use a UUID for client_id.').optional(),
    attachments: z.array(NewAttachment).max(MAX_ATTACHMENTS).optional(),
  })
  .refine((m) => m.body.length > 0 || (m.attachments?.length ?? 0) > 0, {
    path: ['body'],
    message: 'Write a message.',
  })
export type PostMessageBody = z.infer<typeof PostMessageBody>

/** A line of a ticket's conversation. System lines (status, assignment, SLA) have no author. */
export const TicketMessage = z.object({
  id: z.number().int(),
  ticket_id: Id,
  author_id: Id.nullable(),
  author_name: z.string().nullable(),
  /** The author's picture (`avatars/…`), when they have one. */
  author_avatar: z.string().nullable().optional(),
  author_is_staff: z.boolean(),
  body: z.string(),
  internal: z.boolean(),
  system: z.boolean(),
  created_at: Timestamp,
  /** The id the author's client gave it (a queued send), so that page can fold its copy into this one. */
  client_id: Id.nullable().optional(),
  attachments: z.array(Attachment).optional(),
})
export type TicketMessage = z.infer<typeof TicketMessage>

/** `GET /tickets/:id/messages?after=<id>&limit=`: oldest first, after the given message id. */
export const MessageListQuery = z.strictObject({
  after: z.coerce.number().int().min(0).optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
})
export const TicketMessageList = z.array(TicketMessage)

/** `POST /tickets/:id/assign`: to a person, to nobody (`null`), or by round-robin (`auto`). */
export const AssignBody = z.union([
  z.strictObject({ assignee_id: Id.nullable() }),
  z.strictObject({ auto: z.literal(true) }),
])
export type AssignBody = z.infer<typeof AssignBody>

/** `POST /tickets/:id/merge`: close this ticket as a duplicate of `into` (same requester). */
export const MergeBody = z.strictObject({ into: Id })

/** `POST /tickets/:id/seen`: I have read up to this message. */
export const SeenBody = z.strictObject({ last_read_id: z.number().int().min(1) })

/** `POST /tickets/:id/csat`: the requester's rating of a resolved ticket, once. */
export const CsatBody = z.strictObject({
  score: z.number().int().min(1, 'Choose 1 to 5.').max(5, 'Choose 1 to 5.'),
  comment: z
    .string()
    .trim()
    .max(SUPPORT_LIMITS.comment, `Use at most ${SUPPORT_LIMITS.comment} characters.`)
    .optional(),
})
export type CsatBody = z.infer<typeof CsatBody>

// Section: canned replies

export const CannedReply = z.object({
  id: Id,
  tenant_id: Id,
  title: z.string(),
  body: z.string(),
  created_by: Id.nullable(),
  created_at: Timestamp,
  updated_at: Timestamp,
})
export type CannedReply = z.infer<typeof CannedReply>
export const CannedReplyList = z.array(CannedReply)

const CannedTitle = z
  .string()
  .trim()
  .min(1, 'Enter a title.')
  .max(SUPPORT_LIMITS.cannedTitle, `Use at most ${SUPPORT_LIMITS.cannedTitle} characters.`)
const CannedText = z
  .string()
  .trim()
  .min(1, 'Write the reply.')
  .max(SUPPORT_LIMITS.cannedBody, `Use at most ${SUPPORT_LIMITS.cannedBody} characters.`)

export const CreateCannedReplyBody = z.strictObject({ title: CannedTitle, body: CannedText })
export const UpdateCannedReplyBody = z
  .strictObject({ title: CannedTitle.optional(), body: CannedText.optional() })
  .refine((b) => Object.keys(b).length > 0, { message: 'Send at least one field to change.' })

/** Placeholders a canned reply may use, and what fills them. */

// Section: SLA policies and the business calendar

const Minutes = z.number().int().min(1, 'At least 1 minute.')

/** Targets of one priority, in business minutes. */
export const SlaPolicy = z.object({
  priority: TicketPriority,
  first_response_minutes: z.number().int(),
  next_response_minutes: z.number().int(),
  resolution_minutes: z.number().int(),
  warn_percent: z.number().int(),
  /** True when the school has not set this priority and the built-in targets apply. */
  is_default: z.boolean(),
})
export type SlaPolicy = z.infer<typeof SlaPolicy>

/** `PUT /tenants/:tenantId/sla/policies/:priority`. */
export const PutSlaPolicyBody = z.strictObject({
  first_response_minutes: Minutes.max(100000),
  next_response_minutes: Minutes.max(100000),
  resolution_minutes: Minutes.max(1000000),
  warn_percent: z.number().int().min(1).max(99).optional(),
})
export type PutSlaPolicyBody = z.infer<typeof PutSlaPolicyBody>

/** A time of day, `HH:MM` (24-hour). */
export const TimeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use HH:MM, 24-hour.')

/** The school's support hours: ISO weekdays (1 = Monday … 7 = Sunday) and daily hours. */
export const SupportCalendar = z.object({
  /** The school's time zone (changed in the school settings). */
  time_zone: z.string(),
  work_days: z.array(z.number().int()),
  day_start: TimeOfDay,
  day_end: TimeOfDay,
  is_default: z.boolean(),
})
export type SupportCalendar = z.infer<typeof SupportCalendar>

/** `PUT /tenants/:tenantId/sla/calendar`. */
export const PutCalendarBody = z
  .strictObject({
    work_days: z
      .array(z.number().int().min(1).max(7))
      .min(1, 'Choose at least one working day.')
      .max(7)
      .refine((d) => new Set(d).size === d.length, 'Each day once.'),
    day_start: TimeOfDay,
    day_end: TimeOfDay,
  })
  .refine((b) => b.day_end > b.day_start, { message: 'The day ends after it starts.', path: ['day_end'] })
export type PutCalendarBody = z.infer<typeof PutCalendarBody>

export const Holiday = z.object({ day: z.string(), name: z.string() })
export type Holiday = z.infer<typeof Holiday>

/** `POST /tenants/:tenantId/sla/holidays`. */
export const CreateHolidayBody = z.strictObject({
  day: z.iso.date('Use a date, YYYY-MM-DD.'),
  name: z
    .string()
    .trim()
    .min(1, 'Name the holiday.')
    .max(SUPPORT_LIMITS.holidayName, `Use at most ${SUPPORT_LIMITS.holidayName} characters.`),
})

/** `GET /tenants/:tenantId/sla`: every priority's policy (defaults filled in), calendar, holidays. */
export const SlaSettings = z.object({
  policies: z.array(SlaPolicy),
  calendar: SupportCalendar,
  holidays: z.array(Holiday),
})
export type SlaSettings = z.infer<typeof SlaSettings>

// Section: agents and the CSAT report

/** A person who can take tickets: the school's owners, admins and staff. */
export const SupportAgent = z.object({
  user_id: Id,
  name: z.string(),
  /** Null unless the caller may see it (private.can_see_contact: yourself, owners and admins, support staff for requesters). */
  email: z.string().nullable(),
  role: z.string(),
  available: z.boolean(),
  max_open: z.number().int(),
  /** Watching the live queue in the last 90 seconds. */
  online: z.boolean(),
  open_tickets: z.number().int(),
})
export type SupportAgent = z.infer<typeof SupportAgent>
export const SupportAgentList = z.array(SupportAgent)

/** `PATCH /tenants/:tenantId/support/agents/:userId`: own availability; admins set caps. */
export const UpdateAgentBody = z
  .strictObject({ available: z.boolean().optional(), max_open: z.number().int().min(0).max(1000).optional() })
  .refine((b) => Object.keys(b).length > 0, { message: 'Send at least one field to change.' })

const CsatFigures = z.object({
  count: z.number().int(),
  /** Mean score 1–5, null without ratings. */
  average: z.number().nullable(),
  /** Share of 4 and 5 scores, 0–100, null without ratings. */
  satisfied_percent: z.number().nullable(),
})

/** SLA of the tickets opened in a period: medians, and SLA clocks met on time or breached. */
const SlaFigures = z.object({
  tickets: z.number().int(),
  /** Median minutes from opening to the first staff answer; null when none was answered. */
  first_response_minutes: z.number().nullable(),
  /** Median hours from opening to resolution; null when none was resolved. */
  resolution_hours: z.number().nullable(),
  met: z.number().int(),
  breached: z.number().int(),
  /** Share of the decided clocks met on time, 0–100; null when none is decided yet. */
  met_percent: z.number().nullable(),
})
export type SlaFigures = z.infer<typeof SlaFigures>

/** `GET /tenants/:tenantId/support/report?from=&to=`: CSAT and SLA overall, per agent, per category. */
export const CsatReport = z.object({
  from: Timestamp,
  to: Timestamp,
  overall: CsatFigures,
  by_agent: z.array(CsatFigures.extend({ agent_id: Id.nullable(), name: z.string() })),
  by_category: z.array(CsatFigures.extend({ category: TicketCategory })),
  sla: z.object({
    overall: SlaFigures,
    by_agent: z.array(SlaFigures.extend({ agent_id: Id.nullable(), name: z.string() })),
    by_category: z.array(SlaFigures.extend({ category: TicketCategory })),
  }),
  recent: z.array(
    TicketRating.extend({ ticket_number: z.number().int(), requester_name: z.string().nullable() }),
  ),
})
export type CsatReport = z.infer<typeof CsatReport>

export const ReportQuery = z.strictObject({ from: z.iso.date().optional(), to: z.iso.date().optional() })

// Section: notifications

/** What a notification is about (notification-values.ts lists them, with where each goes by default). */
export const NotificationKind = z.enum(NOTIFICATION_KINDS)
export type NotificationKind = z.infer<typeof NotificationKind>
export const Notification = z.object({
  id: z.number().int(),
  user_id: Id,
  tenant_id: Id.nullable(),
  kind: NotificationKind,
  title: z.string(),
  body: z.string(),
  /** An app path, e.g. `/t/demo-academy/support/<ticket id>`. */
  link: z.string(),
  ticket_id: Id.nullable(),
  created_at: Timestamp,
  read_at: Timestamp.nullable(),
})
export type Notification = z.infer<typeof Notification>

/** Where one kind of notification reaches the person: the bell, email, both or neither. */
export const NotificationSetting = z.object({
  kind: NotificationKind,
  in_app: z.boolean(),
  email: z.boolean(),
})
export type NotificationSetting = z.infer<typeof NotificationSetting>
/** Every kind, in NOTIFICATION_KINDS order: the person's choice, else the default. */
export const NotificationSettings = z.array(NotificationSetting)
export type NotificationSettings = z.infer<typeof NotificationSettings>
/** `PUT /me/notification-settings`: the kinds to change (each kind at most once). */
export const PutNotificationSettingsBody = z.strictObject({
  settings: z
    .array(z.strictObject({ kind: NotificationKind, in_app: z.boolean(), email: z.boolean() }))
    .min(1)
    .max(NOTIFICATION_KINDS.length)
    .refine((list) => new Set(list.map((s) => s.kind)).size === list.length, 'Name each kind once.'),
})
export type PutNotificationSettingsBody = z.infer<typeof PutNotificationSettingsBody>

/** `GET /notifications?unread=true&limit=`: newest first, and how many are unread in all. */
export const NotificationList = z.object({ items: z.array(Notification), unread: z.number().int() })
export type NotificationList = z.infer<typeof NotificationList>
export const NotificationListQuery = z.strictObject({
  unread: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(100).optional(),
})

/** `POST /notifications/read`: these, or all of mine. */
export const ReadNotificationsBody = z.union([
  z.strictObject({ ids: z.array(z.number().int().min(1)).min(1).max(500) }),
  z.strictObject({ all: z.literal(true) }),
])

// Section: live topics and events

// The topic names are plain values (support-values.ts), re-exported here.
export {
  CANNED_PLACEHOLDERS,
  type CannedValues,
  fillCannedReply,
  queueTopic,
  SLA_STATES,
  ticketTopic,
  userTopic,
} from './support-values.ts'

/** What a client publishes as `typing` on a ticket topic; the server adds `from`. */
export const TypingEvent = z.strictObject({
  typing: z.boolean(),
  name: z.string().trim().min(1).max(SUPPORT_LIMITS.typingName),
})
export type TypingEvent = z.infer<typeof TypingEvent>

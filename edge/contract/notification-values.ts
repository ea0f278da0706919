// What the platform notifies people about, as plain values (no zod): the web app's settings page
// and the bell read them on every page.

/** Every kind of notification, in the order the settings page lists them. */
export const NOTIFICATION_KINDS = [
  'ticket_message',
  'ticket_assigned',
  'sla_warning',
  'sla_breach',
  'session_booked',
  'session_cancelled',
  'session_rescheduled',
  'session_reminder',
  'lesson_published',
  'role_changed',
  'invitation_accepted',
  'tutor_flagged',
  'forum_reply',
  'forum_review',
  'mention',
  'lesson_question',
  'comment_reply',
  'direct_message',
  'weekly_digest',
  'school_report',
  'logbook_comment',
] as const
export type NotificationKindValue = (typeof NOTIFICATION_KINDS)[number]

/**
 * Where a kind goes when the person never chose: in the app always; by email too, except for what
 * comes often enough to fill an inbox (each booking on a tutor's session, SLA clocks). The weekly
 * digest and the weekly school report are neither until someone asks for them.
 */
export const NOTIFICATION_DEFAULTS: Record<NotificationKindValue, { in_app: boolean; email: boolean }> = {
  ticket_message: { in_app: true, email: true },
  ticket_assigned: { in_app: true, email: true },
  sla_warning: { in_app: true, email: false },
  sla_breach: { in_app: true, email: false },
  session_booked: { in_app: true, email: false },
  session_cancelled: { in_app: true, email: true },
  session_rescheduled: { in_app: true, email: true },
  session_reminder: { in_app: true, email: true },
  lesson_published: { in_app: true, email: false },
  role_changed: { in_app: true, email: true },
  invitation_accepted: { in_app: true, email: true },
  tutor_flagged: { in_app: true, email: true },
  forum_reply: { in_app: true, email: true },
  forum_review: { in_app: true, email: true },
  mention: { in_app: true, email: true },
  lesson_question: { in_app: true, email: true },
  comment_reply: { in_app: true, email: true },
  direct_message: { in_app: true, email: true },
  // Asked for, not sent unasked: a parent switches it on.
  weekly_digest: { in_app: false, email: false },
  // Asked for by an owner or admin, like the digest.
  school_report: { in_app: false, email: false },
  logbook_comment: { in_app: true, email: true },
}

/** Minutes before a session's start when the people in it are reminded. */
export const REMINDER_MINUTES = [60, 10] as const

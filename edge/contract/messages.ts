// Direct messages between members of a school (issue 19). Who may write to whom, the rule for
// minors included, is decided in Postgres on every message
// (supabase/migrations/20261212000000_direct_messages.sql).
import { z } from 'zod'
import { TenantRole, Uuid } from './tenancy.ts'

export const MESSAGE_MAX = 4000
const Timestamp = z.string()

/** The other person of a conversation; `role` is null once they left the school. */
export const ConversationPerson = z.object({
  id: Uuid.nullable(),
  name: z.string(),
  avatar_path: z.string().nullable(),
  role: TenantRole.nullable(),
})
export type ConversationPerson = z.infer<typeof ConversationPerson>

export const ConversationSummary = z.object({
  id: Uuid,
  person: ConversationPerson,
  last_message: z.object({ body: z.string(), from_me: z.boolean(), created_at: Timestamp }).nullable(),
  /** Messages from the other person I have not read. */
  unread: z.number().int(),
  /** Whether I may write now (the rule is checked again on every message). */
  can_send: z.boolean(),
})
export type ConversationSummary = z.infer<typeof ConversationSummary>

export const ConversationList = z.object({
  conversations: z.array(ConversationSummary),
  /** The school's adult age for the rule for minors (0: none), for the page to say who may write. */
  adult_age: z.number().int(),
})
export type ConversationList = z.infer<typeof ConversationList>

export const DirectMessage = z.object({
  id: Uuid,
  sender_id: Uuid.nullable(),
  body: z.string(),
  created_at: Timestamp,
})
export type DirectMessage = z.infer<typeof DirectMessage>

export const ConversationQuery = z.object({
  before: z.iso.datetime({ offset: true, error: 'Use an ISO date-time.' }).optional(),
})

/** A conversation with its newest messages (oldest first); `has_more` when older ones exist. */
export const ConversationPage = z.object({
  conversation: ConversationSummary,
  messages: z.array(DirectMessage),
  has_more: z.boolean(),
})
export type ConversationPage = z.infer<typeof ConversationPage>

export const NewConversationBody = z.strictObject({ person_id: Uuid })
export const StartedConversation = z.object({ id: Uuid })

export const NewMessageBody = z.strictObject({
  body: z
    .string()
    .trim()
    .min(1, 'Write a message.')
    .max(MESSAGE_MAX, `Use at most ${MESSAGE_MAX} characters.`),
})
export type NewMessageBody = z.infer<typeof NewMessageBody>

export const MessageableQuery = z.object({
  q: z.string().trim().max(80, 'Use at most 80 characters.').optional().default(''),
})

/** People I may message now (names, pictures and roles only; never contacts), best matches first. */
export const MessageableList = z.object({
  people: z.array(
    z.object({ id: Uuid, name: z.string(), avatar_path: z.string().nullable(), role: TenantRole }),
  ),
})
export type MessageableList = z.infer<typeof MessageableList>

/** A student's date of birth as the school records it (null: unknown, so a minor). */
export const BirthDate = z.object({
  birth_date: z.string().nullable(),
  /** Whether I may see it at all (owners, admins, staff, the student, linked parents). */
  visible: z.boolean(),
  can_edit: z.boolean(),
  /** The school's adult age (0: no rule for minors). */
  adult_age: z.number().int(),
})
export type BirthDate = z.infer<typeof BirthDate>

export const UpdateBirthDateBody = z.strictObject({
  birth_date: z.iso.date('Use a date, YYYY-MM-DD.').nullable(),
})

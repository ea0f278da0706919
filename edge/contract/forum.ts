// Course discussion forums (issue 19): threads in three categories, replies, the asker's answer,
// pins, locks and hidden posts. Who may do what is decided in Postgres
// (supabase/migrations/20261209000000_course_forum.sql); these are the bodies and answers.
import { z } from 'zod'
import { MentionedPerson, MentionIds } from './mentions.ts'
import { Uuid } from './tenancy.ts'

export const FORUM_CATEGORIES = ['question', 'announcement', 'general'] as const
export const ForumCategory = z.enum(FORUM_CATEGORIES)
export type ForumCategory = z.infer<typeof ForumCategory>

/** The caller's part in a course's forum: moderators (teachers, staff), members (students, instructors), readers (parents). */
export const ForumRole = z.enum(['moderator', 'member', 'reader'])
export type ForumRole = z.infer<typeof ForumRole>

export const FORUM_PAGE_MAX = 50

/** Why something is hidden pending review: words on the school's list, or reports; null otherwise. */
export const ReviewReason = z.enum(['words', 'reports']).nullable()
export type ReviewReason = z.infer<typeof ReviewReason>

/** What moderators see of the review state: why it is hidden and how many reports are open (0 for others). */
const Review = { review_reason: ReviewReason, open_reports: z.number().int() }

const Title = z.string().trim().min(1, 'Give the thread a title.').max(200, 'Use at most 200 characters.')
const Body = z.string().trim().min(1, 'Write something first.').max(10000, 'Use at most 10,000 characters.')

/** Who wrote something, as everyone in the forum may see it: a name, and whether they teach here. */
const Author = {
  author_id: Uuid.nullable(),
  author_name: z.string(),
  /** The author moderates this forum (a teacher of the course or the school's staff). */
  author_teaches: z.boolean(),
}

/** A thread in the list. */
export const ForumThreadSummary = z.object({
  id: Uuid,
  course_id: Uuid,
  category: ForumCategory,
  title: z.string(),
  /** The start of its first post. */
  excerpt: z.string(),
  ...Author,
  pinned: z.boolean(),
  locked: z.boolean(),
  hidden: z.boolean(),
  ...Review,
  answered: z.boolean(),
  reply_count: z.number().int(),
  last_post_at: z.string(),
  created_at: z.string(),
  /** Something in it is newer than the caller's last reading. */
  unread: z.boolean(),
})
export type ForumThreadSummary = z.infer<typeof ForumThreadSummary>

/** One page of a course's threads (pinned first, then by latest activity), how many match, and the caller's part. */
export const ForumThreadPage = z.object({
  threads: z.array(ForumThreadSummary),
  total: z.number().int(),
  unread: z.number().int(),
  /** Threads with something hidden or reported, waiting for a moderator (0 for everyone else). */
  to_review: z.number().int(),
  role: ForumRole,
})
export type ForumThreadPage = z.infer<typeof ForumThreadPage>

export const ForumListQuery = z.object({
  category: ForumCategory.optional(),
  q: z.string().trim().max(100).optional(),
  /** Only threads waiting for a moderator (moderators; nobody else has any). */
  review: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  limit: z.coerce.number().int().min(1).max(FORUM_PAGE_MAX).default(20),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
})
export type ForumListQuery = z.input<typeof ForumListQuery>
/** A list request as the API read it (page filled in). */
export type ForumListFilter = z.infer<typeof ForumListQuery>

/** A reply, with what the caller may do to it. */
export const FORUM_REACTIONS = ['thumbs_up', 'heart', 'same_question', 'celebrate'] as const
export const ForumReaction = z.enum(FORUM_REACTIONS)
export type ForumReaction = z.infer<typeof ForumReaction>

/** How many reacted each way to a post, and whether the caller did; only reactions someone gave. */
export const ReactionCounts = z.array(
  z.object({ reaction: ForumReaction, count: z.number().int(), mine: z.boolean() }),
)
export type ReactionCounts = z.infer<typeof ReactionCounts>

export const ForumPost = z.object({
  id: Uuid,
  body: z.string(),
  ...Author,
  hidden: z.boolean(),
  ...Review,
  edited_at: z.string().nullable(),
  created_at: z.string(),
  can_edit: z.boolean(),
  can_delete: z.boolean(),
  /** The caller may report it (not their own words). */
  can_report: z.boolean(),
  reactions: ReactionCounts,
  /** People the reply mentions: the page marks their "@Name". */
  mentions: z.array(MentionedPerson),
})
export type ForumPost = z.infer<typeof ForumPost>

/** A thread with its replies (oldest first) and what the caller may do. */
export const ForumThread = ForumThreadSummary.omit({ excerpt: true, unread: true }).extend({
  body: z.string(),
  edited_at: z.string().nullable(),
  answered_post_id: Uuid.nullable(),
  posts: z.array(ForumPost),
  role: ForumRole,
  can_edit: z.boolean(),
  can_delete: z.boolean(),
  can_reply: z.boolean(),
  can_mark_answer: z.boolean(),
  can_moderate: z.boolean(),
  can_report: z.boolean(),
  /** Reactions to the first post; the caller may react (members and moderators, not parents). */
  reactions: ReactionCounts,
  can_react: z.boolean(),
  /** People the first post mentions. */
  mentions: z.array(MentionedPerson),
})
export type ForumThread = z.infer<typeof ForumThread>

/** Give (`on`) or take back a reaction to the first post (`post_id` null) or a reply. */
export const ForumReactionBody = z.strictObject({
  post_id: Uuid.nullable(),
  reaction: ForumReaction,
  on: z.boolean(),
})
export type ForumReactionBody = z.infer<typeof ForumReactionBody>

export const NewForumThreadBody = z.strictObject({
  category: ForumCategory,
  title: Title,
  body: Body,
  mentions: MentionIds,
})
export type NewForumThreadBody = z.infer<typeof NewForumThreadBody>

/** Words by their author; pinned, locked, hidden by moderators; the answer by the asker or a moderator. */
export const UpdateForumThreadBody = z.strictObject({
  category: ForumCategory.optional(),
  title: Title.optional(),
  body: Body.optional(),
  pinned: z.boolean().optional(),
  locked: z.boolean().optional(),
  hidden: z.boolean().optional(),
  answered_post_id: Uuid.nullable().optional(),
})
export type UpdateForumThreadBody = z.infer<typeof UpdateForumThreadBody>

export const NewForumPostBody = z.strictObject({ body: Body, mentions: MentionIds })
export type NewForumPostBody = z.infer<typeof NewForumPostBody>

export const UpdateForumPostBody = z.strictObject({ body: Body.optional(), hidden: z.boolean().optional() })
export type UpdateForumPostBody = z.infer<typeof UpdateForumPostBody>

export const REPORT_REASONS = ['unkind', 'unsafe', 'spam', 'other'] as const

/** A report of the thread (no `post_id`) or one of its replies. */
export const NewForumReportBody = z.strictObject({
  post_id: Uuid.optional(),
  reason: z.enum(REPORT_REASONS),
  note: z.string().trim().max(500, 'Use at most 500 characters.').optional(),
})
export type NewForumReportBody = z.infer<typeof NewForumReportBody>

/** A report taken: whether what was reported is now hidden pending review. */
export const ForumReportResult = z.object({ hidden: z.boolean() })

/** A school's forum safety settings. */
export const ForumSettings = z.object({
  report_threshold: z.number().int(),
  default_words: z.boolean(),
  blocked_words: z.array(z.string()),
  /** The default list (English and Kiswahili), for reading. */
  default_list: z.array(z.string()),
  /** Students younger than this (or without a recorded birth date) message only their teachers, parents and classmates; 0: no rule. */
  adult_age: z.number().int(),
  can_edit: z.boolean(),
})
export type ForumSettings = z.infer<typeof ForumSettings>

export const UpdateForumSettingsBody = z.strictObject({
  report_threshold: z.number().int().min(1, 'At least 1.').max(20, 'At most 20.'),
  default_words: z.boolean(),
  blocked_words: z
    .array(z.string().trim().min(1).max(60, 'Use at most 60 characters per word.'))
    .max(500, 'At most 500 words.'),
  adult_age: z
    .number()
    .int()
    .refine((n) => n === 0 || (n >= 10 && n <= 21), 'Use an age from 10 to 21, or 0 for no rule.')
    .optional(),
})
export type UpdateForumSettingsBody = z.infer<typeof UpdateForumSettingsBody>

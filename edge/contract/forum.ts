// Course discussion forums (issue 19): threads in three categories, replies, the asker's answer,
// pins, locks and hidden posts. Who may do what is decided in Postgres
// (supabase/migrations/20261209000000_course_forum.sql); these are the bodies and answers.
import { z } from 'zod'
import { Uuid } from './tenancy.ts'

export const FORUM_CATEGORIES = ['question', 'announcement', 'general'] as const
export const ForumCategory = z.enum(FORUM_CATEGORIES)
export type ForumCategory = z.infer<typeof ForumCategory>

/** The caller's part in a course's forum: moderators (teachers, staff), members (students, instructors), readers (parents). */
export const ForumRole = z.enum(['moderator', 'member', 'reader'])
export type ForumRole = z.infer<typeof ForumRole>

export const FORUM_PAGE_MAX = 50

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
  role: ForumRole,
})
export type ForumThreadPage = z.infer<typeof ForumThreadPage>

export const ForumListQuery = z.object({
  category: ForumCategory.optional(),
  q: z.string().trim().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(FORUM_PAGE_MAX).default(20),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
})
export type ForumListQuery = z.input<typeof ForumListQuery>
/** A list request as the API read it (page filled in). */
export type ForumListFilter = z.infer<typeof ForumListQuery>

/** A reply, with what the caller may do to it. */
export const ForumPost = z.object({
  id: Uuid,
  body: z.string(),
  ...Author,
  hidden: z.boolean(),
  edited_at: z.string().nullable(),
  created_at: z.string(),
  can_edit: z.boolean(),
  can_delete: z.boolean(),
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
})
export type ForumThread = z.infer<typeof ForumThread>

export const NewForumThreadBody = z.strictObject({ category: ForumCategory, title: Title, body: Body })
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

export const NewForumPostBody = z.strictObject({ body: Body })
export type NewForumPostBody = z.infer<typeof NewForumPostBody>

export const UpdateForumPostBody = z.strictObject({ body: Body.optional(), hidden: z.boolean().optional() })
export type UpdateForumPostBody = z.infer<typeof UpdateForumPostBody>

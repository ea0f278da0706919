// Comments on a lesson's draft (issue 19), anchored to its text by Yjs relative positions. Who may
// do what is decided in Postgres (supabase/migrations/20261210010000_lesson_comments.sql); these are
// the bodies and answers.
import { z } from 'zod'
import { MentionedPerson, MentionIds } from './mentions.ts'
import { Uuid } from './tenancy.ts'

const Body = z.string().trim().min(1, 'Write something first.').max(4000, 'Use at most 4,000 characters.')

/** An encoded Y.RelativePosition (base64), as the editor makes it. */
const Anchor = z
  .string()
  .min(1)
  .max(300)
  .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'An anchor is a base64 Yjs relative position.')

/** A comment or reply, with what the caller may do to it. */
export const LessonComment = z.object({
  id: Uuid,
  author_id: Uuid.nullable(),
  author_name: z.string(),
  body: z.string(),
  created_at: z.string(),
  edited_at: z.string().nullable(),
  can_edit: z.boolean(),
  can_delete: z.boolean(),
  /** People the comment mentions: the panel marks their "@Name". */
  mentions: z.array(MentionedPerson),
})
export type LessonComment = z.infer<typeof LessonComment>

/** A thread: its first comment, where it is anchored, whether it is resolved, and its replies. */
export const LessonCommentThread = LessonComment.extend({
  quote: z.string(),
  anchor: z.object({ start: Anchor, end: Anchor }),
  resolved_at: z.string().nullable(),
  resolved_by_name: z.string().nullable(),
  replies: z.array(LessonComment),
})
export type LessonCommentThread = z.infer<typeof LessonCommentThread>

/** A lesson's threads, oldest first. */
export const LessonCommentList = z.object({ threads: z.array(LessonCommentThread) })
export type LessonCommentList = z.infer<typeof LessonCommentList>

/** A new thread on the selected text. */
export const NewLessonThreadBody = z.object({
  body: Body,
  quote: z
    .string()
    .trim()
    .min(1, 'Select some text to comment on.')
    .max(500, 'Select at most 500 characters.'),
  anchor: z.object({ start: Anchor, end: Anchor }),
  mentions: MentionIds,
})
export type NewLessonThreadBody = z.infer<typeof NewLessonThreadBody>

export const NewLessonReplyBody = z.object({ body: Body, mentions: MentionIds })
export type NewLessonReplyBody = z.infer<typeof NewLessonReplyBody>

/** New words (the author's), or resolve/reopen (a thread). */
export const UpdateLessonCommentBody = z
  .object({ body: Body.optional(), resolved: z.boolean().optional() })
  .refine((b) => b.body !== undefined || b.resolved !== undefined, 'Send new words or resolved.')
export type UpdateLessonCommentBody = z.infer<typeof UpdateLessonCommentBody>

/** A student's question on a passage of the published lesson, with the teachers' answers. */
export const LessonQuestionThread = LessonComment.extend({
  quote: z.string(),
  resolved_at: z.string().nullable(),
  resolved_by_name: z.string().nullable(),
  replies: z.array(LessonComment),
})
export type LessonQuestionThread = z.infer<typeof LessonQuestionThread>

/**
 * A lesson's questions: all of them for its teachers and the school's staff, a student's own for a
 * student. `can_ask`: the caller is an enrolled student, the course takes questions and the lesson
 * is published.
 */
export const LessonQuestionList = z.object({
  can_ask: z.boolean(),
  threads: z.array(LessonQuestionThread),
})
export type LessonQuestionList = z.infer<typeof LessonQuestionList>

/** A question on the selected passage of the published lesson. */
export const NewLessonQuestionBody = z.object({ body: Body, quote: NewLessonThreadBody.shape.quote })
export type NewLessonQuestionBody = z.infer<typeof NewLessonQuestionBody>

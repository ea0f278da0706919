import type { LessonComment, LessonCommentList, LessonQuestionList } from '../../contract/lesson-comments.ts'
import type { MentionedPerson } from '../../contract/mentions.ts'
import type { Answers, Tx } from '../../lib/db.ts'
import { forbidden, notFound } from '../../lib/errors.ts'
import { mentionedPeople } from '../mentions/names.ts'

// Reads of a lesson's comment threads, under RLS (supabase/migrations/20261210010000_lesson_comments.sql
// decides who sees and changes what). The `can_*` flags repeat the database's rules for the buttons
// only; the database still refuses what they would hide.

export const commentNotFound = () => notFound('comment_not_found', 'That comment is not there any more.')

/**
 * The course of a lesson whose comments the caller may see (its co-authors and the school's
 * staff), and whether they moderate it; 404 for no such lesson (or one of another school), 403
 * for a member of the school who may not see its draft.
 */
export async function commentAccess(tx: Tx, lessonId: string): Promise<{ moderates: boolean }> {
  return commentAccessOf(await commentAccessQuery(tx, lessonId))
}

/** commentAccess's read, unsent (for withUserRead); `commentAccessOf` answers. */
function commentAccessQuery(tx: Tx, lessonId: string) {
  return tx<{ known: boolean; reads: boolean; moderates: boolean }[]>`
    select private.can_see_outline(c) or private.can_read_draft(c) as known,
      private.can_read_draft(c) as reads, private.can_manage_course(c) as moderates
    from private.lesson_course(${lessonId}) as c`
}

function commentAccessOf([row]: Awaited<ReturnType<typeof commentAccessQuery>>): { moderates: boolean } {
  if (!row?.known) throw notFound('lesson_not_found', 'No such lesson, or you are not in its course.')
  if (!row.reads)
    throw forbidden(
      'lesson_comments_forbidden',
      'Only the course’s co-authors and the school’s staff can see and write comments on this lesson.',
    )
  return { moderates: row.moderates }
}

export type CommentKind = 'draft' | 'question'

/** The lesson of a comment of that kind the caller can see, or 404. */
export async function commentLesson(tx: Tx, commentId: string, kind: CommentKind): Promise<string> {
  const [row] = await tx<{ lesson_id: string }[]>`
    select lesson_id from public.lesson_comments where id = ${commentId} and kind = ${kind}`
  if (!row) throw commentNotFound()
  return row.lesson_id
}

interface Row {
  id: string
  thread_id: string | null
  author_id: string | null
  author_name: string
  body: string
  quote: string | null
  anchor_start: string | null
  anchor_end: string | null
  resolved_at: Date | null
  resolved_by_name: string | null
  created_at: Date
  edited_at: Date | null
  mentions: MentionedPerson[]
  me: string
}

const iso = (d: Date | null) => (d ? d.toISOString() : null)

/** The comments of one kind on a lesson that the caller can see (RLS), oldest first; unsent. */
function commentRows(tx: Tx, lessonId: string, kind: CommentKind) {
  return tx<Row[]>`
    select c.id, c.thread_id, c.author_id, coalesce(p.display_name, '') as author_name, c.body, c.quote,
      c.anchor_start, c.anchor_end, c.resolved_at, r.display_name as resolved_by_name, c.created_at,
      c.edited_at, ${mentionedPeople(tx, tx`c.mentions`)} as mentions, (select auth.uid()) as me
    from public.lesson_comments c
    left join public.profiles p on p.id = c.author_id
    left join public.profiles r on r.id = c.resolved_by
    where c.lesson_id = ${lessonId} and c.kind = ${kind}
    order by c.created_at, c.id`
}

/** Rows as threads: each first comment with its replies, and what the caller may do to each. */
function threadsOf(rows: readonly Row[], moderates: boolean) {
  const comment = (r: Row): LessonComment => ({
    id: r.id,
    author_id: r.author_id,
    author_name: r.author_name,
    body: r.body,
    created_at: r.created_at.toISOString(),
    edited_at: iso(r.edited_at),
    can_edit: r.author_id !== null && r.author_id === r.me,
    can_delete: (r.author_id !== null && r.author_id === r.me) || moderates,
    mentions: r.mentions,
  })
  return rows
    .filter((r) => r.thread_id === null)
    .map((r) => ({
      ...comment(r),
      row: r,
      quote: r.quote ?? '',
      resolved_at: iso(r.resolved_at),
      resolved_by_name: r.resolved_at ? (r.resolved_by_name ?? '') : null,
      replies: rows.filter((x) => x.thread_id === r.id).map(comment),
    }))
}

/** The reads of a lesson's draft comments, unsent (for withUserRead); `commentListOf` answers. */
export function commentQueries(tx: Tx, lessonId: string) {
  return [commentAccessQuery(tx, lessonId), commentRows(tx, lessonId, 'draft')] as const
}

/** A lesson's draft comment threads with their replies, oldest first, and what the caller may do to each. */
export function commentListOf([access, rows]: Answers<ReturnType<typeof commentQueries>>): LessonCommentList {
  const threads = threadsOf(rows, commentAccessOf(access).moderates)
  return {
    threads: threads.map(({ row, ...th }) => ({
      ...th,
      anchor: { start: row.anchor_start ?? '', end: row.anchor_end ?? '' },
    })),
  }
}

/** A lesson's draft comment threads (see commentListOf). */
export async function readComments(tx: Tx, lessonId: string): Promise<LessonCommentList> {
  return commentListOf(await Promise.all(commentQueries(tx, lessonId)))
}

/** The reads of a lesson's questions, unsent (for withUserRead); `questionListOf` answers. */
export function questionQueries(tx: Tx, lessonId: string) {
  return [
    tx<{ known: boolean; moderates: boolean; can_ask: boolean }[]>`
      select private.can_see_outline(c) or private.can_read_draft(c) as known,
        private.can_manage_course(c) as moderates,
        private.is_enrolled(c) and co.lesson_questions
          and exists (select 1 from public.lesson_versions v where v.lesson_id = ${lessonId}) as can_ask
      from private.lesson_course(${lessonId}) as c join public.courses co on co.id = c`,
    commentRows(tx, lessonId, 'question'),
  ] as const
}

/**
 * A lesson's questions (all for the people who see its draft, their own for a student) and whether
 * the caller may ask one; 404 for no such lesson or one they cannot see.
 */
export function questionListOf([[row], rows]: Answers<
  ReturnType<typeof questionQueries>
>): LessonQuestionList {
  if (!row?.known) throw notFound('lesson_not_found', 'No such lesson, or you are not in its course.')
  const threads = threadsOf(rows, row.moderates)
  return { can_ask: row.can_ask, threads: threads.map(({ row: _, ...th }) => th) }
}

/** A lesson's questions (see questionListOf). */
export async function readQuestions(tx: Tx, lessonId: string): Promise<LessonQuestionList> {
  return questionListOf(await Promise.all(questionQueries(tx, lessonId)))
}

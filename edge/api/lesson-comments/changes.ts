import type { UpdateLessonCommentBody } from '../../contract/lesson-comments.ts'
import type { Tx } from '../../lib/db.ts'
import { forbidden } from '../../lib/errors.ts'
import { commentNotFound } from './queries.ts'

// Writes shared by draft comments and students' questions: both are rows of public.lesson_comments,
// and the database's triggers and policies decide who may do each.

/** A reply in the thread of `commentId` (a reply to a reply goes to its thread). */
export async function insertReply(tx: Tx, commentId: string, body: string, mentions: string[] = []) {
  await tx`insert into public.lesson_comments (lesson_id, thread_id, body, mentions)
    select lesson_id, coalesce(thread_id, id), ${body}, ${mentions}::uuid[]
    from public.lesson_comments where id = ${commentId}`
}

/** New words (the author's), or a thread resolved or reopened. */
export async function changeComment(tx: Tx, commentId: string, body: UpdateLessonCommentBody) {
  const resolved = body.resolved === undefined ? null : body.resolved
  const changed = await tx`
    update public.lesson_comments set
      body = coalesce(${body.body ?? null}::text, body),
      resolved_at = case when ${resolved}::boolean is null then resolved_at
                         when ${resolved}::boolean then coalesce(resolved_at, now()) else null end
    where id = ${commentId} returning 1`
  if (!changed.length) throw commentNotFound()
}

/** Deletes a comment (a thread's first one takes its replies along). */
export async function deleteComment(tx: Tx, commentId: string) {
  const gone = await tx`delete from public.lesson_comments where id = ${commentId} returning 1`
  if (!gone.length)
    throw forbidden('comment_not_yours', 'Only its author or a moderator can delete a comment.')
}

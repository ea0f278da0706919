import * as L from '../../contract/lesson-comments.ts'
import * as R from '../../contract/routes/lesson-comments.ts'
import { withUser, withUserRead } from '../../lib/db.ts'
import { apiRoute, named, pathParams } from '../core/openapi.ts'
import { type ApiDeps, newRouter } from '../core/router.ts'
import { changeComment, deleteComment, insertReply } from './changes.ts'
import { commentAccess, commentLesson, commentListOf, commentQueries, readComments } from './queries.ts'
import { lessonQuestionRoutes } from './questions.ts'

// Comment threads on a lesson's draft: the co-authors' conversation beside the editor. Every answer
// is the lesson's threads as they are after the change, so the page redraws from one response.

named(L.LessonComment, 'LessonComment')
named(L.LessonCommentThread, 'LessonCommentThread')
named(L.LessonCommentList, 'LessonCommentList')
named(L.NewLessonThreadBody, 'NewLessonThread')
named(L.NewLessonReplyBody, 'NewLessonReply')
named(L.UpdateLessonCommentBody, 'UpdateLessonComment')
const uuid = (description: string) => ({ description, example: '10000000-0000-4000-a000-000000000001' })
pathParams(R.LessonCommentsParams, { lessonId: uuid('The lesson id.') })
pathParams(R.LessonCommentParams, {
  commentId: uuid('The comment id (a thread’s first comment or a reply).'),
})

const tags = ['lesson comments']
const WHO = 'the course’s co-authors and the school’s owners, admins and staff'

const list = apiRoute(R.listLessonComments, {
  tags,
  summary: `A lesson's comment threads, oldest first, with their replies (${WHO})`,
  description:
    'Each thread carries its quote and its anchor (two base64 Yjs relative positions into the ' +
    "lesson's document, field `content`), which the editor turns back into the text it is on. " +
    '403 `lesson_comments_forbidden` for other members of the school.',
  responses: { 200: 'The threads.' },
  errors: [400, 401, 403, 404],
})
const createThread = apiRoute(R.createLessonThread, {
  tags,
  summary: `Comment on selected text of the lesson's draft (${WHO})`,
  description:
    'The people in `mentions` are notified (kind `mention`); 422 `mention_not_member` for anyone ' +
    'who does not see the draft.',
  responses: { 201: 'The threads, with the new one.' },
  errors: [400, 401, 403, 404, 422],
})
const createReply = apiRoute(R.createLessonReply, {
  tags,
  summary: 'Reply in a thread',
  description:
    'A reply to a reply goes to its thread. The thread’s author is notified (kind `comment_reply`), ' +
    'and the people in `mentions` (kind `mention`).',
  responses: { 201: 'The threads, with the reply.' },
  errors: [400, 401, 403, 404, 422],
})
const update = apiRoute(R.updateLessonComment, {
  tags,
  summary: 'Change your words, or resolve and reopen a thread (anyone who may comment)',
  description:
    '403 `comment_not_yours` for someone else’s words, 422 `comment_not_thread` to resolve a reply.',
  responses: { 200: 'The threads.' },
  errors: [400, 401, 403, 404, 422],
})
const remove = apiRoute(R.deleteLessonComment, {
  tags,
  summary: 'Delete a comment (its author) or anyone’s (the course’s editors, owners and admins)',
  description: 'Deleting a thread’s first comment deletes the thread. Deleting someone else’s is audited.',
  responses: { 200: 'The threads, without it.' },
  errors: [400, 401, 403, 404],
})

/** GET/POST /lessons/:lessonId/comments; POST /lesson-comments/:id/replies; PATCH, DELETE /lesson-comments/:id. */
export function lessonCommentRoutes(deps: ApiDeps) {
  const { sql, auth } = deps
  return newRouter()
    .route('/', lessonQuestionRoutes(deps))
    .openapi({ ...list, middleware: auth }, async (c) => {
      const { lessonId } = c.req.valid('param')
      return c.json(
        commentListOf(await withUserRead(sql, c.var.claims, (tx) => commentQueries(tx, lessonId))),
        200,
      )
    })
    .openapi({ ...createThread, middleware: auth }, async (c) => {
      const { lessonId } = c.req.valid('param')
      const body = c.req.valid('json')
      const threads = await withUser(sql, c.var.claims, async (tx) => {
        await commentAccess(tx, lessonId)
        await tx`insert into public.lesson_comments (lesson_id, body, quote, anchor_start, anchor_end, mentions)
          values (${lessonId}, ${body.body}, ${body.quote}, ${body.anchor.start}, ${body.anchor.end},
                  ${body.mentions ?? []}::uuid[])`
        return readComments(tx, lessonId)
      })
      return c.json(threads, 201)
    })
    .openapi({ ...createReply, middleware: auth }, async (c) => {
      const { commentId } = c.req.valid('param')
      const { body, mentions } = c.req.valid('json')
      const threads = await withUser(sql, c.var.claims, async (tx) => {
        const lessonId = await commentLesson(tx, commentId, 'draft')
        await commentAccess(tx, lessonId)
        await insertReply(tx, commentId, body, mentions)
        return readComments(tx, lessonId)
      })
      return c.json(threads, 201)
    })
    .openapi({ ...update, middleware: auth }, async (c) => {
      const { commentId } = c.req.valid('param')
      const body = c.req.valid('json')
      const threads = await withUser(sql, c.var.claims, async (tx) => {
        const lessonId = await commentLesson(tx, commentId, 'draft')
        await commentAccess(tx, lessonId)
        await changeComment(tx, commentId, body)
        return readComments(tx, lessonId)
      })
      return c.json(threads, 200)
    })
    .openapi({ ...remove, middleware: auth }, async (c) => {
      const { commentId } = c.req.valid('param')
      const threads = await withUser(sql, c.var.claims, async (tx) => {
        const lessonId = await commentLesson(tx, commentId, 'draft')
        await commentAccess(tx, lessonId)
        await deleteComment(tx, commentId)
        return readComments(tx, lessonId)
      })
      return c.json(threads, 200)
    })
}

import * as R from '../../contract/routes/forum.ts'
import { withUser } from '../../lib/db.ts'
import { conflict, forbidden, notFound } from '../../lib/errors.ts'
import { apiRoute } from '../core/openapi.ts'
import { type ApiDeps, newRouter } from '../core/router.ts'
import { forumRole, markRead, readThread, requireWriter, threadCourse } from './queries.ts'
import './schemas.ts'

// Replies in a forum thread: posting one (which bumps the thread, tells the course's live topic and
// notifies the thread's author), editing, hiding and deleting. Each answers the whole thread.

const tags = ['forum']

const create = apiRoute(R.createForumPost, {
  tags,
  summary: 'Reply in a thread (members while it is open; moderators always)',
  description:
    '403 `forum_read_only` for parents, 409 `forum_locked` in a locked thread. The thread’s author ' +
    'is notified (kind `forum_reply`, in the app and by email as their settings say), and the people ' +
    'in `mentions` (kind `mention`; 422 `mention_not_member` for anyone outside the course); ' +
    'everyone following the course gets a live `forum` event.',
  responses: { 201: 'The thread with the new reply.' },
  errors: [400, 401, 403, 404, 409, 422],
})
const update = apiRoute(R.updateForumPost, {
  tags,
  summary: 'Change a reply: its words (author), hidden or shown (moderators, audited)',
  description:
    '403 `forum_forbidden` or `forum_moderators_only`; 409 `forum_locked` to edit in a locked thread.',
  responses: { 200: 'The thread.' },
  errors: [400, 401, 403, 404, 409],
})
const remove = apiRoute(R.deleteForumPost, {
  tags,
  summary: 'Delete a reply (its author, or a moderator: audited)',
  responses: { 200: 'The thread without the reply.' },
  errors: [400, 401, 403, 404],
})

const postNotFound = () =>
  notFound('forum_post_not_found', 'That reply is not there any more, or you cannot see it.')

/** The thread of a reply the caller can see, or 404. */
async function postThread(tx: Parameters<typeof readThread>[0], postId: string) {
  const [row] = await tx<{ thread_id: string; course_id: string }[]>`
    select thread_id, course_id from public.forum_posts where id = ${postId}`
  if (!row) throw postNotFound()
  return row
}

/** POST /forum/threads/:threadId/posts; PATCH and DELETE /forum/posts/:postId. */
export function postRoutes({ sql, auth }: ApiDeps) {
  return newRouter()
    .openapi({ ...create, middleware: auth }, async (c) => {
      const { threadId } = c.req.valid('param')
      const { body, mentions } = c.req.valid('json')
      const thread = await withUser(sql, c.var.claims, async (tx) => {
        const { course_id, locked } = await threadCourse(tx, threadId)
        const role = await forumRole(tx, course_id)
        requireWriter(role)
        if (locked && role !== 'moderator') throw conflict('forum_locked', 'This thread is locked.')
        await tx`insert into public.forum_posts (thread_id, body, mentions)
          values (${threadId}, ${body}, ${mentions ?? []}::uuid[])`
        await markRead(tx, threadId)
        return readThread(tx, threadId)
      })
      return c.json(thread, 201)
    })
    .openapi({ ...update, middleware: auth }, async (c) => {
      const { postId } = c.req.valid('param')
      const body = c.req.valid('json')
      const thread = await withUser(sql, c.var.claims, async (tx) => {
        const { thread_id, course_id } = await postThread(tx, postId)
        requireWriter(await forumRole(tx, course_id))
        const keys = Object.keys(body) as (keyof typeof body)[]
        if (keys.length > 0) {
          const changed =
            await tx`update public.forum_posts set ${tx(body, keys)} where id = ${postId} returning 1`
          if (!changed.length)
            throw forbidden('forum_forbidden', 'Only its author or a moderator changes a reply.')
        }
        return readThread(tx, thread_id)
      })
      return c.json(thread, 200)
    })
    .openapi({ ...remove, middleware: auth }, async (c) => {
      const { postId } = c.req.valid('param')
      const thread = await withUser(sql, c.var.claims, async (tx) => {
        const { thread_id, course_id } = await postThread(tx, postId)
        requireWriter(await forumRole(tx, course_id))
        const gone = await tx`delete from public.forum_posts where id = ${postId} returning 1`
        if (!gone.length)
          throw forbidden('forum_forbidden', 'Only its author or a moderator deletes a reply.')
        return readThread(tx, thread_id)
      })
      return c.json(thread, 200)
    })
}

import * as R from '../../contract/routes/forum.ts'
import { withUser } from '../../lib/db.ts'
import { notFound } from '../../lib/errors.ts'
import { apiRoute } from '../core/openapi.ts'
import { type ApiDeps, newRouter } from '../core/router.ts'
import { forumRole, readThread, requireWriter, threadCourse } from './queries.ts'
import './schemas.ts'

// Reactions to a thread's first post or a reply (supabase/migrations/20261210020000_forum_reactions.sql):
// one of each kind per person; giving one twice or taking back one never given changes nothing.

const react = apiRoute(R.reactInForum, {
  tags: ['forum'],
  summary: 'Give or take back a reaction to the first post (`post_id` null) or a reply',
  description:
    'Members and moderators (parents read only: 403 `forum_read_only`). Answers the thread with the ' +
    'new counts; 404 `forum_post_not_found` for a reply that is not in the thread.',
  responses: { 200: 'The thread.' },
  errors: [400, 401, 403, 404],
})

/** POST /forum/threads/:threadId/reactions. */
export function reactionRoutes({ sql, auth }: ApiDeps) {
  return newRouter().openapi({ ...react, middleware: auth }, async (c) => {
    const { threadId } = c.req.valid('param')
    const body = c.req.valid('json')
    const thread = await withUser(sql, c.var.claims, async (tx) => {
      const { course_id } = await threadCourse(tx, threadId)
      requireWriter(await forumRole(tx, course_id))
      // A reply the caller cannot see (hidden pending review) takes no reactions from them.
      if (
        body.post_id &&
        !(await tx`select 1 from public.forum_posts where id = ${body.post_id} and thread_id = ${threadId}`)
          .length
      )
        throw notFound(
          'forum_post_not_found',
          'That reply is not there any more, or it is not in this thread.',
        )
      if (body.on) {
        await tx`insert into public.forum_reactions (thread_id, post_id, reaction)
          values (${threadId}, ${body.post_id}, ${body.reaction})
          on conflict (thread_id, post_id, user_id, reaction) do nothing`
      } else {
        await tx`delete from public.forum_reactions
          where thread_id = ${threadId} and post_id is not distinct from ${body.post_id}::uuid
            and reaction = ${body.reaction} and user_id = (select auth.uid())`
      }
      return readThread(tx, threadId)
    })
    return c.json(thread, 200)
  })
}

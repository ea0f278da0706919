import * as R from '../../contract/routes/forum.ts'
import { withUser, withUserRead } from '../../lib/db.ts'
import { forbidden } from '../../lib/errors.ts'
import { apiRoute } from '../core/openapi.ts'
import { type ApiDeps, newRouter } from '../core/router.ts'
import {
  forumRole,
  markRead,
  readThread,
  requireWriter,
  threadCourse,
  threadPageOf,
  threadPageQueries,
} from './queries.ts'
import './schemas.ts'

// A course's forum threads: the list (with search and unread marks), starting one, reading one
// (which marks it read), changing and deleting it. Row-level security and the thread guard decide
// who may change what (supabase/migrations/20261209000000_course_forum.sql).

const tags = ['forum']

const list = apiRoute(R.listForumThreads, {
  tags,
  summary:
    "A course's forum threads (its teachers, staff, instructors, enrolled students, and parents of one)",
  description:
    'Pinned threads first, then by latest activity. `category` filters, `q` finds text in titles, ' +
    'first posts and replies. Hidden threads are listed for moderators and their authors only. ' +
    '`unread` counts the threads with something newer than your last reading; `role` is your part ' +
    '(`moderator`, `member` or `reader`). 404 `course_not_found` when you are not in the course.',
  responses: { 200: 'One page of threads.' },
  errors: [400, 401, 404],
})
const create = apiRoute(R.createForumThread, {
  tags,
  summary: 'Start a thread (members and moderators; announcements only moderators)',
  description:
    'Parents read only (403 `forum_read_only`); an announcement from a student is refused ' +
    '(403). The thread counts as read by its author. The people in `mentions` are notified (kind ' +
    '`mention`; 422 `mention_not_member` for anyone outside the course).',
  responses: { 201: 'The new thread.' },
  errors: [400, 401, 403, 404, 422],
})
const get = apiRoute(R.getForumThread, {
  tags,
  summary: 'A thread with its replies (oldest first); reading it marks it read',
  description:
    'With what you may do to it and to each reply. 404 `forum_thread_not_found` when you cannot see it.',
  responses: { 200: 'The thread.' },
  errors: [400, 401, 404],
})
const update = apiRoute(R.updateForumThread, {
  tags,
  summary:
    'Change a thread: its words (author), the answer (asker or moderator), pin, lock, hide (moderators)',
  description:
    '403 `forum_forbidden` for someone else’s words, 403 `forum_moderators_only` for pin, lock, ' +
    'hide or an announcement, 409 `forum_locked` to edit in a locked thread, 404 ' +
    '`forum_post_not_found` for an answer that is not one of its replies. Moderators’ actions are audited.',
  responses: { 200: 'The thread.' },
  errors: [400, 401, 403, 404, 409],
})
const remove = apiRoute(R.deleteForumThread, {
  tags,
  summary: 'Delete a thread with its replies (its author while nobody else replied; moderators always)',
  description: 'A moderator deleting someone else’s thread is audited.',
  responses: { 204: 'Deleted.' },
  errors: [400, 401, 403, 404],
})

/** GET/POST /courses/:courseId/forum/threads; GET, PATCH, DELETE /forum/threads/:threadId. */
export function threadRoutes({ sql, auth }: ApiDeps) {
  return newRouter()
    .openapi({ ...list, middleware: auth }, async (c) => {
      const { courseId } = c.req.valid('param')
      const query = c.req.valid('query')
      const page = await withUserRead(sql, c.var.claims, (tx) => threadPageQueries(tx, courseId, query))
      return c.json(threadPageOf(page), 200)
    })
    .openapi({ ...create, middleware: auth }, async (c) => {
      const { courseId } = c.req.valid('param')
      const body = c.req.valid('json')
      const thread = await withUser(sql, c.var.claims, async (tx) => {
        const role = await forumRole(tx, courseId)
        requireWriter(role)
        if (body.category === 'announcement' && role !== 'moderator')
          throw forbidden('forum_moderators_only', 'Only the course’s teachers and staff post announcements.')
        const [row] = await tx<{ id: string }[]>`
          insert into public.forum_threads (course_id, category, title, body, mentions)
          values (${courseId}, ${body.category}, ${body.title}, ${body.body}, ${body.mentions ?? []}::uuid[])
          returning id`
        await markRead(tx, row?.id as string)
        return readThread(tx, row?.id as string)
      })
      return c.json(thread, 201)
    })
    .openapi({ ...get, middleware: auth }, async (c) => {
      const { threadId } = c.req.valid('param')
      // withUser, not withUserRead: the role on the thread's course picks the SQL of its report counts.
      const thread = await withUser(sql, c.var.claims, async (tx) => {
        const read = await readThread(tx, threadId)
        await markRead(tx, threadId)
        return read
      })
      return c.json(thread, 200)
    })
    .openapi({ ...update, middleware: auth }, async (c) => {
      const { threadId } = c.req.valid('param')
      const body = c.req.valid('json')
      const thread = await withUser(sql, c.var.claims, async (tx) => {
        const { course_id } = await threadCourse(tx, threadId)
        requireWriter(await forumRole(tx, course_id))
        const keys = Object.keys(body) as (keyof typeof body)[]
        if (keys.length > 0) {
          const changed = await tx`
            update public.forum_threads set ${tx(body, keys)} where id = ${threadId} returning 1`
          if (!changed.length)
            throw forbidden('forum_forbidden', 'Only its author or a moderator changes a thread.')
        }
        return readThread(tx, threadId)
      })
      return c.json(thread, 200)
    })
    .openapi({ ...remove, middleware: auth }, async (c) => {
      const { threadId } = c.req.valid('param')
      await withUser(sql, c.var.claims, async (tx) => {
        const { course_id } = await threadCourse(tx, threadId)
        requireWriter(await forumRole(tx, course_id))
        const gone = await tx`delete from public.forum_threads where id = ${threadId} returning 1`
        if (!gone.length)
          throw forbidden('forum_forbidden', 'Only a moderator deletes a thread others have replied to.')
      })
      return c.body(null, 204)
    })
}

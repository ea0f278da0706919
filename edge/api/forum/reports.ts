import * as R from '../../contract/routes/forum.ts'
import { withUser } from '../../lib/db.ts'
import { apiRoute } from '../core/openapi.ts'
import { onUnique } from '../core/pg-errors.ts'
import { type ApiDeps, newRouter } from '../core/router.ts'
import { threadCourse } from './queries.ts'
import './schemas.ts'

// Reporting a thread or a reply. The database checks the rest (supabase/migrations/
// 20261209010000_forum_safety.sql): one report per person per thread or reply, none of one's own
// words, and enough open reports from different people hide the words until a moderator looks.

const report = apiRoute(R.reportForumPost, {
  tags: ['forum'],
  summary: 'Report a thread, or one of its replies (`post_id`), to the course’s teachers',
  description:
    'Anyone who reads the forum, parents too, once per thread or reply (409 `forum_already_reported`), ' +
    'never their own words (422 `forum_own_words`). When the school’s number of people (3 unless ' +
    'its forum settings say otherwise) have reported the same words, they are hidden until a ' +
    'teacher or staff member reviews them (`hidden: true`; audited).',
  responses: { 201: 'Reported.' },
  errors: [400, 401, 404, 409, 422],
})

/** POST /forum/threads/:threadId/reports. */
export function reportRoutes({ sql, auth }: ApiDeps) {
  return newRouter().openapi({ ...report, middleware: auth }, async (c) => {
    const { threadId } = c.req.valid('param')
    const body = c.req.valid('json')
    const result = await withUser(sql, c.var.claims, async (tx) => {
      await threadCourse(tx, threadId)
      await tx`
        insert into public.forum_reports (thread_id, post_id, reason, note)
        values (${threadId}, ${body.post_id ?? null}, ${body.reason}, ${body.note ?? ''})`
      const [row] = body.post_id
        ? await tx<{ hidden: boolean }[]>`select hidden from public.forum_posts where id = ${body.post_id}`
        : await tx<{ hidden: boolean }[]>`select hidden from public.forum_threads where id = ${threadId}`
      // Hidden now and out of the reporter's sight too: no row.
      return { hidden: !row || row.hidden }
    }).catch(
      onUnique({
        forum_reports_once: { code: 'forum_already_reported', message: 'You have reported this already.' },
      }),
    )
    return c.json(result, 201)
  })
}

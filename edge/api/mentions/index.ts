import * as M from '../../contract/mentions.ts'
import * as R from '../../contract/routes/forum.ts'
import { type Tx, withUser } from '../../lib/db.ts'
import { forbidden } from '../../lib/errors.ts'
import { apiRoute, named } from '../core/openapi.ts'
import { type ApiDeps, newRouter } from '../core/router.ts'
import { forumRole, requireWriter } from '../forum/queries.ts'

// Whom a writer may mention while typing "@" in a course's forum or its lessons' comments
// (public.mentionable decides; supabase/migrations/20261211000000_mentions.sql).

named(M.MentionableList, 'MentionableList')

const list = apiRoute(R.listMentionable, {
  tags: ['forum'],
  summary: 'People you may mention in the course’s forum or its lessons’ comments (names only)',
  description:
    '`for=forum`: the school’s teachers and staff and the course’s students (forum writers ask; ' +
    '403 `forum_read_only` for parents). `for=comments`: the people who see the lessons’ drafts ' +
    '(403 `lesson_comments_forbidden` for others). Best matches of `q` first, at most 8.',
  responses: { 200: 'The people.' },
  errors: [400, 401, 403, 404],
})

/** GET /courses/:courseId/mentionable */
export function mentionRoutes({ sql, auth }: ApiDeps) {
  return newRouter().openapi({ ...list, middleware: auth }, async (c) => {
    const { courseId } = c.req.valid('param')
    const query = c.req.valid('query')
    // withUser, not withUserRead: forumRole (edge/api/forum/queries.ts) has no unsent form to send in a batch yet.
    const people = await withUser(sql, c.var.claims, async (tx) => {
      if (query.for === 'forum') requireWriter(await forumRole(tx, courseId))
      else await requireDraftReader(tx, courseId)
      return tx<M.MentionableList['people']>`
        select id, name, teaches from public.mentionable(${courseId}, ${query.for}, ${query.q})`
    })
    return c.json({ people: [...people] }, 200)
  })
}

async function requireDraftReader(tx: Tx, courseId: string) {
  await forumRole(tx, courseId) // 404 for a course the caller is not in
  const [row] = await tx<{ reads: boolean }[]>`select private.can_read_draft(${courseId}) as reads`
  if (!row?.reads)
    throw forbidden(
      'lesson_comments_forbidden',
      'Only the course’s co-authors and the school’s staff comment on drafts.',
    )
}

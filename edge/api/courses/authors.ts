import type { CourseAuthor } from '../../contract/courses.ts'
import * as R from '../../contract/routes/courses.ts'
import { withUser } from '../../lib/db.ts'
import { forbidden, notFound } from '../../lib/errors.ts'
import { apiRoute } from '../core/openapi.ts'
import { type ApiDeps, newRouter } from '../core/router.ts'
import { courseRights, onRule, requireManage } from './access.ts'
import { readAuthors } from './queries.ts'
import './schemas.ts'

const tags = ['courses']

const put = apiRoute(R.putAuthor, {
  tags,
  summary: "Add a co-author or change their role (the course's editors and the school's admins)",
  description:
    "Co-authors must be instructors, admins or owners of the course's school (422 otherwise). A course " +
    'keeps at least one editor: demoting the last one is a 409 `last_editor`.',
  responses: { 200: 'The role changed.', 201: 'Added.' },
  errors: [400, 401, 403, 404, 409, 422],
})

const remove = apiRoute(R.removeAuthor, {
  tags,
  summary: "Remove a co-author (the course's editors and the school's admins), or step down yourself",
  description: 'Removing the last editor is a 409 `last_editor`.',
  responses: { 204: 'Removed.' },
  errors: [400, 401, 403, 404, 409],
})

/** PUT/DELETE /courses/:id/authors/:userId. */
export function authorRoutes({ sql, auth }: ApiDeps) {
  return newRouter()
    .openapi({ ...put, middleware: auth }, async (c) => {
      const { id, userId } = c.req.valid('param')
      const { role } = c.req.valid('json')
      const { author, created } = await withUser(sql, c.var.claims, async (tx) => {
        requireManage(await courseRights(tx, id), 'choose co-authors')
        // The guard trigger checks the person teaches at the school (422) and keeps one editor (409).
        const [row] = await tx<{ created: boolean }[]>`
          insert into public.course_authors (course_id, user_id, role) values (${id}, ${userId}, ${role})
          on conflict (course_id, user_id) do update set role = excluded.role
          returning (xmax = 0) as created`
        const [author] = await readAuthors(tx, id, userId)
        return { author: author as CourseAuthor, created: row?.created === true }
      }).catch(onRule)
      return created ? c.json(author, 201) : c.json(author, 200)
    })
    .openapi({ ...remove, middleware: auth }, async (c) => {
      const { id, userId } = c.req.valid('param')
      const claims = c.var.claims
      await withUser(sql, claims, async (tx) => {
        const rights = await courseRights(tx, id)
        if (userId !== claims.sub && !rights.manage) {
          throw forbidden(
            'course_managers_only',
            "Only the course's editors and the school's admins can remove co-authors.",
          )
        }
        const removed = await tx`
          delete from public.course_authors where course_id = ${id} and user_id = ${userId} returning user_id`
        if (removed.length === 0)
          throw notFound('not_coauthor', 'That person is not a co-author of this course.')
      })
      return c.body(null, 204)
    })
}

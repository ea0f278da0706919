import type { TutorMode } from '../../contract/ai.ts'
import * as R from '../../contract/routes/ai.ts'
import { type Tx, withUser, withUserRead } from '../../lib/db.ts'
import { forbidden } from '../../lib/errors.ts'
import { apiRoute } from '../core/openapi.ts'
import { type ApiDeps, newRouter } from '../core/router.ts'
import { courseRights, courseRightsOf, courseRightsQuery, requireManage } from '../courses/access.ts'
import { modeIn, modeQuery } from './queries.ts'
import './schemas.ts'

const tags = ['ai']

const get = apiRoute(R.getCourseTutor, {
  tags,
  summary: "A course's tutor mode (those who see the course's lessons)",
  description: 'hints (the default): guiding questions and graded hints; answers: full explanations.',
  responses: { 200: "The course's mode." },
  errors: [400, 401, 403, 404],
})

const put = apiRoute(R.setCourseTutor, {
  tags,
  summary: "Set a course's tutor mode (its editors and the school's admins)",
  responses: { 200: "The course's mode." },
  errors: [400, 401, 403, 404],
})

async function readMode(tx: Tx, courseId: string): Promise<TutorMode> {
  return modeIn(await modeQuery(tx, courseId))
}

/** GET/PUT /courses/:id/tutor. */
export function courseTutorRoutes({ sql, auth }: ApiDeps) {
  return newRouter()
    .openapi({ ...get, middleware: auth }, async (c) => {
      const { id } = c.req.valid('param')
      const [rights, setting] = await withUserRead(sql, c.var.claims, (tx) => [
        courseRightsQuery(tx, id),
        modeQuery(tx, id),
      ])
      if (!courseRightsOf(rights).outline)
        throw forbidden('enrol_required', 'Enrol in this course to see it.')
      return c.json({ mode: modeIn(setting) }, 200)
    })
    .openapi({ ...put, middleware: auth }, async (c) => {
      const { id } = c.req.valid('param')
      const { mode } = c.req.valid('json')
      const saved = await withUser(sql, c.var.claims, async (tx) => {
        requireManage(await courseRights(tx, id), "change the tutor's mode")
        // RLS (course_tutor_settings' policies) decides; a refusal is a 403.
        await tx`
          insert into public.course_tutor_settings (course_id, mode) values (${id}, ${mode})
          on conflict (course_id) do update
            set mode = excluded.mode, updated_by = (select auth.uid()), updated_at = now()`
        return readMode(tx, id)
      })
      return c.json({ mode: saved }, 200)
    })
}

import type { LessonProgress } from '../../contract/courses.ts'
import * as R from '../../contract/routes/courses.ts'
import { type Tx, withUser } from '../../lib/db.ts'
import { forbidden } from '../../lib/errors.ts'
import { apiRoute } from '../core/openapi.ts'
import { type ApiDeps, newRouter } from '../core/router.ts'
import { lessonRights } from './access.ts'
import './schemas.ts'

const tags = ['progress']

const put = apiRoute(R.putLessonProgress, {
  tags,
  summary: 'Record that you opened a published lesson, and mark it done or not done (enrolled students)',
  description:
    'Every call is a read: it sets `last_read_at` (and `first_read_at` the first time). `done: true` ' +
    'marks the lesson done (an earlier mark keeps its time), `done: false` takes the mark away, no ' +
    '`done` leaves it as it is.',
  responses: { 200: 'Your progress in the lesson.' },
  errors: [400, 401, 403, 404],
})

/**
 * Upserts the caller's row of a published lesson (nothing when it was never published); the
 * trigger sets course, school and times (private.progress_before_write), RLS that it is theirs.
 */
async function writeProgress(tx: Tx, lessonId: string, done: boolean | undefined) {
  const mark = done === undefined ? null : done
  const [row] = await tx<LessonProgress[]>`
    insert into public.lesson_progress as p (lesson_id, completed_at)
    select ${lessonId}::uuid, case when ${mark}::boolean then now() end
    where exists (select 1 from public.lesson_versions v where v.lesson_id = ${lessonId})
    on conflict (user_id, lesson_id) do update set
      last_read_at = now(),
      completed_at = case when ${mark}::boolean is null then p.completed_at when ${mark}::boolean then now() end
    returning p.lesson_id, p.first_read_at, p.last_read_at, p.completed_at`
  return row
}

/** PUT /lessons/:id/progress. */
export function progressRoutes({ sql, auth }: ApiDeps) {
  return newRouter().openapi({ ...put, middleware: auth }, async (c) => {
    const { id } = c.req.valid('param')
    const { done } = c.req.valid('json')
    const progress = await withUser(sql, c.var.claims, async (tx) => {
      const rights = await lessonRights(tx, id)
      if (!rights.enrolled) {
        throw forbidden('enrol_required', 'Enrol in this course to record your progress in its lessons.')
      }
      const row = await writeProgress(tx, id, done)
      if (!row) throw forbidden('not_published', 'This lesson has not been published yet.')
      return row
    })
    return c.json(progress, 200)
  })
}

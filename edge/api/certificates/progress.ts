import type { Certificate, CompletionRules, CourseProgress } from '../../contract/certificates.ts'
import * as R from '../../contract/routes/certificates.ts'
import { withUserRead } from '../../lib/db.ts'
import { forbidden } from '../../lib/errors.ts'
import { apiRoute } from '../core/openapi.ts'
import { type ApiDeps, newRouter } from '../core/router.ts'
import { courseRightsOf, courseRightsQuery } from '../courses/access.ts'
import { certificateColumns } from './queries.ts'
import './schemas.ts'

const progress = apiRoute(R.courseProgress, {
  tags: ['certificates'],
  summary: "Progress through a course by its completion rules: yours, a child's or a student's",
  description:
    'Without `student`: your own (enrolled students). With `student`: that student’s, for the student, ' +
    'their linked parents and the course’s teachers. Counts of lessons and of quizzes and assignments, ' +
    'the percent of what the rules require that is done, whether the course is complete, the rules, and ' +
    'the certificate if the student has one.',
  responses: { 200: 'The progress.' },
  errors: [400, 401, 403, 404],
})

type Counts = Omit<CourseProgress, 'course_id' | 'student_id' | 'rules' | 'certificate'>

/** GET /courses/:id/progress. */
export function progressRoutes({ sql, auth, siteUrl }: ApiDeps) {
  return newRouter().openapi({ ...progress, middleware: auth }, async (c) => {
    const { id } = c.req.valid('param')
    const { student } = c.req.valid('query')
    const who = student ?? c.var.claims.sub
    const [rightsRows, [counts], [rules], [certificate]] = await withUserRead(sql, c.var.claims, (tx) => [
      courseRightsQuery(tx, id),
      // course_progress checks who may see whose progress (42501 progress_forbidden). It runs only
      // for a course RLS shows, so a hidden course stays courseRightsOf's 404.
      tx<Counts[]>`
        select p.* from public.courses c cross join lateral private.course_progress(c.id, ${who}) p
        where c.id = ${id}`,
      tx<CompletionRules[]>`select * from private.completion_rules(${id})`,
      tx<Certificate[]>`select ${certificateColumns(tx, siteUrl)}
        from public.certificates c where c.course_id = ${id} and c.user_id = ${who}`,
    ])
    const rights = courseRightsOf(rightsRows)
    if (!student && !rights.enrolled) {
      throw forbidden('enrol_required', 'Enrol in this course to follow your progress in it.')
    }
    const body = {
      course_id: id,
      student_id: who,
      ...(counts as Counts),
      rules: rules as CompletionRules,
      certificate: certificate ?? null,
    }
    return c.json(body, 200)
  })
}

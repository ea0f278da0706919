import type { Enrolment } from '../../contract/courses.ts'
import * as R from '../../contract/routes/courses.ts'
import { type Tx, withUser, withUserRead } from '../../lib/db.ts'
import { forbidden, notFound } from '../../lib/errors.ts'
import { apiRoute } from '../core/openapi.ts'
import { onUnique } from '../core/pg-errors.ts'
import { type ApiDeps, newRouter } from '../core/router.ts'
import { type CourseRights, courseRights, courseRightsOf, courseRightsQuery, onRule } from './access.ts'
import './schemas.ts'

const tags = ['enrolments']

const list = apiRoute(R.listEnrolments, {
  tags,
  summary: "Students enrolled in a course (the school's teachers, admins and staff)",
  responses: { 200: 'By name.' },
  errors: [400, 401, 403, 404],
})

const create = apiRoute(R.enrolStudent, {
  tags,
  summary: "Enrol a student of the school (the school's instructors and admins)",
  responses: { 201: 'Enrolled.' },
  errors: [400, 401, 403, 404, 409, 422],
})

const enrolSelf = apiRoute(R.enrolSelf, {
  tags,
  summary: 'Enrol yourself in a free course (students)',
  responses: { 200: 'You were already enrolled.', 201: 'Enrolled.' },
  errors: [400, 401, 403, 404],
})

const remove = apiRoute(R.unenrol, {
  tags,
  summary: "Unenrol a student (the school's instructors and admins), or leave a course yourself",
  responses: { 204: 'Unenrolled.' },
  errors: [400, 401, 403, 404],
})

const alreadyEnrolled = onUnique({
  enrolments_pkey: {
    code: 'already_enrolled',
    message: 'That student is already enrolled in this course.',
    field: 'user_id',
  },
})

/** Teachers of a course: its managers and the school's instructors (who enrol students in any course). */
const teaches = (r: CourseRights) => r.manage || r.role === 'instructor'

/** Enrolments with names; emails only where the contact rule allows (teachers see names). */
function readEnrolments(tx: Tx, courseId: string, userId: string | null = null) {
  return tx<Enrolment[]>`
    select e.course_id, e.user_id, coalesce(p.display_name, '') as display_name,
      private.contact_email(private.course_tenant(e.course_id), e.user_id) as email, e.enrolled_by, e.created_at
    from public.enrolments e left join public.profiles p on p.id = e.user_id
    where e.course_id = ${courseId} and (${userId}::uuid is null or e.user_id = ${userId}::uuid)
    order by lower(coalesce(p.display_name, '')), e.user_id`
}

/** GET/POST /courses/:id/enrolments, POST /courses/:id/enrol, DELETE /courses/:id/enrolments/:userId. */
export function enrolmentRoutes({ sql, auth }: ApiDeps) {
  return newRouter()
    .openapi({ ...list, middleware: auth }, async (c) => {
      const { id } = c.req.valid('param')
      const [rightsRows, rows] = await withUserRead(sql, c.var.claims, (tx) => [
        courseRightsQuery(tx, id),
        readEnrolments(tx, id),
      ])
      const rights = courseRightsOf(rightsRows)
      if (!teaches(rights) && !rights.read_draft) {
        throw forbidden('enrolments_forbidden', "Only the course's teachers see who is enrolled.")
      }
      return c.json([...rows], 200)
    })
    .openapi({ ...create, middleware: auth }, async (c) => {
      const { id } = c.req.valid('param')
      const { user_id } = c.req.valid('json')
      const enrolment = await withUser(sql, c.var.claims, async (tx) => {
        if (!teaches(await courseRights(tx, id))) {
          throw forbidden(
            'enrol_others_forbidden',
            "Only the school's instructors and admins can enrol students.",
          )
        }
        await tx`insert into public.enrolments (course_id, user_id) values (${id}, ${user_id})`
        const [row] = await readEnrolments(tx, id, user_id)
        return row as Enrolment
      })
        .catch(alreadyEnrolled)
        .catch(onRule)
      return c.json(enrolment, 201)
    })
    .openapi({ ...enrolSelf, middleware: auth }, async (c) => {
      const { id } = c.req.valid('param')
      const me = c.var.claims.sub
      const { enrolment, created } = await withUser(sql, c.var.claims, async (tx) => {
        const rights = await courseRights(tx, id)
        if (rights.role !== 'student') {
          throw forbidden('students_only_enrol', 'Only students of the school enrol in its courses.')
        }
        if (!rights.is_free && !rights.enrolled) {
          throw forbidden('course_not_free', 'This course is not free: ask a teacher to enrol you.')
        }
        const added = await tx`
          insert into public.enrolments (course_id, user_id) values (${id}, ${me})
          on conflict (course_id, user_id) do nothing returning user_id`
        const [row] = await readEnrolments(tx, id, me)
        return { enrolment: row as Enrolment, created: added.length > 0 }
      })
      return created ? c.json(enrolment, 201) : c.json(enrolment, 200)
    })
    .openapi({ ...remove, middleware: auth }, async (c) => {
      const { id, userId } = c.req.valid('param')
      const me = c.var.claims.sub
      await withUser(sql, c.var.claims, async (tx) => {
        const rights = await courseRights(tx, id)
        if (userId !== me && !teaches(rights)) {
          throw forbidden(
            'unenrol_others_forbidden',
            "Only the school's instructors and admins can unenrol students. You can leave yourself.",
          )
        }
        const removed = await tx`
          delete from public.enrolments where course_id = ${id} and user_id = ${userId} returning user_id`
        if (removed.length === 0)
          throw notFound('not_enrolled', 'That student is not enrolled in this course.')
      })
      return c.body(null, 204)
    })
}

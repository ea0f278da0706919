import type { CourseListItem } from '../../contract/courses.ts'
import { inRoleGroup, TEACHING_ROLES } from '../../contract/roles.ts'
import * as R from '../../contract/routes/courses.ts'
import { withUser, withUserRead } from '../../lib/db.ts'
import { forbidden } from '../../lib/errors.ts'
import { apiRoute } from '../core/openapi.ts'
import { type ApiDeps, newRouter } from '../core/router.ts'
import { tenantRole, tenantRoleIn, tenantRoleQuery } from '../tenancy/access.ts'
import { courseRights, courseRightsOf, courseRightsQuery, requireManage } from './access.ts'
import { courseDetailOf, courseDetailQueries, readCourseDetail } from './queries.ts'
import './schemas.ts'

const tags = ['courses']

const create = apiRoute(R.createCourse, {
  tags,
  summary: 'Create a course in a school; you become its first editor (instructors and admins)',
  responses: { 201: 'The new course.' },
  errors: [400, 401, 403, 404],
})

const list = apiRoute(R.listCourses, {
  tags,
  summary: "A school's courses with your relation to each (members)",
  description:
    'Every member sees the course list (students browse it to enrol, and see how many lessons a ' +
    'course has); the modules and lessons themselves are for teachers, staff and enrolled students.',
  responses: { 200: 'Newest first.' },
  errors: [400, 401, 404],
})

const get = apiRoute(R.getCourse, {
  tags,
  summary: 'One course with its modules, lessons, your access and (for authors and staff) its authors',
  responses: { 200: 'The course.' },
  errors: [400, 401, 404],
})

const update = apiRoute(R.updateCourse, {
  tags,
  summary: "Change a course's details (its editors and the school's admins)",
  responses: { 200: 'The updated course.' },
  errors: [400, 401, 403, 404],
})

const remove = apiRoute(R.deleteCourse, {
  tags,
  summary: "Delete a course with its lessons and versions (its editors and the school's admins)",
  responses: { 204: 'Deleted.' },
  errors: [400, 401, 403, 404],
})

/** POST/GET /tenants/:id/courses, GET/PATCH/DELETE /courses/:id. */
export function courseRoutes({ sql, auth }: ApiDeps) {
  return newRouter()
    .openapi({ ...create, middleware: auth }, async (c) => {
      const { id: tenantId } = c.req.valid('param')
      const body = c.req.valid('json')
      const course = await withUser(sql, c.var.claims, async (tx) => {
        const role = await tenantRole(tx, tenantId)
        if (!inRoleGroup(TEACHING_ROLES, role)) {
          throw forbidden(
            'course_create_forbidden',
            "Only the school's instructors and admins can create courses.",
          )
        }
        const [row] = await tx<{ id: string }[]>`
          insert into public.courses (tenant_id, title, summary, cover_image_url, level, learning_area, is_free,
                                      lesson_questions)
          values (${tenantId}, ${body.title}, ${body.summary ?? ''}, ${body.cover_image_url ?? null},
                  ${body.level ?? ''}, ${body.learning_area ?? ''}, ${body.is_free ?? true},
                  ${body.lesson_questions ?? false})
          returning id`
        const id = row?.id as string
        return readCourseDetail(tx, id, await courseRights(tx, id))
      })
      return c.json(course, 201)
    })
    .openapi({ ...list, middleware: auth }, async (c) => {
      const { id: tenantId } = c.req.valid('param')
      const [role, courses] = await withUserRead(sql, c.var.claims, (tx) => [
        tenantRoleQuery(tx, tenantId),
        tx<CourseListItem[]>`
          select c.id, c.tenant_id, c.title, c.summary, c.cover_image_url, c.level, c.learning_area, c.is_free,
            c.lesson_questions, c.created_by, c.created_at, c.updated_at,
            private.author_role(c.id) as author_role,
            private.can_edit_course(c.id) as can_edit,
            private.is_enrolled(c.id) as enrolled,
            private.lesson_count(c.id) as lesson_count
          from public.courses c
          where c.tenant_id = ${tenantId}
          order by c.created_at desc, c.id`,
      ])
      tenantRoleIn(role) // 404 for a school the caller cannot see
      return c.json([...courses], 200)
    })
    .openapi({ ...get, middleware: auth }, async (c) => {
      const { id } = c.req.valid('param')
      const [rights, ...detail] = await withUserRead(sql, c.var.claims, (tx) => [
        courseRightsQuery(tx, id),
        ...courseDetailQueries(tx, id),
      ])
      return c.json(courseDetailOf(detail, courseRightsOf(rights)), 200)
    })
    .openapi({ ...update, middleware: auth }, async (c) => {
      const { id } = c.req.valid('param')
      const body = c.req.valid('json')
      const course = await withUser(sql, c.var.claims, async (tx) => {
        const rights = await courseRights(tx, id)
        requireManage(rights, 'change it')
        const cover = body.cover_image_url
        const changed = await tx`
          update public.courses set
            title = coalesce(${body.title ?? null}, title),
            summary = coalesce(${body.summary ?? null}, summary),
            cover_image_url = case when ${cover !== undefined} then ${cover ?? null} else cover_image_url end,
            level = coalesce(${body.level ?? null}, level),
            learning_area = coalesce(${body.learning_area ?? null}, learning_area),
            is_free = coalesce(${body.is_free ?? null}, is_free),
            lesson_questions = coalesce(${body.lesson_questions ?? null}, lesson_questions)
          where id = ${id}
          returning id`
        if (changed.length === 0) throw forbidden()
        return readCourseDetail(tx, id, rights)
      })
      return c.json(course, 200)
    })
    .openapi({ ...remove, middleware: auth }, async (c) => {
      const { id } = c.req.valid('param')
      await withUser(sql, c.var.claims, async (tx) => {
        requireManage(await courseRights(tx, id), 'delete it')
        const deleted = await tx`delete from public.courses where id = ${id} returning id`
        if (deleted.length === 0) throw forbidden()
      })
      return c.body(null, 204)
    })
}

import type { Lesson, LessonDetail } from '../../contract/courses.ts'
import * as R from '../../contract/routes/courses.ts'
import { type Tx, withUser, withUserRead } from '../../lib/db.ts'
import { ApiError } from '../../lib/errors.ts'
import { apiRoute } from '../core/openapi.ts'
import { type ApiDeps, newRouter } from '../core/router.ts'
import {
  type CourseRights,
  courseRights,
  lessonRights,
  lessonRightsOf,
  lessonRightsQuery,
  lockCourseOrder,
  requireEdit,
} from './access.ts'
import { lessonList, placeAt, readLessons, writeLessonOrder } from './queries.ts'
import './schemas.ts'

const tags = ['lessons']

const create = apiRoute(R.createLesson, {
  tags,
  summary: 'Add a lesson at the end of a module, or of the lessons outside modules (editors)',
  responses: { 201: 'The new lesson.' },
  errors: [400, 401, 403, 404],
})

const get = apiRoute(R.getLesson, {
  tags,
  summary: "A lesson with its course's title and your access (teachers, staff, enrolled students)",
  responses: { 200: 'The lesson.' },
  errors: [400, 401, 403, 404],
})

const update = apiRoute(R.updateLesson, {
  tags,
  summary:
    'Rename a lesson or move it: to another module (`module_id`, null for none) and/or position (editors)',
  description:
    '`position` is the index in its (new) module the lesson moves to; the others shift to make room.',
  responses: { 200: 'The lesson.' },
  errors: [400, 401, 403, 404],
})

const remove = apiRoute(R.deleteLesson, {
  tags,
  summary: 'Delete a lesson with its draft and versions (editors)',
  responses: { 204: 'Deleted.' },
  errors: [400, 401, 403, 404],
})

/** 400 on `module_id` unless the module is in the course. */
async function checkModule(tx: Tx, courseId: string, moduleId: string | null | undefined) {
  if (!moduleId) return
  const [found] = await tx`
    select 1 from public.course_modules m where m.id = ${moduleId} and m.course_id = ${courseId}`
  if (!found) {
    throw new ApiError(400, 'validation_failed', 'module_id: No such module in this course.', {
      issues: [
        { path: 'module_id', message: 'No such module in this course.', code: 'module_not_in_course' },
      ],
    })
  }
}

async function readLesson(tx: Tx, id: string): Promise<Lesson> {
  const [row] = await readLessons(tx, null, id)
  return row as Lesson
}

const accessOf = (r: CourseRights) => ({
  edit: r.edit,
  read_draft: r.read_draft,
  manage: r.manage,
  enrolled: r.enrolled,
})

/** POST /courses/:id/lessons, GET/PATCH/DELETE /lessons/:id. */
export function lessonRoutes({ sql, auth }: ApiDeps) {
  return newRouter()
    .openapi({ ...create, middleware: auth }, async (c) => {
      const { id: courseId } = c.req.valid('param')
      const { title, module_id } = c.req.valid('json')
      const lesson = await withUser(sql, c.var.claims, async (tx) => {
        requireEdit(await courseRights(tx, courseId), 'add lessons')
        await checkModule(tx, courseId, module_id)
        await lockCourseOrder(tx, courseId)
        const [row] = await tx<{ id: string }[]>`
          insert into public.lessons (course_id, module_id, title, position)
          values (${courseId}, ${module_id ?? null}, ${title},
                  (select coalesce(max(l.position) + 1, 0) from public.lessons l
                   where l.course_id = ${courseId} and l.module_id is not distinct from ${module_id ?? null}::uuid))
          returning id`
        return readLesson(tx, row?.id as string)
      })
      return c.json(lesson, 201)
    })
    .openapi({ ...get, middleware: auth }, async (c) => {
      const { id } = c.req.valid('param')
      const [rightsRows, [lesson]] = await withUserRead(sql, c.var.claims, (tx) => [
        lessonRightsQuery(tx, id),
        readLessons(tx, null, id),
      ])
      const rights = lessonRightsOf(rightsRows)
      const detail: LessonDetail = {
        ...(lesson as Lesson),
        course_title: rights.title,
        my_access: accessOf(rights),
      }
      return c.json(detail, 200)
    })
    .openapi({ ...update, middleware: auth }, async (c) => {
      const { id } = c.req.valid('param')
      const body = c.req.valid('json')
      const lesson = await withUser(sql, c.var.claims, async (tx) => {
        const rights = await lessonRights(tx, id)
        requireEdit(rights, 'change lessons')
        if (body.title !== undefined)
          await tx`update public.lessons set title = ${body.title} where id = ${id}`
        const target = body.module_id === undefined ? rights.module_id : body.module_id
        if (target !== rights.module_id || body.position !== undefined) {
          await checkModule(tx, rights.course_id, target)
          await lockCourseOrder(tx, rights.course_id)
          const list = placeAt(await lessonList(tx, rights.course_id, target), id, body.position)
          await writeLessonOrder(
            tx,
            list.map(() => target),
            list,
          )
          if (target !== rights.module_id) {
            const old = await lessonList(tx, rights.course_id, rights.module_id)
            await writeLessonOrder(
              tx,
              old.map(() => rights.module_id),
              old,
            )
          }
        }
        return readLesson(tx, id)
      })
      return c.json(lesson, 200)
    })
    .openapi({ ...remove, middleware: auth }, async (c) => {
      const { id } = c.req.valid('param')
      await withUser(sql, c.var.claims, async (tx) => {
        const rights = await lessonRights(tx, id)
        requireEdit(rights, 'delete lessons')
        await lockCourseOrder(tx, rights.course_id)
        await tx`delete from public.lessons where id = ${id}`
        const rest = await lessonList(tx, rights.course_id, rights.module_id)
        await writeLessonOrder(
          tx,
          rest.map(() => rights.module_id),
          rest,
        )
      })
      return c.body(null, 204)
    })
}

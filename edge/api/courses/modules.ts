import { ZodError } from 'zod'
import type { CourseModule } from '../../contract/courses.ts'
import * as R from '../../contract/routes/courses.ts'
import { withUser } from '../../lib/db.ts'
import { conflict, validationError } from '../../lib/errors.ts'
import { apiRoute } from '../core/openapi.ts'
import { type ApiDeps, newRouter } from '../core/router.ts'
import { courseRights, lockCourseOrder, moduleRights, requireEdit } from './access.ts'
import {
  lessonList,
  placeAt,
  readCourseDetail,
  readLessons,
  readModules,
  writeLessonOrder,
  writeModuleOrder,
} from './queries.ts'
import './schemas.ts'

const tags = ['modules']

const create = apiRoute(R.createModule, {
  tags,
  summary: 'Add a module at the end of a course (editors)',
  responses: { 201: 'The new module.' },
  errors: [400, 401, 403, 404],
})

const update = apiRoute(R.updateModule, {
  tags,
  summary: 'Rename a module or move it to another position (editors)',
  description: '`position` is the index the module moves to (0 first); the others shift to make room.',
  responses: { 200: 'The module.' },
  errors: [400, 401, 403, 404],
})

const remove = apiRoute(R.deleteModule, {
  tags,
  summary: 'Delete a module; its lessons stay in the course, outside any module (editors)',
  responses: { 204: 'Deleted.' },
  errors: [400, 401, 403, 404],
})

const order = apiRoute(R.reorderCourse, {
  tags,
  summary: 'Rewrite the whole order of modules and lessons at once (editors)',
  description:
    'Name every module of the course in order with every lesson inside it, and the lessons outside ' +
    'any module, each exactly once. A list that no longer matches the course (someone added or ' +
    'deleted something meanwhile) is a 409: reload and try again.',
  responses: { 200: 'The course in its new order.' },
  errors: [400, 401, 403, 404, 409],
})

/** Ids that appear more than once, as zod-style issues at their body paths. */
function duplicateIssues(modules: { id: string; lesson_ids: string[] }[], unassigned: string[]) {
  const seen = new Set<string>()
  const issues: ZodError['issues'] = []
  const visit = (id: string, path: (string | number)[]) => {
    if (seen.has(id)) issues.push({ code: 'custom', path, message: 'Listed more than once.', input: id })
    seen.add(id)
  }
  for (const [i, m] of modules.entries()) visit(m.id, ['modules', i, 'id'])
  for (const [i, m] of modules.entries()) {
    for (const [j, id] of m.lesson_ids.entries()) visit(id, ['modules', i, 'lesson_ids', j])
  }
  for (const [j, id] of unassigned.entries()) visit(id, ['unassigned_lesson_ids', j])
  return issues
}

const sameSet = (a: string[], b: string[]) => a.length === b.length && a.every((x) => new Set(b).has(x))

/** POST /courses/:id/modules, PATCH/DELETE /modules/:id, PUT /courses/:id/order. */
export function moduleRoutes({ sql, auth }: ApiDeps) {
  return newRouter()
    .openapi({ ...create, middleware: auth }, async (c) => {
      const { id } = c.req.valid('param')
      const { title } = c.req.valid('json')
      const module = await withUser(sql, c.var.claims, async (tx) => {
        requireEdit(await courseRights(tx, id), 'add modules')
        await lockCourseOrder(tx, id)
        const [row] = await tx<CourseModule[]>`
          insert into public.course_modules (course_id, title, position)
          values (${id}, ${title},
                  (select coalesce(max(m.position) + 1, 0) from public.course_modules m where m.course_id = ${id}))
          returning id, course_id, title, position, created_at, updated_at`
        return row as CourseModule
      })
      return c.json(module, 201)
    })
    .openapi({ ...update, middleware: auth }, async (c) => {
      const { id } = c.req.valid('param')
      const body = c.req.valid('json')
      const module = await withUser(sql, c.var.claims, async (tx) => {
        const rights = await moduleRights(tx, id)
        requireEdit(rights, 'change modules')
        if (body.title !== undefined) {
          await tx`update public.course_modules set title = ${body.title} where id = ${id}`
        }
        if (body.position !== undefined) {
          await lockCourseOrder(tx, rights.course_id)
          const ids = (await readModules(tx, rights.course_id)).map((m) => m.id)
          await writeModuleOrder(tx, placeAt(ids, id, body.position))
        }
        const [row] = await readModules(tx, null, id)
        return row as CourseModule
      })
      return c.json(module, 200)
    })
    .openapi({ ...remove, middleware: auth }, async (c) => {
      const { id } = c.req.valid('param')
      await withUser(sql, c.var.claims, async (tx) => {
        const rights = await moduleRights(tx, id)
        requireEdit(rights, 'delete modules')
        await lockCourseOrder(tx, rights.course_id)
        // Its lessons join the unassigned ones, after those already there.
        const before = await lessonList(tx, rights.course_id, null)
        const moved = await lessonList(tx, rights.course_id, id)
        await tx`delete from public.course_modules where id = ${id}`
        const unassigned = [...before, ...moved]
        await writeLessonOrder(
          tx,
          unassigned.map(() => null),
          unassigned,
        )
        const rest = (await readModules(tx, rights.course_id)).map((m) => m.id)
        await writeModuleOrder(tx, rest)
      })
      return c.body(null, 204)
    })
    .openapi({ ...order, middleware: auth }, async (c) => {
      const { id } = c.req.valid('param')
      const body = c.req.valid('json')
      const unassigned = body.unassigned_lesson_ids ?? []
      const duplicates = duplicateIssues(body.modules, unassigned)
      if (duplicates.length > 0) throw validationError(new ZodError(duplicates))
      const course = await withUser(sql, c.var.claims, async (tx) => {
        const rights = await courseRights(tx, id)
        requireEdit(rights, 'reorder the course')
        await lockCourseOrder(tx, id)
        const [modules, lessons] = await Promise.all([readModules(tx, id), readLessons(tx, id)])
        const givenLessons = [...body.modules.flatMap((m) => m.lesson_ids), ...unassigned]
        const givenModules = body.modules.map((m) => m.id)
        const currentModules = modules.map((m) => m.id)
        const currentLessons = lessons.map((l) => l.id)
        if (!sameSet(givenModules, currentModules) || !sameSet(givenLessons, currentLessons)) {
          throw conflict(
            'course_changed',
            'The course has changed since you loaded it. Reload it and try again.',
            {
              missing: [...currentModules, ...currentLessons].filter(
                (x) => !givenModules.includes(x) && !givenLessons.includes(x),
              ),
              unknown: [...givenModules, ...givenLessons].filter(
                (x) => !currentModules.includes(x) && !currentLessons.includes(x),
              ),
            },
          )
        }
        await writeModuleOrder(tx, givenModules)
        for (const m of body.modules)
          await writeLessonOrder(
            tx,
            m.lesson_ids.map(() => m.id),
            m.lesson_ids,
          )
        await writeLessonOrder(
          tx,
          unassigned.map(() => null),
          unassigned,
        )
        return readCourseDetail(tx, id, rights)
      })
      return c.json(course, 200)
    })
}

import type { AssignmentSettingsBody } from '../../contract/assignments.ts'
import * as R from '../../contract/routes/assignments.ts'
import { withUser, withUserRead } from '../../lib/db.ts'
import { forbidden } from '../../lib/errors.ts'
import { apiRoute } from '../core/openapi.ts'
import { type ApiDeps, newRouter } from '../core/router.ts'
import { courseRights, courseRightsOf, courseRightsQuery, requireEdit } from '../courses/access.ts'
import {
  assignmentOf,
  assignmentQuery,
  assignmentRights,
  readAssignment,
  readAssignments,
} from './queries.ts'

const tags = ['assignments']

const list = apiRoute(R.listAssignments, {
  tags,
  summary:
    "A course's assignments: all for its teachers, the published ones with your submission for students",
  responses: { 200: 'The assignments by due time.' },
  errors: [400, 401, 403, 404],
})
const create = apiRoute(R.createAssignment, {
  tags,
  summary: 'Add an assignment to a course, as a draft (editors)',
  responses: { 201: 'The assignment.' },
  errors: [400, 401, 403, 404],
})
const get = apiRoute(R.getAssignment, {
  tags,
  summary: 'One assignment with its rubric, and your submission (students; graded once released)',
  responses: { 200: 'The assignment.' },
  errors: [400, 401, 404],
})
const update = apiRoute(R.updateAssignment, {
  tags,
  summary: "Change an assignment's settings, rubric, publish or unpublish it (editors)",
  responses: { 200: 'The assignment.' },
  errors: [400, 401, 403, 404],
})
const remove = apiRoute(R.deleteAssignment, {
  tags,
  summary: 'Delete an assignment with its submissions and grades (editors)',
  responses: { 204: 'Deleted.' },
  errors: [400, 401, 403, 404],
})
const release = apiRoute(R.releaseAssignment, {
  tags,
  summary: 'Release grades and feedback to the students (editors)',
  responses: { 200: 'The assignment, released.' },
  errors: [400, 401, 403, 404],
})

function columns(body: AssignmentSettingsBody, publishedAt: string | null) {
  const { published, ...set } = body as AssignmentSettingsBody & Record<string, unknown>
  const out: Record<string, unknown> = { ...set }
  if (published !== undefined) out.published_at = published ? (publishedAt ?? new Date()) : null
  return out
}

/** GET/POST /courses/:id/assignments, GET/PATCH/DELETE /assignments/:id, POST /assignments/:id/release. */
export function assignmentRoutes({ sql, auth }: ApiDeps) {
  return newRouter()
    .openapi({ ...list, middleware: auth }, async (c) => {
      const { id } = c.req.valid('param')
      const [rightsRows, items] = await withUserRead(sql, c.var.claims, (tx) => [
        courseRightsQuery(tx, id),
        readAssignments(tx, id),
      ])
      const rights = courseRightsOf(rightsRows)
      if (!rights.outline) throw forbidden('enrol_required', 'Enrol in this course to see its assignments.')
      return c.json({ items, can_edit: rights.edit }, 200)
    })
    .openapi({ ...create, middleware: auth }, async (c) => {
      const { id } = c.req.valid('param')
      const { title } = c.req.valid('json')
      const assignment = await withUser(sql, c.var.claims, async (tx) => {
        requireEdit(await courseRights(tx, id), 'add assignments')
        const [row] = await tx<{ id: string }[]>`insert into public.assignments (course_id, title)
          values (${id}, ${title}) returning id`
        return readAssignment(tx, row?.id as string)
      })
      return c.json(assignment, 201)
    })
    .openapi({ ...get, middleware: auth }, async (c) => {
      const { id } = c.req.valid('param')
      const [rows] = await withUserRead(sql, c.var.claims, (tx) => [assignmentQuery(tx, id)])
      return c.json(assignmentOf(rows), 200)
    })
    .openapi({ ...update, middleware: auth }, async (c) => {
      const { id } = c.req.valid('param')
      const body = c.req.valid('json')
      const assignment = await withUser(sql, c.var.claims, async (tx) => {
        const { assignment, rights } = await assignmentRights(tx, id)
        requireEdit(rights, 'change assignments')
        const set = columns(body, assignment.published_at)
        if (Object.keys(set).length > 0) await tx`update public.assignments set ${tx(set)} where id = ${id}`
        return readAssignment(tx, id)
      })
      return c.json(assignment, 200)
    })
    .openapi({ ...remove, middleware: auth }, async (c) => {
      const { id } = c.req.valid('param')
      await withUser(sql, c.var.claims, async (tx) => {
        requireEdit((await assignmentRights(tx, id)).rights, 'delete assignments')
        await tx`delete from public.assignments where id = ${id}`
      })
      return c.body(null, 204)
    })
    .openapi({ ...release, middleware: auth }, async (c) => {
      const { id } = c.req.valid('param')
      const assignment = await withUser(sql, c.var.claims, async (tx) => {
        requireEdit((await assignmentRights(tx, id)).rights, 'release grades')
        await tx`update public.assignments set results_released_at = coalesce(results_released_at, now()) where id = ${id}`
        return readAssignment(tx, id)
      })
      return c.json(assignment, 200)
    })
}

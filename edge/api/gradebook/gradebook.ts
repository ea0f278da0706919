import type { CategoriesBody } from '../../contract/gradebook.ts'
import * as R from '../../contract/routes/gradebook.ts'
import { type Tx, withUser } from '../../lib/db.ts'
import { fieldError, forbidden } from '../../lib/errors.ts'
import { apiRoute } from '../core/openapi.ts'
import { type ApiDeps, newRouter } from '../core/router.ts'
import { type CourseRights, courseRights, requireEdit } from '../courses/access.ts'
import { enrolledStudents, readGradebook } from './queries.ts'

const tags = ['gradebook']

const get = apiRoute(R.getGradebook, {
  tags,
  summary:
    "A course's gradebook: every student for its teachers; your own released results; a linked child's (?student=)",
  description:
    'Cells are percentages (an override, else points / max); BTEC assignments give their grade instead. Categories ' +
    'average their items after dropping the lowest n; the total is their weighted mean (weights normalised over ' +
    'categories with results), or the plain mean without categories. Missing work past its due time counts as 0.',
  responses: { 200: 'The gradebook.' },
  errors: [400, 401, 403, 404],
})
const categories = apiRoute(R.putGradebookCategories, {
  tags,
  summary: "Replace a course's gradebook categories and where each quiz or assignment counts (editors)",
  responses: { 200: 'The gradebook.' },
  errors: [400, 401, 403, 404],
})
const override = apiRoute(R.putGradeOverride, {
  tags,
  summary: "Override a student's result or course total, with a reason; `percent: null` removes it (graders)",
  responses: { 200: 'The gradebook.' },
  errors: [400, 401, 403, 404],
})

interface Viewer {
  teacher: boolean
  grader: boolean
}

async function viewer(tx: Tx, courseId: string): Promise<Viewer> {
  const [row] = await tx<Viewer[]>`select private.can_see_course_work(${courseId}) as teacher,
    private.can_grade_course(${courseId}) as grader`
  return row as Viewer
}

/** Whose rows the caller sees: teachers every enrolled student; a student themself; a parent a linked child. */
async function studentsFor(tx: Tx, rights: CourseRights, v: Viewer, me: string, child: string | undefined) {
  if (v.teacher && !child) return enrolledStudents(tx, rights.course_id)
  const who = child ?? me
  const [row] = await tx<{ ok: boolean; name: string }[]>`
    select case when ${who}::uuid = ${me}::uuid then private.is_enrolled(${rights.course_id})
      when ${v.teacher} then exists (select 1 from public.enrolments e
        where e.course_id = ${rights.course_id} and e.user_id = ${who})
      else private.child_in_course(${rights.course_id}, ${who}) end as ok,
      coalesce((select nullif(p.display_name, '') from public.profiles p where p.id = ${who}), 'Student') as name`
  if (!row?.ok)
    throw forbidden(
      'enrol_required',
      'Only enrolled students, their parents and their teachers see these grades.',
    )
  return [{ user_id: who, student_name: row.name }]
}

async function gradebookFor(tx: Tx, courseId: string, me: string, child?: string) {
  const rights = await courseRights(tx, courseId)
  const v = await viewer(tx, courseId)
  const students = await studentsFor(tx, rights, v, me, child)
  return readGradebook(tx, { id: courseId, title: rights.title }, students, {
    can_edit: rights.edit,
    can_override: v.grader,
  })
}

/** Replaces the categories: named ids are kept (updated), others removed, new ones added; items placed. */
async function writeCategories(tx: Tx, courseId: string, body: CategoriesBody) {
  const items = await tx<{ id: string }[]>`
    select id from public.quizzes where course_id = ${courseId}
    union all select id from public.assignments where course_id = ${courseId}`
  const known = new Set(items.map((i) => i.id))
  const issues = body.categories.flatMap((c, i) =>
    c.item_ids.flatMap((id, j) =>
      known.has(id)
        ? []
        : [
            {
              path: `categories.${i}.item_ids.${j}`,
              message: 'Not a quiz or assignment of this course.',
              code: 'custom' as const,
            },
          ],
    ),
  )
  if (issues.length > 0) throw fieldError(400, 'validation_failed', issues)
  const keep = body.categories.flatMap((c) => (c.id ? [c.id] : []))
  await tx`delete from public.gradebook_categories where course_id = ${courseId} and not (id = any (${keep}::uuid[]))`
  await tx`delete from public.gradebook_items where course_id = ${courseId}`
  for (const [position, c] of body.categories.entries()) {
    const [row] = await tx<{ id: string }[]>`
      insert into public.gradebook_categories as g (id, course_id, name, weight, drop_lowest, position)
      values (coalesce(${c.id ?? null}::uuid, gen_random_uuid()), ${courseId}, ${c.name}, ${c.weight}, ${c.drop_lowest ?? 0}, ${position})
      on conflict (id) do update set name = excluded.name, weight = excluded.weight,
        drop_lowest = excluded.drop_lowest, position = excluded.position
      where g.course_id = ${courseId}
      returning id`
    if (!row) throw forbidden('forbidden', 'That category belongs to another course.')
    const ids = [...new Set(c.item_ids)]
    if (ids.length > 0) {
      await tx`insert into public.gradebook_items (item_id, course_id, category_id)
        select unnest(${ids}::uuid[]), ${courseId}, ${row.id}
        on conflict (item_id) do update set category_id = excluded.category_id`
    }
  }
}

/** GET /courses/:id/gradebook, PUT /courses/:id/gradebook/categories, PUT /courses/:id/gradebook/overrides. */
export function gradebookRoutes({ sql, auth }: ApiDeps) {
  return newRouter()
    .openapi({ ...get, middleware: auth }, async (c) => {
      const { id } = c.req.valid('param')
      const { student } = c.req.valid('query')
      const book = await withUser(sql, c.var.claims, (tx) => gradebookFor(tx, id, c.var.claims.sub, student))
      return c.json(book, 200)
    })
    .openapi({ ...categories, middleware: auth }, async (c) => {
      const { id } = c.req.valid('param')
      const body = c.req.valid('json')
      const book = await withUser(sql, c.var.claims, async (tx) => {
        requireEdit(await courseRights(tx, id), 'change the gradebook')
        await writeCategories(tx, id, body)
        return gradebookFor(tx, id, c.var.claims.sub)
      })
      return c.json(book, 200)
    })
    .openapi({ ...override, middleware: auth }, async (c) => {
      const { id } = c.req.valid('param')
      const body = c.req.valid('json')
      const book = await withUser(sql, c.var.claims, async (tx) => {
        await courseRights(tx, id)
        if (!(await viewer(tx, id)).grader)
          throw forbidden('forbidden', "Only the course's graders override grades.")
        if (body.percent === null) {
          await tx`delete from public.grade_overrides where course_id = ${id} and user_id = ${body.user_id} and item_key = ${body.item}`
        } else {
          if (!body.reason) {
            throw fieldError(400, 'validation_failed', [
              { path: 'reason', message: 'Say why.', code: 'custom' },
            ])
          }
          await tx`insert into public.grade_overrides (course_id, user_id, item_key, percent, reason)
            values (${id}, ${body.user_id}, ${body.item}, ${body.percent}, ${body.reason})
            on conflict (course_id, user_id, item_key) do update set percent = excluded.percent, reason = excluded.reason`
        }
        return gradebookFor(tx, id, c.var.claims.sub)
      })
      return c.json(book, 200)
    })
}

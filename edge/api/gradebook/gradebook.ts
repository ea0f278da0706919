import type { CategoriesBody } from '../../contract/gradebook.ts'
import * as R from '../../contract/routes/gradebook.ts'
import type { Answers } from '../../lib/db.ts'
import { type Tx, withUser, withUserRead } from '../../lib/db.ts'
import { fieldError, forbidden } from '../../lib/errors.ts'
import { apiRoute } from '../core/openapi.ts'
import { type ApiDeps, newRouter } from '../core/router.ts'
import { courseRights, courseRightsOf, courseRightsQuery, requireEdit } from '../courses/access.ts'
import { enrolledStudents, gradebookOf, gradebookReads, type Student } from './queries.ts'

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

const viewerQuery = (tx: Tx, courseId: string) => tx<Viewer[]>`
  select private.can_see_course_work(${courseId}) as teacher, private.can_grade_course(${courseId}) as grader`

async function viewer(tx: Tx, courseId: string): Promise<Viewer> {
  const [row] = await viewerQuery(tx, courseId)
  return row as Viewer
}

/**
 * Whose rows the caller sees, as a uuid[] in SQL: teachers every enrolled student; anyone else (or
 * a teacher asking for one child) the one student `who` (gradebookFrom checks they may).
 */
const studentIds = (tx: Tx, courseId: string, who: string, child: string | undefined) => tx`(
  case when ${child ?? null}::uuid is null and private.can_see_course_work(${courseId})
    then array(select e.user_id from public.enrolments e where e.course_id = ${courseId})
    else array[${who}::uuid] end)`

type StudentCheck = { ok: boolean; name: string }

/**
 * Whether the caller may see `who`'s row (themself enrolled, a teacher's enrolled student, a
 * parent's linked child), and the student's name; unsent.
 */
const studentCheck = (tx: Tx, courseId: string, who: string, me: string) => tx<StudentCheck[]>`
  select case when ${who}::uuid = ${me}::uuid then private.is_enrolled(${courseId})
    when private.can_see_course_work(${courseId}) then exists (select 1 from public.enrolments e
      where e.course_id = ${courseId} and e.user_id = ${who})
    else private.child_in_course(${courseId}, ${who}) end as ok,
    coalesce((select nullif(p.display_name, '') from public.profiles p where p.id = ${who}), 'Student') as name`

/** A course's gradebook as the caller may see it, unsent: rights, viewer, whose rows, and the reads. */
function gradebookQueries(tx: Tx, courseId: string, me: string, child?: string) {
  const who = child ?? me
  return [
    courseRightsQuery(tx, courseId),
    viewerQuery(tx, courseId),
    enrolledStudents(tx, courseId),
    studentCheck(tx, courseId, who, me),
    ...gradebookReads(tx, courseId, studentIds(tx, courseId, who, child)),
  ] as const
}

/** The gradebook from gradebookQueries's answers: 404 for a hidden course, 403 for a student the caller may not see. */
function gradebookFrom(answers: Answers<ReturnType<typeof gradebookQueries>>, me: string, child?: string) {
  const [rightsRows, [v], enrolled, [check], ...book] = answers
  const rights = courseRightsOf(rightsRows)
  let students: readonly Student[] = enrolled
  if (!v?.teacher || child) {
    if (!check?.ok)
      throw forbidden(
        'enrol_required',
        'Only enrolled students, their parents and their teachers see these grades.',
      )
    students = [{ user_id: child ?? me, student_name: check.name }]
  }
  return gradebookOf(book, { id: rights.course_id, title: rights.title }, students, {
    can_edit: rights.edit,
    can_override: Boolean(v?.grader),
  })
}

/** The gradebook after a change in the same transaction. */
async function gradebookFor(tx: Tx, courseId: string, me: string, child?: string) {
  return gradebookFrom(await Promise.all(gradebookQueries(tx, courseId, me, child)), me, child)
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
      const me = c.var.claims.sub
      const answers = await withUserRead(sql, c.var.claims, (tx) => gradebookQueries(tx, id, me, student))
      const book = gradebookFrom(answers, me, student)
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

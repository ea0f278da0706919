import type { CourseCompletionRules, PutCompletionRulesBody } from '../../contract/certificates.ts'
import * as R from '../../contract/routes/certificates.ts'
import { type Tx, withUser, withUserRead } from '../../lib/db.ts'
import { apiRoute } from '../core/openapi.ts'
import { type ApiDeps, newRouter } from '../core/router.ts'
import { courseRights, courseRightsOf, courseRightsQuery, requireEdit } from '../courses/access.ts'
import { requireTeacherOf, teacherQuery } from '../quizzes/queries.ts'
import './schemas.ts'

const tags = ['certificates']

const get = apiRoute(R.getCompletionRules, {
  tags,
  summary: "What completing a course takes (the course's teachers)",
  description:
    'Every published lesson done (unless `require_all_lessons` is false) and every published quiz and ' +
    'assignment passed: a quiz by its best released result, an assignment by its released grade (points ' +
    'reaching `pass_percent` of the maximum, or a BTEC Pass or better). The defaults until an editor sets them.',
  responses: { 200: 'The rules.' },
  errors: [400, 401, 403, 404],
})
const put = apiRoute(R.putCompletionRules, {
  tags,
  summary: "Set a course's completion rules (editors)",
  description: 'Certificates already issued stay as they are.',
  responses: { 200: 'The rules.' },
  errors: [400, 401, 403, 404],
})

type RulesRow = Omit<CourseCompletionRules, 'can_edit'>

/** A course's completion rules (the defaults where it has none), unsent. */
const rulesQuery = (tx: Tx, courseId: string) => tx<RulesRow[]>`
  select ${courseId}::uuid as course_id, r.pass_percent, r.require_all_lessons, r.issue_certificates,
    (select s.updated_at from public.course_completion_rules s where s.course_id = ${courseId}) as updated_at
  from private.completion_rules(${courseId}) r`

const toRules = ([row]: readonly RulesRow[], canEdit: boolean): CourseCompletionRules => ({
  ...(row as RulesRow),
  can_edit: canEdit,
})

async function readRules(tx: Tx, courseId: string, canEdit: boolean): Promise<CourseCompletionRules> {
  return toRules(await rulesQuery(tx, courseId), canEdit)
}

async function writeRules(tx: Tx, courseId: string, body: PutCompletionRulesBody) {
  await tx`insert into public.course_completion_rules ${tx({ course_id: courseId, ...body })}
    on conflict (course_id) do update set ${tx(body)}`
}

/** GET/PUT /courses/:id/completion-rules. */
export function rulesRoutes({ sql, auth }: ApiDeps) {
  return newRouter()
    .openapi({ ...get, middleware: auth }, async (c) => {
      const { id } = c.req.valid('param')
      const [rightsRows, teacher, rules] = await withUserRead(sql, c.var.claims, (tx) => [
        courseRightsQuery(tx, id),
        teacherQuery(tx, id),
        rulesQuery(tx, id),
      ])
      const rights = courseRightsOf(rightsRows)
      requireTeacherOf(teacher, 'see its completion rules')
      return c.json(toRules(rules, rights.edit), 200)
    })
    .openapi({ ...put, middleware: auth }, async (c) => {
      const { id } = c.req.valid('param')
      const body = c.req.valid('json')
      const rules = await withUser(sql, c.var.claims, async (tx) => {
        requireEdit(await courseRights(tx, id), 'set its completion rules')
        await writeRules(tx, id, body)
        return readRules(tx, id, true)
      })
      return c.json(rules, 200)
    })
}

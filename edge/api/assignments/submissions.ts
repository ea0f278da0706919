import type { SubmissionList } from '../../contract/assignments.ts'
import * as R from '../../contract/routes/assignments.ts'
import { withUser, withUserRead } from '../../lib/db.ts'
import { forbidden } from '../../lib/errors.ts'
import { apiRoute } from '../core/openapi.ts'
import { type ApiDeps, newRouter } from '../core/router.ts'
import { requireTeacherOf, teacherQuery } from '../quizzes/queries.ts'
import { submitGroupWork } from './groups.ts'
import {
  assignmentCourse,
  assignmentOf,
  assignmentQuery,
  readAssignment,
  readSubmission,
  submissionOf,
  submissionQuery,
} from './queries.ts'

const tags = ['assignments']

const submit = apiRoute(R.submitAssignment, {
  tags,
  summary: 'Submit or resubmit your work: text and/or your uploaded files (enrolled students)',
  description:
    'Upload files first to the `assignment-files` bucket at `<school>/<assignment>/<your user id>/<name>`, then ' +
    'name them here by `assignment-files/<that path>`. Resubmitting replaces the submission (its version counts ' +
    'up). After the due time late work is marked late (and loses the late penalty) or refused (409 `assignment_closed`).',
  responses: { 200: 'Your submission.' },
  errors: [400, 401, 403, 404, 409],
})
const list = apiRoute(R.listSubmissions, {
  tags,
  summary: "An assignment's submissions and who has not submitted (the course's teachers)",
  responses: { 200: 'Submissions, oldest first, and missing students.' },
  errors: [400, 401, 403, 404],
})
const get = apiRoute(R.getSubmission, {
  tags,
  summary: 'One submission with its grade and grade history (the student once released; teachers)',
  responses: { 200: 'The submission.' },
  errors: [400, 401, 404],
})
const grade = apiRoute(R.gradeSubmission, {
  tags,
  summary: 'Grade a submission against its rubric (editors, the school’s instructors and admins)',
  description:
    'Points rubrics: a `level_id` for every criterion; BTEC rubrics: `achieved` for every criterion; without a ' +
    'rubric: `points`. The server computes the points (less the late penalty) or the BTEC grade; every change ' +
    'is kept in the history. Students see nothing until the assignment is released.',
  responses: { 200: 'The graded submission.' },
  errors: [400, 401, 403, 404],
})

/** PUT /assignments/:id/submission, GET /assignments/:id/submissions, GET /submissions/:id, PUT /submissions/:id/grade. */
export function submissionRoutes({ sql, auth }: ApiDeps) {
  return newRouter()
    .openapi({ ...submit, middleware: auth }, async (c) => {
      const { id } = c.req.valid('param')
      const body = c.req.valid('json')
      const submission = await withUser(sql, c.var.claims, async (tx) => {
        const a = await readAssignment(tx, id)
        const [ok] = await tx<{ ok: boolean }[]>`select private.can_submit_assignment(${id}) as ok`
        if (!ok?.ok) throw forbidden('enrol_required', 'Only students enrolled in the course submit work.')
        const files = tx.json((body.files ?? []) as never)
        const [row] =
          a.mode === 'group'
            ? await submitGroupWork(tx, a, body.body ?? '', files)
            : await tx<{ id: string }[]>`
          insert into public.assignment_submissions (assignment_id, course_id, tenant_id, body, files)
          values (${id}, ${a.course_id}, ${a.tenant_id}, ${body.body ?? ''}, ${files})
          on conflict (assignment_id, user_id) do update set body = excluded.body, files = excluded.files
          returning id`
        return readSubmission(tx, row?.id as string)
      })
      return c.json(submission, 200)
    })
    .openapi({ ...list, middleware: auth }, async (c) => {
      const { id } = c.req.valid('param')
      const [assignment, teacher, items, missing] = await withUserRead(sql, c.var.claims, (tx) => [
        assignmentQuery(tx, id),
        teacherQuery(tx, assignmentCourse(tx, id)),
        tx<SubmissionList['items']>`
          select s.id, s.user_id, coalesce((select nullif(p.display_name, '') from public.profiles p where p.id = s.user_id), 'Student') as student_name, s.submitted_at, s.late, s.version,
            g.submission_id is not null as graded, g.points::float8 as points, g.btec_grade
          from public.assignment_submissions s left join public.assignment_grades g on g.submission_id = s.id
          where s.assignment_id = ${id} order by s.submitted_at, s.id`,
        tx<SubmissionList['missing']>`
          select e.user_id, coalesce((select nullif(p.display_name, '') from public.profiles p where p.id = e.user_id), 'Student') as student_name from public.enrolments e
          where e.course_id = ${assignmentCourse(tx, id)}
            and not exists (select 1 from public.assignment_submissions s where s.assignment_id = ${id} and s.user_id = e.user_id)
            and not exists (select 1 from public.assignment_group_members m
                            join public.assignment_submissions s on s.group_id = m.group_id
                            where m.assignment_id = ${id} and m.user_id = e.user_id)
          order by 2, 1`,
      ])
      const body = { assignment: assignmentOf(assignment), items, missing }
      requireTeacherOf(teacher, "see students' submissions")
      return c.json(body, 200)
    })
    .openapi({ ...get, middleware: auth }, async (c) => {
      const { id } = c.req.valid('param')
      const [rows] = await withUserRead(sql, c.var.claims, (tx) => [submissionQuery(tx, id)])
      return c.json(submissionOf(rows), 200)
    })
    .openapi({ ...grade, middleware: auth }, async (c) => {
      const { id } = c.req.valid('param')
      const body = c.req.valid('json')
      const submission = await withUser(sql, c.var.claims, async (tx) => {
        const current = await readSubmission(tx, id)
        const [ok] = await tx<{ ok: boolean }[]>`
          select private.can_grade_course(s.course_id) as ok from public.assignment_submissions s where s.id = ${id}`
        if (!ok?.ok) throw forbidden('forbidden', "Only the course's teachers grade its submissions.")
        await tx`insert into public.assignment_grades (submission_id, assignment_id, course_id, user_id, criteria, raw_points, feedback)
          select s.id, s.assignment_id, s.course_id, s.user_id, ${tx.json((body.criteria ?? []) as never)},
                 ${body.points ?? null}, ${body.feedback ?? ''}
          from public.assignment_submissions s where s.id = ${current.id}
          on conflict (submission_id) do update set criteria = excluded.criteria, raw_points = excluded.raw_points,
            feedback = excluded.feedback`
        return readSubmission(tx, id)
      })
      return c.json(submission, 200)
    })
}

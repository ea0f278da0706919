import type { Assignment, Rubric, Submission } from '../../contract/assignments.ts'
import type { Answers, Tx } from '../../lib/db.ts'
import { notFound } from '../../lib/errors.ts'
import { type CourseRights, courseRightsOf, courseRightsQuery } from '../courses/access.ts'

// Reads of rubrics, assignments and submissions under RLS.

export const rubricColumns = (tx: Tx) => tx`
  r.id, r.tenant_id, r.kind, r.title, r.criteria, r.created_at, r.updated_at,
  case when r.kind = 'points' then coalesce((select sum((select max((l ->> 'points')::numeric)
    from jsonb_array_elements(c -> 'levels') l)) from jsonb_array_elements(r.criteria) c), 0) else 0 end::float8 as max_points,
  (select count(*)::int from public.assignments a where a.rubric_id = r.id) as used_by`

/** A rubric the caller sees (rows: none or one); unsent. `rubricOf` answers. */
export const rubricQuery = (tx: Tx, id: string) =>
  tx<Rubric[]>`select ${rubricColumns(tx)} from public.rubrics r where r.id = ${id}`

export function rubricOf([row]: readonly Rubric[]): Rubric {
  if (!row) throw notFound('rubric_not_found', 'No such rubric.')
  return row
}

export async function readRubric(tx: Tx, id: string): Promise<Rubric> {
  return rubricOf(await rubricQuery(tx, id))
}

const gradeJson = (tx: Tx) => tx`
  (select json_build_object('criteria', g.criteria, 'raw_points', g.raw_points::float8, 'points', g.points::float8,
     'max_points', g.max_points::float8, 'btec_grade', g.btec_grade, 'feedback', g.feedback,
     'graded_by_name', (select nullif(p.display_name, '') from public.profiles p where p.id = g.graded_by),
     'graded_at', g.graded_at)
   from public.assignment_grades g where g.submission_id = s.id)`

const historyJson = (tx: Tx) => tx`
  coalesce((select json_agg(json_build_object('changed_at', h.changed_at,
     'changed_by_name', (select nullif(p.display_name, '') from public.profiles p where p.id = h.changed_by),
     'before', h.before, 'after', h.after) order by h.changed_at, h.id)
   from public.grade_history h where h.submission_id = s.id), '[]'::json)`

const submissionColumns = (tx: Tx) => tx`
  s.id, s.assignment_id, s.user_id, coalesce((select nullif(p.display_name, '') from public.profiles p where p.id = s.user_id), 'Student') as student_name, s.body, s.files,
  s.version, s.submitted_at, s.late, ${gradeJson(tx)} as grade, ${historyJson(tx)} as history`

/** A submission the caller sees (rows: none or one); unsent. `submissionOf` answers. */
export const submissionQuery = (tx: Tx, id: string) => tx<Submission[]>`
  select ${submissionColumns(tx)} from public.assignment_submissions s where s.id = ${id}`

export function submissionOf([row]: readonly Submission[]): Submission {
  if (!row) throw notFound('submission_not_found', 'No such submission.')
  return row
}

export async function readSubmission(tx: Tx, id: string): Promise<Submission> {
  return submissionOf(await submissionQuery(tx, id))
}

const assignmentColumns = (tx: Tx) => tx`
  a.id, a.course_id, a.tenant_id, a.title, a.instructions, a.due_at, a.late_policy, a.late_penalty_percent,
  a.allow_text, a.allow_files, a.max_points::float8 as max_points, a.published_at, a.results_released_at,
  a.mode, a.module_id, a.position, a.created_at, a.updated_at,
  (select row_to_json(x) from (select ${rubricColumns(tx)} from public.rubrics r where r.id = a.rubric_id) x) as rubric,
  case when private.can_see_course_work(a.course_id) then null else
    (select row_to_json(x) from (select ${submissionColumns(tx)} from public.assignment_submissions s
      where s.assignment_id = a.id and (s.user_id = (select auth.uid()) or s.group_id in (
        select m.group_id from public.assignment_group_members m
        where m.assignment_id = a.id and m.user_id = (select auth.uid())))
      order by s.group_id nulls last limit 1) x) end as my_submission,
  case when private.can_see_course_work(a.course_id) then json_build_object(
    'submitted', (select count(*) from public.assignment_submissions s where s.assignment_id = a.id),
    'graded', (select count(*) from public.assignment_grades g where g.assignment_id = a.id)) end as counts`

/** A course's assignments the caller sees; unsent. */
export function readAssignments(tx: Tx, courseId: string) {
  return tx<Assignment[]>`select ${assignmentColumns(tx)} from public.assignments a
    where a.course_id = ${courseId} order by a.due_at nulls last, a.created_at, a.id`
}

/** An assignment the caller sees (rows: none or one); unsent. `assignmentOf` answers. */
export const assignmentQuery = (tx: Tx, id: string) =>
  tx<Assignment[]>`select ${assignmentColumns(tx)} from public.assignments a where a.id = ${id}`

export function assignmentOf([row]: readonly Assignment[]): Assignment {
  if (!row) throw notFound('assignment_not_found', 'No such assignment, or it is not open to you.')
  return row
}

export async function readAssignment(tx: Tx, id: string): Promise<Assignment> {
  return assignmentOf(await assignmentQuery(tx, id))
}

/** The course of an assignment the caller sees, as a subquery. */
export const assignmentCourse = (tx: Tx, id: string) =>
  tx`(select a.course_id from public.assignments a where a.id = ${id})`

/** assignmentRights's reads, unsent (for withUserRead); `assignmentRightsOf` answers. */
export function assignmentRightsQueries(tx: Tx, id: string) {
  return [assignmentQuery(tx, id), courseRightsQuery(tx, assignmentCourse(tx, id))] as const
}

export function assignmentRightsOf([assignment, rights]: Answers<
  ReturnType<typeof assignmentRightsQueries>
>): {
  assignment: Assignment
  rights: CourseRights
} {
  return { assignment: assignmentOf(assignment), rights: courseRightsOf(rights) }
}

/** An assignment the caller sees, with their rights on its course. */
export async function assignmentRights(
  tx: Tx,
  id: string,
): Promise<{ assignment: Assignment; rights: CourseRights }> {
  return assignmentRightsOf(await Promise.all(assignmentRightsQueries(tx, id)))
}

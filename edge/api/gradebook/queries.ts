import type postgres from 'postgres'
import type { Gradebook, GradebookCategory, GradebookItem, GradeOverride } from '../../contract/gradebook.ts'
import type { Answers, Tx } from '../../lib/db.ts'
import { type RawResult, rowOf } from './compute.ts'

// The gradebook's reads, under RLS as the caller: students (and parents) get released results only,
// because that is all quiz_results and assignment_grades show them.

export interface Student {
  user_id: string
  student_name: string
}

/** The students whose rows a gradebook reads: their ids, or SQL giving them as a uuid[]. */
type Users = string[] | postgres.Fragment

function readCategories(tx: Tx, courseId: string) {
  return tx<GradebookCategory[]>`
    select c.id, c.name, c.weight::float8 as weight, c.drop_lowest,
      coalesce((select array_agg(i.item_id order by i.item_id) from public.gradebook_items i where i.category_id = c.id), '{}') as item_ids
    from public.gradebook_categories c where c.course_id = ${courseId} order by c.position, c.name`
}

/** Published quizzes and assignments, by due/closing time then title. */
function readItems(tx: Tx, courseId: string) {
  return tx<GradebookItem[]>`
    select x.id, x.kind, x.title, i.category_id, x.closed, x.released, x.btec from (
      select q.id, 'quiz' as kind, q.title, coalesce(q.closes_at < now(), false) as closed,
        (q.release = 'on_submit' or q.results_released_at is not null) as released, false as btec,
        q.closes_at as due, q.created_at
      from public.quizzes q where q.course_id = ${courseId} and q.published_at is not null
      union all
      select a.id, 'assignment', a.title, coalesce(a.due_at < now(), false),
        a.results_released_at is not null,
        exists (select 1 from public.rubrics r where r.id = a.rubric_id and r.kind = 'btec'),
        a.due_at, a.created_at
      from public.assignments a where a.course_id = ${courseId} and a.published_at is not null
    ) x left join public.gradebook_items i on i.item_id = x.id
    order by x.due nulls last, x.created_at, x.title`
}

/**
 * Best quiz results and assignment grades of these students, as the result policies let the caller
 * see them (private.gradebook_results decides once per call: per-row RLS cost 1.5 s at 200 × 40).
 */
function readResults(tx: Tx, courseId: string, users: Users) {
  return tx<(RawResult & { user_id: string; item_id: string })[]>`
    select user_id, item_id, points, max_points, btec_grade from private.gradebook_results(${courseId}, ${users}::uuid[])`
}

function readOverrides(tx: Tx, courseId: string, users: Users) {
  return tx<(GradeOverride & { user_id: string; item_key: string })[]>`
    select user_id, item_key, percent::float8 as percent, reason, set_at from public.grade_overrides
    where course_id = ${courseId} and user_id = any (${users}::uuid[])`
}

/** Ended tutoring sessions of the course each student booked, and those they were in. */
function readAttendance(tx: Tx, courseId: string, users: Users) {
  return tx<{ user_id: string; attended: number; booked: number }[]>`
    select b.user_id, count(*)::int as booked,
      count(*) filter (where exists (select 1 from public.session_attendance a
        where a.session_id = s.id and a.user_id = b.user_id))::int as attended
    from public.tutoring_sessions s join public.session_bookings b on b.session_id = s.id
    where s.course_id = ${courseId} and s.status = 'ended' and b.user_id = any (${users}::uuid[])
    group by b.user_id`
}

/** The reads of a gradebook of these students, unsent (gradebookOf reads their answers). */
export function gradebookReads(tx: Tx, courseId: string, users: Users) {
  return [
    readCategories(tx, courseId),
    readItems(tx, courseId),
    readResults(tx, courseId, users),
    readOverrides(tx, courseId, users),
    readAttendance(tx, courseId, users),
  ] as const
}

/** The answers of queries sent together, in order. */

/** The gradebook of these students (already checked: the caller may see them) from gradebookReads's answers. */
export function gradebookOf(
  [categories, items, results, overrides, attendance]: Answers<ReturnType<typeof gradebookReads>>,
  course: { id: string; title: string },
  students: readonly Student[],
  rights: { can_edit: boolean; can_override: boolean },
): Gradebook {
  const byUser = <T extends { user_id: string }>(rows: readonly T[], key: (r: T) => string) => {
    const out = new Map<string, Map<string, T>>()
    for (const r of rows) {
      const m = out.get(r.user_id) ?? new Map<string, T>()
      m.set(key(r), r)
      out.set(r.user_id, m)
    }
    return out
  }
  const res = byUser(results, (r) => r.item_id)
  const ovr = byUser(overrides, (r) => r.item_key)
  const att = new Map(attendance.map((a) => [a.user_id, { attended: a.attended, booked: a.booked }]))
  const rows = students.map((s) =>
    rowOf(categories, items, {
      ...s,
      results: res.get(s.user_id) ?? new Map(),
      overrides: ovr.get(s.user_id) ?? new Map(),
      attendance: att.get(s.user_id) ?? { attended: 0, booked: 0 },
    }),
  )
  return { course_id: course.id, course_title: course.title, categories, items, rows, ...rights }
}

/** Enrolled students by name (teachers); unsent. */
export function enrolledStudents(tx: Tx, courseId: string) {
  return tx<Student[]>`
    select e.user_id, coalesce(nullif(p.display_name, ''), 'Student') as student_name
    from public.enrolments e left join public.profiles p on p.id = e.user_id
    where e.course_id = ${courseId} order by 2, 1`
}

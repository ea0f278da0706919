import type { Gradebook, GradebookCategory, GradebookItem, GradeOverride } from '../../contract/gradebook.ts'
import type { Tx } from '../../lib/db.ts'
import { type RawResult, rowOf } from './compute.ts'

// The gradebook's reads, under RLS as the caller: students (and parents) get released results only,
// because that is all quiz_results and assignment_grades show them.

interface Student {
  user_id: string
  student_name: string
}

async function readCategories(tx: Tx, courseId: string): Promise<GradebookCategory[]> {
  return tx<GradebookCategory[]>`
    select c.id, c.name, c.weight::float8 as weight, c.drop_lowest,
      coalesce((select array_agg(i.item_id order by i.item_id) from public.gradebook_items i where i.category_id = c.id), '{}') as item_ids
    from public.gradebook_categories c where c.course_id = ${courseId} order by c.position, c.name`
}

/** Published quizzes and assignments, by due/closing time then title. */
async function readItems(tx: Tx, courseId: string): Promise<GradebookItem[]> {
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
async function readResults(tx: Tx, courseId: string, users: string[]) {
  return tx<(RawResult & { user_id: string; item_id: string })[]>`
    select user_id, item_id, points, max_points, btec_grade from private.gradebook_results(${courseId}, ${users}::uuid[])`
}

async function readOverrides(tx: Tx, courseId: string, users: string[]) {
  return tx<(GradeOverride & { user_id: string; item_key: string })[]>`
    select user_id, item_key, percent::float8 as percent, reason, set_at from public.grade_overrides
    where course_id = ${courseId} and user_id = any (${users}::uuid[])`
}

/** Ended tutoring sessions of the course each student booked, and those they were in. */
async function readAttendance(tx: Tx, courseId: string, users: string[]) {
  return tx<{ user_id: string; attended: number; booked: number }[]>`
    select b.user_id, count(*)::int as booked,
      count(*) filter (where exists (select 1 from public.session_attendance a
        where a.session_id = s.id and a.user_id = b.user_id))::int as attended
    from public.tutoring_sessions s join public.session_bookings b on b.session_id = s.id
    where s.course_id = ${courseId} and s.status = 'ended' and b.user_id = any (${users}::uuid[])
    group by b.user_id`
}

/** The gradebook of these students (already checked: the caller may see them). */
export async function readGradebook(
  tx: Tx,
  course: { id: string; title: string },
  students: Student[],
  rights: { can_edit: boolean; can_override: boolean },
): Promise<Gradebook> {
  const users = students.map((s) => s.user_id)
  const [categories, items, results, overrides, attendance] = await Promise.all([
    readCategories(tx, course.id),
    readItems(tx, course.id),
    readResults(tx, course.id, users),
    readOverrides(tx, course.id, users),
    readAttendance(tx, course.id, users),
  ])
  const byUser = <T extends { user_id: string }>(rows: T[], key: (r: T) => string) => {
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

/** Enrolled students by name (teachers). */
export async function enrolledStudents(tx: Tx, courseId: string): Promise<Student[]> {
  return tx<Student[]>`
    select e.user_id, coalesce(nullif(p.display_name, ''), 'Student') as student_name
    from public.enrolments e left join public.profiles p on p.id = e.user_id
    where e.course_id = ${courseId} order by 2, 1`
}

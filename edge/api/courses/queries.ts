import type {
  Course,
  CourseAccess,
  CourseAuthor,
  CourseDetail,
  CourseModule,
  Lesson,
  LessonProgress,
} from '../../contract/courses.ts'
import type { Answers, Tx } from '../../lib/db.ts'

// Reads of courses, modules, lessons and authors as RLS lets the caller see them, and the writes
// of an order (positions). Shared by the course, module, lesson and author routes.

const courseColumns = (tx: Tx) => tx`
  c.id, c.tenant_id, c.title, c.summary, c.cover_image_url, c.level, c.learning_area, c.is_free,
  c.lesson_questions, c.created_by, c.created_at, c.updated_at`

/** One course as RLS lets the caller see it (rows: none or one), unsent. */
function courseQuery(tx: Tx, id: string) {
  return tx<Course[]>`select ${courseColumns(tx)} from public.courses c where c.id = ${id}`
}

/**
 * Course order of lessons `l` in their modules `m` (`left join public.course_modules m on m.id =
 * l.module_id`): module position then lesson position, unassigned lessons last.
 */
export const lessonOrder = (tx: Tx) =>
  tx`m.position nulls last, m.created_at, m.id, l.position, l.created_at, l.id`

/** Lessons of a course (or one lesson), by module position then lesson position; unassigned ones last. */
export function readLessons(tx: Tx, courseId: string | null, lessonId: string | null = null) {
  return tx<Lesson[]>`
    select l.id, l.course_id, l.module_id, l.title, l.position, l.created_by, l.created_at, l.updated_at,
      (select max(v.version) from public.lesson_versions v where v.lesson_id = l.id) as published_version
    from public.lessons l left join public.course_modules m on m.id = l.module_id
    where (${courseId}::uuid is null or l.course_id = ${courseId}::uuid)
      and (${lessonId}::uuid is null or l.id = ${lessonId}::uuid)
    order by ${lessonOrder(tx)}`
}

/** Modules of a course (or one module), by position. */
export function readModules(tx: Tx, courseId: string | null, moduleId: string | null = null) {
  return tx<CourseModule[]>`
    select m.id, m.course_id, m.title, m.position, m.created_at, m.updated_at
    from public.course_modules m
    where (${courseId}::uuid is null or m.course_id = ${courseId}::uuid)
      and (${moduleId}::uuid is null or m.id = ${moduleId}::uuid)
    order by m.position, m.created_at, m.id`
}

/**
 * Co-authors of a course (or one), editors first; RLS shows them to draft readers only. Emails
 * only where the contact rule allows (co-authors see names): private.contact_email.
 */
export function readAuthors(tx: Tx, courseId: string, userId: string | null = null) {
  return tx<CourseAuthor[]>`
    select a.user_id, coalesce(p.display_name, '') as display_name,
      private.contact_email(private.course_tenant(a.course_id), a.user_id) as email, a.role, a.created_at
    from public.course_authors a left join public.profiles p on p.id = a.user_id
    where a.course_id = ${courseId} and (${userId}::uuid is null or a.user_id = ${userId}::uuid)
    order by a.role, lower(coalesce(p.display_name, '')), a.user_id`
}

/** The caller's own progress through a course's lessons, first read first (RLS: while enrolled). */
export function readMyProgress(tx: Tx, courseId: string) {
  return tx<LessonProgress[]>`
    select p.lesson_id, p.first_read_at, p.last_read_at, p.completed_at
    from public.lesson_progress p
    where p.course_id = ${courseId} and p.user_id = (select auth.uid())
    order by p.first_read_at, p.lesson_id`
}

/**
 * The reads of GET /courses/:id, unsent (for withUserRead): the course, its modules, lessons and
 * authors (RLS shows those to draft readers only) and the caller's progress. `courseDetailOf` answers.
 */
export function courseDetailQueries(tx: Tx, id: string) {
  return [
    courseQuery(tx, id),
    readModules(tx, id),
    readLessons(tx, id),
    readAuthors(tx, id),
    readMyProgress(tx, id),
  ] as const
}

/** What a tuple of queries answers (as withUserRead and Promise.all give it). */

/** A course with its outline, authors (for draft readers), the caller's access and progress. */
export function courseDetailOf(
  [[course], modules, lessons, authors, progress]: Answers<ReturnType<typeof courseDetailQueries>>,
  access: CourseAccess,
): CourseDetail {
  const my_access = {
    edit: access.edit,
    read_draft: access.read_draft,
    manage: access.manage,
    enrolled: access.enrolled,
  }
  return {
    ...(course as Course),
    modules: [...modules],
    lessons: [...lessons],
    my_access,
    authors: access.read_draft ? [...authors] : [],
    my_progress: [...progress],
  }
}

/** A course with its outline, authors, the caller's access and progress (the answer of GET /courses/:id). */
export async function readCourseDetail(tx: Tx, id: string, access: CourseAccess): Promise<CourseDetail> {
  return courseDetailOf(await Promise.all(courseDetailQueries(tx, id)), access)
}

/** Sets position 0..n-1 of the lessons in order, and their module; rows already right are left alone. */
export async function writeLessonOrder(tx: Tx, moduleIds: (string | null)[], lessonIds: string[]) {
  if (lessonIds.length === 0) return
  await tx`
    update public.lessons l set module_id = o.module_id, position = o.position
    from unnest(${lessonIds}::uuid[], ${moduleIds}::uuid[], ${lessonIds.map((_, i) => i)}::int[])
      as o(id, module_id, position)
    where l.id = o.id and (l.module_id is distinct from o.module_id or l.position <> o.position)`
}

/** Sets position 0..n-1 of the modules in order. */
export async function writeModuleOrder(tx: Tx, moduleIds: string[]) {
  if (moduleIds.length === 0) return
  await tx`
    update public.course_modules m set position = o.position
    from unnest(${moduleIds}::uuid[], ${moduleIds.map((_, i) => i)}::int[]) as o(id, position)
    where m.id = o.id and m.position <> o.position`
}

/** Ids of the lessons in one list of a course (a module, or the unassigned ones), in order. */
export async function lessonList(tx: Tx, courseId: string, moduleId: string | null): Promise<string[]> {
  const rows = await tx<{ id: string }[]>`
    select l.id from public.lessons l
    where l.course_id = ${courseId} and l.module_id is not distinct from ${moduleId}::uuid
    order by l.position, l.created_at, l.id`
  return rows.map((r) => r.id)
}

/** `list` without `id`, with `id` inserted at `index` (clamped; at the end when undefined). */
export function placeAt(list: string[], id: string, index?: number): string[] {
  const rest = list.filter((x) => x !== id)
  const at = Math.min(Math.max(index ?? rest.length, 0), rest.length)
  return [...rest.slice(0, at), id, ...rest.slice(at)]
}

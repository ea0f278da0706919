import type { CourseAccess } from '../../contract/courses.ts'
import type { TenantRole } from '../../contract/tenancy.ts'
import type { Tx } from '../../lib/db.ts'
import { forbidden, notFound, unprocessable } from '../../lib/errors.ts'

// Who may do what with a course, read under RLS through the migration's own helpers
// (private.can_edit_course and friends), so the answers here and the policies never disagree.
// RLS still decides every statement that follows; these checks only make the answers readable:
// 404 for people outside the school, 403 for members without the right.

/** A course the caller can see, with their rights on it and their role in its school. */
export interface CourseRights extends CourseAccess {
  course_id: string
  tenant_id: string
  title: string
  is_free: boolean
  /** Sees modules and lessons: draft readers, the school's instructors, enrolled students. */
  outline: boolean
  /** The caller's role in the course's school (null for a platform super-admin). */
  role: TenantRole | null
}

const rightsColumns = (tx: Tx) => tx`
  c.id as course_id, c.tenant_id, c.title, c.is_free,
  private.can_edit_course(c.id) as edit, private.can_read_draft(c.id) as read_draft,
  private.can_manage_course(c.id) as manage, private.is_enrolled(c.id) as enrolled,
  private.can_see_outline(c.id) as outline,
  (select m.role from public.memberships m where m.tenant_id = c.tenant_id and m.user_id = (select auth.uid())) as role`

const noCourse = () => notFound('course_not_found', 'No such course, or you are not a member of its school.')

/** The caller's rights on a course; 404 when RLS hides the course (not a member of its school). */
export async function courseRights(tx: Tx, courseId: string): Promise<CourseRights> {
  const [row] = await tx<
    CourseRights[]
  >`select ${rightsColumns(tx)} from public.courses c where c.id = ${courseId}`
  if (!row) throw noCourse()
  return row
}

/**
 * The course of a module or lesson that RLS hides: 403 when the caller is a member of its school
 * (a student not enrolled, a parent), 404 when it does not exist or they are not.
 */
async function hiddenChild(tx: Tx, courseId: string | null, what: 'lesson' | 'module'): Promise<never> {
  if (courseId) {
    const [row] = await tx<{ member: boolean }[]>`
      select private.is_member(private.course_tenant(${courseId}::uuid)) as member`
    if (row?.member) throw forbidden('enrol_required', `Enrol in this course to see its ${what}s.`)
  }
  throw notFound(`${what}_not_found`, `No such ${what}, or you are not a member of its school.`)
}

/** A lesson's id, course, module and title with the caller's rights on its course. */
export interface LessonRights extends CourseRights {
  lesson_id: string
  module_id: string | null
  lesson_title: string
}

/** The caller's rights on a lesson's course; 404/403 when RLS hides the lesson (see hiddenChild). */
export async function lessonRights(tx: Tx, lessonId: string): Promise<LessonRights> {
  const [row] = await tx<LessonRights[]>`
    select l.id as lesson_id, l.module_id, l.title as lesson_title, ${rightsColumns(tx)}
    from public.lessons l join public.courses c on c.id = l.course_id
    where l.id = ${lessonId}`
  if (row) return row
  const [course] = await tx<{ id: string | null }[]>`select private.lesson_course(${lessonId}::uuid) as id`
  return hiddenChild(tx, course?.id ?? null, 'lesson')
}

/** A module's id and course with the caller's rights on the course; 404/403 as for lessons. */
export async function moduleRights(tx: Tx, moduleId: string): Promise<CourseRights & { module_id: string }> {
  const [row] = await tx<(CourseRights & { module_id: string })[]>`
    select m.id as module_id, ${rightsColumns(tx)}
    from public.course_modules m join public.courses c on c.id = m.course_id
    where m.id = ${moduleId}`
  if (row) return row
  const [course] = await tx<{ id: string | null }[]>`select private.module_course(${moduleId}::uuid) as id`
  return hiddenChild(tx, course?.id ?? null, 'module')
}

/** 403 unless the caller is an editor of the course. */
export function requireEdit(rights: CourseRights, action = 'do that'): void {
  if (!rights.edit) throw forbidden('course_editors_only', `Only the course's editors can ${action}.`)
}

/** 403 unless the caller manages the course (its editors, the school's owners and admins). */
export function requireManage(rights: CourseRights, action = 'do that'): void {
  if (!rights.manage) {
    throw forbidden(
      'course_managers_only',
      `Only the course's editors and the school's admins can ${action}.`,
    )
  }
}

/** 403 unless the caller reads the course's published lessons (draft readers and enrolled students). */
export function requireReader(rights: CourseRights): void {
  if (!rights.read_draft && !rights.enrolled) {
    throw forbidden('enrol_required', 'Enrol in this course to read its lessons.')
  }
}

/**
 * Rules our triggers raise as check violations (23514 without a constraint: "Co-authors must be
 * instructors…", "Only students of this school…") become a 422 with their message. Use as
 * `.catch(onRule)`; anything else passes through.
 */
export function onRule(error: unknown): never {
  const e = error as { code?: string; constraint_name?: string; message?: string }
  if (e?.code === '23514' && !e.constraint_name && e.message) throw unprocessable('rule_violated', e.message)
  throw error
}

/** Serialises changes to one course's order (positions), so concurrent moves never interleave. */
export async function lockCourseOrder(tx: Tx, courseId: string): Promise<void> {
  await tx`select pg_advisory_xact_lock(hashtextextended(${`course-order:${courseId}`}, 0))`
}

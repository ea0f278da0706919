import type postgres from 'postgres'
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

/**
 * The caller's rights on a course, unsent (for withUserRead); `courseRightsOf` reads its rows.
 * `courseId` may be a subquery (`tx\`(select q.course_id from … where q.id = ${id})\``).
 */
export function courseRightsQuery(tx: Tx, courseId: string | postgres.Fragment) {
  return tx<CourseRights[]>`select ${rightsColumns(tx)} from public.courses c where c.id = ${courseId}`
}

/** The rights row of courseRightsQuery; 404 when RLS hides the course (not a member of its school). */
export function courseRightsOf(rows: readonly CourseRights[]): CourseRights {
  const [row] = rows
  if (!row) throw noCourse()
  return row
}

/** The caller's rights on a course; 404 when RLS hides the course (not a member of its school). */
export async function courseRights(tx: Tx, courseId: string): Promise<CourseRights> {
  return courseRightsOf(await courseRightsQuery(tx, courseId))
}

/** A lesson's id, course, module and title with the caller's rights on its course. */
export interface LessonRights extends CourseRights {
  lesson_id: string
  module_id: string | null
  lesson_title: string
}

type ModuleRights = CourseRights & { module_id: string }

/**
 * The rights row of a lesson or module (`child`: a select of rightsColumns), always one row: all
 * null when RLS hides the child, then with `member`: whether the caller is a member of the school
 * of its course (`course`: private.lesson_course or module_course, which see through RLS).
 */
const childRights = <T>(tx: Tx, child: postgres.Fragment, course: postgres.Fragment) => tx<
  (T & { member: boolean | null })[]
>`
  select r.*, case when r.course_id is null then private.is_member(private.course_tenant(${course})) end as member
  from (select 1) one left join (${child}) r on true`

/**
 * The rights of a child row of childRights. When RLS hides it: 403 when the caller is a member of
 * its school (a student not enrolled, a parent), 404 when it does not exist or they are not.
 */
function childRightsOf<T extends CourseRights>(
  rows: readonly (T & { member: boolean | null })[],
  what: 'lesson' | 'module',
): T {
  const [row] = rows
  if (row?.course_id) {
    const { member: _, ...rights } = row
    return rights as unknown as T
  }
  if (row?.member) throw forbidden('enrol_required', `Enrol in this course to see its ${what}s.`)
  throw notFound(`${what}_not_found`, `No such ${what}, or you are not a member of its school.`)
}

/** The caller's rights on a lesson's course, unsent (for withUserRead); `lessonRightsOf` reads its rows. */
export function lessonRightsQuery(tx: Tx, lessonId: string) {
  return childRights<LessonRights>(
    tx,
    tx`select l.id as lesson_id, l.module_id, l.title as lesson_title, ${rightsColumns(tx)}
      from public.lessons l join public.courses c on c.id = l.course_id
      where l.id = ${lessonId}`,
    tx`private.lesson_course(${lessonId}::uuid)`,
  )
}

/** The rights of lessonRightsQuery; 404/403 when RLS hides the lesson (see childRightsOf). */
export function lessonRightsOf(rows: Awaited<ReturnType<typeof lessonRightsQuery>>): LessonRights {
  return childRightsOf(rows, 'lesson')
}

/** The caller's rights on a lesson's course; 404/403 when RLS hides the lesson (see childRightsOf). */
export async function lessonRights(tx: Tx, lessonId: string): Promise<LessonRights> {
  return lessonRightsOf(await lessonRightsQuery(tx, lessonId))
}

/** A module's id and course with the caller's rights on the course; 404/403 as for lessons. */
export async function moduleRights(tx: Tx, moduleId: string): Promise<ModuleRights> {
  const rows = await childRights<ModuleRights>(
    tx,
    tx`select m.id as module_id, ${rightsColumns(tx)}
      from public.course_modules m join public.courses c on c.id = m.course_id
      where m.id = ${moduleId}`,
    tx`private.module_course(${moduleId}::uuid)`,
  )
  return childRightsOf(rows, 'module')
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

import type { CourseAccess } from '../../../../edge/contract/courses.ts'
import type { TenantRole } from '../../../../edge/contract/tenancy.ts'

// Who reads which grades page of a course (the database decides what each sees: private.
// can_see_course_work for teachers, is_enrolled for a student, guardian_sees_course for a parent).

/** How someone meets a course's grades: the whole gradebook, their own, their children's, or not at all. */
export type GradesView = 'teacher' | 'student' | 'parent'

/**
 * Teachers are the course's co-authors and the school's staff who read its drafts, and every
 * instructor of the school; an enrolled student sees their own; a parent their linked children's.
 */
export function gradesView(role: TenantRole | null, access: CourseAccess): GradesView | undefined {
  if (access.read_draft || access.manage || access.edit || role === 'instructor') return 'teacher'
  if (access.enrolled) return 'student'
  if (role === 'parent') return 'parent'
  return undefined
}

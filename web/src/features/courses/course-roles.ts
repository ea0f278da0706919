import { inRoleGroup, TEACHING_ROLES } from '../../../../edge/contract/roles.ts'
import type { TenantRole } from '../../../../edge/contract/tenancy.ts'

/**
 * Teachers (owners, admins, instructors) create courses and can be co-authors (the database's
 * policies say the same).
 */
export const canCreateCourses = (role: TenantRole | null): boolean => inRoleGroup(TEACHING_ROLES, role)

/**
 * Who enrols students in a course: its managers (editors, school admins) and every instructor of
 * the school (RLS lets instructors enrol in any course of their school).
 */
export const canEnrolStudents = (role: TenantRole | null, manage: boolean): boolean =>
  manage || role === 'instructor'

/** Where a lesson opens for someone: the draft editor for draft readers, else the published page. */
export function lessonHref(slug: string, lessonId: string, readDraft: boolean): string {
  return `/t/${slug}/lessons/${lessonId}${readDraft ? '/edit' : ''}`
}

import type { TenantRole } from '../../../edge/contract/tenancy.ts'

/** Owners, admins and instructors create courses (the database's insert policy says the same). */
export const canCreateCourses = (role: TenantRole | null): boolean =>
  role === 'owner' || role === 'admin' || role === 'instructor'

/** Roles that can be a course's co-author (the database refuses anyone else). */
export const AUTHOR_ROLES: readonly TenantRole[] = ['owner', 'admin', 'instructor']

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

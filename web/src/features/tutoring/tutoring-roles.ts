import { ADMIN_ROLES, inRoleGroup, TEACHING_ROLES } from '../../../../edge/contract/roles.ts'
import type { TenantRole } from '../../../../edge/contract/tenancy.ts'

// Who does what with tutoring sessions, as the database decides it (supabase/migrations/*_tutoring.sql).

/** Teachers (owners, admins, instructors) schedule sessions and can be their tutor. */
export const canSchedule = (role: TenantRole | null | undefined): boolean => inRoleGroup(TEACHING_ROLES, role)

/**
 * The school's staff (owners, admins, staff) see every session's bookings, attendance, notes and
 * chat, and enter rooms as hidden observers.
 */
export const isSchoolStaff = (role: TenantRole | null | undefined): boolean =>
  inRoleGroup(ADMIN_ROLES, role) || role === 'staff'

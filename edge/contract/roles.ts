// Groups of tenant roles, one definition each. The database has the same groups as SQL functions
// (private.admin_roles(), private.support_roles(), private.teaching_roles()); a test keeps them equal.
import type { TenantRole } from './tenancy.ts'

/**
 * Roles in a tenant, most privileged first, as public.tenant_role orders them (here rather than in
 * tenancy.ts: no zod needed to read it). `partner`: an organisation sponsoring students' seats; it
 * is in no group below and sees the students' progress in aggregate only.
 */
export const TENANT_ROLES = ['owner', 'admin', 'instructor', 'staff', 'student', 'parent', 'partner'] as const

/** Administer a school: members, invitations, settings. */
export const ADMIN_ROLES: readonly TenantRole[] = ['owner', 'admin']

/** Work the school's support desk: see and answer every ticket. */
export const SUPPORT_ROLES: readonly TenantRole[] = ['owner', 'admin', 'staff']

/** Teach: author courses, run tutoring sessions. */
export const TEACHING_ROLES: readonly TenantRole[] = ['owner', 'admin', 'instructor']

/** True when `role` is one of `group`. */
export const inRoleGroup = (group: readonly TenantRole[], role: TenantRole | null | undefined): boolean =>
  role != null && group.includes(role)

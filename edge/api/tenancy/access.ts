import { ADMIN_ROLES, inRoleGroup } from '../../contract/roles.ts'
import type { TenantRole } from '../../contract/tenancy.ts'
import type { Tx } from '../../lib/db.ts'
import { forbidden, notFound } from '../../lib/errors.ts'

/** A school that RLS hides from the caller. */
export const schoolNotFound = () =>
  notFound('school_not_found', 'No such school, or you are not a member of it.')

export type RoleRow = { role: TenantRole | null }

/** The caller's membership in a school, read under RLS and unsent (for withUserRead); see tenantRoleIn. */
export const tenantRoleQuery = (tx: Tx, tenantId: string) => tx<RoleRow[]>`
  select m.role from public.tenants t
  left join public.memberships m on m.tenant_id = t.id and m.user_id = (select auth.uid())
  where t.id = ${tenantId}`

/**
 * The caller's role from tenantRoleQuery's rows: 404 when RLS hides the school (not a member),
 * `null` when it is visible without a membership (a platform super-admin).
 */
export function tenantRoleIn(rows: readonly RoleRow[]): TenantRole | null {
  const [row] = rows
  if (!row) throw schoolNotFound()
  return row.role
}

/** The caller's role in a school (tenantRoleIn). */
export async function tenantRole(tx: Tx, tenantId: string): Promise<TenantRole | null> {
  return tenantRoleIn(await tenantRoleQuery(tx, tenantId))
}

/** An owner or admin of the school. */
export const isAdmin = (role: TenantRole | null) => inRoleGroup(ADMIN_ROLES, role)

/**
 * From tenantRoleQuery's rows: 403 unless the caller is an owner or admin of the school (404 when
 * they cannot see it). This gives a readable answer; RLS still decides what the statements touch.
 */
export function adminRoleIn(rows: readonly RoleRow[]): TenantRole {
  const role = tenantRoleIn(rows)
  if (role === null || !isAdmin(role))
    throw forbidden('admins_only', 'Only owners and admins of this school can do that.')
  return role
}

/** 403 unless the caller is an owner or admin of the school, 404 when they cannot see it (adminRoleIn). */
export async function requireAdmin(tx: Tx, tenantId: string): Promise<TenantRole> {
  return adminRoleIn(await tenantRoleQuery(tx, tenantId))
}

import { ADMIN_ROLES, inRoleGroup } from '../../contract/roles.ts'
import type { TenantRole } from '../../contract/tenancy.ts'
import type { Tx } from '../../lib/db.ts'
import { forbidden, notFound } from '../../lib/errors.ts'

/**
 * The caller's role in a school, read under RLS: 404 when RLS hides the school (not a member),
 * `null` when it is visible without a membership (a platform super-admin).
 */
export async function tenantRole(tx: Tx, tenantId: string): Promise<TenantRole | null> {
  const [row] = await tx<{ role: TenantRole | null }[]>`
    select m.role from public.tenants t
    left join public.memberships m on m.tenant_id = t.id and m.user_id = (select auth.uid())
    where t.id = ${tenantId}`
  if (!row) throw notFound('school_not_found', 'No such school, or you are not a member of it.')
  return row.role
}

/** An owner or admin of the school. */
export const isAdmin = (role: TenantRole | null) => inRoleGroup(ADMIN_ROLES, role)

/**
 * 403 unless the caller is an owner or admin of the school (404 when they cannot see it). This
 * gives a readable answer; RLS still decides what the following statements may touch.
 */
export async function requireAdmin(tx: Tx, tenantId: string): Promise<TenantRole> {
  const role = await tenantRole(tx, tenantId)
  if (role === null || !isAdmin(role))
    throw forbidden('admins_only', 'Only owners and admins of this school can do that.')
  return role
}

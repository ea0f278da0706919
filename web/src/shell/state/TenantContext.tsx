import { type Accessor, createContext, useContext } from 'solid-js'
import { ADMIN_ROLES, inRoleGroup } from '../../../../edge/contract/roles.ts'
import type { TenantRef } from '../../api/queries.ts'

const TenantContext = createContext<Accessor<TenantRef>>()

export const TenantProvider = TenantContext.Provider

/** The school of the current /t/<slug> page. */
export function useTenant(): Accessor<TenantRef> {
  const tenant = useContext(TenantContext)
  if (!tenant) throw new Error('useTenant must be used inside /t/:slug.')
  return tenant
}

/** True for owners and admins (they manage members, invitations and settings). */
export const isAdminRole = (role: TenantRef['role']): boolean => inRoleGroup(ADMIN_ROLES, role)

import type { RoutePreloadFuncArgs } from '@solidjs/router'
import { ADMIN_ROLES, inRoleGroup } from '../../../../edge/contract/roles.ts'
import { getMembers, getTenantBySlug, preloadSignedIn } from '../../api/queries.ts'
import { getInvitations } from './api.ts'

export { getInvitations, getMembers }

/** Starts loading members and (admins) invitations with the page code. */
export function preloadMembers({ params }: RoutePreloadFuncArgs) {
  preloadSignedIn(() =>
    getTenantBySlug(params.slug ?? '').then((t) => {
      void getMembers(t.id).catch(() => {})
      if (inRoleGroup(ADMIN_ROLES, t.role)) void getInvitations(t.id).catch(() => {})
    }),
  )
}

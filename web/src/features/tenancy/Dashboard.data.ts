import type { RoutePreloadFuncArgs } from '@solidjs/router'
import { ADMIN_ROLES, inRoleGroup } from '../../../../edge/contract/roles.ts'
import { getMembers, getTenantBySlug, preloadSignedIn } from '../../api/queries.ts'
import { getInvitations } from './api.ts'

export { getInvitations, getMembers, getTenantBySlug }

/** Starts loading the school, its members and (admins) invitations while the page code loads. */
export function preloadDashboard({ params }: RoutePreloadFuncArgs) {
  preloadSignedIn(() =>
    getTenantBySlug(params.slug ?? '').then((t) => {
      void getMembers(t.id).catch(() => {})
      if (inRoleGroup(ADMIN_ROLES, t.role)) void getInvitations(t.id).catch(() => {})
    }),
  )
}

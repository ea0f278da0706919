import type { RoutePreloadFuncArgs } from '@solidjs/router'
import { ADMIN_ROLES, inRoleGroup } from '../../../../edge/contract/roles.ts'
import { getTenantBySlug, preloadSignedIn } from '../../api/queries.ts'
import { getInvitations, getMemberCounts } from './api.ts'

export { getInvitations, getMemberCounts, getTenantBySlug }

/** Starts loading the school, its member counts and (admins) invitations while the page code loads. */
export function preloadDashboard({ params }: RoutePreloadFuncArgs) {
  preloadSignedIn(() =>
    getTenantBySlug(params.slug ?? '').then((t) => {
      void getMemberCounts(t.id).catch(() => {})
      if (inRoleGroup(ADMIN_ROLES, t.role)) void getInvitations(t.id).catch(() => {})
    }),
  )
}

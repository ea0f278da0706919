import type { RoutePreloadFuncArgs } from '@solidjs/router'
import { ADMIN_ROLES } from '../../../edge/contract/roles.ts'
import { getInvitations, getMembers, getTenantBySlug, preloadSignedIn } from '../api/queries.ts'

export { getInvitations, getMembers, getTenantBySlug }

/** Starts loading the school, its members and (admins) invitations while the page code loads. */
export function preloadDashboard({ params }: RoutePreloadFuncArgs) {
  preloadSignedIn(() =>
    getTenantBySlug(params.slug ?? '').then((t) => {
      void getMembers(t.id).catch(() => {})
      if (t.role && ADMIN_ROLES.includes(t.role)) void getInvitations(t.id).catch(() => {})
    }),
  )
}

import type { RoutePreloadFuncArgs } from '@solidjs/router'
import { ADMIN_ROLES } from '../../../edge/contract/roles.ts'
import { getInvitations, getMembers, getTenantBySlug, preloadSignedIn } from '../api/queries.ts'

export { getInvitations, getMembers }

/** Starts loading members and (admins) invitations with the page code. */
export function preloadMembers({ params }: RoutePreloadFuncArgs) {
  preloadSignedIn(() =>
    getTenantBySlug(params.slug ?? '').then((t) => {
      void getMembers(t.id).catch(() => {})
      if (t.role && ADMIN_ROLES.includes(t.role)) void getInvitations(t.id).catch(() => {})
    }),
  )
}

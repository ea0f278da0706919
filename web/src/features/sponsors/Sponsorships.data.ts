import type { RoutePreloadFuncArgs } from '@solidjs/router'
import { ADMIN_ROLES, inRoleGroup } from '../../../../edge/contract/roles.ts'
import { getTenantBySlug, preloadSignedIn } from '../../api/queries.ts'
import { getSponsorships } from './api.ts'

export { getSponsorships }

/** Starts loading the school's sponsorships with the page code (owners, admins and partners). */
export function preloadSponsorships({ params }: RoutePreloadFuncArgs) {
  const slug = params.slug ?? ''
  preloadSignedIn(() =>
    getTenantBySlug(slug).then((t) => {
      if (inRoleGroup(ADMIN_ROLES, t.role) || t.role === 'partner') void getSponsorships(t.id).catch(() => {})
    }),
  )
}

import type { RoutePreloadFuncArgs } from '@solidjs/router'
import { ADMIN_ROLES, inRoleGroup } from '../../../../edge/contract/roles.ts'
import { getTenantBySlug, preloadSignedIn } from '../../api/queries.ts'
import { getPayouts } from './api.ts'

export { getPayouts }

/** Starts loading every instructor's payouts with the page code (owners and admins). */
export function preloadPayouts({ params }: RoutePreloadFuncArgs) {
  const slug = params.slug ?? ''
  preloadSignedIn(() =>
    getTenantBySlug(slug).then((t) => {
      if (inRoleGroup(ADMIN_ROLES, t.role)) void getPayouts(t.id, 'school').catch(() => {})
    }),
  )
}

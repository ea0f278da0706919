import type { RoutePreloadFuncArgs } from '@solidjs/router'
import { ADMIN_ROLES, inRoleGroup } from '../../../../edge/contract/roles.ts'
import { getTenantBySlug, preloadSignedIn } from '../../api/queries.ts'
import { getBilling } from './api.ts'

export { getBilling }

/** Starts loading the school's plan and use with the page code (owners and admins). */
export function preloadBilling({ params }: RoutePreloadFuncArgs) {
  const slug = params.slug ?? ''
  preloadSignedIn(() =>
    getTenantBySlug(slug).then((t) => {
      if (inRoleGroup(ADMIN_ROLES, t.role)) void getBilling(t.id).catch(() => {})
    }),
  )
}

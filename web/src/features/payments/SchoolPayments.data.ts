import type { RoutePreloadFuncArgs } from '@solidjs/router'
import { ADMIN_ROLES, inRoleGroup } from '../../../../edge/contract/roles.ts'
import { getTenantBySlug, preloadSignedIn } from '../../api/queries.ts'
import { getSchoolPayments } from './api.ts'

export { getSchoolPayments }

/** Starts loading the school's payments with the page code (owners and admins). */
export function preloadSchoolPayments({ params }: RoutePreloadFuncArgs) {
  const slug = params.slug ?? ''
  preloadSignedIn(() =>
    getTenantBySlug(slug).then((t) => {
      if (inRoleGroup(ADMIN_ROLES, t.role)) void getSchoolPayments(t.id).catch(() => {})
    }),
  )
}

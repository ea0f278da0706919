import type { RoutePreloadFuncArgs } from '@solidjs/router'
import { inRoleGroup, TEACHING_ROLES } from '../../../../edge/contract/roles.ts'
import { getTenantBySlug, preloadSignedIn } from '../../api/queries.ts'
import { getRubrics } from './api.ts'

export { getRubrics }

/** Starts loading the school's rubrics with the page code (teachers). */
export function preloadRubrics({ params }: RoutePreloadFuncArgs) {
  const slug = params.slug ?? ''
  preloadSignedIn(() =>
    getTenantBySlug(slug).then((t) => {
      if (inRoleGroup(TEACHING_ROLES, t.role)) void getRubrics(t.id).catch(() => {})
    }),
  )
}

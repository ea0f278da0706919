import type { RoutePreloadFuncArgs } from '@solidjs/router'
import { getTenantBySlug, preloadSignedIn } from '../../api/queries.ts'
import { getAssignment, getRubrics } from './api.ts'

export { getAssignment, getRubrics }

/** Starts loading the assignment and the school's rubrics (the picker) with the page code. */
export function preloadAssignmentEdit({ params }: RoutePreloadFuncArgs) {
  const id = params.id
  const slug = params.slug ?? ''
  if (id)
    preloadSignedIn(() => {
      void getAssignment(id).catch(() => {})
      void getTenantBySlug(slug)
        .then((t) => getRubrics(t.id))
        .catch(() => {})
    })
}

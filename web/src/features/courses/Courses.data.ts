import type { RoutePreloadFuncArgs } from '@solidjs/router'
import { getTenantBySlug, preloadSignedIn } from '../../api/queries.ts'
import { getCourses } from './api.ts'

export { getCourses }

/** Starts loading the school's courses with the page code. */
export function preloadCourses({ params }: RoutePreloadFuncArgs) {
  const slug = params.slug ?? ''
  preloadSignedIn(() => getTenantBySlug(slug).then((t) => void getCourses(t.id).catch(() => {})))
}

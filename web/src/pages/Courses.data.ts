import type { RoutePreloadFuncArgs } from '@solidjs/router'
import { getCourses } from '../api/courses.ts'
import { getTenantBySlug, preloadSignedIn } from '../api/queries.ts'

export { getCourses }

/** Starts loading the school's courses with the page code. */
export function preloadCourses({ params }: RoutePreloadFuncArgs) {
  const slug = params.slug ?? ''
  preloadSignedIn(() => getTenantBySlug(slug).then((t) => void getCourses(t.id).catch(() => {})))
}

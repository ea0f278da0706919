import type { RoutePreloadFuncArgs } from '@solidjs/router'
import { getTenantBySlug, preloadSignedIn } from '../../api/queries.ts'
import { getClasses } from './api.ts'

export { getClasses }

/** Starts loading the school's classes with the page code. */
export function preloadClasses({ params }: RoutePreloadFuncArgs) {
  const slug = params.slug ?? ''
  preloadSignedIn(() => getTenantBySlug(slug).then((t) => void getClasses(t.id).catch(() => {})))
}

import type { RoutePreloadFuncArgs } from '@solidjs/router'
import { getTenant, getTenantBySlug, preloadSignedIn } from '../../api/queries.ts'

export { getTenant }

/** Starts loading the school's details with the page code. */
export function preloadSettings({ params }: RoutePreloadFuncArgs) {
  preloadSignedIn(() => getTenantBySlug(params.slug ?? '').then((t) => getTenant(t.id)))
}

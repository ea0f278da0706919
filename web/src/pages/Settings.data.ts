import type { RoutePreloadFuncArgs } from '@solidjs/router'
import { getTenant, getTenantBySlug } from '../api/queries.ts'

export { getTenant }

/** Starts loading the school's details with the page code. */
export function preloadSettings({ params }: RoutePreloadFuncArgs) {
  getTenantBySlug(params.slug ?? '')
    .then((t) => void getTenant(t.id).catch(() => {}))
    .catch(() => {})
}

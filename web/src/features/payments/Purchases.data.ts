import type { RoutePreloadFuncArgs } from '@solidjs/router'
import { getTenantBySlug, preloadSignedIn } from '../../api/queries.ts'
import { getMyPayments } from './api.ts'

export { getMyPayments }

/** Starts loading my purchases with the page code. */
export function preloadPurchases({ params }: RoutePreloadFuncArgs) {
  const slug = params.slug ?? ''
  preloadSignedIn(() => getTenantBySlug(slug).then((t) => void getMyPayments(t.id).catch(() => {})))
}

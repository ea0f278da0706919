import type { RoutePreloadFuncArgs } from '@solidjs/router'
import { getTenant, getTenantBySlug, preloadSignedIn } from '../../api/queries.ts'
import { getTutoringSessions } from './api.ts'

export { getTenant, getTutoringSessions }

/** Starts loading the school's upcoming sessions with the page code. */
export function preloadTutoringSchedule({ params }: RoutePreloadFuncArgs) {
  // Read now: `params` follows the current location, which is not this page's until navigation ends.
  const slug = params.slug ?? ''
  preloadSignedIn(() => getTenantBySlug(slug).then((t) => void getTutoringSessions(t.id).catch(() => {})))
}

import type { RoutePreloadFuncArgs } from '@solidjs/router'
import { preloadSignedIn } from '../../api/queries.ts'
import { getAttempt } from './api.ts'

export { getAttempt }

/** Starts loading the attempt (questions, saved answers, deadline) with the page code. */
export function preloadAttempt({ params }: RoutePreloadFuncArgs) {
  // Read now: `params` follows the current location, which is not this page's until navigation ends.
  const id = params.id
  if (id) preloadSignedIn(() => void getAttempt(id).catch(() => {}))
}

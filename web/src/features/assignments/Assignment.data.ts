import type { RoutePreloadFuncArgs } from '@solidjs/router'
import { preloadSignedIn } from '../../api/queries.ts'
import { getAssignment } from './api.ts'

export { getAssignment }

/** Starts loading the assignment (with the student's own submission) with the page code. */
export function preloadAssignment({ params }: RoutePreloadFuncArgs) {
  // Read now: `params` follows the current location, which is not this page's until navigation ends.
  const id = params.id
  if (id) preloadSignedIn(() => void getAssignment(id).catch(() => {}))
}

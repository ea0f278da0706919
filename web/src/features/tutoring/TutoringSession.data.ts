import type { RoutePreloadFuncArgs } from '@solidjs/router'
import { preloadSignedIn } from '../../api/queries.ts'
import { getAttendance, getTutoringMessages, getTutoringSession } from './api.ts'

export { getAttendance, getTutoringMessages, getTutoringSession }

/** Starts loading the session (details, bookings, notes) with the page code. */
export function preloadTutoringSession({ params }: RoutePreloadFuncArgs) {
  // Read now: `params` follows the current location, which is not this page's until navigation ends.
  const id = params.id
  if (id) preloadSignedIn(() => void getTutoringSession(id).catch(() => {}))
}

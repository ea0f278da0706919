import type { RoutePreloadFuncArgs } from '@solidjs/router'
import { preloadSignedIn } from '../api/queries.ts'
import { getAttendance, getSession, getSessionMessages } from '../api/sessions.ts'

export { getAttendance, getSession, getSessionMessages }

/** Starts loading the session (details, bookings, notes) with the page code. */
export function preloadSession({ params }: RoutePreloadFuncArgs) {
  // Read now: `params` follows the current location, which is not this page's until navigation ends.
  const id = params.id
  if (id) preloadSignedIn(() => void getSession(id).catch(() => {}))
}

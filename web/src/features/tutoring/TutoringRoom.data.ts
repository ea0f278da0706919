import type { RoutePreloadFuncArgs } from '@solidjs/router'
import { getMembers, preloadSignedIn } from '../../api/queries.ts'
import { getTutoringSession } from './api.ts'

export { getMembers, getTutoringSession }

/** Starts loading the session with the room's code (livekit-client loads only when the room needs it). */
export function preloadTutoringRoom({ params }: RoutePreloadFuncArgs) {
  // Read now: `params` follows the current location, which is not this page's until navigation ends.
  const id = params.id
  if (id) preloadSignedIn(() => void getTutoringSession(id).catch(() => {}))
}

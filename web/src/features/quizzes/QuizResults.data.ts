import type { RoutePreloadFuncArgs } from '@solidjs/router'
import { preloadSignedIn } from '../../api/queries.ts'
import { getQuizResults } from './api.ts'

export { getQuizResults }

/** Starts loading the quiz's attempts with the page code. */
export function preloadQuizResults({ params }: RoutePreloadFuncArgs) {
  // Read now: `params` follows the current location, which is not this page's until navigation ends.
  const id = params.id
  if (id) preloadSignedIn(() => void getQuizResults(id).catch(() => {}))
}

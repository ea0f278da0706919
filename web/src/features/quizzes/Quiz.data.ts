import type { RoutePreloadFuncArgs } from '@solidjs/router'
import { preloadSignedIn } from '../../api/queries.ts'
import { getQuiz } from './api.ts'

export { getQuiz }

/** Starts loading the quiz (settings and the student's own attempts) with the page code. */
export function preloadQuiz({ params }: RoutePreloadFuncArgs) {
  // Read now: `params` follows the current location, which is not this page's until navigation ends.
  const id = params.id
  if (id) preloadSignedIn(() => void getQuiz(id).catch(() => {}))
}

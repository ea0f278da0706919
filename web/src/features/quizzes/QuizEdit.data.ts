import type { RoutePreloadFuncArgs } from '@solidjs/router'
import { preloadSignedIn } from '../../api/queries.ts'
import { getQuizEditor } from './api.ts'

export { getQuizEditor }

/** Starts loading the quiz with its questions and answer keys with the page code. */
export function preloadQuizEdit({ params }: RoutePreloadFuncArgs) {
  // Read now: `params` follows the current location, which is not this page's until navigation ends.
  const id = params.id
  if (id) preloadSignedIn(() => void getQuizEditor(id).catch(() => {}))
}

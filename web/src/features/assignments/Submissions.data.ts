import type { RoutePreloadFuncArgs } from '@solidjs/router'
import { preloadSignedIn } from '../../api/queries.ts'
import { getSubmissions } from './api.ts'

export { getSubmissions }

/** Starts loading the submissions (and who has none) with the page code. */
export function preloadSubmissions({ params }: RoutePreloadFuncArgs) {
  const id = params.id
  if (id) preloadSignedIn(() => void getSubmissions(id).catch(() => {}))
}

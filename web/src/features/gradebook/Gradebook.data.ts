import type { RoutePreloadFuncArgs } from '@solidjs/router'
import { preloadSignedIn } from '../../api/queries.ts'
import { getGradebook, loadGradebook } from './api.ts'

export { getGradebook, loadGradebook }

/** Starts loading the course's gradebook with the page code. */
export function preloadGradebook({ params }: RoutePreloadFuncArgs) {
  const id = params.courseId
  if (id) preloadSignedIn(() => void loadGradebook(id).catch(() => {}))
}

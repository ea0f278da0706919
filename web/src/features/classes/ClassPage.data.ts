import type { RoutePreloadFuncArgs } from '@solidjs/router'
import { preloadSignedIn } from '../../api/queries.ts'
import { getClass } from './api.ts'

export { getClass }

/** Starts loading the class with the page code. */
export function preloadClass({ params }: RoutePreloadFuncArgs) {
  const classId = params.classId ?? ''
  preloadSignedIn(() => void getClass(classId).catch(() => {}))
}

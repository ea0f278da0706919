import type { RoutePreloadFuncArgs } from '@solidjs/router'
import { getMembers, preloadSignedIn } from '../../api/queries.ts'
import { getCourse, getEnrolments } from './api.ts'

export { getCourse, getEnrolments, getMembers }

/** Starts loading the course (outline, access, authors) with the page code. */
export function preloadCourse({ params }: RoutePreloadFuncArgs) {
  // Read now: `params` follows the current location, which is not this page's until navigation ends.
  const id = params.courseId
  if (id) preloadSignedIn(() => void getCourse(id).catch(() => {}))
}

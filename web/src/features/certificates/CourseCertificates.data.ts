import type { RoutePreloadFuncArgs } from '@solidjs/router'
import { preloadSignedIn } from '../../api/queries.ts'
import { getCourse } from '../courses/api.ts'
import { getCompletionRules, getCourseCertificates } from './api.ts'

export { getCompletionRules, getCourse, getCourseCertificates }

/** Starts loading the course's certificates and completion rules with the page code. */
export function preloadCourseCertificates({ params }: RoutePreloadFuncArgs) {
  // Read now: `params` follows the current location, which is not this page's until navigation ends.
  const id = params.courseId
  if (!id) return
  preloadSignedIn(() => {
    void getCourse(id).catch(() => {})
    void getCourseCertificates(id).catch(() => {})
    void getCompletionRules(id).catch(() => {})
  })
}

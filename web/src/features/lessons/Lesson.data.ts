import type { RoutePreloadFuncArgs } from '@solidjs/router'
import { preloadSignedIn } from '../../api/queries.ts'
import { getCourse } from '../courses/api.ts'
import { getLesson, getPublished } from './api.ts'

export { getCourse, getLesson, getPublished }

/** Starts loading the lesson and its published version with the page code. */
export function preloadLesson({ params }: RoutePreloadFuncArgs) {
  // Read now: `params` follows the current location, which is not this page's until navigation ends.
  const id = params.lessonId
  if (!id) return
  preloadSignedIn(() => {
    void getLesson(id).catch(() => {})
    void getPublished(id).catch(() => {})
  })
}

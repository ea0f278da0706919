import type { RoutePreloadFuncArgs } from '@solidjs/router'
import { preloadSignedIn } from '../../api/queries.ts'
import { getCourse } from '../courses/api.ts'
import { getLesson } from './api.ts'

export { getCourse, getLesson }

/** Starts loading the lesson and then its course (title, outline, the caller's access) with the page code. */
export function preloadLessonEdit({ params }: RoutePreloadFuncArgs) {
  // Read now: `params` follows the current location, which is not this page's until navigation ends.
  const id = params.lessonId
  if (!id) return
  preloadSignedIn(() =>
    getLesson(id)
      .then((lesson) => (lesson.my_access.read_draft ? getCourse(lesson.course_id) : undefined))
      .catch(() => {}),
  )
}

import type { RoutePreloadFuncArgs } from '@solidjs/router'
import { getCourse, getLesson } from '../api/courses.ts'
import { preloadSignedIn } from '../api/queries.ts'

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

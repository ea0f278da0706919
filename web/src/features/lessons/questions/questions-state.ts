import { createResource } from 'solid-js'
import type { LessonQuestionList } from '../../../../../edge/contract/lesson-comments.ts'
import { useCourseLive } from '../../courses/course-live.ts'
import { fetchQuestions } from './api.ts'

/**
 * A lesson's questions as the caller sees them, fetched again when anyone comments on the lesson
 * (the course's live topic) or the connection comes back. `apply` shows a change's answer.
 */
export function createQuestions(lessonId: () => string, courseId: () => string | undefined) {
  const [list, { mutate, refetch }] = createResource(lessonId, fetchQuestions)
  useCourseLive(courseId, {
    onEvent: (e) => e.kind === 'comments' && e.lessonId === lessonId() && void refetch(),
    onResubscribed: () => void refetch(),
  })
  return {
    list,
    refetch,
    threads: () => list.latest?.threads ?? [],
    apply: async (next: Promise<LessonQuestionList>) => mutate(await next),
  }
}

import { query, revalidate } from '@solidjs/router'
import { createSignal } from 'solid-js'
import type { PublishedLesson } from '../../../../edge/contract/courses.ts'
import { ApiError } from '../../api/errors.ts'
import { api } from '../../lib/runtime.ts'
import { getCourse } from '../courses/api.ts'
import { getStudentHome } from '../home/api.ts'

// Loaders of lessons: the lesson, its published versions, what students read.

/** One lesson (title, course, module, latest published version number) with the caller's access. */
export const getLesson = query((id: string) => api().get('/lessons/:id', { params: { id } }), 'lesson')

/** Published versions of a lesson, newest first as the server sends them. */
export const getVersions = query(
  (lessonId: string) => api().get('/lessons/:id/versions', { params: { id: lessonId } }),
  'lessonVersions',
)

/** One version with its rendered HTML. */
export const getVersion = query(
  (lessonId: string, n: number) =>
    api().get('/lessons/:id/versions/:n', { params: { id: lessonId, n: String(n) } }),
  'lessonVersion',
)

/** What students read: the latest published version, or null when the lesson was never published. */
export const getPublished = query(async (lessonId: string): Promise<PublishedLesson | null> => {
  try {
    return await api().get('/lessons/:id/published', { params: { id: lessonId } })
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null
    throw error
  }
}, 'publishedLesson')

/**
 * The "done" marks saved in this tab, by lesson (the completion time, or null once undone): they
 * win over a course's `my_progress`, which a page may still hold from before the save (or be served
 * from the offline copy while it refreshes).
 */
const [savedMarks, setSavedMarks] = createSignal<Record<string, string | null>>({})

/** Whether a lesson is done by what was saved in this tab; undefined when nothing was. */
export function savedDone(lessonId: string): boolean | undefined {
  const mark = savedMarks()[lessonId]
  return mark === undefined ? undefined : mark !== null
}

/**
 * Records that the caller opened a published lesson, or (`done`) marks it done or not done. The
 * home's course progress and the course's outline are refreshed with the answer.
 */
export async function saveProgress(lessonId: string, done?: boolean) {
  const progress = await api().put('/lessons/:id/progress', done === undefined ? {} : { done }, {
    params: { id: lessonId },
  })
  if (done !== undefined) setSavedMarks((marks) => ({ ...marks, [lessonId]: progress.completed_at }))
  void revalidate([getStudentHome.key, getCourse.key])
  return progress
}

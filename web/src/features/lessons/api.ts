import { query } from '@solidjs/router'
import type { PublishedLesson } from '../../../../edge/contract/courses.ts'
import { ApiError } from '../../api/errors.ts'
import { api } from '../../lib/runtime.ts'

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

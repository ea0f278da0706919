import { query } from '@solidjs/router'
import type { PublishedLesson } from '../../../edge/contract/courses.ts'
import { api } from '../lib/runtime.ts'
import { ApiError } from './errors.ts'

// Loaders of courses and lessons, shared by the course pages and the lesson editor.

/** The courses of a school, with the caller's relation to each. */
export const getCourses = query(
  (tenantId: string) => api().get('/tenants/:tenantId/courses', { params: { tenantId } }),
  'courses',
)

/** One course with its modules, lessons (by position), the caller's access and co-authors. */
export const getCourse = query((id: string) => api().get('/courses/:id', { params: { id } }), 'course')

/** Students enrolled in a course (teachers). */
export const getEnrolments = query(
  (courseId: string) => api().get('/courses/:id/enrolments', { params: { id: courseId } }),
  'enrolments',
)

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

import { query } from '@solidjs/router'
import { api } from '../../lib/runtime.ts'

// Loaders of courses: the catalogue, one course with its outline, its students.

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
